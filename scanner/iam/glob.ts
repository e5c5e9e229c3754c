/**
 * IAM wildcard patterns (`*` any run of characters, `?` one character) compared with a subject
 * that may itself be a pattern. "Covers" answers "does the policy's pattern match every string
 * the subject stands for", "overlaps" answers "does it match at least one of them". A subject
 * without wildcards is a single string, and both questions become plain matching.
 */

const caseSensitive = new Map<string, RegExp>();
const caseInsensitive = new Map<string, RegExp>();

/**
 * The pattern as a regular expression over subjects. A `*` in the subject stands for any run,
 * so only a `*` of the pattern can match it; `?` matches one character that is not a wildcard.
 */
function regexOf(pattern: string, ignoreCase: boolean): RegExp {
  const cache = ignoreCase ? caseInsensitive : caseSensitive;
  let regex = cache.get(pattern);
  if (!regex) {
    const body = pattern
      .split('')
      .map((char) => {
        if (char === '*') return '.*';
        if (char === '?') return '[^*?]';
        return char.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
      })
      .join('');
    regex = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    cache.set(pattern, regex);
  }
  return regex;
}

/** True when every string `subject` stands for matches `pattern`. */
export function covers(pattern: string, subject: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  return regexOf(pattern, ignoreCase).test(subject);
}

/** True when some string matches both `pattern` and `subject`. */
export function overlaps(a: string, b: string, ignoreCase = false): boolean {
  if (a === '*' || b === '*') return true;
  if (!hasWildcard(b)) return covers(a, b, ignoreCase);
  if (!hasWildcard(a)) return covers(b, a, ignoreCase);
  const x = ignoreCase ? a.toLowerCase() : a;
  const y = ignoreCase ? b.toLowerCase() : b;
  const seen = new Map<number, boolean>();
  const width = y.length + 1;
  const step = (i: number, j: number): boolean => {
    const key = i * width + j;
    const known = seen.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === x.length && j === y.length) result = true;
    else if (x[i] === '*') result = step(i + 1, j) || (j < y.length && step(i, j + 1));
    else if (y[j] === '*') result = step(i, j + 1) || (i < x.length && step(i + 1, j));
    else if (i === x.length || j === y.length) result = false;
    else result = (x[i] === y[j] || x[i] === '?' || y[j] === '?') && step(i + 1, j + 1);
    seen.set(key, result);
    return result;
  };
  return step(0, 0);
}

/** Whether a string contains an IAM wildcard. */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}
