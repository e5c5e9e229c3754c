import { Token } from 'cdktf';
import { PyjamasError } from '../../lib/errors';

/** A construct was given a prop value that cannot work; the message names the prop and the fix. */
export class InvalidPropError extends PyjamasError {
  override readonly name: string = 'InvalidPropError';

  constructor(owner: string, prop: string, received: unknown, fix: string) {
    super(`${owner}: ${prop} ${fix}, got ${JSON.stringify(received)}`);
  }
}

/**
 * Throws unless `value` is a whole number within `[min, max]`. Values that Terraform resolves
 * at deploy time are accepted as they are.
 */
export function checkWholeNumber(
  owner: string,
  prop: string,
  value: number,
  min: number,
  max: number,
): void {
  if (Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidPropError(owner, prop, value, `must be a whole number from ${min} to ${max}`);
  }
}

/** Throws unless `value` is one of `allowed`. Values Terraform resolves at deploy time are accepted. */
export function checkOneOf<T extends string | number>(
  owner: string,
  prop: string,
  value: T,
  allowed: readonly T[],
): void {
  if (Token.isUnresolved(value)) return;
  if (!allowed.includes(value)) {
    throw new InvalidPropError(owner, prop, value, `must be one of ${allowed.join(', ')}`);
  }
}

/** Throws unless `value` matches `pattern`; `expected` says in words what a valid value looks like. */
export function checkPattern(
  owner: string,
  prop: string,
  value: string,
  pattern: RegExp,
  expected: string,
): void {
  if (Token.isUnresolved(value)) return;
  if (!pattern.test(value)) throw new InvalidPropError(owner, prop, value, `must be ${expected}`);
}

/** Throws unless every value looks like an email address (for SNS email subscriptions). */
export function checkEmailAddresses(
  owner: string,
  prop: string,
  addresses: readonly string[],
): void {
  for (const address of addresses)
    checkPattern(owner, prop, address, /^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'a list of email addresses');
}

/** Resource names the module derives from a prefix: lowercase letters, digits and hyphens. */
export const NAME_PREFIX_PATTERN = /^[a-z][a-z0-9-]{0,23}$/;

/** Throws unless `value` is a usable name prefix (see {@link NAME_PREFIX_PATTERN}). */
export function checkNamePrefix(owner: string, value: string): void {
  checkPattern(
    owner,
    'namePrefix',
    value,
    NAME_PREFIX_PATTERN,
    '1 to 24 lowercase letters, digits or hyphens, starting with a letter',
  );
}

/** Throws unless `value` is an AWS resource id with the given prefix, e.g. `vpc-0abc…` or `sg-0abc…`. */
export function checkResourceId(owner: string, prop: string, value: string, prefix: string): void {
  checkPattern(
    owner,
    prop,
    value,
    new RegExp(`^${prefix}-[0-9a-f]{8,17}$`),
    `an id like ${prefix}-0123456789abcdef0`,
  );
}
