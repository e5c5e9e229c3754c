import type { CollectError } from '../model/inventory';
import type {
  AttachedPolicy,
  AuthorizationDetails,
  IamGroup,
  IamRole,
  IamUser,
  InlinePolicy,
  ManagedPolicy,
} from '../model/iam';
import type { OrganizationPolicies, PolicyTarget } from '../model/organizations';
import { rcpSupportedServices } from './catalogue';
import type { AppliedPolicy, PolicyLayer } from './decide';
import type { RequestContext } from './request';

/** A user or role with every policy that bears on its requests. */
export interface PrincipalPermissions {
  readonly kind: 'user' | 'role';
  readonly name: string;
  readonly arn: string;
  readonly id: string;
  /** Inline, managed and (for users) group policies. */
  readonly identity: readonly AppliedPolicy[];
  readonly boundary: AppliedPolicy | null;
  /** Identity, boundary, SCP and RCP layers, in that order. */
  readonly layers: readonly PolicyLayer[];
  /** The same without the boundary: what removing the boundary would give. */
  readonly layersWithoutBoundary: readonly PolicyLayer[];
  readonly context: RequestContext;
  /** Names of the user's groups; empty for roles. */
  readonly groups: readonly string[];
  /** Customer-managed policies attached to the principal or its groups (CreatePolicyVersion targets). */
  readonly customerPolicies: readonly ManagedPolicy[];
  /** Managed policies attached or set as boundary but missing from the authorization details. */
  readonly unknownPolicies: readonly string[];
  readonly user: IamUser | null;
  readonly role: IamRole | null;
}

/** How the organization's guardrails entered the model. */
export type GuardrailStatus =
  | { readonly status: 'applied' }
  | { readonly status: 'not-in-organization' }
  | { readonly status: 'management-account' }
  | { readonly status: 'not-collected' }
  | { readonly status: 'unreadable'; readonly error: CollectError };

/** Every principal of an account, ready to be asked what it can do. */
export interface PermissionModel {
  readonly account: string;
  readonly partition: string;
  readonly principals: readonly PrincipalPermissions[];
  readonly byArn: ReadonlyMap<string, PrincipalPermissions>;
  readonly groups: ReadonlyMap<string, IamGroup>;
  readonly policies: ReadonlyMap<string, ManagedPolicy>;
  readonly guardrails: GuardrailStatus;
  /** Builds the layers of a principal that holds exactly these identity policies. */
  layersOf(identity: readonly AppliedPolicy[], kind: 'user' | 'role', arn: string): PolicyLayer[];
}

function inline(policy: InlinePolicy, via: string): AppliedPolicy {
  return { label: `inline policy ${policy.name}${via}`, arn: null, document: policy.document };
}

function guardrailLayers(org: OrganizationPolicies | undefined, account: string) {
  if (!org) return { status: { status: 'not-collected' } as GuardrailStatus, scp: [], rcp: [] };
  if (!org.guardrails.ok)
    return {
      status: { status: 'unreadable', error: org.guardrails.error } as GuardrailStatus,
      scp: [],
      rcp: [],
    };
  const guardrails = org.guardrails.data;
  if (!guardrails)
    return { status: { status: 'not-in-organization' } as GuardrailStatus, scp: [], rcp: [] };
  if (guardrails.managementAccountId === account)
    return { status: { status: 'management-account' } as GuardrailStatus, scp: [], rcp: [] };
  const layer = (kind: 'SCPs' | 'RCPs', target: PolicyTarget): PolicyLayer => ({
    name: `${kind} at ${target.targetId}`,
    policies: target.policies.map((policy) => ({
      label: `${kind === 'SCPs' ? 'SCP' : 'RCP'} ${policy.name} (${policy.id}) at ${target.targetId}`,
      arn: policy.arn,
      document: policy.document,
    })),
    ...(kind === 'RCPs' ? { services: rcpSupportedServices() } : {}),
  });
  return {
    status: { status: 'applied' } as GuardrailStatus,
    scp: guardrails.scps.map((target) => layer('SCPs', target)),
    rcp: (guardrails.rcps ?? []).map((target) => layer('RCPs', target)),
  };
}

/** Service-linked roles are exempt from SCPs and RCPs, and take no policies but their service's. */
export function isServiceLinkedRole(arn: string): boolean {
  return arn.includes(':role/aws-service-role/');
}

/**
 * Gathers, for every user and role, the policies IAM evaluates on its requests: inline and
 * managed policies, the user's groups' policies, the permissions boundary and the
 * organization's SCPs and RCPs, and the request context keys known for it.
 */
export function buildPermissionModel(
  details: AuthorizationDetails,
  org: OrganizationPolicies | undefined,
  account: string,
  partition: string,
): PermissionModel {
  const policies = new Map(details.policies.map((policy) => [policy.arn, policy]));
  const groups = new Map(details.groups.map((group) => [group.name, group]));
  const guard = guardrailLayers(org, account);

  const managed = (attached: AttachedPolicy, via: string, unknown: string[]): AppliedPolicy[] => {
    const policy = policies.get(attached.arn);
    if (!policy) {
      unknown.push(attached.arn);
      return [];
    }
    return [
      { label: `managed policy ${policy.name}${via}`, arn: policy.arn, document: policy.document },
    ];
  };

  const layersOf = (
    identity: readonly AppliedPolicy[],
    kind: 'user' | 'role',
    arn: string,
    boundary: AppliedPolicy | null = null,
  ): PolicyLayer[] => {
    const exempt = kind === 'role' && isServiceLinkedRole(arn);
    return [
      { name: 'identity policies', policies: identity },
      ...(boundary ? [{ name: 'permissions boundary', policies: [boundary] }] : []),
      ...(exempt ? [] : [...guard.scp, ...guard.rcp]),
    ];
  };

  const build = (
    kind: 'user' | 'role',
    entity: IamUser | IamRole,
    groupNames: readonly string[],
    context: RequestContext,
  ): PrincipalPermissions => {
    const unknown: string[] = [];
    const identity: AppliedPolicy[] = [
      ...entity.inlinePolicies.map((policy) => inline(policy, '')),
      ...entity.attachedPolicies.flatMap((attached) => managed(attached, '', unknown)),
    ];
    const customer = new Map<string, ManagedPolicy>();
    const noteCustomer = (attached: readonly AttachedPolicy[]) => {
      for (const { arn } of attached) {
        const policy = policies.get(arn);
        if (policy && !policy.awsManaged) customer.set(arn, policy);
      }
    };
    noteCustomer(entity.attachedPolicies);
    for (const name of groupNames) {
      const group = groups.get(name);
      if (!group) continue;
      const via = ` via group ${name}`;
      identity.push(...group.inlinePolicies.map((policy) => inline(policy, via)));
      identity.push(
        ...group.attachedPolicies.flatMap((attached) => managed(attached, via, unknown)),
      );
      noteCustomer(group.attachedPolicies);
    }
    const boundaryArn = entity.permissionsBoundaryArn ?? null;
    let boundary: AppliedPolicy | null = null;
    if (boundaryArn) {
      const policy = policies.get(boundaryArn);
      if (policy)
        boundary = {
          label: `permissions boundary ${policy.name}`,
          arn: policy.arn,
          document: policy.document,
        };
      else {
        unknown.push(boundaryArn);
        // A boundary Pyjamas cannot read still bounds the principal: model it as allowing
        // nothing known, so no finding claims access the boundary may forbid.
        boundary = {
          label: `permissions boundary ${boundaryArn} (not readable)`,
          arn: boundaryArn,
          document: { Statement: [] },
        };
      }
    }
    return {
      kind,
      name: entity.name,
      arn: entity.arn,
      id: entity.id,
      identity,
      boundary,
      layers: layersOf(identity, kind, entity.arn, boundary),
      layersWithoutBoundary: layersOf(identity, kind, entity.arn),
      context,
      groups: groupNames,
      customerPolicies: [...customer.values()],
      unknownPolicies: unknown,
      user: kind === 'user' ? (entity as IamUser) : null,
      role: kind === 'role' ? (entity as IamRole) : null,
    };
  };

  const common = (arn: string, type: string): [string, string[] | null][] => [
    ['aws:principalarn', [arn]],
    ['aws:principalaccount', [account]],
    ['aws:principaltype', [type]],
  ];
  const principals = [
    ...details.users.map((user) =>
      build(
        'user',
        user,
        user.groups,
        new Map([
          ...common(user.arn, 'User'),
          ['aws:username', [user.name]],
          ['aws:userid', [user.id]],
        ]),
      ),
    ),
    ...details.roles.map((role) =>
      build(
        'role',
        role,
        [],
        new Map([...common(role.arn, 'AssumedRole'), ['aws:username', null]]),
      ),
    ),
  ];
  return {
    account,
    partition,
    principals,
    byArn: new Map(principals.map((principal) => [principal.arn, principal])),
    groups,
    policies,
    guardrails: guard.status,
    layersOf: (identity, kind, arn) => layersOf(identity, kind, arn),
  };
}
