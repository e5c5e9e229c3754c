import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListDelegatedAdministrators,
  paginateListDelegatedServicesForAccount,
  paginateListParents,
  paginateListPolicies,
  paginateListPoliciesForTarget,
  paginateListTargetsForPolicy,
  type PolicyType,
} from '@aws-sdk/client-organizations';
import { hasAwsErrorName } from '../../lib/aws/errors';
import type {
  DelegatedAdministrator,
  GuardrailPolicy,
  OrganizationGuardrails,
  OrganizationPolicy,
  PolicyTarget,
} from '../model/organizations';
import { fetchDetail, type CollectContext, type GlobalCollector } from './collector';
import { parsePolicyDocument } from './policy-document';

/** Policy types whose attachment restricts what member accounts can do. */
const GUARDRAIL_POLICY_TYPES: readonly PolicyType[] = [
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
];

/** The organization the account belongs to; null outside any organization. */
export const organization: GlobalCollector<'organization'> = {
  scope: 'global',
  apis: ['organizations:DescribeOrganization'],
  async collect(ctx) {
    // Organizations is served from us-east-1 in the commercial partition whatever the region.
    const client = ctx.aws.get(OrganizationsClient, ctx.globalRegion);
    try {
      const { Organization } = await client.send(new DescribeOrganizationCommand({}));
      return {
        id: Organization?.Id ?? '',
        arn: Organization?.Arn ?? '',
        managementAccountId: Organization?.MasterAccountId ?? '',
        featureSet: Organization?.FeatureSet ?? 'ALL',
      };
    } catch (error) {
      if (hasAwsErrorName(error, ['AWSOrganizationsNotInUseException'])) return null;
      throw error;
    }
  },
};

/**
 * Delegated administrators and guardrail policies, read only from the management account: a
 * member account is refused (AccessDenied) and the controls are then judged there. A policy type
 * that is not enabled in the organization answers `PolicyTypeNotEnabledException` and lists
 * nothing.
 */
export const organizationGovernance: GlobalCollector<'organizationGovernance'> = {
  scope: 'global',
  apis: [
    'organizations:ListDelegatedAdministrators',
    'organizations:ListDelegatedServicesForAccount',
    'organizations:ListPolicies',
    'organizations:ListTargetsForPolicy',
  ],
  async collect(ctx) {
    const org = await ctx.global('organization');
    if (!org || org.managementAccountId !== ctx.account) return null;
    const client = ctx.aws.get(OrganizationsClient, ctx.globalRegion);
    const [delegatedAdministrators, policies] = await Promise.all([
      readDelegatedAdministrators(client),
      Promise.all(GUARDRAIL_POLICY_TYPES.map((type) => readPolicies(client, type))),
    ]);
    return { delegatedAdministrators, policies: policies.flat() };
  },
};

async function readDelegatedAdministrators(
  client: OrganizationsClient,
): Promise<DelegatedAdministrator[]> {
  const accounts: string[] = [];
  for await (const page of paginateListDelegatedAdministrators({ client }, {}))
    for (const admin of page.DelegatedAdministrators ?? []) if (admin.Id) accounts.push(admin.Id);
  return Promise.all(
    accounts.map(async (accountId) => {
      const services: string[] = [];
      for await (const page of paginateListDelegatedServicesForAccount(
        { client },
        { AccountId: accountId },
      ))
        for (const service of page.DelegatedServices ?? [])
          if (service.ServicePrincipal) services.push(service.ServicePrincipal);
      return { accountId, services };
    }),
  );
}

async function readPolicies(
  client: OrganizationsClient,
  type: PolicyType,
): Promise<OrganizationPolicy[]> {
  const summaries = [];
  try {
    for await (const page of paginateListPolicies({ client }, { Filter: type }))
      summaries.push(...(page.Policies ?? []));
  } catch (error) {
    if (hasAwsErrorName(error, ['PolicyTypeNotEnabledException'])) return [];
    throw error;
  }
  return Promise.all(
    summaries.map(async (summary) => {
      const targets: string[] = [];
      for await (const page of paginateListTargetsForPolicy(
        { client },
        { PolicyId: summary.Id ?? '' },
      ))
        for (const target of page.Targets ?? []) if (target.TargetId) targets.push(target.TargetId);
      return {
        id: summary.Id ?? '',
        arn: summary.Arn ?? '',
        name: summary.Name ?? '',
        type,
        awsManaged: summary.AwsManaged ?? false,
        targets,
      };
    }),
  );
}

/**
 * The SCPs and RCPs over the scanned account, with their documents: every level from the root to the account with
 * the policies attached there. Organizations is a global service served from us-east-1 in the
 * commercial partition (the client's region is the scan's global region). Only the management
 * account and delegated administrators may list policies; member accounts get AccessDenied,
 * which is kept in the slice so the permission checks still run. Unlike
 * `organizationGovernance` (every policy of the organization with its targets, management
 * account only), this reads only the chain above the scanned account, which delegated
 * administrators may also do. moto implements these calls
 * but enforces no caller restriction.
 */
export const organizationPolicies: GlobalCollector<'organizationPolicies'> = {
  scope: 'global',
  apis: [
    'organizations:ListRoots',
    'organizations:ListParents',
    'organizations:ListPoliciesForTarget',
    'organizations:DescribePolicy',
  ],
  async collect(ctx) {
    const guardrails = await fetchDetail('organizations:ListRoots', ctx.globalRegion, () =>
      readGuardrails(ctx),
    );
    return { guardrails };
  },
};

async function readGuardrails(ctx: CollectContext): Promise<OrganizationGuardrails | null> {
  // The organization slice made the one DescribeOrganization call; its failure lands here.
  const organization = await ctx.global('organization');
  if (!organization) return null;
  const client = ctx.aws.get(OrganizationsClient, ctx.globalRegion);
  const { Roots: roots = [] } = await client.send(new ListRootsCommand({}));
  const enabled = (type: PolicyType) =>
    roots.some((root) =>
      (root.PolicyTypes ?? []).some(
        (policyType) => policyType.Type === type && policyType.Status === 'ENABLED',
      ),
    );
  const levels = await chainToRoot(client, ctx.account);
  const described = new Map<string, Promise<GuardrailPolicy>>();
  const policiesAt = async (targetId: string, filter: PolicyType): Promise<GuardrailPolicy[]> => {
    const summaries = [];
    for await (const page of paginateListPoliciesForTarget(
      { client },
      { TargetId: targetId, Filter: filter },
    ))
      summaries.push(...(page.Policies ?? []));
    return Promise.all(
      summaries.map((summary) => {
        const id = summary.Id ?? '';
        let policy = described.get(id);
        if (!policy) {
          policy = client.send(new DescribePolicyCommand({ PolicyId: id })).then(({ Policy }) => ({
            id,
            name: summary.Name ?? id,
            arn: summary.Arn ?? '',
            document: parsePolicyDocument(Policy?.Content ?? '{}'),
          }));
          described.set(id, policy);
        }
        return policy;
      }),
    );
  };
  const layer = async (filter: PolicyType): Promise<PolicyTarget[]> =>
    Promise.all(
      levels.map(async (level) => ({
        ...level,
        policies: await policiesAt(level.targetId, filter),
      })),
    );
  return {
    organizationId: organization.id,
    managementAccountId: organization.managementAccountId,
    scps: enabled('SERVICE_CONTROL_POLICY') ? await layer('SERVICE_CONTROL_POLICY') : [],
    rcps: enabled('RESOURCE_CONTROL_POLICY') ? await layer('RESOURCE_CONTROL_POLICY') : null,
  };
}

/** The account's parents up to the root, root first, then each OU, then the account. */
async function chainToRoot(
  client: OrganizationsClient,
  account: string,
): Promise<{ targetId: string; type: PolicyTarget['type'] }[]> {
  const chain: { targetId: string; type: PolicyTarget['type'] }[] = [
    { targetId: account, type: 'ACCOUNT' },
  ];
  let child = account;
  // An account sits at most five OUs below the root.
  for (let depth = 0; depth < 7; depth += 1) {
    let parent: { Id?: string; Type?: string } | undefined;
    for await (const page of paginateListParents({ client }, { ChildId: child }))
      parent ??= page.Parents?.[0];
    if (!parent?.Id) break;
    const type = parent.Type === 'ROOT' ? 'ROOT' : 'ORGANIZATIONAL_UNIT';
    chain.unshift({ targetId: parent.Id, type });
    if (type === 'ROOT') break;
    child = parent.Id;
  }
  return chain;
}
