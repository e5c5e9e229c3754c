import { resolve } from 'node:path';
import { AwsClients } from '../../lib/aws/clients';
import { resolveHomeRegion } from '../../lib/aws/region';
import { systemClock } from '../../lib/clock';
import { UsageError } from '../../lib/errors';
import { TrailEventLookup } from '../../scanner/collect/trail-events';
import { attributeDrift } from '../../scanner/drift/attribute';
import { driftOf } from '../../scanner/drift/drift';
import { formatDrift, type DriftReport } from '../../scanner/drift/format';
import { refreshOnlyPlan } from '../../scanner/drift/terraform';
import type { CommandInput } from '../commands';
import { EXIT, type CliIO } from '../io';

interface DriftFlags {
  readonly stack?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly output?: string;
}

/**
 * `pyjamas drift --stack <dir>`: Terraform's refresh-only plan of the deployed stack, each
 * drifted resource with the CloudTrail event that changed it. Exit 0 no drift, 1 drift, 2 could
 * not run.
 */
export async function run(input: CommandInput, io: CliIO): Promise<number> {
  const flags = input.options as unknown as DriftFlags;
  if (!flags.stack) {
    throw new UsageError(
      '--stack is required: the synthesized stack that was deployed, e.g. --stack cdktf.out/stacks/pyjamas-complete',
    );
  }
  const stack = resolve(flags.stack);
  const plan = await refreshOnlyPlan(stack, { env: process.env });
  const checkedAt = systemClock.now().toISOString();
  let drifted = driftOf(plan);
  if (drifted.length > 0) {
    const aws = new AwsClients({
      ...(flags.profile ? { profile: flags.profile } : {}),
      maxAttempts: 2,
    });
    try {
      const homeRegion = await resolveHomeRegion({
        ...(flags.region ? { region: flags.region } : {}),
        ...(flags.profile ? { profile: flags.profile } : {}),
      });
      drifted = await attributeDrift(drifted, new TrailEventLookup(aws), homeRegion);
    } finally {
      aws.destroy();
    }
  }
  const report: DriftReport = { stack, checkedAt, drifted };
  io.stdout.write(
    flags.output === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatDrift(report),
  );
  return drifted.length > 0 ? EXIT.failed : EXIT.ok;
}
