import { UsageError } from '../../lib/errors';

/**
 * An access key id as AWS issues them: `AKIA` for a long-term key of an IAM user or of the root
 * user, `ASIA` for temporary credentials from STS, then 16 upper-case letters or digits.
 */
export const ACCESS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{16}$/;

/** Prefixes of other IAM unique ids that people paste by mistake, and what they are. */
const NOT_A_KEY: readonly (readonly [string, string])[] = [
  ['AIDA', 'an IAM user id'],
  ['AROA', 'an IAM role id'],
  ['AGPA', 'an IAM group id'],
  ['ANPA', 'a managed policy id'],
  ['AIPA', 'an instance profile id'],
];

/**
 * Checks an access key id before any AWS call.
 *
 * @throws UsageError naming the expected form, and what the value is when it is another IAM id
 */
export function validateAccessKeyId(value: unknown): string {
  if (typeof value === 'string' && ACCESS_KEY_ID.test(value)) return value;
  const text = typeof value === 'string' ? value : value == null ? '' : JSON.stringify(value);
  const other = NOT_A_KEY.find(([prefix]) => text.startsWith(prefix));
  const hint = other ? ` (it looks like ${other[1]}, not an access key id)` : '';
  throw new UsageError(
    `access key id ${JSON.stringify(text)} is not valid${hint}: expected AKIA (long-term) or ASIA (temporary) followed by 16 upper-case letters or digits, e.g. AKIAIOSFODNN7EXAMPLE`,
  );
}

/** True for `ASIA…` keys: temporary credentials that cannot be deactivated, only outlived or denied. */
export function isTemporaryKey(accessKeyId: string): boolean {
  return accessKeyId.startsWith('ASIA');
}
