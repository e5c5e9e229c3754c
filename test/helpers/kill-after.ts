import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { cliWorkingDirectory } from './cli';
import { onAnswered, type FaultProxy, type LoggedRequest } from './fault-proxy';
import { mutatingRequests } from './mutating-requests';

const BIN = join(__dirname, '..', '..', 'dist', 'cli', 'main.js');

/** What a killed `pyjamas` run did before it was killed. */
export interface KilledRun {
  /** The mutating requests answered before the kill; the last one is the k-th. */
  readonly answered: readonly LoggedRequest[];
  /** The signal that ended the process, or null when it ended by itself first. */
  readonly signal: NodeJS.Signals | null;
}

/**
 * Watches `proxy` and runs the built `pyjamas` binary as {@link runPyjamas} does, killing it
 * with SIGKILL the moment the proxy has moto's answer to its `k`-th mutating request, before the
 * answer reaches the process: the change is made in AWS, and the process never learns it.
 */
export function killerFor(
  proxy: FaultProxy,
): (
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  k: number,
) => Promise<KilledRun> {
  let current: ((entry: LoggedRequest) => void) | undefined;
  onAnswered(proxy, (entry) => current?.(entry));
  return (args, env, k) =>
    new Promise((resolve, reject) => {
      const answered: LoggedRequest[] = [];
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd: cliWorkingDirectory(),
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      current = (entry) => {
        if (mutatingRequests([entry]).length === 0) return;
        answered.push(entry);
        if (answered.length === k) {
          child.kill('SIGKILL');
          current = undefined;
        }
      };
      child.once('error', reject);
      child.once('close', (_code, signal) => {
        current = undefined;
        resolve({ answered, signal });
      });
      child.stdin.end('');
    });
}
