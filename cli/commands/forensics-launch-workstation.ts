import { UsageError } from '../../lib/errors';
import { validateCaseId } from '../../responders/core/case-id';
import type { RunRecord } from '../../responders/core/record';
import { launchResponder } from '../../responders/forensic-workstation/responder';
import type { CommandInput } from '../commands';
import type { CliIO } from '../io';
import { runResponse, withResponseSession, type ResponseFlags } from '../response';

interface LaunchFlags extends ResponseFlags {
  readonly case?: string;
  readonly subnet?: string;
  readonly instanceType?: string;
  readonly launchTemplate?: string;
}

const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;
const LAUNCH_TEMPLATE_ID = /^lt-[0-9a-f]{17}$/;
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

function checked(
  flag: string,
  value: string | undefined,
  pattern: RegExp,
  example: string,
): string | undefined {
  if (value === undefined) return undefined;
  if (!pattern.test(value))
    throw new UsageError(`${flag} takes an id like ${example}, got ${JSON.stringify(value)}`);
  return value;
}

/** The workstation the run launched, started or found, from the verification's detail. */
function workstationOf(record: RunRecord): string | undefined {
  return /^(i-[0-9a-f]+) is running$/.exec(
    record.verification.find((result) => result.check === 'workstation running' && result.ok)
      ?.detail ?? '',
  )?.[1];
}

/**
 * `forensics launch-workstation`: one running forensic workstation for the case, launched from
 * the module's launch template; a rerun finds it and launches nothing.
 */
export async function run(input: CommandInput, io: CliIO): Promise<number> {
  const flags = input.options as unknown as LaunchFlags;
  const caseId = validateCaseId(flags.case);
  const subnetId = checked('--subnet', flags.subnet, SUBNET_ID, 'subnet-0123456789abcdef0');
  const launchTemplateId = checked(
    '--launch-template',
    flags.launchTemplate,
    LAUNCH_TEMPLATE_ID,
    'lt-0123456789abcdef0',
  );
  const instanceType = checked('--instance-type', flags.instanceType, INSTANCE_TYPE, 'r6i.2xlarge');
  return withResponseSession(flags, io, (session) =>
    runResponse(
      io,
      flags,
      session,
      launchResponder(
        session.aws,
        {
          region: session.region,
          caseId,
          ...(subnetId ? { subnetId } : {}),
          ...(launchTemplateId ? { launchTemplateId } : {}),
        },
        instanceType ? { instanceType } : {},
      ),
      {
        presentation: {
          recordNote: (record) => {
            const instanceId = workstationOf(record);
            return instanceId
              ? `Workstation ${instanceId}: pyjamas forensics attach --case ${caseId} gives it the case's volumes; aws ssm start-session --target ${instanceId} opens a shell.\n`
              : '';
          },
        },
      },
    ),
  );
}
