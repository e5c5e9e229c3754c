import { covers } from './glob';
import type { RequestContext, Tri } from './request';

/** A policy's `Condition` block as stored. */
export type ConditionBlock = {
  readonly [operator: string]: {
    readonly [key: string]: string | boolean | readonly (string | boolean)[];
  };
};

type Compare = (actual: string, expected: string) => boolean;

const lower = (text: string) => text.toLowerCase();
const number = (text: string) => Number(text);
const date = (text: string) => (/^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text));

/** Base operators whose comparison Pyjamas can decide; the "Not" forms negate them. */
const COMPARISONS: Readonly<Record<string, Compare>> = {
  stringequals: (a, e) => a === e,
  stringequalsignorecase: (a, e) => lower(a) === lower(e),
  stringlike: (a, e) => covers(e, a),
  arnequals: (a, e) => a === e,
  arnlike: (a, e) => covers(e, a),
  bool: (a, e) => lower(a) === lower(e),
  numericequals: (a, e) => number(a) === number(e),
  numericlessthan: (a, e) => number(a) < number(e),
  numericlessthanequals: (a, e) => number(a) <= number(e),
  numericgreaterthan: (a, e) => number(a) > number(e),
  numericgreaterthanequals: (a, e) => number(a) >= number(e),
  dateequals: (a, e) => date(a) === date(e),
  datelessthan: (a, e) => date(a) < date(e),
  datelessthanequals: (a, e) => date(a) <= date(e),
  dategreaterthan: (a, e) => date(a) > date(e),
  dategreaterthanequals: (a, e) => date(a) >= date(e),
};

/** The negated operators and the comparison they negate. */
const NEGATIONS: Readonly<Record<string, string>> = {
  stringnotequals: 'stringequals',
  stringnotequalsignorecase: 'stringequalsignorecase',
  stringnotlike: 'stringlike',
  arnnotequals: 'arnequals',
  arnnotlike: 'arnlike',
  numericnotequals: 'numericequals',
  datenotequals: 'dateequals',
};

interface Operator {
  readonly set: 'any' | 'all' | null;
  readonly base: string;
  readonly ifExists: boolean;
}

function parseOperator(text: string): Operator {
  let rest = lower(text);
  let set: Operator['set'] = null;
  if (rest.startsWith('foranyvalue:')) {
    set = 'any';
    rest = rest.slice('foranyvalue:'.length);
  } else if (rest.startsWith('forallvalues:')) {
    set = 'all';
    rest = rest.slice('forallvalues:'.length);
  }
  const ifExists = rest.endsWith('ifexists');
  return { set, base: ifExists ? rest.slice(0, -'ifexists'.length) : rest, ifExists };
}

/**
 * Decides one `operator: { key: values }` entry. Unknown keys and operators Pyjamas cannot
 * evaluate (IpAddress, Binary, unknown names) give `maybe`: the statement then depends on the
 * request, which callers report as "conditional" rather than guess.
 */
function decideEntry(
  operatorText: string,
  key: string,
  expected: readonly string[],
  context: RequestContext,
): Tri {
  const operator = parseOperator(operatorText);
  if (!context.has(lower(key))) return 'maybe';
  const actual = context.get(lower(key)) ?? null;
  if (operator.base === 'null') {
    const wantsAbsent = expected.some((value) => lower(value) === 'true');
    return (actual === null) === wantsAbsent ? 'yes' : 'no';
  }
  const negated = NEGATIONS[operator.base];
  const compare = COMPARISONS[negated ?? operator.base];
  if (!compare) return 'maybe';
  if (actual === null || actual.length === 0) {
    // AWS: a missing key fails a positive operator and satisfies a negated one, *IfExists
    // operators and ForAllValues (vacuously).
    if (operator.ifExists || operator.set === 'all' || negated) return 'yes';
    return 'no';
  }
  const positive = (value: string) => expected.some((wanted) => compare(value, wanted));
  const matches = negated ? (value: string) => !positive(value) : positive;
  const holds = operator.set === 'all' ? actual.every(matches) : actual.some(matches);
  return holds ? 'yes' : 'no';
}

/** Every entry of a Condition block must hold: `no` if one fails, `maybe` if one is undecided. */
export function decideConditions(block: ConditionBlock | undefined, context: RequestContext): Tri {
  if (!block) return 'yes';
  let result: Tri = 'yes';
  for (const [operator, entries] of Object.entries(block)) {
    for (const [key, raw] of Object.entries(entries)) {
      const expected = (Array.isArray(raw) ? raw : [raw]).map(String);
      const entry = decideEntry(operator, key, expected, context);
      if (entry === 'no') return 'no';
      if (entry === 'maybe') result = 'maybe';
    }
  }
  return result;
}
