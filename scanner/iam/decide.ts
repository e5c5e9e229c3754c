import type { PolicyDocument } from '../model/policy';
import type { Request, RequestContext, ResourceScope } from './request';
import {
  actionApplies,
  compileDocument,
  familyResourceAnswers,
  resourceAndConditionApply,
  servicesOfStatement,
  type CompiledStatement,
  type FamilyAnswers,
  type ResourceFamily,
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

/**
 * A policy document's statements indexed by the service their actions belong to, and the
 * statements whose action element applies to each action asked: built once per document
 * however many principals hold it, so a request looks at few statements, and only once.
 */
interface IndexedDocument {
  readonly all: readonly CompiledStatement[];
  /** Statements that name actions of one service or more, by service. */
  readonly named: ReadonlyMap<string, readonly CompiledStatement[]>;
  /** Statements that may name any service (NotAction, `*:Get*`). */
  readonly anyService: readonly CompiledStatement[];
  /** Per service: its named statements and the any-service ones, in document order. */
  readonly byService: Map<string, readonly CompiledStatement[]>;
  /** Per scope and action: the statements whose action element applies. */
  readonly byAction: Map<string, readonly CompiledStatement[]>;
}

/** A policy of a layer and its statements whose action element applies to one request. */
interface ApplyingStatements {
  readonly policy: AppliedPolicy;
  readonly statements: readonly CompiledStatement[];
}

const documents = new WeakMap<PolicyDocument, IndexedDocument>();

function indexDocument(document: PolicyDocument): IndexedDocument {
  let indexed = documents.get(document);
  if (!indexed) {
    const all = compileDocument(document);
    const named = new Map<string, CompiledStatement[]>();
    const anyService: CompiledStatement[] = [];
    for (const statement of all) {
      const services = servicesOfStatement(statement);
      if (!services) anyService.push(statement);
      else
        for (const service of services) {
          const bucket = named.get(service);
          if (bucket) bucket.push(statement);
          else named.set(service, [statement]);
        }
    }
    indexed = { all, named, anyService, byService: new Map(), byAction: new Map() };
    documents.set(document, indexed);
  }
  return indexed;
}

/** The statements of a document whose action element applies, in document order. */
function documentStatementsFor(
  document: IndexedDocument,
  service: string,
  action: string,
  key: string,
  scope: ResourceScope,
): readonly CompiledStatement[] {
  let found = document.byAction.get(key);
  if (!found) {
    found = statementsOf(document, service).filter((statement) =>
      actionApplies(statement, action, scope),
    );
    document.byAction.set(key, found);
  }
  return found;
}

/** The statements of a document that may name an action of `service`, in document order. */
function statementsOf(document: IndexedDocument, service: string): readonly CompiledStatement[] {
  if (service.includes('*') || service.includes('?')) return document.all;
  let found = document.byService.get(service);
  if (!found) {
    const named = document.named.get(service) ?? [];
    found =
      document.anyService.length === 0
        ? named
        : document.all.filter(
            (statement) => named.includes(statement) || document.anyService.includes(statement),
          );
    document.byService.set(service, found);
  }
  return found;
}

const layerAnswers = new WeakMap<PolicyLayer, Map<string, readonly ApplyingStatements[]>>();

/** A layer's policies with the statements whose action element applies, in evaluation order. */
function statementsFor(
  layer: PolicyLayer,
  service: string,
  action: string,
  scope: ResourceScope,
): readonly ApplyingStatements[] {
  let known = layerAnswers.get(layer);
  if (!known) {
    known = new Map();
    layerAnswers.set(layer, known);
  }
  const key = `${scope}|${action}`;
  let found = known.get(key);
  if (!found) {
    found = layer.policies.flatMap((policy) => {
      const statements = documentStatementsFor(
        indexDocument(policy.document),
        service,
        action,
        key,
        scope,
      );
      return statements.length > 0 ? [{ policy, statements }] : [];
    });
    known.set(key, found);
  }
  return found;
}

const mergedContexts = new WeakMap<RequestContext, Map<string, RequestContext>>();

function withRequestKeys(context: RequestContext, request: Request): RequestContext {
  if (!request.context) return context;
  const entries = Object.entries(request.context);
  if (entries.length === 0) return context;
  let known = mergedContexts.get(context);
  if (!known) {
    known = new Map();
    mergedContexts.set(context, known);
  }
  const key = JSON.stringify(entries);
  let merged = known.get(key);
  if (!merged) {
    const map = new Map(context);
    for (const [name, value] of entries) map.set(name.toLowerCase(), [value]);
    merged = map;
    known.set(key, merged);
  }
  return merged;
}

/**
 * Decides a request against layers of policies the way IAM does within one account: an
 * applicable Deny anywhere denies; otherwise every layer must allow. A statement whose
 * conditions cannot be decided makes an Allow `conditional`, and a Deny "conditional" that is
 * reported but never assumed to block. With `allowsOnly`, Deny statements are left out: what
 * the Allow statements alone would grant.
 */
export function decide(
  layers: readonly PolicyLayer[],
  request: Request,
  principalContext: RequestContext,
  options: { readonly allowsOnly?: boolean } = {},
): Decision {
  const context = withRequestKeys(principalContext, request);
  const allows: DecidingStatement[] = [];
  const denies: DecidingStatement[] = [];
  const conditionalDenies: DecidingStatement[] = [];
  let verdict: Verdict = 'allowed';
  let reason = '';
  const action = request.action.toLowerCase();
  const [service = ''] = action.split(':');
  for (const layer of layers) {
    if (layer.services && !service.includes('*') && !layer.services.has(service)) continue;
    let allowed = false;
    let conditional = false;
    for (const { policy, statements } of statementsFor(layer, service, action, request.scope))
      for (const statement of statements) {
        if (options.allowsOnly && statement.effect === 'Deny') continue;
        const applies = resourceAndConditionApply(statement, request, context);
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

/** The decisions on one action over every member of a family. */
export interface FamilyDecisions {
  /** The decision on every member not in `exceptions`; null when every member is one. */
  readonly common: Decision | null;
  readonly exceptions: ReadonlyMap<string, Decision>;
}

/**
 * Decides an action on every member of a family (scope `all`), each member getting what
 * `decide` would give it alone. A decision depends on the resource only through which
 * statements match it, so members alike in that share one decision: a request is decided once
 * per distinct set of matching statements, not once per member.
 */
export function decideFamily(
  layers: readonly PolicyLayer[],
  action: string,
  family: ResourceFamily,
  principalContext: RequestContext,
  requestKeys?: Readonly<Record<string, string>>,
): FamilyDecisions {
  const request = (resource: string): Request => ({
    action,
    resource,
    scope: 'all',
    ...(requestKeys ? { context: requestKeys } : {}),
  });
  const context = withRequestKeys(principalContext, request(''));
  const lowered = action.toLowerCase();
  const [service = ''] = lowered.split(':');
  const partial: FamilyAnswers[] = [];
  for (const layer of layers) {
    if (layer.services && !service.includes('*') && !layer.services.has(service)) continue;
    for (const { statements } of statementsFor(layer, service, lowered, 'all'))
      for (const statement of statements) {
        const answers = familyResourceAnswers(statement, family, context);
        if (answers.exceptions.size > 0) partial.push(answers);
      }
  }
  const special = new Map<string, string>();
  for (const answers of partial)
    for (const arn of answers.exceptions.keys())
      if (!special.has(arn))
        special.set(arn, partial.map((each) => each.exceptions.get(arn) ?? each.common).join(','));
  const bySignature = new Map<string, Decision>();
  const exceptions = new Map<string, Decision>();
  for (const [arn, signature] of special) {
    let decision = bySignature.get(signature);
    if (!decision) {
      decision = decide(layers, request(arn), principalContext);
      bySignature.set(signature, decision);
    }
    exceptions.set(arn, decision);
  }
  const typical =
    family.inside.find((arn) => !special.has(arn)) ??
    family.outside.find((arn) => !special.has(arn));
  return {
    common: typical === undefined ? null : decide(layers, request(typical), principalContext),
    exceptions,
  };
}

/** `statement 2 (Sid "Admin") of inline policy ops`. */
export function describeStatement(statement: DecidingStatement): string {
  const sid = statement.sid ? ` (Sid "${statement.sid}")` : '';
  return `statement ${statement.statementIndex}${sid} of ${statement.policy}`;
}
