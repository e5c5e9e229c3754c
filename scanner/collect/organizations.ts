import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListParents,
  paginateListPoliciesForTarget,
  type PolicyType,
} from '@aws-sdk/client-organizations';
import { hasAwsErrorName } from '../../lib/aws/errors';
import type {
  OrganizationGuardrails,
  OrganizationPolicy,
  PolicyTarget,
} from '../model/organizations';
import { fetchDetail, type CollectContext, type GlobalCollector } from './collector';
import { parsePolicyDocument } from './policy-document';

/**
 * The SCPs and RCPs over the scanned account: every level from the root to the account with
 * the policies attached there. Organizations is a global service served from us-east-1 in the
 * commercial partition (the client's region is the scan's global region). Only the management
 * account and delegated administrators may list policies; member accounts get AccessDenied,
 * which is kept in the slice so the permission checks still run. moto implements these calls
 * but enforces no caller restriction.
 */
export const organizationPolicies: GlobalCollector<'organizationPolicies'> = {
  scope: 'global',
  apis: [
    'organizations:DescribeOrganization',
    'organizations:ListRoots',
    'organizations:ListParents',
    'organizations:ListPoliciesForTarget',
    'organizations:DescribePolicy',
  ],
  async collect(ctx) {
    const guardrails = await fetchDetail(
      'organizations:DescribeOrganization',
      ctx.globalRegion,
      () => readGuardrails(ctx),
    );
    return { guardrails };
  },
};

async function readGuardrails(ctx: CollectContext): Promise<OrganizationGuardrails | null> {
  const client = ctx.aws.get(OrganizationsClient, ctx.globalRegion);
  let organization;
  try {
    ({ Organization: organization } = await client.send(new DescribeOrganizationCommand({})));
  } catch (error) {
    if (hasAwsErrorName(error, ['AWSOrganizationsNotInUseException'])) return null;
    throw error;
  }
  const { Roots: roots = [] } = await client.send(new ListRootsCommand({}));
  const enabled = (type: PolicyType) =>
    roots.some((root) =>
      (root.PolicyTypes ?? []).some(
        (policyType) => policyType.Type === type && policyType.Status === 'ENABLED',
      ),
    );
  const levels = await chainToRoot(client, ctx.account);
  const described = new Map<string, Promise<OrganizationPolicy>>();
  const policiesAt = async (
    targetId: string,
    filter: PolicyType,
  ): Promise<OrganizationPolicy[]> => {
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
    organizationId: organization?.Id ?? '',
    managementAccountId: organization?.MasterAccountId ?? '',
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
