import { AwsClients, globalRegionOf, partitionOfRegion } from '../../lib/aws/clients';
import { resolveHomeRegion } from '../../lib/aws/region';
import { systemClock } from '../../lib/clock';
import { validateCaseId } from '../../responders/core/case-id';
import { chooseEvidenceStore } from '../../responders/core/plumbing';
import { verifyCaseEvidence } from '../../responders/core/verify-evidence';
import type { CommandInput } from '../commands';
import { EXIT, type CliIO } from '../io';

interface VerifyFlags {
  readonly case?: string;
  readonly region?: string;
  readonly profile?: string;
  /** A bucket name, or false for `--no-evidence-bucket` (commander pairs the two flags). */
  readonly evidenceBucket?: string | false;
  readonly output: 'console' | 'json';
}

/** Re-hashes a case's evidence; exit 1 when anything does not match. */
export async function run(input: CommandInput, io: CliIO): Promise<number> {
  const flags = input.options as unknown as VerifyFlags;
  const caseId = validateCaseId(flags.case);
  const aws = new AwsClients(flags.profile ? { profile: flags.profile } : {});
  try {
    const region = await resolveHomeRegion({ ...(flags.region ? { region: flags.region } : {}), ...(flags.profile ? { profile: flags.profile } : {}) });
    const store = await chooseEvidenceStore({
      aws,
      clock: systemClock,
      region,
      globalRegion: globalRegionOf(partitionOfRegion(region)),
      ...(flags.evidenceBucket ? { bucket: flags.evidenceBucket } : {}),
      noEvidenceBucket: flags.evidenceBucket === false,
    });
    const result = await verifyCaseEvidence(store, caseId);
    if (flags.output === 'json') {
      io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      io.stdout.write(`Case ${caseId} in ${result.location}: ${result.manifests} manifests, ${result.artifacts} objects checked.\n`);
      for (const problem of result.problems) io.stdout.write(`  FAILED ${problem}\n`);
      for (const key of result.unlisted) io.stdout.write(`  not in any manifest: ${key}\n`);
      io.stdout.write(result.ok ? 'Every SHA-256 matches and the manifest chain is intact.\n' : 'Evidence verification FAILED.\n');
    }
    return result.ok ? EXIT.ok : EXIT.failed;
  } finally {
    aws.destroy();
  }
}
