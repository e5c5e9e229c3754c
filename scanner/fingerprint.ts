import { createHash } from 'node:crypto';

/**
 * Stable identity of a finding across scans: the same check on the same resource in the same
 * account and region always has the same fingerprint, whatever its status or message.
 */
export function fingerprint(
  checkId: string,
  account: string,
  region: string,
  resourceArn: string,
): string {
  return createHash('sha256')
    .update([checkId, account, region, resourceArn].join('\n'))
    .digest('hex')
    .slice(0, 32);
}
