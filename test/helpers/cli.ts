import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What a `pyjamas` process did. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const BIN = join(__dirname, '..', '..', 'dist', 'cli', 'main.js');

let workingDirectory: string | undefined;

/**
 * The working directory every `pyjamas` run of this test process shares: a temporary folder, so
 * that what the CLI writes relative to it (the local evidence store `pyjamas-evidence/`) never
 * lands in the repository, while runs on one case still find each other's records.
 */
export function cliWorkingDirectory(): string {
  if (!workingDirectory) {
    const folder = mkdtempSync(join(tmpdir(), 'pyjamas-cli-cwd-'));
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
    workingDirectory = folder;
  }
  return workingDirectory;
}

/**
 * Runs the built `pyjamas` binary (dist/, made by `npm run build`, which `npm test` runs
 * first) as a user would, with `env` added to a clean environment, in
 * {@link cliWorkingDirectory}.
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
      cwd: cliWorkingDirectory(),
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
