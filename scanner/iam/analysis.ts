import type { IamGroup, IamRole } from '../model/iam';
import {
  decide,
  decideFamily,
  type Decision,
  type FamilyDecisions,
  type DecidingStatement,
  type PolicyLayer,
  type Verdict,
} from './decide';
import {
  ESCALATION_METHODS,
  type EscalationMethod,
  type EscalationStep,
} from './escalation-methods';
import type { PermissionModel, PrincipalPermissions } from './principals';
import type { Request, RequestContext } from './request';
import { resourceFamily, type ResourceFamily } from './statement';
import { trustAdmits, trustedOf, trustsService, type TrustGrant } from './trust';

/** One action of a path and the decision that grants it. */
export interface GrantedStep {
  readonly action: string;
  readonly resource: string;
  readonly decision: Decision;
}

/** A way for a principal to reach administrator: principal → method → grants → target. */
export interface EscalationPath {
  readonly method: Pick<EscalationMethod, 'id' | 'title' | 'category' | 'source'>;
  /** What the method acts on or passes; for self-escalation, the principal or its group/policy. */
  readonly target: { readonly arn: string; readonly kind: string; readonly name: string };
  /** `administrator`, or how the target reaches it on a later hop. */
  readonly reached: string;
  readonly steps: readonly GrantedStep[];
  /** True when some grant depends on conditions Pyjamas cannot decide. */
  readonly conditional: boolean;
}

/** What the privilege-escalation check reports of a principal's paths. */
export interface EscalationSummary {
  /** How many paths there are. */
  readonly count: number;
  /** True when every path is conditional (and when there are none). */
  readonly allConditional: boolean;
  /** The first paths, in the order `AccountAnalysis.escalation` lists them. */
  readonly shown: readonly EscalationPath[];
}

/** Whether a principal is full administrator, and what says so. */
export interface AdminStatus {
  /** `allowed`: full administrator; `conditional`: only under conditions; `denied`: not. */
  readonly verdict: Verdict;
  /** The decision on every action on every resource, before Deny statements. */
  readonly grant: Decision;
  /** Deny statements that keep a would-be administrator from critical actions. */
  readonly limitedBy: readonly string[];
}

/**
 * Critical actions a full administrator must keep: a Deny of any of them (an SCP guardrail,
 * a deny-IAM statement) leaves "all actions" granted but no longer unrestricted.
 */
const ADMIN_PROBES = [
  'iam:AttachRolePolicy',
  'iam:PutUserPolicy',
  'iam:CreateAccessKey',
  'iam:PassRole',
  'sts:AssumeRole',
  'ec2:RunInstances',
  's3:GetObject',
  's3:PutBucketPolicy',
  'kms:Decrypt',
  'secretsmanager:GetSecretValue',
  'lambda:CreateFunction',
  'cloudtrail:DeleteTrail',
] as const;

/**
 * How a principal stands towards every resource of a family (`…:user/*`): one decision that
 * holds for every member, none allowed, or members that differ (each decided on its own).
 */
export type FamilyGrant =
  | { readonly kind: 'uniform'; readonly decision: Decision }
  | { readonly kind: 'none'; readonly decision: Decision }
  | { readonly kind: 'mixed' };

const sameStatements = (a: readonly DecidingStatement[], b: readonly DecidingStatement[]) =>
  a.length === b.length &&
  a.every((statement, index) => {
    const other = b[index];
    return (
      other !== undefined &&
      statement.layer === other.layer &&
      statement.policy === other.policy &&
      statement.statementIndex === other.statementIndex &&
      statement.conditional === other.conditional
    );
  });

/** The kinds of IAM resource whose members are decided together. */
export type FamilyKind = 'user' | 'role' | 'group' | 'policy';

/** The kind of resource each escalation target is, for the family shortcut. */
function targetKindOf(
  target: EscalationMethod['target'],
  principalKind: 'user' | 'role',
): FamilyKind | null {
  switch (target) {
    case 'self':
    case 'own-boundary':
      return principalKind;
    case 'own-group':
    case 'admin-group':
      return 'group';
    case 'own-customer-policy':
      return 'policy';
    case 'new-role':
      return null;
    case 'admin-user':
    case 'user':
      return 'user';
    default:
      return 'role';
  }
}

/** Request keys a step carries: the service a role is passed to, the policy attached. */
function contextOf(
  method: EscalationMethod,
  step: EscalationStep,
  adminPolicyArn: string,
): Record<string, string> {
  const context: Record<string, string> = {};
  if (step.action === 'iam:PassRole' && method.service)
    context['iam:PassedToService'] = method.service;
  if (/^iam:Attach(User|Group|Role)Policy$/.test(step.action))
    context['iam:PolicyARN'] = adminPolicyArn;
  return context;
}

/** A cache keyed first by principal, so keys need not repeat its ARN. */
class PerPrincipal<T> {
  private readonly entries = new Map<string, Map<string, T>>();

  get(principal: PrincipalPermissions, key: string, make: () => T): T {
    let own = this.entries.get(principal.arn);
    if (!own) {
      own = new Map();
      this.entries.set(principal.arn, own);
    }
    let value = own.get(key);
    if (value === undefined) {
      value = make();
      own.set(key, value);
    }
    return value;
  }
}

/** Hops of `sts:AssumeRole` followed through roles that escalate further. */
const MAX_HOPS = 3;

/** The decision on every action on every resource, Deny statements left out. */
function allowsAll(layers: readonly PolicyLayer[], context: RequestContext): Decision {
  return decide(layers, { action: '*:*', resource: '*', scope: 'all' }, context, {
    allowsOnly: true,
  });
}

/**
 * The permission analysis of one account: for each principal whether it is administrator, how
 * it can make itself one, and the paths through other principals and passed roles. Results
 * are computed on demand and kept, so every check of a scan shares one analysis.
 */
export class AccountAnalysis {
  private readonly admins = new Map<string, AdminStatus>();
  private readonly selfPaths = new Map<string, readonly EscalationPath[]>();
  private readonly summaries = new Map<string, EscalationSummary>();
  /** Per role, by hops left: the target it is as the first hop of a longer path, or null. */
  private readonly onward = new Map<PrincipalPermissions, Map<number, OnwardTarget | null>>();
  private readonly could = new PerPrincipal<boolean>();
  private readonly families = new PerPrincipal<FamilyGrant>();
  private readonly memberDecisions = new PerPrincipal<FamilyDecisions>();
  private readonly resourceFamilies = new Map<string, ResourceFamily>();
  private readonly pathTargets = new Map<string, EscalationPath['target']>();
  private readonly groupAdmin = new Map<string, boolean>();
  private readonly rolesByService = new Map<string, IamRole[]>();
  private readonly adminPolicyArn: string;
  private users: readonly PrincipalPermissions[] | undefined;
  private roles: readonly PrincipalPermissions[] | undefined;
  private trustIndex: ReadonlyMap<string, RoleTrust> | undefined;
  private admitting:
    | {
        readonly anyone: readonly PrincipalPermissions[];
        readonly naming: ReadonlyMap<string, readonly PrincipalPermissions[]>;
        readonly positions: ReadonlyMap<string, number>;
      }
    | undefined;

  constructor(readonly model: PermissionModel) {
    this.adminPolicyArn = `arn:${model.partition}:iam::aws:policy/AdministratorAccess`;
  }

  /** The account's users, in the order of the authorization details. */
  usersOf(): readonly PrincipalPermissions[] {
    this.users ??= this.model.principals.filter((principal) => principal.kind === 'user');
    return this.users;
  }

  private rolesOf(): readonly PrincipalPermissions[] {
    this.roles ??= this.model.principals.filter((principal) => principal.kind === 'role');
    return this.roles;
  }

  /** Decides a request for a principal with all its layers. */
  decide(principal: PrincipalPermissions, request: Request): Decision {
    return decide(principal.layers, request, principal.context);
  }

  /** Whether the principal is full administrator, however granted. */
  admin(principal: PrincipalPermissions): AdminStatus {
    let status = this.admins.get(principal.arn);
    if (!status) {
      status = this.adminOfLayers(principal.layers, principal.context);
      this.admins.set(principal.arn, status);
    }
    return status;
  }

  private adminOfLayers(layers: readonly PolicyLayer[], context: RequestContext): AdminStatus {
    const grant = allowsAll(layers, context);
    if (grant.verdict === 'denied') return { verdict: 'denied', grant, limitedBy: [] };
    const limitedBy: string[] = [];
    let verdict: Verdict = grant.verdict;
    for (const action of ADMIN_PROBES) {
      const decision = decide(layers, { action, resource: '*', scope: 'all' }, context);
      if (decision.verdict === 'denied') limitedBy.push(`${action} (${decision.reason})`);
      else if (decision.verdict === 'conditional') verdict = 'conditional';
    }
    return { verdict: limitedBy.length > 0 ? 'denied' : verdict, grant, limitedBy };
  }

  /** Full administrator, or able to make itself one: the set other paths aim at. */
  isAdministrator(principal: PrincipalPermissions): boolean {
    return this.admin(principal).verdict !== 'denied' || this.selfEscalation(principal).length > 0;
  }

  /** Ways the principal can grant itself administrator (admin-equivalent); empty for admins. */
  selfEscalation(principal: PrincipalPermissions): readonly EscalationPath[] {
    let found = this.selfPaths.get(principal.arn);
    if (!found) {
      found =
        this.admin(principal).verdict === 'allowed'
          ? []
          : ESCALATION_METHODS.filter((method) => method.category === 'self-escalation').flatMap(
              (method) => onlyPaths(this.pathsOf(principal, method, 0, { paths: Infinity })),
            );
      this.selfPaths.set(principal.arn, found);
    }
    return found;
  }

  /**
   * Every path to administrator through other principals and passed roles (not
   * self-escalation). An account can hold millions of them: a consumer that reports only a few
   * uses `escalationSummary`.
   */
  escalation(principal: PrincipalPermissions, hops = MAX_HOPS): readonly EscalationPath[] {
    return onlyPaths(this.escalationPaths(principal, hops, Infinity));
  }

  /**
   * How many paths `escalation` lists, whether all of them are conditional, and the first
   * `shown` of them in the same order: counted as they are found, only the first kept.
   */
  escalationSummary(principal: PrincipalPermissions, shown: number): EscalationSummary {
    const key = `${shown}|${principal.arn}`;
    let summary = this.summaries.get(key);
    if (!summary) {
      const first: EscalationPath[] = [];
      let count = 0;
      let allConditional = true;
      for (const found of this.escalationPaths(principal, MAX_HOPS, shown)) {
        if (typeof found !== 'boolean') first.push(found);
        count += 1;
        allConditional &&= typeof found === 'boolean' ? found : found.conditional;
      }
      summary = { count, allConditional, shown: first };
      this.summaries.set(key, summary);
    }
    return summary;
  }

  /**
   * A non-administrator role as the first hop of a longer path: what it reaches by the first
   * path `escalation` lists for it, or null. All a later hop needs, worked out once per role.
   */
  private onwardOf(role: PrincipalPermissions, hops: number): OnwardTarget | null {
    let byHops = this.onward.get(role);
    if (!byHops) {
      byHops = new Map();
      this.onward.set(role, byHops);
    }
    let found = byHops.get(hops);
    if (found === undefined) {
      byHops.set(hops, null);
      const first = this.escalationPaths(role, hops, 1).next().value;
      found =
        first === undefined || typeof first === 'boolean'
          ? null
          : {
              arn: role.arn,
              kind: 'role',
              name: role.name,
              reached: `role ${role.name}, which can ${first.method.title} (${first.method.id}) to reach ${first.reached}`,
            };
      byHops.set(hops, found);
    }
    return found;
  }

  /** The paths of `escalation`: the first `shown` in full, then only whether each is conditional. */
  private *escalationPaths(
    principal: PrincipalPermissions,
    hops: number,
    shown: number,
  ): Generator<EscalationPath | boolean, void> {
    if (this.isAdministrator(principal)) return;
    const budget = { paths: shown };
    for (const method of ESCALATION_METHODS)
      if (method.category !== 'self-escalation')
        yield* this.pathsOf(principal, method, hops, budget);
  }

  /**
   * Whether the principal may perform a (wildcard-free) action on every member of a family, on
   * none, or on some: thousands of users cost two decisions instead of one each. A statement
   * that applies to the family in both readings ("every member" and "some member") applies to
   * each member, one that applies in neither to none; when no statement applies in one reading
   * only, every member gets the family's decision.
   */
  familyGrant(
    principal: PrincipalPermissions,
    action: string,
    family: string,
    context: Readonly<Record<string, string>> = {},
  ): FamilyGrant {
    const key = `${action}|${family}|${JSON.stringify(context)}`;
    return this.families.get(principal, key, () => {
      const every = this.decide(principal, { action, resource: family, scope: 'all', context });
      if (every.verdict === 'allowed') return { kind: 'uniform', decision: every };
      const some = this.decide(principal, { action, resource: family, scope: 'some', context });
      if (some.verdict === 'denied') return { kind: 'none', decision: some };
      const uniform =
        sameStatements(every.allows, some.allows) &&
        sameStatements(every.denies, some.denies) &&
        sameStatements(every.conditionalDenies, some.conditionalDenies);
      return uniform ? { kind: 'uniform', decision: every } : { kind: 'mixed' };
    });
  }

  /**
   * The decision on an action for each member of a family: the shortcut for a family whose
   * grant is mixed, decided once per distinct set of statements that match members.
   */
  decideMembers(
    principal: PrincipalPermissions,
    action: string,
    kind: FamilyKind,
    context: Readonly<Record<string, string>> = {},
  ): FamilyDecisions {
    const key = `${action}|${kind}|${JSON.stringify(context)}`;
    return this.memberDecisions.get(principal, key, () =>
      decideFamily(principal.layers, action, this.membersOf(kind), principal.context, context),
    );
  }

  /** A member's decision from `decideMembers`, or null when the ARN is not a member. */
  static memberDecision(decisions: FamilyDecisions, arn: string): Decision | null {
    return decisions.exceptions.get(arn) ?? decisions.common;
  }

  private decideWith(
    principal: PrincipalPermissions,
    action: string,
    resource: string,
    family: FamilyGrant,
    context: Readonly<Record<string, string>>,
    kind: FamilyKind | null,
  ): Decision {
    if (family.kind !== 'mixed') return family.decision;
    if (kind && this.isMember(kind, resource)) {
      const decision = AccountAnalysis.memberDecision(
        this.decideMembers(principal, action, kind, context),
        resource,
      );
      if (decision) return decision;
    }
    return this.decide(principal, { action, resource, scope: 'all', context });
  }

  /** Every resource of a kind in the account, as a pattern: `arn:aws:iam::123456789012:user/*`. */
  familyOf(kind: FamilyKind): string {
    return `arn:${this.model.partition}:iam::${this.model.account}:${kind}/*`;
  }

  /** The account's users, roles, groups or customer-managed policies, for `decideMembers`. */
  private membersOf(kind: FamilyKind): ResourceFamily {
    let family = this.resourceFamilies.get(kind);
    if (!family) {
      const arns =
        kind === 'user'
          ? this.usersOf().map((principal) => principal.arn)
          : kind === 'role'
            ? this.rolesOf().map((principal) => principal.arn)
            : kind === 'group'
              ? [...this.model.groups.values()].map((group) => group.arn)
              : [...this.model.policies.values()]
                  .filter((policy) => !policy.awsManaged)
                  .map((policy) => policy.arn);
      family = resourceFamily(this.familyOf(kind), arns);
      this.resourceFamilies.set(kind, family);
    }
    return family;
  }

  private isMember(kind: FamilyKind, arn: string): boolean {
    const family = this.membersOf(kind);
    return family.insideSet.has(arn) || family.outside.includes(arn);
  }

  /** Whether the principal may perform the action on at least one resource (a cheap filter). */
  couldDo(principal: PrincipalPermissions, action: string): boolean {
    return this.could.get(
      principal,
      action,
      () => this.decide(principal, { action, resource: '*', scope: 'some' }).verdict !== 'denied',
    );
  }

  /**
   * The method's paths for the principal, in target order: built in full while `budget` lasts,
   * after that only whether each is conditional, so counting millions of paths keeps none.
   */
  private *pathsOf(
    principal: PrincipalPermissions,
    method: EscalationMethod,
    hops: number,
    budget: { paths: number },
  ): Generator<EscalationPath | boolean, void> {
    if (method.principals && !method.principals.includes(principal.kind)) return;
    const required = method.steps.filter((step) => step.action !== 'sts:AssumeRole');
    if (!required.every((step) => this.couldDo(principal, step.action))) return;
    // Each action on the target's whole family is decided once; a principal that may act on
    // no member needs no targets, and one that may act on all needs no per-target decision.
    const kind = targetKindOf(method.target, principal.kind);
    const family = kind ? this.familyOf(kind) : null;
    const families = new Map<EscalationStep, FamilyGrant>();
    // Targets a mixed grant denies cannot be on a path: when a step's decision on most members
    // is a denial, only the members decided otherwise are candidates.
    let candidates: Set<string> | null = null;
    for (const step of method.steps) {
      if (!family || !kind || step.on !== 'target') continue;
      const context = contextOf(method, step, this.adminPolicyArn);
      const grant = this.familyGrant(principal, step.action, family, context);
      // A trust policy that names the principal admits it without any identity permission.
      if (grant.kind === 'none' && step.action !== 'sts:AssumeRole') return;
      families.set(step, grant);
      if (grant.kind !== 'mixed' || step.action === 'sts:AssumeRole') continue;
      const members = this.decideMembers(principal, step.action, kind, context);
      if (members.common && members.common.verdict !== 'denied') continue;
      const allowed = new Set<string>();
      for (const [arn, decision] of members.exceptions)
        if (decision.verdict !== 'denied' && (!candidates || candidates.has(arn))) allowed.add(arn);
      candidates = allowed;
    }
    const only = candidates;
    const targets = this.targetsOf(principal, method, hops, only).filter(
      (target) => !only || !kind || only.has(target.arn) || !this.isMember(kind, target.arn),
    );
    for (const target of targets) {
      if (budget.paths <= 0) {
        const conditional = this.conditionalPath(principal, method, target, families, kind);
        if (conditional !== null) yield conditional;
        continue;
      }
      const steps: GrantedStep[] = [];
      for (const step of method.steps) {
        const granted = this.grant(
          principal,
          method,
          step,
          target,
          families.get(step) ?? MIXED,
          kind,
        );
        if (granted.decision.verdict === 'denied') break;
        steps.push(granted);
      }
      if (steps.length < method.steps.length) continue;
      budget.paths -= 1;
      yield {
        method: summaryOf(method),
        target: this.pathTarget(target),
        reached: target.reached,
        steps,
        conditional: steps.some((step) => step.decision.verdict === 'conditional'),
      };
    }
  }

  /**
   * What `grant` decides for each step of a path, without building the path: null when a step
   * is denied (no path), else whether some step is conditional.
   */
  private conditionalPath(
    principal: PrincipalPermissions,
    method: EscalationMethod,
    target: Target,
    families: ReadonlyMap<EscalationStep, FamilyGrant>,
    kind: FamilyKind | null,
  ): boolean | null {
    let conditional = false;
    for (const step of method.steps) {
      let verdict: Verdict;
      if (step.on === 'new')
        verdict = this.decide(principal, {
          action: step.action,
          resource: '*',
          scope: 'some',
        }).verdict;
      else if (step.action === 'sts:AssumeRole' && target.trust && target.trust.via !== 'account')
        verdict = target.trust.conditional ? 'conditional' : 'allowed';
      else {
        verdict = this.targetDecision(
          principal,
          method,
          step,
          target,
          families.get(step) ?? MIXED,
          kind,
        ).verdict;
        if (step.action === 'sts:AssumeRole' && target.trust?.conditional && verdict === 'allowed')
          verdict = 'conditional';
      }
      if (verdict === 'denied') return null;
      if (verdict === 'conditional') conditional = true;
    }
    return conditional;
  }

  /** The identity-policy decision on a step that acts on the target. */
  private targetDecision(
    principal: PrincipalPermissions,
    method: EscalationMethod,
    step: EscalationStep,
    target: Target,
    family: FamilyGrant,
    kind: FamilyKind | null,
  ): Decision {
    const context = contextOf(method, step, this.adminPolicyArn);
    return target.kind === 'new role'
      ? this.decide(principal, {
          action: step.action,
          resource: target.arn,
          scope: 'some',
          context,
        })
      : this.decideWith(principal, step.action, target.arn, family, context, kind);
  }

  private grant(
    principal: PrincipalPermissions,
    method: EscalationMethod,
    step: EscalationStep,
    target: Target,
    family: FamilyGrant,
    kind: FamilyKind | null,
  ): GrantedStep {
    if (step.on === 'new')
      return {
        action: step.action,
        resource: '*',
        decision: this.decide(principal, { action: step.action, resource: '*', scope: 'some' }),
      };
    if (step.action === 'sts:AssumeRole' && target.trust && target.trust.via !== 'account') {
      const conditional = target.trust.conditional;
      return {
        action: step.action,
        resource: target.arn,
        decision: {
          verdict: conditional ? 'conditional' : 'allowed',
          reason: `the trust policy of ${target.name} admits ${target.trust.via === 'anyone' ? 'anyone' : principal.name}`,
          allows: [
            {
              layer: 'trust policy',
              policy: `trust policy of role ${target.name}`,
              policyArn: target.arn,
              statementIndex: target.trust.statementIndex,
              sid: null,
              effect: 'Allow',
              conditional,
            },
          ],
          denies: [],
          conditionalDenies: [],
        },
      };
    }
    const decision = this.targetDecision(principal, method, step, target, family, kind);
    if (
      step.action === 'sts:AssumeRole' &&
      target.trust?.conditional &&
      decision.verdict === 'allowed'
    )
      return {
        action: step.action,
        resource: target.arn,
        decision: {
          ...decision,
          verdict: 'conditional',
          reason: 'the trust policy admits it only under conditions',
        },
      };
    return { action: step.action, resource: target.arn, decision };
  }

  /** A path's target, one object per target: an account has many paths to the same roles. */
  private pathTarget(target: Target): EscalationPath['target'] {
    const key = `${target.kind}|${target.arn}|${target.name}`;
    let known = this.pathTargets.get(key);
    if (!known) {
      known = { arn: target.arn, kind: target.kind, name: target.name };
      this.pathTargets.set(key, known);
    }
    return known;
  }

  /** The method's targets in the account; with `candidates`, only those among them. */
  private targetsOf(
    principal: PrincipalPermissions,
    method: EscalationMethod,
    hops: number,
    candidates: ReadonlySet<string> | null,
  ): Target[] {
    const { model } = this;
    const isOther = (other: { readonly arn: string }) =>
      other.arn !== principal.arn && (!candidates || candidates.has(other.arn));
    const admin = 'administrator';
    switch (method.target) {
      case 'self':
        return [{ arn: principal.arn, kind: principal.kind, name: principal.name, reached: admin }];
      case 'own-group':
        return principal.groups.flatMap((name) => {
          const group = model.groups.get(name);
          return group ? [{ arn: group.arn, kind: 'group', name, reached: admin }] : [];
        });
      case 'own-customer-policy':
        return principal.customerPolicies.map((policy) => ({
          arn: policy.arn,
          kind: 'policy',
          name: policy.name,
          reached: admin,
        }));
      case 'admin-group':
        return [...model.groups.values()]
          .filter((group) => !principal.groups.includes(group.name) && this.groupIsAdmin(group))
          .map((group) => ({
            arn: group.arn,
            kind: 'group',
            name: group.name,
            reached: `administrator as member of ${group.name}`,
          }));
      case 'new-role':
        return [
          {
            arn: `arn:${model.partition}:iam::${model.account}:role/*`,
            kind: 'new role',
            name: 'a new role',
            reached: admin,
          },
        ];
      case 'own-boundary':
        if (!principal.boundary) return [];
        if (
          this.adminOfLayers(principal.layersWithoutBoundary, principal.context).verdict ===
          'denied'
        )
          return [];
        return [
          {
            arn: principal.arn,
            kind: principal.kind,
            name: principal.name,
            reached: 'administrator once the boundary is gone',
          },
        ];
      case 'admin-user':
        return this.usersOf()
          .filter((other) => isOther(other) && this.isAdministrator(other))
          .map((other) => actingAs(other, 'user'));
      case 'user':
        return this.usersOf()
          .filter(isOther)
          .map((other) => actingAs(other, 'user'));
      case 'assumable-role':
      case 'assumable-admin-role':
        return this.rolesAdmitting(principal.arn).flatMap((other) => {
          if (!other.role || !isOther(other)) return [];
          const trust = this.trustOf(other.role, principal.arn);
          if (!trust) return [];
          if (method.target === 'assumable-role' || this.isAdministrator(other))
            return [{ ...actingAs(other, 'role'), trust }];
          if (hops <= 1) return [];
          const onward = this.onwardOf(other, hops - 1);
          return onward ? [{ ...onward, trust }] : [];
        });
      case 'admin-role':
        return this.rolesOf()
          .filter((other) => isOther(other) && this.isAdministrator(other))
          .map((other) => actingAs(other, 'role'));
      case 'role':
        return this.rolesOf()
          .filter(isOther)
          .map((other) => actingAs(other, 'role'));
      case 'service-role':
        return this.serviceRoles(method.service ?? '')
          .filter((role) => !method.needsInstanceProfile || role.instanceProfileArns.length > 0)
          .flatMap((role) => {
            const other = model.byArn.get(role.arn);
            return other && this.isAdministrator(other)
              ? [
                  {
                    arn: role.arn,
                    kind: 'role',
                    name: role.name,
                    reached: `administrator as role ${role.name}`,
                  },
                ]
              : [];
          });
    }
  }

  /**
   * How the role's trust policy admits the principal. What it grants every principal of the
   * account (`*`, the account root) is worked out once per role; only a principal the trust
   * names explicitly is looked at again.
   */
  private trustOf(role: IamRole, principalArn: string): TrustGrant | null {
    const trust = this.trustIndexOf().get(role.arn);
    if (!trust) return trustAdmits(role, principalArn, this.model.account);
    return trust.named.has(principalArn)
      ? trustAdmits(role, principalArn, this.model.account)
      : trust.anyPrincipal;
  }

  /**
   * The roles whose trust policy may admit the principal, in account order: those that admit
   * every principal of the account, and those that name it. The others need not be looked at.
   */
  private rolesAdmitting(principalArn: string): readonly PrincipalPermissions[] {
    if (!this.admitting) {
      const index = this.trustIndexOf();
      const anyone: PrincipalPermissions[] = [];
      const naming = new Map<string, PrincipalPermissions[]>();
      for (const role of this.rolesOf()) {
        const trust = index.get(role.arn);
        if (!trust) continue;
        if (trust.anyPrincipal) anyone.push(role);
        for (const arn of trust.named) {
          const roles = naming.get(arn);
          if (roles) roles.push(role);
          else naming.set(arn, [role]);
        }
      }
      const positions = new Map(this.rolesOf().map((role, index) => [role.arn, index]));
      this.admitting = { anyone, naming, positions };
    }
    const { anyone, naming, positions } = this.admitting;
    const named = naming.get(principalArn);
    if (!named) return anyone;
    return [...new Set([...anyone, ...named])].sort(
      (a, b) => (positions.get(a.arn) ?? 0) - (positions.get(b.arn) ?? 0),
    );
  }

  private trustIndexOf(): ReadonlyMap<string, RoleTrust> {
    if (!this.trustIndex) {
      const index = new Map<string, RoleTrust>();
      for (const other of this.rolesOf()) {
        if (!other.role) continue;
        index.set(other.arn, {
          anyPrincipal: trustAdmits(other.role, '', this.model.account),
          named: new Set(
            (other.role.assumeRolePolicy?.Statement ?? []).flatMap((statement) =>
              trustedOf(statement, 'AWS'),
            ),
          ),
        });
      }
      this.trustIndex = index;
    }
    return this.trustIndex;
  }

  private serviceRoles(service: string): IamRole[] {
    let roles = this.rolesByService.get(service);
    if (!roles) {
      roles = this.model.principals.flatMap((principal) =>
        principal.role && trustsService(principal.role, service) ? [principal.role] : [],
      );
      this.rolesByService.set(service, roles);
    }
    return roles;
  }

  private groupIsAdmin(group: IamGroup): boolean {
    let known = this.groupAdmin.get(group.name);
    if (known === undefined) {
      const identity = [
        ...group.inlinePolicies.map((policy) => ({
          label: `inline policy ${policy.name}`,
          arn: null,
          document: policy.document,
        })),
        ...group.attachedPolicies.flatMap((attached) => {
          const policy = this.model.policies.get(attached.arn);
          return policy
            ? [
                {
                  label: `managed policy ${policy.name}`,
                  arn: policy.arn,
                  document: policy.document,
                },
              ]
            : [];
        }),
      ];
      const layers = this.model.layersOf(identity, 'user', group.arn);
      known = this.adminOfLayers(layers, new Map()).verdict !== 'denied';
      this.groupAdmin.set(group.name, known);
    }
    return known;
  }
}

/** A role's trust policy, indexed for the principals of the account. */
interface RoleTrust {
  /** What the trust grants any principal it does not name. */
  readonly anyPrincipal: TrustGrant | null;
  /** ARNs the trust names under `AWS`. */
  readonly named: ReadonlySet<string>;
}

/** A role reached on the first of several hops. */
interface OnwardTarget {
  readonly arn: string;
  readonly kind: 'role';
  readonly name: string;
  readonly reached: string;
}

interface Target {
  readonly arn: string;
  readonly kind: string;
  readonly name: string;
  readonly reached: string;
  readonly trust?: TrustGrant;
}

/** A step with no family decision: each target is decided on its own. */
const MIXED: FamilyGrant = { kind: 'mixed' };

/** The paths among what `pathsOf` yields (all of it, when its budget is unlimited). */
function onlyPaths(found: Iterable<EscalationPath | boolean>): EscalationPath[] {
  const paths: EscalationPath[] = [];
  for (const item of found) if (typeof item !== 'boolean') paths.push(item);
  return paths;
}

const summaries = new Map<EscalationMethod, EscalationPath['method']>();

/** What a path says of its method, one object per method however many paths use it. */
function summaryOf(method: EscalationMethod): EscalationPath['method'] {
  let summary = summaries.get(method);
  if (!summary) {
    summary = {
      id: method.id,
      title: method.title,
      category: method.category,
      source: method.source,
    };
    summaries.set(method, summary);
  }
  return summary;
}

/** A target that makes the principal act as another, shared by every path that reaches it. */
interface ActingTarget {
  readonly arn: string;
  readonly kind: 'user' | 'role';
  readonly name: string;
  readonly reached: string;
}

const actingTargets = new WeakMap<object, Map<string, ActingTarget>>();

/** The target of a method that makes the principal act as `other`, an administrator. */
function actingAs(
  other: { readonly arn: string; readonly name: string },
  kind: 'user' | 'role',
): ActingTarget {
  let known = actingTargets.get(other);
  if (!known) {
    known = new Map();
    actingTargets.set(other, known);
  }
  const cached = known.get(kind);
  if (cached) return cached;
  const target = {
    arn: other.arn,
    kind,
    name: other.name,
    reached: `administrator as ${kind} ${other.name}`,
  };
  known.set(kind, target);
  return target;
}
