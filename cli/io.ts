/** The process surface a command uses, injectable so the CLI runs in-process in tests. */
export interface CliIO {
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

/** The real process. */
export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColour(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}

/** Exit codes of every command. */
export const EXIT = {
  /** Clean: no failed findings, or the response succeeded. */
  ok: 0,
  /** Failed findings, or a failed response. */
  failed: 1,
  /** Could not run: usage, credentials, unreadable input. */
  couldNotRun: 2,
} as const;
