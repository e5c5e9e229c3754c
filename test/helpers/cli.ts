import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** What a `pyjamas` process did. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const BIN = join(__dirname, '..', '..', 'dist', 'cli', 'main.js');

/**
 * Runs the built `pyjamas` binary (dist/, made by `npm run build`, which `npm test` runs
 * first) as a user would, with `env` added to a clean environment.
 */
export function runPyjamas(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  stdin?: string,
  /** Working directory, e.g. where a local evidence folder may be written. */
  cwd?: string,
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
      ...(cwd ? { cwd } : {}),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}
