import { validateCaseId } from '../../responders/core/case-id';
import { attachResponder } from '../../responders/forensic-workstation/responder';
import { validateInstanceId } from '../../responders/isolate-ec2-instance/read';
import type { CommandInput } from '../commands';
import type { CliIO } from '../io';
import { runResponse, withResponseSession, type ResponseFlags } from '../response';

interface AttachFlags extends ResponseFlags {
  readonly case?: string;
  readonly workstation?: string;
}

/**
 * Attaches working copies of the case's snapshots to the forensic workstation: the one named,
 * or the case's own from `forensics launch-workstation`.
 */
export async function run(input: CommandInput, io: CliIO): Promise<number> {
  const flags = input.options as unknown as AttachFlags;
  const caseId = validateCaseId(flags.case);
  const workstation =
    flags.workstation === undefined ? {} : { workstationId: validateInstanceId(flags.workstation) };
  return withResponseSession(flags, io, (session) =>
    runResponse(
      io,
      flags,
      session,
      attachResponder(session.aws, { region: session.region, caseId, ...workstation }),
    ),
  );
}
