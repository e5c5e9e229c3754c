import { UsageError } from '../../lib/errors';
import { validateCaseId } from '../../responders/core/case-id';
import { S3EvidenceStore, type EvidenceStore } from '../../responders/core/evidence';
import { validateInstanceId } from '../../responders/isolate-ec2-instance/read';
import { finishCaptureResponder } from '../../responders/memory-capture/responder';
import type { CommandInput } from '../commands';
import type { CliIO } from '../io';
import { runResponse, withResponseSession, type ResponseFlags } from '../response';
import { wholeNumber } from './isolate-instance';

interface FinishFlags extends ResponseFlags {
  readonly case?: string;
  readonly instance?: string;
  readonly uploadTimeout: string;
}

/**
 * `forensics finish-memory-capture`: once the capture `isolate-instance --capture-memory`
 * started has ended, uploads the image in parts S3 verifies, completes the upload, detaches the
 * capture group and removes the scratch volume. Waits for the upload, up to `--upload-timeout`.
 */
export async function run(input: CommandInput, io: CliIO): Promise<number> {
  const flags = input.options as unknown as FinishFlags;
  const caseId = validateCaseId(flags.case);
  const instanceId = validateInstanceId(flags.instance);
  const uploadTimeoutSeconds = wholeNumber('--upload-timeout', flags.uploadTimeout, 300, 43_200);
  return withResponseSession(flags, io, (session) => {
    const bucket = session.evidence instanceof S3EvidenceStore ? session.evidence : undefined;
    if (!bucket)
      throw new UsageError(
        'finish-memory-capture uploads the image to the evidence bucket: it needs one (it cannot be combined with --no-evidence-bucket)',
      );
    return runResponse(
      io,
      flags,
      session,
      finishCaptureResponder(
        session.aws,
        {
          region: session.region,
          caseId,
          instanceId,
          evidence: bucket,
          // The capture, its scratch volume and the upload are those the case's records name.
          records: [session.evidence, session.fallbackEvidence].filter(
            (store): store is EvidenceStore => store !== undefined,
          ),
        },
        { uploadTimeoutSeconds },
      ),
    );
  });
}
