import { UsageError } from '../../lib/errors';
import type { Inventory } from '../model/inventory';
import { analyseAccount } from './account';
import type { AccountAnalysis } from './analysis';
import { canonicalAction, serviceKeys, splitAction } from './catalogue';
import type { Decision } from './decide';
import { hasWildcard } from './glob';
import type { PrincipalPermissions } from './principals';
import type { Request } from './request';
import { matchesSomeAction } from './statement';

/** One principal's answer to "may it perform this action on this resource?". */
export interface Answer {
  readonly principal: {
    readonly kind: 'user' | 'role';
    readonly name: string;
    readonly arn: string;
  };
  readonly request: Request;
  readonly decision: Decision;
}

/**
 * The analysis of an inventory's authorization details (and guardrails, when collected).
 *
 * @throws UsageError when the inventory lacks readable authorization details
 */
export function analyseInventory(inventory: Inventory): AccountAnalysis {
  const details = inventory.global.authorizationDetails;
  if (!details?.ok) {
    const why = details
      ? `: ${details.error.api} failed (${details.error.name}: ${details.error.message})`
      : '';
    throw new UsageError(
      `the inventory has no IAM authorization details${why}; collect one with pyjamas scan --save-inventory (the scanner needs iam:GetAccountAuthorizationDetails)`,
    );
  }
  const org = inventory.global.organizationPolicies;
  return analyseAccount(
    details.data,
    org?.ok ? org.data : undefined,
    inventory.account,
    inventory.partition,
  );
}

/**
 * The request an operator means: an exact action (or a pattern that names real actions) on a
 * resource ARN, or, without one, on at least one resource.
 *
 * @throws UsageError naming the action that is malformed or unknown
 */
export function requestOf(action: string, resource: string | undefined): Request {
  const [service, name] = splitAction(action);
  if (!service || !name)
    throw new UsageError(
      `"${action}" is not an IAM action; write it as service:Action, e.g. s3:GetObject`,
    );
  if (!hasWildcard(service) && !serviceKeys().has(service.toLowerCase()))
    throw new UsageError(
      `"${service}" is not an AWS service prefix; check the spelling (e.g. s3, iam, ec2)`,
    );
  if (!matchesSomeAction(action))
    throw new UsageError(
      `"${action}" names no action of ${service}; check the spelling against the Service Authorization Reference`,
    );
  if (resource !== undefined && resource !== '*' && !resource.startsWith('arn:'))
    throw new UsageError(
      `"${resource}" is not a resource ARN; give an ARN such as arn:aws:s3:::bucket/key, or leave it out`,
    );
  return {
    action: hasWildcard(action) ? action : canonicalAction(action),
    resource: resource ?? '*',
    scope: resource === undefined ? 'some' : 'all',
  };
}

function answer(
  analysis: AccountAnalysis,
  principal: PrincipalPermissions,
  request: Request,
): Answer {
  return {
    principal: { kind: principal.kind, name: principal.name, arn: principal.arn },
    request,
    decision: analysis.decide(principal, request),
  };
}

/**
 * `pyjamas iam can`: whether one principal may perform the request.
 *
 * @throws UsageError when the principal is not a user or role of the account
 */
export function canPrincipal(
  analysis: AccountAnalysis,
  principalArn: string,
  request: Request,
): Answer {
  const principal = analysis.model.byArn.get(principalArn);
  if (!principal)
    throw new UsageError(
      `${principalArn} is not a user or role of account ${analysis.model.account} in this inventory; give the ARN of a user (arn:aws:iam::<account>:user/<name>) or role (…:role/<name>) as listed by aws iam list-users / list-roles`,
    );
  return answer(analysis, principal, request);
}

/** `pyjamas iam who-can`: every principal that may perform the request, allowed first. */
export function whoCan(analysis: AccountAnalysis, request: Request): Answer[] {
  return analysis.model.principals
    .map((principal) => answer(analysis, principal, request))
    .filter((entry) => entry.decision.verdict !== 'denied')
    .sort((a, b) =>
      a.decision.verdict === b.decision.verdict
        ? a.principal.arn.localeCompare(b.principal.arn)
        : a.decision.verdict === 'allowed'
          ? -1
          : 1,
    );
}
