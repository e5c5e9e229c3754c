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
  /** Whether the resource element holds a policy variable (its match depends on the principal). */
  readonly resourceVariables: boolean;
  /** Answers of the resource match when it holds no variable, by scope and resource. */
  readonly resourceAnswers: Map<string, Tri>;
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
  const resources = list(statement.Resource);
  const notResources = list(statement.NotResource);
  return {
    index,
    sid: statement.Sid ?? null,
    effect: statement.Effect === 'Deny' ? 'Deny' : 'Allow',
    actions: lowered(statement.Action),
    notActions: notActions ? notActions.filter(matchesSomeAction) : null,
    resources,
    notResources,
    condition: statement.Condition,
    resourceVariables: (resources ?? notResources ?? []).some((pattern) => pattern.includes('${')),
    resourceAnswers: new Map(),
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

/**
 * The services a statement's actions belong to, or null when it may name actions of any
 * service (NotAction, or a wildcard in the service part): the keys of the per-service index.
 */
export function servicesOfStatement(statement: CompiledStatement): readonly string[] | null {
  if (!statement.actions) return null;
  const services = statement.actions.map((pattern) => splitAction(pattern)[0]);
  return services.some(hasWildcard) ? null : [...new Set(services)];
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
  // Callers keep the answer per policy document and action (see `decide`), not per statement.
  return matchAction(statement, action.toLowerCase(), scope);
}

function matchAction(statement: CompiledStatement, wanted: string, scope: ResourceScope): boolean {
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
  if (statement.resourceVariables) return matchResource(statement, resource, scope, context);
  const key = `${scope}|${resource}`;
  let known = statement.resourceAnswers.get(key);
  if (known === undefined) {
    known = matchResource(statement, resource, scope, context);
    statement.resourceAnswers.set(key, known);
  }
  return known;
}

function matchResource(
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

/**
 * Whether a statement whose action element applies (see `actionApplies`) applies to the
 * request's resource and conditions: `maybe` when it depends on unknown context.
 */
export function resourceAndConditionApply(
  statement: CompiledStatement,
  request: Request,
  context: RequestContext,
): Tri {
  const resource = resourceApplies(statement, request.resource, request.scope, context);
  if (resource === 'no') return 'no';
  const condition = decideConditions(statement.condition, context);
  if (condition === 'no') return 'no';
  return resource === 'maybe' || condition === 'maybe' ? 'maybe' : 'yes';
}

function flip(scope: ResourceScope): ResourceScope {
  return scope === 'all' ? 'some' : 'all';
}

/**
 * Every resource of one kind in the account (its users, its roles, …): the set a statement is
 * decided on at once, so the cost follows the statements rather than statements × members.
 */
export interface ResourceFamily {
  /** The pattern every member matches: `arn:aws:iam::123456789012:user/*`. */
  readonly pattern: string;
  /** The members' ARNs that match `pattern` and hold no wildcard. */
  readonly inside: readonly string[];
  readonly insideSet: ReadonlySet<string>;
  /** Members the pattern does not match (another partition, a stray ARN): decided one by one. */
  readonly outside: readonly string[];
}

/** Groups a family's ARNs into those its pattern matches and the others. */
export function resourceFamily(pattern: string, arns: readonly string[]): ResourceFamily {
  const inside = arns.filter((arn) => !hasWildcard(arn) && covers(pattern, arn));
  const insideSet = new Set(inside);
  return { pattern, inside, insideSet, outside: arns.filter((arn) => !insideSet.has(arn)) };
}

/** How a statement's resource element applies across a family: one answer, and the exceptions. */
export interface FamilyAnswers {
  readonly common: Tri;
  readonly exceptions: ReadonlyMap<string, Tri>;
}

const fixedAnswers = new WeakMap<ResourceFamily, WeakMap<CompiledStatement, FamilyAnswers>>();
const filledAnswers = new WeakMap<ResourceFamily, Map<string, FamilyAnswers>>();

/**
 * The resource match of a statement on every member of a family, as `matchResource` gives it
 * member by member: a pattern that covers the family hits each member, one disjoint from it
 * none, and only the members a partial pattern names are exceptions. A statement without
 * variables is worked out once for all its holders; one with variables once per filled form.
 */
export function familyResourceAnswers(
  statement: CompiledStatement,
  family: ResourceFamily,
  context: RequestContext,
): FamilyAnswers {
  const patterns = statement.resources ?? statement.notResources;
  if (!statement.resourceVariables) {
    let known = fixedAnswers.get(family);
    if (!known) {
      known = new WeakMap();
      fixedAnswers.set(family, known);
    }
    let answers = known.get(statement);
    if (!answers) {
      answers = computeFamilyAnswers(statement, patterns ?? [], false, family, context);
      known.set(statement, answers);
    }
    return answers;
  }
  let undecided = false;
  const filled: string[] = [];
  for (const raw of patterns ?? []) {
    const outcome = substituteVariables(raw, context);
    if (outcome.kind === 'unknown') undecided = true;
    else if (outcome.kind === 'pattern') filled.push(outcome.pattern);
  }
  let known = filledAnswers.get(family);
  if (!known) {
    known = new Map();
    filledAnswers.set(family, known);
  }
  const key = `${statement.resources ? 'R' : 'N'}${undecided ? '?' : ''}\n${filled.join('\n')}`;
  let answers = known.get(key);
  if (!answers) {
    answers = computeFamilyAnswers(statement, filled, undecided, family, context);
    known.set(key, answers);
  }
  return answers;
}

function computeFamilyAnswers(
  statement: CompiledStatement,
  patterns: readonly string[],
  undecided: boolean,
  family: ResourceFamily,
  context: RequestContext,
): FamilyAnswers {
  const exceptions = new Map<string, Tri>();
  // Members outside the family's pattern are matched exactly as a single request would be.
  const outside = (common: Tri) => {
    for (const arn of family.outside) {
      const answer = matchResource(statement, arn, 'all', context);
      if (answer !== common) exceptions.set(arn, answer);
    }
  };
  if (!statement.resources && !statement.notResources) {
    outside('no');
    return { common: 'no', exceptions };
  }
  const isResource = statement.resources !== null;
  const hit: Tri = isResource ? 'yes' : 'no';
  const miss: Tri = undecided ? 'maybe' : isResource ? 'no' : 'yes';
  if (patterns.some((pattern) => covers(pattern, family.pattern))) {
    outside(hit);
    return { common: hit, exceptions };
  }
  for (const pattern of patterns) {
    if (!overlaps(pattern, family.pattern)) continue;
    if (!hasWildcard(pattern)) {
      if (family.insideSet.has(pattern)) exceptions.set(pattern, hit);
      continue;
    }
    for (const arn of family.inside) if (covers(pattern, arn)) exceptions.set(arn, hit);
  }
  outside(miss);
  return { common: miss, exceptions };
}
