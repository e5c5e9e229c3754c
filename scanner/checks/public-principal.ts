import type { PolicyDocument, PolicyStatement } from '../model/policy';
import { values } from './policy-values';

/**
 * Condition keys that tie a grant to known callers: a source resource, account or organization,
 * a network path, or a principal. Key names are compared case-insensitively, as IAM does.
 */
const RESTRICTING_KEYS: ReadonlySet<string> = new Set([
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalservicename',
  'aws:userid',
  'aws:sourcevpce',
  'aws:sourcevpc',
  'aws:sourceip',
  'kms:calleraccount',
  'lambda:eventsourcetoken',
]);

/** Keys whose values are ARNs, where a wildcard account field matches every account. */
const ARN_KEYS: ReadonlySet<string> = new Set(['aws:sourcearn', 'aws:principalarn']);

/**
 * Operators that hold only when the request carries a matching value. `...IfExists` holds when
 * the key is absent, `Not...` for every other value, and `ForAllValues:` for an empty set, so
 * none of those narrows who can call.
 */
const MATCHING_OPERATORS: ReadonlySet<string> = new Set([
  'stringequals',
  'stringequalsignorecase',
  'stringlike',
  'arnequals',
  'arnlike',
  'ipaddress',
]);

function isMatchingOperator(operator: string): boolean {
  const name = operator.toLowerCase().replace(/^foranyvalue:/, '');
  return MATCHING_OPERATORS.has(name);
}

/** True when `value` names something specific for `key`, not "anything". */
function isSpecific(key: string, value: string | boolean): boolean {
  const text = String(value);
  if (/^[*?]*$/.test(text)) return false;
  if (key === 'aws:sourceip') return text !== '0.0.0.0/0' && text !== '::/0';
  if (ARN_KEYS.has(key)) {
    // arn:partition:service:region:account:resource; S3 ARNs leave the account empty.
    const [, , service = '', , account = '', ...resource] = text.split(':');
    return !/[*?]/.test(service + account) && !/^[*?/]*$/.test(resource.join(':'));
  }
  return true;
}

/** True when one of the statement's conditions limits it to known callers. */
function isRestricted(statement: PolicyStatement): boolean {
  return Object.entries(statement.Condition ?? {}).some(
    ([operator, keys]) =>
      isMatchingOperator(operator) &&
      Object.entries(keys).some(([key, value]) => {
        const name = key.toLowerCase();
        const list = values<string | boolean>(value);
        return (
          RESTRICTING_KEYS.has(name) &&
          list.length > 0 &&
          list.every((item) => isSpecific(name, item))
        );
      }),
  );
}

/**
 * True for a statement that grants everyone: `Principal: "*"`, `{"AWS": "*"}`, or an Allow with
 * `NotPrincipal` (everyone except the listed principals).
 */
function grantsEveryone(statement: PolicyStatement): boolean {
  if (statement.Effect !== 'Allow') return false;
  if (statement.NotPrincipal !== undefined) return true;
  const { Principal } = statement;
  if (Principal === undefined) return false;
  return Principal === '*' || values(Principal.AWS).includes('*');
}

/**
 * The statements of a resource policy that allow anyone (`Principal: "*"` or `{"AWS": "*"}`)
 * without a condition limiting them to a source resource, account, organization, VPC endpoint,
 * network or principal (CIS v7 2.21). Deny statements never count.
 */
export function unrestrictedPublicStatements(policy: PolicyDocument): PolicyStatement[] {
  return policy.Statement.filter(
    (statement) => grantsEveryone(statement) && !isRestricted(statement),
  );
}

/** How a finding names the public statements: their Sids, else their positions. */
export function describeStatements(policy: PolicyDocument, statements: PolicyStatement[]): string {
  return statements
    .map((statement) => statement.Sid ?? `#${policy.Statement.indexOf(statement) + 1}`)
    .join(', ');
}
