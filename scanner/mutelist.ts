import { parseInstant } from '../lib/clock';
import { UsageError } from '../lib/errors';

/**
 * Mutes matching findings: they keep their status but no longer fail the scan. Patterns accept
 * `*` as a wildcard; every given field must match.
 */
export interface MuteRule {
  /** Check id pattern, e.g. `ec2_*`. */
  readonly checkId: string;
  /** @default "*" */
  readonly region?: string;
  /** Pattern over the resource ARN or id. @default "*" */
  readonly resource?: string;
  /** Why the finding is accepted; shown in every report. */
  readonly reason: string;
  /** ISO date after which the rule stops muting. @default - never expires */
  readonly expires?: string;
}

/** A parsed mutelist: rules tried in order, the first match mutes. */
export interface Mutelist {
  readonly rules: readonly MuteRule[];
}

/** Where a finding is matched against the mutelist. */
export interface MutableFinding {
  readonly checkId: string;
  readonly region: string;
  readonly resourceArn: string;
  readonly resourceId: string;
}

/**
 * What the patterns of a rule may hold besides `*`: check ids and region names are plain
 * identifiers, so any other character (a regular expression, a typo) could never match.
 */
const PATTERN_CHARACTERS = {
  checkId: { pattern: /^[a-z0-9_*]+$/, words: 'lower-case letters, digits, "_"' },
  region: { pattern: /^[a-z0-9\-*]+$/, words: 'lower-case letters, digits, "-"' },
} as const;

/**
 * Parses a mutelist file: `{ "rules": [ { "checkId": "...", "reason": "...", ... } ] }`.
 *
 * @throws UsageError naming the rule and field that is wrong: a missing field, a pattern with
 *   characters no check id or region has, an expiry that is not an ISO 8601 time or not a real date
 */
export function parseMutelist(text: string, source: string): Mutelist {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`mutelist ${source} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const rules = (parsed as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules))
    throw new UsageError(`mutelist ${source} must be an object with a "rules" array`);
  return {
    rules: rules.map((rule: unknown, index): MuteRule => {
      const where = `mutelist ${source} rule ${index + 1}`;
      if (typeof rule !== 'object' || rule === null)
        throw new UsageError(`${where} must be an object`);
      const { checkId, region, resource, reason, expires } = rule as Record<string, unknown>;
      if (typeof checkId !== 'string' || !checkId)
        throw new UsageError(`${where} needs a "checkId" pattern`);
      if (typeof reason !== 'string' || !reason.trim())
        throw new UsageError(`${where} needs a "reason": say why the finding is accepted`);
      for (const [field, value] of Object.entries({ region, resource, expires })) {
        if (value !== undefined && typeof value !== 'string')
          throw new UsageError(`${where} field "${field}" must be a string`);
      }
      for (const [field, value] of Object.entries({ checkId, region })) {
        const allowed = PATTERN_CHARACTERS[field as keyof typeof PATTERN_CHARACTERS];
        if (typeof value === 'string' && !allowed.pattern.test(value))
          throw new UsageError(
            `${where} field "${field}" ${JSON.stringify(value)} may hold only ${allowed.words} and * as a wildcard (patterns are not regular expressions)`,
          );
      }
      if (typeof expires === 'string') {
        try {
          parseInstant(expires, `${where} "expires"`);
        } catch (error) {
          throw new UsageError((error as Error).message, { cause: error });
        }
      }
      return {
        checkId,
        reason,
        ...(typeof region === 'string' ? { region } : {}),
        ...(typeof resource === 'string' ? { resource } : {}),
        ...(typeof expires === 'string' ? { expires } : {}),
      };
    }),
  };
}

/** The first rule that mutes `finding` at `now`, if any; expired rules mute nothing. */
export function matchMuteRule(
  mutelist: Mutelist,
  finding: MutableFinding,
  now: Date,
): MuteRule | undefined {
  return mutelist.rules.find(
    (rule) =>
      (!rule.expires || new Date(rule.expires).getTime() > now.getTime()) &&
      matches(rule.checkId, finding.checkId) &&
      matches(rule.region ?? '*', finding.region) &&
      (matches(rule.resource ?? '*', finding.resourceArn) ||
        matches(rule.resource ?? '*', finding.resourceId)),
  );
}

function matches(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
  return regex.test(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
