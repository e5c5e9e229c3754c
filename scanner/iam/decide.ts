import type { PolicyDocument } from '../model/policy';
import type { Request, RequestContext, ResourceScope } from './request';
import {
  actionApplies,
  compileDocument,
  resourceAndConditionApply,
  servicesOfStatement,
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

/** A statement of one of a layer's policies, with its place in the evaluation order. */
interface LayerStatement {
  readonly policy: AppliedPolicy;
  readonly statement: CompiledStatement;
  /** Policies in layer order, each policy's statements in document order. */
  readonly position: number;
}

/**
 * A layer's statements indexed by the service their actions belong to, built once per
 * principal's layers: a request looks only at the statements that may name its service.
 */
interface IndexedLayer {
  readonly layer: PolicyLayer;
  readonly all: readonly LayerStatement[];
  /** Statements that name actions of one service or more, by service. */
  readonly named: ReadonlyMap<string, readonly LayerStatement[]>;
  /** Statements that may name any service (NotAction, `*:Get*`). */
  readonly anyService: readonly LayerStatement[];
  /** Per service: its named statements and the any-service ones, in evaluation order. */
  readonly byService: Map<string, readonly LayerStatement[]>;
  /** Per scope and action: the statements whose action element applies. */
  readonly byAction: Map<string, readonly LayerStatement[]>;
}

const indexes = new WeakMap<readonly PolicyLayer[], readonly IndexedLayer[]>();

function indexLayers(layers: readonly PolicyLayer[]): readonly IndexedLayer[] {
  let indexed = indexes.get(layers);
  if (!indexed) {
    indexed = layers.map((layer) => {
      const all: LayerStatement[] = [];
      const named = new Map<string, LayerStatement[]>();
      const anyService: LayerStatement[] = [];
      for (const policy of layer.policies)
        for (const statement of compileDocument(policy.document)) {
          const entry = { policy, statement, position: all.length };
          all.push(entry);
          const services = servicesOfStatement(statement);
          if (!services) anyService.push(entry);
          else
            for (const service of services) {
              const bucket = named.get(service);
              if (bucket) bucket.push(entry);
              else named.set(service, [entry]);
            }
        }
      return { layer, all, named, anyService, byService: new Map(), byAction: new Map() };
    });
    indexes.set(layers, indexed);
  }
  return indexed;
}

/** The statements of a layer whose action element applies, in evaluation order. */
function statementsFor(
  layer: IndexedLayer,
  service: string,
  action: string,
  scope: ResourceScope,
): readonly LayerStatement[] {
  const key = `${scope}|${action}`;
  let found = layer.byAction.get(key);
  if (!found) {
    found = statementsOf(layer, service).filter(({ statement }) =>
      actionApplies(statement, action, scope),
    );
    layer.byAction.set(key, found);
  }
  return found;
}

/** The statements of a layer that may name an action of `service`, in evaluation order. */
function statementsOf(layer: IndexedLayer, service: string): readonly LayerStatement[] {
  if (service.includes('*') || service.includes('?')) return layer.all;
  let found = layer.byService.get(service);
  if (!found) {
    const named = layer.named.get(service) ?? [];
    found =
      layer.anyService.length === 0
        ? named
        : [...named, ...layer.anyService].sort((a, b) => a.position - b.position);
    layer.byService.set(service, found);
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
  for (const indexed of indexLayers(layers)) {
    const { layer } = indexed;
    if (layer.services && !service.includes('*') && !layer.services.has(service)) continue;
    let allowed = false;
    let conditional = false;
    for (const { policy, statement } of statementsFor(indexed, service, action, request.scope)) {
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

/** `statement 2 (Sid "Admin") of inline policy ops`. */
export function describeStatement(statement: DecidingStatement): string {
  const sid = statement.sid ? ` (Sid "${statement.sid}")` : '';
  return `statement ${statement.statementIndex}${sid} of ${statement.policy}`;
}
