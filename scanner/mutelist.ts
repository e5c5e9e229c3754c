import { parseInstant } from '../lib/clock';
import { UsageError } from '../lib/errors';
import type { Tags } from './model/finding';

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
  /**
   * Regular expression (JavaScript syntax, unanchored) over the resource ARN, for what `*`
   * cannot say, e.g. `^arn:aws:rds:[^:]+:[0-9]+:db:(dev|test)-`.
   */
  readonly resourceRegex?: string;
  /**
   * `key=value` patterns over the resource's tags, `*` allowed in both; every one must match a
   * tag. Only resources whose collector reads tags carry them, so a rule with tags never mutes
   * an account-level finding.
   */
  readonly tags?: readonly string[];
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
  readonly tags?: Tags;
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
      const { checkId, region, resource, resourceRegex, tags, reason, expires } = rule as Record<
        string,
        unknown
      >;
      if (typeof checkId !== 'string' || !checkId)
        throw new UsageError(`${where} needs a "checkId" pattern`);
      if (typeof reason !== 'string' || !reason.trim())
        throw new UsageError(`${where} needs a "reason": say why the finding is accepted`);
      for (const [field, value] of Object.entries({ region, resource, resourceRegex, expires })) {
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
      if (typeof resourceRegex === 'string') compileRegex(resourceRegex, where);
      if (tags !== undefined) checkTagPatterns(tags, where);
      return {
        checkId,
        reason,
        ...(typeof region === 'string' ? { region } : {}),
        ...(typeof resource === 'string' ? { resource } : {}),
        ...(typeof resourceRegex === 'string' ? { resourceRegex } : {}),
        ...(Array.isArray(tags) ? { tags: tags as string[] } : {}),
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
        matches(rule.resource ?? '*', finding.resourceId)) &&
      (rule.resourceRegex === undefined ||
        new RegExp(rule.resourceRegex).test(finding.resourceArn)) &&
      (rule.tags ?? []).every((pattern) => tagMatches(pattern, finding.tags ?? {})),
  );
}

function compileRegex(source: string, where: string): RegExp {
  try {
    return new RegExp(source);
  } catch (error) {
    throw new UsageError(
      `${where} "resourceRegex" is not a valid regular expression: ${(error as Error).message}; escape literal characters such as ( or [ with a backslash`,
      { cause: error },
    );
  }
}

function checkTagPatterns(tags: unknown, where: string): void {
  if (!Array.isArray(tags) || tags.length === 0)
    throw new UsageError(`${where} "tags" must be a non-empty array of "key=value" patterns`);
  for (const pattern of tags) {
    if (typeof pattern !== 'string' || pattern.indexOf('=') < 1)
      throw new UsageError(
        `${where} tag pattern ${JSON.stringify(pattern)} must have the form "key=value" (use "key=*" for any value)`,
      );
  }
}

/** `key=value` (globs allowed on both sides) against any one tag; split at the first `=`. */
function tagMatches(pattern: string, tags: Tags): boolean {
  const at = pattern.indexOf('=');
  const key = pattern.slice(0, at);
  const value = pattern.slice(at + 1);
  return Object.entries(tags).some(
    ([tagKey, tagValue]) => matches(key, tagKey) && matches(value, tagValue),
  );
}

function matches(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
  return regex.test(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
