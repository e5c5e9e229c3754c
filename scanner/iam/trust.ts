import type { IamRole } from '../model/iam';
import type { PolicyStatement } from '../model/policy';
import { covers } from './glob';

/** How a role's trust policy lets a principal in. */
export interface TrustGrant {
  /**
   * `principal`: the trust names it (no identity permission needed in the same account);
   * `account`: it names the account, so the principal's own policies must allow
   * sts:AssumeRole; `anyone`: `*`.
   */
  readonly via: 'principal' | 'account' | 'anyone';
  readonly statementIndex: number;
  readonly conditional: boolean;
}

const values = (value: string | readonly string[] | undefined): string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : [...value];

function allowsAssumeRole(statement: PolicyStatement): boolean {
  if (statement.Effect !== 'Allow') return false;
  if (statement.NotAction !== undefined)
    return !values(statement.NotAction).some((action) =>
      covers(action.toLowerCase(), 'sts:assumerole'),
    );
  return values(statement.Action).some((action) => covers(action.toLowerCase(), 'sts:assumerole'));
}

/** Principals a trust statement names under `kind` (`AWS`, `Service`, `Federated`); `*` for anyone. */
export function trustedOf(statement: PolicyStatement, kind: string): string[] {
  const principal = statement.Principal;
  if (principal === undefined) return [];
  if (principal === '*') return ['*'];
  return values(principal[kind]);
}

/** The account id an `AWS` principal entry stands for: `123456789012` or `arn:…:iam::123456789012:…`. */
export function accountOf(entry: string): string | null {
  if (/^\d{12}$/.test(entry)) return entry;
  const match = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(entry);
  return match?.[1] ?? null;
}

/** Whether the role's trust policy admits a principal of this account, and how. */
export function trustAdmits(
  role: IamRole,
  principalArn: string,
  account: string,
): TrustGrant | null {
  const statements = role.assumeRolePolicy?.Statement ?? [];
  let best: TrustGrant | null = null;
  statements.forEach((statement, statementIndex) => {
    if (!allowsAssumeRole(statement) || statement.NotPrincipal !== undefined) return;
    const conditional = Object.keys(statement.Condition ?? {}).length > 0;
    for (const entry of trustedOf(statement, 'AWS')) {
      let via: TrustGrant['via'] | null = null;
      if (entry === '*') via = 'anyone';
      else if (entry === principalArn) via = 'principal';
      else if (accountOf(entry) === account && /(:root$|^\d{12}$)/.test(entry)) via = 'account';
      if (!via) continue;
      const grant = { via, statementIndex, conditional };
      if (
        !best ||
        (best.conditional && !conditional) ||
        (via === 'principal' && best.via !== 'principal')
      )
        best = grant;
    }
  });
  return best;
}

/** Whether the role's trust policy lets `service` (e.g. `ec2.amazonaws.com`) assume it. */
export function trustsService(role: IamRole, service: string): boolean {
  return (role.assumeRolePolicy?.Statement ?? []).some(
    (statement) => allowsAssumeRole(statement) && trustedOf(statement, 'Service').includes(service),
  );
}
