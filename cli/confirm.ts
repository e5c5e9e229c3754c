import { createInterface } from 'node:readline/promises';
import { UsageError } from '../lib/errors';
import type { CliIO } from './io';

/**
 * Asks before a command changes AWS. `--yes` skips the question; without a terminal to ask on,
 * the command refuses rather than hang or proceed unasked.
 *
 * @returns true to proceed
 * @throws UsageError when standard input is not a terminal and `yes` is not set
 */
export async function confirm(io: CliIO, question: string, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (!io.stdin.isTTY) {
    throw new UsageError(
      'refusing to change AWS without --yes: standard input is not a terminal to confirm on (use --dry-run to only see the plan)',
    );
  }
  const prompt = createInterface({ input: io.stdin, output: io.stderr });
  try {
    const answer = await prompt.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}
