import type { VerificationResult } from '../core/record';
import type { MemoryFinishDescription } from './description';

const RUNNING = new Set(['Pending', 'InProgress', 'Delayed']);

/**
 * Post-conditions on a fresh read (`after`): once the capture has ended, the capture group is on
 * no interface and the scratch volume on no instance; when it succeeded, the image is sealed
 * with a version and the composite SHA-256 S3 computed from the parts it verified, and the
 * scratch volume is gone.
 */
export function checkFinished(after: MemoryFinishDescription): VerificationResult[] {
  if (!after.capture || RUNNING.has(after.capture.status)) return [];
  const capture = new Set(after.captureGroupIds);
  const holding = after.interfaces.filter((eni) => eni.groupIds.some((id) => capture.has(id)));
  const results: VerificationResult[] = [
    {
      check: 'capture group detached',
      ok: holding.length === 0,
      detail:
        holding.length === 0
          ? 'no interface of the instance holds a memory-capture group'
          : `still on ${holding.map((eni) => eni.networkInterfaceId).join(', ')}`,
    },
    {
      check: 'scratch volume detached',
      ok: !after.scratch?.attachedTo,
      detail: after.scratch?.attachedTo
        ? `${after.scratch.volumeId} is attached to ${after.scratch.attachedTo}`
        : 'no scratch volume is attached',
    },
  ];
  if (after.capture.status !== 'Success' || after.partListProblem) return results;
  const sealed = after.sealed;
  results.push({
    check: 'image sealed by S3',
    ok: !!sealed?.versionId && /-\d+$/.test(sealed.checksumSha256 ?? ''),
    detail: sealed
      ? `${after.imageKey ?? ''} version ${sealed.versionId ?? 'none'}, S3 SHA-256 ${sealed.checksumSha256 ?? 'none'}`
      : `${after.imageKey ?? 'the image'} is not in the bucket`,
  });
  results.push({
    check: 'scratch volume deleted',
    ok: !after.scratch || !sealed,
    detail: after.scratch ? `${after.scratch.volumeId} is ${after.scratch.state}` : 'deleted',
  });
  return results;
}
