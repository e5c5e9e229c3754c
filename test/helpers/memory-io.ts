import { PassThrough } from 'node:stream';
import type { CliIO } from '../../cli/io';

/** A CliIO over memory streams, with what was written kept as text. */
export interface MemoryIO extends CliIO {
  readonly out: () => string;
  readonly err: () => string;
}

/** In-process CLI runs: `tty` marks stdout/stderr/stdin as terminals. */
export function memoryIO(
  options: { readonly env?: NodeJS.ProcessEnv; readonly tty?: boolean } = {},
): MemoryIO {
  const stdout = Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
  const stderr = Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
  const stdin = Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { stdout, stderr, stdin, env: options.env ?? {}, out: () => out, err: () => err };
}
