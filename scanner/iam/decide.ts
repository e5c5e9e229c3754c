import type { PolicyDocument } from '../model/policy';
import type { Request, RequestContext } from './request';
import {
  actionApplies,
  statementsOfService,
  statementApplies,
  type CompiledStatement,
} from './statement';

/** A policy as it applies to a principal, named the way a responder would look for it. */
export interface AppliedPolicy {
  /** e.g. `managed policy AdministratorAccess via group admins`. */
  readonly label: string;
  readonly arn: string | null;
  readonly document: PolicyDocument;
}

/**
 * One layer of IAM's evaluation: each layer must allow a request, and a Deny in any layer
 * blocks it. Identity policies form one layer; a permissions boundary another; each level of the
 * organization (root, every OU, the account) is a layer of SCPs and one of RCPs.
 */
export interface PolicyLayer {
  /** `identity policies`, `permissions boundary`, `SCPs at ou-ab12-cdef34`, … */
  readonly name: string;
  readonly policies: readonly AppliedPolicy[];
  /** Services whose actions the layer governs (RCPs); absent: every service. */
  readonly services?: ReadonlySet<string>;
}

/** A statement that took part in a decision. */
export interface DecidingStatement {
  readonly layer: string;
  readonly policy: string;
  readonly policyArn: string | null;
  readonly statementIndex: number;
  readonly sid: string | null;
  readonly effect: 'Allow' | 'Deny';
  /** True when the statement applies only if conditions Pyjamas cannot decide are met. */
  readonly conditional: boolean;
}

/** `allowed`, `conditional` (allowed only if undecidable conditions hold) or `denied`. */
export type Verdict = 'allowed' | 'conditional' | 'denied';

/** The answer to one request, with the statements that decide it. */
export interface Decision {
  readonly verdict: Verdict;
  /** One sentence: what decided. */
  readonly reason: string;
  /** Allow statements that grant the request, in every layer. */
  readonly allows: readonly DecidingStatement[];
  /** Deny statements that block it. */
  readonly denies: readonly DecidingStatement[];
  /** Deny statements with undecidable conditions: never assumed to block, always shown. */
  readonly conditionalDenies: readonly DecidingStatement[];
}

const candidates = new WeakMap<PolicyDocument, Map<string, readonly CompiledStatement[]>>();

/** Statements of a document whose action element applies, cached per action and scope. */
function statementsFor(
  document: PolicyDocument,
  request: Request,
  key: string,
): readonly CompiledStatement[] {
  let byAction = candidates.get(document);
  if (!byAction) {
    byAction = new Map();
    candidates.set(document, byAction);
  }
  let found = byAction.get(key);
  if (!found) {
    found = statementsOfService(document, request.action).filter((statement) =>
      actionApplies(statement, request.action, request.scope),
    );
    byAction.set(key, found);
  }
  return found;
}

function withRequestKeys(context: RequestContext, request: Request): RequestContext {
  if (!request.context) return context;
  const merged = new Map(context);
  for (const [key, value] of Object.entries(request.context))
    merged.set(key.toLowerCase(), [value]);
  return merged;
}

/**
 * Decides a request against layers of policies the way IAM does within one account: an
 * applicable Deny anywhere denies; otherwise every layer must allow. A statement whose
 * conditions cannot be decided makes an Allow `conditional`, and a Deny "conditional" that is
 * reported but never assumed to block.
 */
export function decide(
  layers: readonly PolicyLayer[],
  request: Request,
  principalContext: RequestContext,
): Decision {
  const context = withRequestKeys(principalContext, request);
  const allows: DecidingStatement[] = [];
  const denies: DecidingStatement[] = [];
  const conditionalDenies: DecidingStatement[] = [];
  let verdict: Verdict = 'allowed';
  let reason = '';
  const action = request.action.toLowerCase();
  const [service = ''] = action.split(':');
  const key = `${request.scope}|${action}`;
  for (const layer of layers) {
    if (layer.services && !service.includes('*') && !layer.services.has(service)) continue;
    let allowed = false;
    let conditional = false;
    for (const policy of layer.policies) {
      for (const statement of statementsFor(policy.document, request, key)) {
        const applies = statementApplies(statement, request, context);
        if (applies === 'no') continue;
        const deciding: DecidingStatement = {
          layer: layer.name,
          policy: policy.label,
          policyArn: policy.arn,
          statementIndex: statement.index,
          sid: statement.sid,
          effect: statement.effect,
          conditional: applies === 'maybe',
        };
        if (statement.effect === 'Deny') {
          (applies === 'yes' ? denies : conditionalDenies).push(deciding);
        } else {
          allows.push(deciding);
          if (applies === 'yes') allowed = true;
          else conditional = true;
        }
      }
    }
    if (!allowed && !conditional && verdict !== 'denied') {
      verdict = 'denied';
      reason = `no statement of the ${layer.name} allows it`;
    } else if (!allowed && conditional && verdict === 'allowed') {
      verdict = 'conditional';
      reason = `the ${layer.name} allow it only under conditions`;
    }
  }
  if (denies.length > 0) {
    const first = denies[0];
    return {
      verdict: 'denied',
      reason: `explicitly denied by ${first ? describeStatement(first) : 'a statement'}`,
      allows,
      denies,
      conditionalDenies,
    };
  }
  if (verdict === 'allowed') reason = 'allowed by every layer';
  return { verdict, reason, allows, denies, conditionalDenies };
}

/** `statement 2 (Sid "Admin") of inline policy ops`. */
export function describeStatement(statement: DecidingStatement): string {
  const sid = statement.sid ? ` (Sid "${statement.sid}")` : '';
  return `statement ${statement.statementIndex}${sid} of ${statement.policy}`;
}
