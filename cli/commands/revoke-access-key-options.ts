import { InvalidArgumentError } from 'commander';
import { MAX_LOOKBACK_DAYS } from '../../responders/revoke-access-key/cloudtrail';
import { OPTIONS, RESPONSE_OPTIONS, type OptionSpec } from '../options';

/** IAM role names: up to 64 letters, digits and `+=,.@_-`. */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** The options of `pyjamas revoke-access-key`, beside the shared ones. */
export const REVOKE_ACCESS_KEY_OPTIONS: readonly OptionSpec[] = [
  {
    ...OPTIONS.caseId,
    description: 'incident case id (required); tags and evidence are filed under it',
  },
  {
    ...OPTIONS.regions,
    description:
      'regions whose CloudTrail is searched for the key, comma-separated and repeatable; default: every enabled region',
  },
  {
    flags: '--deactivate-other-keys',
    description: "also deactivate the owner's other active access keys (each listed in the plan)",
  },
  {
    flags: '--delete-login-profile',
    description: "also delete the owner's console password (IAM cannot deactivate one)",
  },
  {
    flags: '--keep-minting-key',
    description:
      'for a temporary key from GetSessionToken, leave active the long-term key that minted it (by default it is deactivated, since it can mint another session); the key is then reported not contained',
  },
  {
    flags: '--revoke-role <name>',
    description:
      'revoke the older sessions of this role too (repeatable); every session of the role issued before now is denied',
    parse: (value: string, previous: unknown) => {
      if (!ROLE_NAME.test(value))
        throw new InvalidArgumentError(
          `"${value}" is not an IAM role name (up to 64 letters, digits and +=,.@_-)`,
        );
      return [...(Array.isArray(previous) ? (previous as string[]) : []), value];
    },
  },
  {
    flags: '--revoke-assumed-roles',
    description:
      'revoke the older sessions of every role CloudTrail shows the key assumed (read before containment, so slower)',
  },
  {
    flags: '--revoke-again',
    description: 'move a session revocation already in place to now, even when it covers the key',
  },
  {
    flags: '--lookback-days <days>',
    description: `how far back CloudTrail is searched (1 to ${MAX_LOOKBACK_DAYS}, LookupEvents' limit)`,
    defaultValue: MAX_LOOKBACK_DAYS,
    parse: (value: string) => {
      const days = Number(value);
      if (!Number.isInteger(days) || days < 1 || days > MAX_LOOKBACK_DAYS) {
        throw new InvalidArgumentError(
          `expected a whole number of days from 1 to ${MAX_LOOKBACK_DAYS}, got "${value}"`,
        );
      }
      return days;
    },
  },
  ...RESPONSE_OPTIONS,
];
