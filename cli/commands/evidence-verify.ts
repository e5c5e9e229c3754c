import { validateCaseId } from '../../responders/core/case-id';
import { verifyCaseEvidence } from '../../responders/core/verify-evidence';
import type { CommandInput } from '../commands';
import { EXIT, type CliIO } from '../io';
import { withResponseSession, type ResponseFlags } from '../response';

/** Options of `pyjamas evidence verify`, as commander parses them. */
interface VerifyFlags extends ResponseFlags {
  readonly case?: string;
}

/** Re-hashes a case's evidence; exit 1 when anything does not match. */
export async function run(input: CommandInput, io: CliIO): Promise<number> {
  const flags = input.options as unknown as VerifyFlags;
  const caseId = validateCaseId(flags.case);
  return withResponseSession(flags, io, async ({ evidence }) => {
    if (!evidence) return EXIT.couldNotRun;
    const result = await verifyCaseEvidence(evidence, caseId);
    if (flags.output === 'json') {
      io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      io.stdout.write(
        `Case ${caseId} in ${result.location}: ${result.manifests} manifests, ${result.artifacts} objects checked.\n`,
      );
      for (const problem of result.problems) io.stdout.write(`  FAILED ${problem}\n`);
      for (const key of result.unlisted) io.stdout.write(`  not in any manifest: ${key}\n`);
      io.stdout.write(
        result.ok
          ? 'Every SHA-256 matches and the manifest chain is intact.\n'
          : 'Evidence verification FAILED.\n',
      );
    }
    return result.ok ? EXIT.ok : EXIT.failed;
  });
}
