import type { PolicyDocument, PolicyStatement } from '../model/policy';
import { actionsOfService, serviceKeys, splitAction } from './catalogue';
import { decideConditions, type ConditionBlock } from './conditions';
import { covers, hasWildcard, overlaps } from './glob';
import type { Request, RequestContext, ResourceScope, Tri } from './request';
import { substituteVariables } from './variables';

/** One statement of a policy, its lists normalised to lower-case actions and arrays. */
export interface CompiledStatement {
  /** Position in the policy's `Statement` array. */
  readonly index: number;
  readonly sid: string | null;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[] | null;
  /** NotAction entries that name at least one real action; the others exclude nothing. */
  readonly notActions: readonly string[] | null;
  readonly resources: readonly string[] | null;
  readonly notResources: readonly string[] | null;
  readonly condition: ConditionBlock | undefined;
}

const list = (value: string | readonly string[] | undefined): string[] | null =>
  value === undefined ? null : (typeof value === 'string' ? [value] : [...value]).map(String);

const namesSomeAction = new Map<string, boolean>();

/**
 * Whether an action pattern matches at least one action in the catalogue. An `Allow` with
 * `NotAction: "prowler:action"` excludes nothing and so grants everything (Prowler #5035).
 */
export function matchesSomeAction(pattern: string): boolean {
  const key = pattern.toLowerCase();
  let known = namesSomeAction.get(key);
  if (known === undefined) {
    const [service] = splitAction(key);
    const services = hasWildcard(service)
      ? [...serviceKeys()].filter((candidate) => covers(service, candidate))
      : [service];
    known = services.some((candidate) =>
      actionsOfService(candidate).some((action) => covers(key, action.toLowerCase())),
    );
    namesSomeAction.set(key, known);
  }
  return known;
}

function compileStatement(statement: PolicyStatement, index: number): CompiledStatement {
  const lowered = (value: string | readonly string[] | undefined) =>
    list(value)?.map((action) => action.toLowerCase()) ?? null;
  const notActions = lowered(statement.NotAction);
  return {
    index,
    sid: statement.Sid ?? null,
    effect: statement.Effect === 'Deny' ? 'Deny' : 'Allow',
    actions: lowered(statement.Action),
    notActions: notActions ? notActions.filter(matchesSomeAction) : null,
    resources: list(statement.Resource),
    notResources: list(statement.NotResource),
    condition: statement.Condition,
  };
}

const compiledDocuments = new WeakMap<PolicyDocument, readonly CompiledStatement[]>();

/** A document's statements, compiled once however many principals hold the policy. */
export function compileDocument(document: PolicyDocument): readonly CompiledStatement[] {
  let statements = compiledDocuments.get(document);
  if (!statements) {
    statements = document.Statement.filter(
      (statement) => statement.Effect === 'Allow' || statement.Effect === 'Deny',
    ).map(compileStatement);
    compiledDocuments.set(document, statements);
  }
  return statements;
}

interface ServiceIndex {
  readonly all: readonly CompiledStatement[];
  /** Statements naming only actions of one service, by service. */
  readonly byService: ReadonlyMap<string, readonly CompiledStatement[]>;
  /** NotAction statements and patterns with a wildcard in the service part. */
  readonly anyService: readonly CompiledStatement[];
}

const serviceIndexes = new WeakMap<PolicyDocument, ServiceIndex>();

/**
 * The statements of a document that may name an action of the requested action's service,
 * so a request tests a handful of statements rather than all of them.
 */
export function statementsOfService(
  document: PolicyDocument,
  action: string,
): readonly CompiledStatement[] {
  let index = serviceIndexes.get(document);
  if (!index) {
    const all = compileDocument(document);
    const byService = new Map<string, CompiledStatement[]>();
    const anyService: CompiledStatement[] = [];
    for (const statement of all) {
      const services = (statement.actions ?? []).map((pattern) => splitAction(pattern)[0]);
      if (!statement.actions || services.some(hasWildcard)) {
        anyService.push(statement);
        continue;
      }
      for (const service of new Set(services)) {
        const bucket = byService.get(service) ?? [];
        bucket.push(statement);
        byService.set(service, bucket);
      }
    }
    index = { all, byService, anyService };
    serviceIndexes.set(document, index);
  }
  const [service = ''] = splitAction(action.toLowerCase());
  if (hasWildcard(service)) return index.all;
  const named = index.byService.get(service);
  if (!named) return index.anyService;
  return index.anyService.length === 0
    ? named
    : [...named, ...index.anyService].sort((a, b) => a.index - b.index);
}

/**
 * Whether a statement's action element applies to the requested action. Deny statements are
 * read in the opposite scope: a Deny blocks "every match" as soon as it blocks one, and
 * blocks "some match" only when it blocks them all.
 */
export function actionApplies(
  statement: CompiledStatement,
  action: string,
  scope: ResourceScope,
): boolean {
  const wanted = action.toLowerCase();
  const effective = statement.effect === 'Deny' ? flip(scope) : scope;
  const positive = effective === 'all' ? covers : overlaps;
  const negative = effective === 'all' ? overlaps : covers;
  if (statement.actions) return statement.actions.some((pattern) => positive(pattern, wanted));
  if (statement.notActions)
    return !statement.notActions.some((pattern) => negative(pattern, wanted));
  return false;
}

function resourceApplies(
  statement: CompiledStatement,
  resource: string,
  scope: ResourceScope,
  context: RequestContext,
): Tri {
  const effective = statement.effect === 'Deny' ? flip(scope) : scope;
  const positive = effective === 'all' ? covers : overlaps;
  const negative = effective === 'all' ? overlaps : covers;
  const patterns = statement.resources ?? statement.notResources;
  if (!patterns) return 'no';
  let undecided = false;
  let hit = false;
  for (const raw of patterns) {
    const filled = substituteVariables(raw, context);
    if (filled.kind === 'unknown') undecided = true;
    else if (filled.kind === 'pattern') {
      const test = statement.resources ? positive : negative;
      if (test(filled.pattern, resource)) hit = true;
    }
  }
  if (statement.resources) return hit ? 'yes' : undecided ? 'maybe' : 'no';
  return hit ? 'no' : undecided ? 'maybe' : 'yes';
}

/** Whether a statement applies to a request: `maybe` when it depends on unknown context. */
export function statementApplies(
  statement: CompiledStatement,
  request: Request,
  context: RequestContext,
): Tri {
  if (!actionApplies(statement, request.action, request.scope)) return 'no';
  const resource = resourceApplies(statement, request.resource, request.scope, context);
  if (resource === 'no') return 'no';
  const condition = decideConditions(statement.condition, context);
  if (condition === 'no') return 'no';
  return resource === 'maybe' || condition === 'maybe' ? 'maybe' : 'yes';
}

function flip(scope: ResourceScope): ResourceScope {
  return scope === 'all' ? 'some' : 'all';
}
