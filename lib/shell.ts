/**
 * Single-quotes a value for a POSIX shell, so that it reaches the command as one literal word.
 * Callers validate values before quoting; quoting is the second line of defence.
 */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
