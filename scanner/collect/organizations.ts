import {
  DescribeOrganizationCommand,
  OrganizationsClient,
  paginateListDelegatedAdministrators,
  paginateListDelegatedServicesForAccount,
  paginateListPolicies,
  paginateListTargetsForPolicy,
  type PolicyType,
} from '@aws-sdk/client-organizations';
import { hasAwsErrorName } from '../../lib/aws/errors';
import type { DelegatedAdministrator, OrganizationPolicy } from '../model/organizations';
import type { GlobalCollector } from './collector';

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
