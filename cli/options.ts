import { InvalidArgumentError } from 'commander';
import { isRegionName } from '../lib/aws/clients';
import { validateBucketName } from '../lib/aws/names';

/** One command-line option of the declarative command table. */
export interface OptionSpec {
  /** Commander flags, e.g. `--regions <list>`. */
  readonly flags: string;
  readonly description: string;
  readonly defaultValue?: unknown;
  /** Turns the text into a value; `previous` is the value so far (for repeatable options). */
  readonly parse?: (value: string, previous: unknown) => unknown;
  /** Allowed values, listed in help. */
  readonly choices?: readonly string[];
}

/** A validator's UsageError as commander's own refusal of an option value (exit 2, with help). */
function usage<T>(validate: () => T): T {
  try {
    return validate();
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** Comma-separated and repeatable: `--regions a,b --regions c` gives [a, b, c]. */
function list(validate?: (item: string) => void) {
  return (value: string, previous: unknown): string[] => {
    const items = value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    if (items.length === 0) throw new InvalidArgumentError('expected a comma-separated list');
    items.forEach((item) => validate?.(item));
    return [...(Array.isArray(previous) ? (previous as string[]) : []), ...items];
  };
}

function region(name: string): void {
  if (!isRegionName(name))
    throw new InvalidArgumentError(`"${name}" is not a region name such as eu-west-1`);
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 256) {
    throw new InvalidArgumentError(`expected a whole number from 1 to 256, got "${value}"`);
  }
  return number;
}

/**
 * A repeatable option whose every value must be one of `choices` (`--output json --output csv`).
 * Give the same `defaults` array as the option's default: commander hands it to the first
 * value, which replaces it rather than adding to it.
 */
export function repeatableChoice(choices: readonly string[], defaults: readonly string[]) {
  return (value: string, previous: unknown): string[] => {
    if (!choices.includes(value))
      throw new InvalidArgumentError(`Allowed choices are ${choices.join(', ')}.`);
    const earlier = Array.isArray(previous) && previous !== defaults ? (previous as string[]) : [];
    return [...earlier, value];
  };
}

/** A 12-digit AWS account id, as `--account`, `--accounts` and `--excluded-accounts` take them. */
export function accountId(id: string): string {
  if (!/^\d{12}$/.test(id))
    throw new InvalidArgumentError(
      `"${id}" is not an AWS account id (12 digits, e.g. 123456789012)`,
    );
  return id;
}

/** A comma-separated, repeatable list of account ids. */
export const accountList = list(accountId);

/** An IAM role name: 1 to 64 of letters, digits and `+=,.@_-` (IAM's own rule). */
export function roleName(value: string): string {
  if (!/^[\w+=,.@-]{1,64}$/.test(value))
    throw new InvalidArgumentError(
      `"${value}" is not an IAM role name (1 to 64 letters, digits and +=,.@_-; give the name, not the ARN or path)`,
    );
  return value;
}

/** An STS external id: 2 to 1224 of letters, digits and `+=,.@:/_-` (AssumeRole's rule). */
export function externalId(value: string): string {
  if (!/^[\w+=,.@:/-]{2,1224}$/.test(value))
    throw new InvalidArgumentError(
      "an external id is 2 to 1224 letters, digits and +=,.@:/_- (no spaces); use the one the role's trust policy names",
    );
  return value;
}

/** A whole number from 1 to `max`, named in the error. */
export function wholeNumberUpTo(max: number) {
  return (value: string): number => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1 || number > max)
      throw new InvalidArgumentError(`expected a whole number from 1 to ${max}, got "${value}"`);
    return number;
  };
}

/** A whole number of days, 1 to 3650. */
export function wholeDays(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 3650)
    throw new InvalidArgumentError(
      `expected a whole number of days from 1 to 3650, got "${value}"`,
    );
  return number;
}

/** Options shared by several commands, so they read the same everywhere. */
export const OPTIONS = {
  region: {
    flags: '--region <region>',
    description:
      'region for the first calls (who you are, which regions are enabled); default: AWS_REGION, the profile, or us-east-1',
    parse: (value: string) => {
      region(value);
      return value;
    },
  },
  regions: {
    flags: '--regions <list>',
    description: 'regions to scan, comma-separated and repeatable; default: every enabled region',
    parse: list(region),
  },
  excludedRegions: {
    flags: '--excluded-regions <list>',
    description: 'regions to leave out, comma-separated and repeatable',
    parse: list(region),
  },
  profile: {
    flags: '--profile <name>',
    description: 'AWS profile from the shared config (SSO profiles work)',
  },
  output: {
    flags: '--output <format>',
    description: 'report format',
    choices: ['console', 'json'],
    defaultValue: 'console',
  },
  outputFile: {
    flags: '--output-file <file>',
    description: 'write the report to a file instead of standard output',
  },
  concurrency: {
    flags: '--concurrency <n>',
    description: 'AWS requests in flight at once',
    defaultValue: 10,
    parse: positiveInteger,
  },
  asOf: {
    flags: '--as-of <time>',
    description: 'judge age-based checks as of this ISO 8601 time instead of now',
  },
  checks: {
    flags: '--checks <list>',
    description: 'run only these check ids, comma-separated and repeatable',
    parse: list(),
  },
  dryRun: {
    flags: '--dry-run',
    description: 'print the plan with its exact API inputs and change nothing',
  },
  yes: {
    flags: '--yes',
    description: 'do not ask for confirmation (required when standard input is not a terminal)',
  },
  caseId: {
    flags: '--case <id>',
    description: 'incident case id; tags and evidence are filed under it',
  },
  evidenceBucket: {
    flags: '--evidence-bucket <name>',
    description:
      'evidence bucket to use; default: the bucket tagged pyjamas:component=evidence-bucket',
    parse: (value: string) => usage(() => validateBucketName(value, '--evidence-bucket')),
  },
  noEvidenceBucket: {
    flags: '--no-evidence-bucket',
    description:
      'use no evidence bucket: the record is kept in ./pyjamas-evidence in the current folder',
  },
  evidenceBucketOwner: {
    flags: '--evidence-bucket-owner <account-id>',
    description:
      'account that must own the evidence bucket (sent as ExpectedBucketOwner on every S3 call); default: your own account',
    parse: accountId,
  },
  evidenceAccount: {
    flags: '--account <account-id>',
    description:
      "member account whose evidence is read, in an organization's central evidence bucket (under cases/<account-id>/); default: your own account when the bucket belongs to another, else the bucket owner's own cases",
    parse: accountId,
  },
  chainHeadFile: {
    flags: '--chain-head-file <file>',
    description:
      "append the case's new chain head (SHA-256, key, version) to this file as a JSON line, to keep outside AWS",
  },
  unlockedEvidenceBucket: {
    flags: '--unlocked-evidence-bucket',
    description:
      'file evidence in a bucket without Object Lock in COMPLIANCE mode (refused otherwise); the record says so',
  },
} as const satisfies Record<string, OptionSpec>;

/** Options every responder command takes, after its own: where, as whom, how, and the evidence. */
export const RESPONSE_OPTIONS: readonly OptionSpec[] = [
  OPTIONS.region,
  OPTIONS.profile,
  OPTIONS.dryRun,
  OPTIONS.yes,
  OPTIONS.evidenceBucket,
  OPTIONS.noEvidenceBucket,
  OPTIONS.evidenceBucketOwner,
  OPTIONS.unlockedEvidenceBucket,
  OPTIONS.chainHeadFile,
  OPTIONS.output,
];
