import type { PolicyStatement } from '../../model/policy';
import { values } from '../policy-values';

/**
 * True for a statement that denies everyone every S3 action on the bucket's objects when the
 * request is not sent over TLS. Any further condition would narrow the deny and let some plain
 * HTTP requests through, so none is accepted.
 */
export function deniesPlainHttp(statement: PolicyStatement, objectsArn: string): boolean {
  if (statement.Effect !== 'Deny') return false;
  const conditions = Object.values(statement.Condition ?? {}).flatMap((keys) => Object.keys(keys));
  return (
    coversEveryone(statement) &&
    values(statement.Action).some((action) => ['s3:*', '*'].includes(action.toLowerCase())) &&
    values(statement.Resource).some((resource) => resource === objectsArn || resource === '*') &&
    isBoolCondition(statement, 'aws:SecureTransport', 'false') &&
    conditions.length === 1
  );
}

/** True for a statement whose principal is everyone. */
export function coversEveryone(statement: PolicyStatement): boolean {
  const { Principal } = statement;
  if (Principal === undefined) return false;
  return Principal === '*' || values(Principal.AWS).includes('*');
}

/** True when a Bool or BoolIfExists condition on `key` matches `expected`. */
export function isBoolCondition(
  statement: PolicyStatement,
  key: string,
  expected: 'true' | 'false',
): boolean {
  return conditionValues(statement, key, ['Bool', 'BoolIfExists']).some(
    (value) => String(value).toLowerCase() === expected,
  );
}

/** The values a statement's conditions compare `key` with, under the given operators (default: any). */
export function conditionValues(
  statement: PolicyStatement,
  key: string,
  operators?: readonly string[],
): (string | boolean)[] {
  // Condition key names are case-insensitive in IAM policies.
  return Object.entries(statement.Condition ?? {})
    .filter(([operator]) => !operators || operators.includes(operator))
    .flatMap(([, keys]) =>
      Object.entries(keys).filter(([name]) => name.toLowerCase() === key.toLowerCase()),
    )
    .flatMap(([, value]) => values<string | boolean>(value));
}

/**
 * True for a statement that denies everyone every S3 action on the bucket's objects when
 * `s3:TlsVersion` is below 1.2 (or a higher floor) *if present*. The benchmark accepts a TLS
 * version floor in place of the aws:SecureTransport deny; but a plain-HTTP request carries no
 * TLS version, and IAM evaluates `NumericLessThan` on an absent key as false, so only the
 * `NumericLessThanIfExists` form also denies plain HTTP. That form is accepted; the plain one is not.
 */
export function deniesOldTlsAndPlainHttp(statement: PolicyStatement, objectsArn: string): boolean {
  if (statement.Effect !== 'Deny') return false;
  const conditions = Object.values(statement.Condition ?? {}).flatMap((keys) => Object.keys(keys));
  const floors = conditionValues(statement, 's3:TlsVersion', ['NumericLessThanIfExists']).map(
    (value) => Number(value),
  );
  return (
    coversEveryone(statement) &&
    values(statement.Action).some((action) => ['s3:*', '*'].includes(action.toLowerCase())) &&
    values(statement.Resource).some((resource) => resource === objectsArn || resource === '*') &&
    floors.length > 0 &&
    floors.every((floor) => floor >= 1.2) &&
    conditions.length === 1
  );
}
