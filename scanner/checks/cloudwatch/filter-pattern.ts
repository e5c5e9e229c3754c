/**
 * CloudWatch Logs JSON filter patterns (`{ $.eventName = "X" && ... }`), parsed and evaluated
 * against sample CloudTrail records. A metric filter covers a CIS control when it matches every
 * sample record of the control's event set: that follows the benchmark's intent (the filter fires
 * on each listed event) instead of comparing pattern text, which any reordering or extra
 * whitespace defeats.
 */

/** A JSON CloudTrail record, as far as patterns look into it. */
export type LogRecord = { readonly [field: string]: unknown };

type Node =
  | { readonly kind: 'and' | 'or'; readonly left: Node; readonly right: Node }
  | {
      readonly kind: 'compare';
      readonly path: readonly string[];
      readonly op: '=' | '!=' | '<' | '>' | '<=' | '>=';
      readonly value: string;
      readonly quoted: boolean;
    }
  | {
      readonly kind: 'test';
      readonly path: readonly string[];
      readonly test: 'EXISTS' | 'NOT EXISTS' | 'IS NULL' | 'IS TRUE' | 'IS FALSE';
    };

/** A parsed pattern: `matches(record)` says whether CloudWatch Logs would count the record. */
export interface FilterPattern {
  matches(record: LogRecord): boolean;
}

/**
 * Parses a JSON filter pattern.
 *
 * @throws Error naming what could not be read, for space-delimited patterns, regular
 *   expressions and anything else this evaluator does not understand
 */
export function parseFilterPattern(text: string): FilterPattern {
  const tokens = tokenize(text.trim());
  let at = 0;
  const peek = () => tokens[at];
  const next = () => {
    const token = tokens[at++];
    if (token === undefined) throw new Error('the pattern ends early');
    return token;
  };
  const expect = (token: string) => {
    if (next() !== token) throw new Error(`expected "${token}"`);
  };
  const parseOr = (): Node => {
    let left = parseAnd();
    while (peek() === '||') {
      at++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): Node => {
    let left = parseTerm();
    while (peek() === '&&') {
      at++;
      left = { kind: 'and', left, right: parseTerm() };
    }
    return left;
  };
  const parseTerm = (): Node => {
    if (peek() === '(') {
      at++;
      const inner = parseOr();
      expect(')');
      return inner;
    }
    const path = selector(next());
    const token = next();
    if (token === 'NOT') {
      expect('EXISTS');
      return { kind: 'test', path, test: 'NOT EXISTS' };
    }
    if (token === 'EXISTS') return { kind: 'test', path, test: 'EXISTS' };
    if (token === 'IS') {
      const what = next();
      if (what !== 'NULL' && what !== 'TRUE' && what !== 'FALSE')
        throw new Error(`unknown test "IS ${what}"`);
      return { kind: 'test', path, test: `IS ${what}` };
    }
    if (!['=', '!=', '<', '>', '<=', '>='].includes(token))
      throw new Error(`unknown operator "${token}"`);
    const raw = next();
    const quoted = raw.startsWith('"');
    const value = quoted ? raw.slice(1, -1) : raw;
    if (!quoted && /^%.*%$/.test(value)) throw new Error('regular expressions are not evaluated');
    return { kind: 'compare', path, op: token as '=', value, quoted };
  };

  if (next() !== '{')
    throw new Error('only JSON patterns ({ ... }) are evaluated, not space-delimited ones');
  const root = parseOr();
  expect('}');
  if (at !== tokens.length) throw new Error('text follows the closing brace');
  return { matches: (record) => evaluate(root, record) };
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let at = 0;
  while (at < text.length) {
    const rest = text.slice(at);
    const space = /^\s+/.exec(rest);
    if (space) {
      at += space[0].length;
      continue;
    }
    const token =
      /^"(?:[^"\\]|\\.)*"/.exec(rest) ??
      /^(?:&&|\|\||!=|<=|>=|[{}()=<>])/.exec(rest) ??
      /^[^\s{}()=<>!&|"]+/.exec(rest);
    if (!token) throw new Error(`cannot read "${rest.slice(0, 20)}"`);
    tokens.push(token[0]);
    at += token[0].length;
  }
  return tokens;
}

function selector(token: string): string[] {
  if (!token.startsWith('$.')) throw new Error(`expected a $.field selector, got "${token}"`);
  return token
    .slice(2)
    .split('.')
    .flatMap((part) => part.split(/\[(\d+)\]/).filter((piece) => piece !== ''));
}

function lookup(record: LogRecord, path: readonly string[]): unknown {
  let value: unknown = record;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function evaluate(node: Node, record: LogRecord): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, record) && evaluate(node.right, record);
    case 'or':
      return evaluate(node.left, record) || evaluate(node.right, record);
    case 'test': {
      const value = lookup(record, node.path);
      switch (node.test) {
        case 'EXISTS':
          return value !== undefined;
        case 'NOT EXISTS':
          return value === undefined;
        case 'IS NULL':
          return value === null;
        case 'IS TRUE':
          return value === true;
        case 'IS FALSE':
          return value === false;
      }
      return false;
    }
    case 'compare':
      return compare(lookup(record, node.path), node);
  }
}

/**
 * One comparison. A record without the field matches nothing, `!=` included: a filter that
 * depends on an absent field never fires, so it must not count as covering the event.
 */
function compare(actual: unknown, node: Extract<Node, { kind: 'compare' }>): boolean {
  if (typeof actual !== 'string' && typeof actual !== 'number' && typeof actual !== 'boolean')
    return false;
  const text = String(actual);
  if (node.op === '=' || node.op === '!=') {
    const equal = wildcard(node.value).test(text);
    return node.op === '=' ? equal : !equal;
  }
  const left = Number(text);
  const right = Number(node.value);
  if (Number.isNaN(left) || Number.isNaN(right)) return false;
  switch (node.op) {
    case '<':
      return left < right;
    case '>':
      return left > right;
    case '<=':
      return left <= right;
    case '>=':
      return left >= right;
  }
}

function wildcard(value: string): RegExp {
  const body = value
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}
