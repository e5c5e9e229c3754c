import { UsageError } from '../../lib/errors';
import { validateCaseId } from '../../responders/core/case-id';
import { verifyCaseEvidence } from '../../responders/core/verify-evidence';
import type { CommandInput } from '../commands';
import { EXIT, type CliIO } from '../io';
import { withResponseSession, type ResponseFlags } from '../response';

/** Options of `pyjamas evidence verify`, as commander parses them. */
interface VerifyFlags extends ResponseFlags {
  readonly case?: string;
  readonly expectHead?: string;
  /** The member account whose cases are read, in a central bucket. */
  readonly account?: string;
}

/**
 * Checks a case's evidence (hashes, versions, retention, the chain and, with `--expect-head`,
 * where it ends); exit 1 when anything does not hold.
 */
export async function run(input: CommandInput, io: CliIO): Promise<number> {
  const flags = input.options as unknown as VerifyFlags;
  const caseId = validateCaseId(flags.case);
  const expectHead = flags.expectHead?.toLowerCase();
  if (expectHead !== undefined && !/^[0-9a-f]{64}$/.test(expectHead))
    throw new UsageError(
      `--expect-head takes the chain head's SHA-256 (64 hexadecimal digits, as the response printed it), got ${JSON.stringify(flags.expectHead)}`,
    );
  // Verification reports each object's retention itself, so an unlocked bucket is checked too.
  const session = {
    ...flags,
    unlockedEvidenceBucket: true,
    ...(flags.account ? { evidenceAccount: flags.account } : {}),
  };
  return withResponseSession(session, io, async ({ evidence }) => {
    if (!evidence) return EXIT.couldNotRun;
    const result = await verifyCaseEvidence(
      evidence,
      caseId,
      expectHead !== undefined ? { expectHead } : {},
    );
    if (flags.output === 'json') {
      io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      io.stdout.write(
        `Case ${caseId} in ${result.location}: ${result.manifests} manifests, ${result.artifacts} objects checked.\n`,
      );
      for (const problem of result.problems) io.stdout.write(`  FAILED ${problem}\n`);
      for (const key of result.unlisted) io.stdout.write(`  not in any manifest: ${key}\n`);
      if (result.head)
        io.stdout.write(
          `Chain head: ${result.head.sha256} (${result.head.key}${result.head.versionId ? `, version ${result.head.versionId}` : ''})\n`,
        );
      io.stdout.write(
        result.ok
          ? `Every SHA-256 matches and the manifest chain is intact${expectHead ? ' and ends at the expected head' : ''}.\n`
          : 'Evidence verification FAILED.\n',
      );
    }
    return result.ok ? EXIT.ok : EXIT.failed;
  });
}
