import type { RequestContext } from './request';

/** The outcome of filling in a pattern's policy variables for one principal. */
export type Substituted =
  | { readonly kind: 'pattern'; readonly pattern: string }
  /** A variable whose key the request lacks: the element matches nothing. */
  | { readonly kind: 'absent' }
  /** A variable whose value depends on the request (a tag, the source IP): undecided. */
  | { readonly kind: 'unknown' };

const VARIABLE = /\$\{([^}]*)\}/g;

/**
 * Fills in `${aws:username}`-style variables from what is known of the request. `${*}`, `${?}`
 * and `${$}` stand for the literal characters; IAM has no way to write a literal wildcard in
 * an ARN, so `*` and `?` keep their wildcard meaning here (a slight widening). A default
 * (`${aws:username, 'none'}`) is used when the key is absent.
 */
export function substituteVariables(pattern: string, context: RequestContext): Substituted {
  if (!pattern.includes('${')) return { kind: 'pattern', pattern };
  const state: { outcome: 'pattern' | 'absent' | 'unknown' } = { outcome: 'pattern' };
  const filled = pattern.replace(VARIABLE, (_whole, inner: string) => {
    const [rawKey = '', ...rest] = inner.split(',');
    const key = rawKey.trim();
    if (key === '*' || key === '?' || key === '$') return key;
    const fallback = rest
      .join(',')
      .trim()
      .replace(/^'(.*)'$/, '$1');
    const lowerKey = key.toLowerCase();
    if (!context.has(lowerKey)) {
      if (state.outcome === 'pattern') state.outcome = 'unknown';
      return '';
    }
    const values = context.get(lowerKey) ?? null;
    if (values === null || values.length !== 1) {
      if (rest.length > 0) return fallback;
      state.outcome = 'absent';
      return '';
    }
    return values[0] ?? '';
  });
  if (state.outcome === 'absent') return { kind: 'absent' };
  if (state.outcome === 'unknown') return { kind: 'unknown' };
  return { kind: 'pattern', pattern: filled };
}
