/** A policy field as an array, whether AWS wrote one value or a list (`"Action": "s3:*"` or `[…]`). */
export function values<T extends string | boolean = string>(
  value: T | readonly T[] | undefined,
): T[] {
  if (value === undefined) return [];
  return typeof value === 'object' ? [...value] : [value];
}
