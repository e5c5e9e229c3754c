import type { IamGroup, IamRole } from '../model/iam';
import type { PolicyDocument } from '../model/policy';
import { decide, type Decision, type PolicyLayer, type Verdict } from './decide';
import {
  ESCALATION_METHODS,
  type EscalationMethod,
  type EscalationStep,
} from './escalation-methods';
import type { PermissionModel, PrincipalPermissions } from './principals';
import type { Request, RequestContext } from './request';
import { trustAdmits, trustsService, type TrustGrant } from './trust';

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

/** Hops of `sts:AssumeRole` followed through roles that escalate further. */
const MAX_HOPS = 3;

const allowOnly = new WeakMap<PolicyDocument, PolicyDocument>();

/** The document without its Deny statements, made once per document (caches key on it). */
function allowsOf(document: PolicyDocument): PolicyDocument {
  let allows = allowOnly.get(document);
  if (!allows) {
    allows = { Statement: document.Statement.filter((statement) => statement.Effect === 'Allow') };
    allowOnly.set(document, allows);
  }
  return allows;
}

function allowsAll(layers: readonly PolicyLayer[], context: RequestContext): Decision {
  return decide(
    layers.map((layer) => ({
      ...layer,
      policies: layer.policies.map((policy) => ({
        ...policy,
        document: allowsOf(policy.document),
      })),
    })),
    { action: '*:*', resource: '*', scope: 'all' },
    context,
  );
}

/**
 * The permission analysis of one account: for each principal whether it is administrator, how
 * it can make itself one, and the paths through other principals and passed roles. Results
 * are computed on demand and kept, so every check of a scan shares one analysis.
 */
export class AccountAnalysis {
  private readonly admins = new Map<string, AdminStatus>();
  private readonly selfPaths = new Map<string, readonly EscalationPath[]>();
  private readonly paths = new Map<string, readonly EscalationPath[]>();
  private readonly could = new Map<string, boolean>();
  private readonly families = new Map<string, Decision>();
  private readonly groupAdmin = new Map<string, boolean>();
  private readonly rolesByService = new Map<string, IamRole[]>();
  private readonly adminPolicyArn: string;

  constructor(readonly model: PermissionModel) {
    this.adminPolicyArn = `arn:${model.partition}:iam::aws:policy/AdministratorAccess`;
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
              (method) => this.pathsOf(principal, method, 0),
            );
      this.selfPaths.set(principal.arn, found);
    }
    return found;
  }

  /** Paths to administrator through other principals and passed roles (not self-escalation). */
  escalation(principal: PrincipalPermissions, hops = MAX_HOPS): readonly EscalationPath[] {
    const key = `${hops}|${principal.arn}`;
    let found = this.paths.get(key);
    if (!found) {
      this.paths.set(key, []);
      found = this.isAdministrator(principal)
        ? []
        : ESCALATION_METHODS.filter((method) => method.category !== 'self-escalation').flatMap(
            (method) => this.pathsOf(principal, method, hops),
          );
      this.paths.set(key, found);
    }
    return found;
  }

  /**
   * Decides the action on one resource of a family (`…:user/*`): when the principal may act on
   * the whole family the family's decision answers for every member, and when it may act on
   * none of it no member needs a decision, so thousands of users cost one or two decisions.
   */
  decideOn(
    principal: PrincipalPermissions,
    action: string,
    resource: string,
    family: string | null,
    context: Readonly<Record<string, string>> = {},
  ): Decision {
    if (family) {
      const key = `${principal.arn}|${action}|${family}|${JSON.stringify(context)}`;
      const whole = this.familyDecision(`all|${key}`, principal, {
        action,
        resource: family,
        scope: 'all',
        context,
      });
      if (whole.verdict === 'allowed') return whole;
      const some = this.familyDecision(`some|${key}`, principal, {
        action,
        resource: family,
        scope: 'some',
        context,
      });
      if (some.verdict === 'denied') return some;
    }
    return this.decide(principal, { action, resource, scope: 'all', context });
  }

  private familyDecision(key: string, principal: PrincipalPermissions, request: Request): Decision {
    let decision = this.families.get(key);
    if (!decision) {
      decision = this.decide(principal, request);
      this.families.set(key, decision);
    }
    return decision;
  }

  /** Every resource of a kind in the account, as a pattern: `arn:aws:iam::123456789012:user/*`. */
  familyOf(kind: string): string | null {
    if (!['user', 'role', 'group', 'policy'].includes(kind)) return null;
    return `arn:${this.model.partition}:iam::${this.model.account}:${kind}/*`;
  }

  /** Whether the principal may perform the action on at least one resource (a cheap filter). */
  couldDo(principal: PrincipalPermissions, action: string): boolean {
    const key = `${principal.arn}|${action}`;
    let known = this.could.get(key);
    if (known === undefined) {
      known = this.decide(principal, { action, resource: '*', scope: 'some' }).verdict !== 'denied';
      this.could.set(key, known);
    }
    return known;
  }

  private pathsOf(
    principal: PrincipalPermissions,
    method: EscalationMethod,
    hops: number,
  ): EscalationPath[] {
    if (method.principals && !method.principals.includes(principal.kind)) return [];
    const required = method.steps.filter((step) => step.action !== 'sts:AssumeRole');
    if (!required.every((step) => this.couldDo(principal, step.action))) return [];
    return this.targetsOf(principal, method, hops).flatMap((target) => {
      const steps: GrantedStep[] = [];
      for (const step of method.steps) {
        const granted = this.grant(principal, method, step, target);
        if (!granted || granted.decision.verdict === 'denied') return [];
        steps.push(granted);
      }
      return [
        {
          method: {
            id: method.id,
            title: method.title,
            category: method.category,
            source: method.source,
          },
          target: { arn: target.arn, kind: target.kind, name: target.name },
          reached: target.reached,
          steps,
          conditional: steps.some((step) => step.decision.verdict === 'conditional'),
        },
      ];
    });
  }

  private grant(
    principal: PrincipalPermissions,
    method: EscalationMethod,
    step: EscalationStep,
    target: Target,
  ): GrantedStep | null {
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
    const context: Record<string, string> = {};
    if (step.action === 'iam:PassRole' && method.service)
      context['iam:PassedToService'] = method.service;
    if (/^iam:Attach(User|Group|Role)Policy$/.test(step.action))
      context['iam:PolicyARN'] = this.adminPolicyArn;
    const decision =
      target.kind === 'new role'
        ? this.decide(principal, {
            action: step.action,
            resource: target.arn,
            scope: 'some',
            context,
          })
        : this.decideOn(principal, step.action, target.arn, this.familyOf(target.kind), context);
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

  private targetsOf(
    principal: PrincipalPermissions,
    method: EscalationMethod,
    hops: number,
  ): Target[] {
    const { model } = this;
    const others = model.principals.filter((other) => other.arn !== principal.arn);
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
        return others
          .filter((other) => other.kind === 'user' && this.isAdministrator(other))
          .map((other) => ({
            arn: other.arn,
            kind: 'user',
            name: other.name,
            reached: `administrator as user ${other.name}`,
          }));
      case 'user':
        return others
          .filter((other) => other.kind === 'user')
          .map((other) => ({
            arn: other.arn,
            kind: 'user',
            name: other.name,
            reached: `administrator as user ${other.name}`,
          }));
      case 'assumable-role':
      case 'assumable-admin-role':
        return others.flatMap((other) => {
          if (!other.role) return [];
          const trust = trustAdmits(other.role, principal.arn, model.account);
          if (!trust) return [];
          if (method.target === 'assumable-role')
            return [
              {
                arn: other.arn,
                kind: 'role',
                name: other.name,
                reached: `administrator as role ${other.name}`,
                trust,
              },
            ];
          if (this.isAdministrator(other))
            return [
              {
                arn: other.arn,
                kind: 'role',
                name: other.name,
                reached: `administrator as role ${other.name}`,
                trust,
              },
            ];
          if (hops <= 1) return [];
          const onward = this.escalation(other, hops - 1)[0];
          return onward
            ? [
                {
                  arn: other.arn,
                  kind: 'role',
                  name: other.name,
                  reached: `role ${other.name}, which can ${onward.method.title} (${onward.method.id}) to reach ${onward.reached}`,
                  trust,
                },
              ]
            : [];
        });
      case 'admin-role':
        return others
          .filter((other) => other.kind === 'role' && this.isAdministrator(other))
          .map((other) => ({
            arn: other.arn,
            kind: 'role',
            name: other.name,
            reached: `administrator as role ${other.name}`,
          }));
      case 'role':
        return others
          .filter((other) => other.kind === 'role')
          .map((other) => ({
            arn: other.arn,
            kind: 'role',
            name: other.name,
            reached: `administrator as role ${other.name}`,
          }));
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

interface Target {
  readonly arn: string;
  readonly kind: string;
  readonly name: string;
  readonly reached: string;
  readonly trust?: TrustGrant;
}
