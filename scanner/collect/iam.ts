import { setTimeout as sleep } from 'node:timers/promises';
import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  paginateGetAccountAuthorizationDetails,
  paginateListPolicies,
  type AttachedPolicy as SdkAttachedPolicy,
  type EntityType,
  type ManagedPolicyDetail,
  type Policy,
  type PolicyDetail,
} from '@aws-sdk/client-iam';
import { hasAwsErrorName } from '../../lib/aws/errors';
import type {
  AttachedPolicy,
  AuthorizationDetails,
  IamGroup,
  IamRole,
  IamUser,
  InlinePolicy,
  ManagedPolicy,
} from '../model/iam';
import type { CollectContext, GlobalCollector } from './collector';
import { parseCredentialReport } from './credential-report';
import { parsePolicyDocument } from './policy-document';

/** AWS is still writing the report: wait and ask again. */
const REPORT_NOT_READY = [
  'ReportInProgress',
  'ReportNotPresent',
  'ReportExpired',
  'ReportNotReady',
];
const REPORT_TIMEOUT_MS = 120_000;

/** The IAM credential report, generated when needed. */
export const credentialReport: GlobalCollector<'credentialReport'> = {
  scope: 'global',
  apis: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  async collect(ctx) {
    const iam = ctx.aws.get(IAMClient, ctx.globalRegion);
    const deadline = Date.now() + REPORT_TIMEOUT_MS;
    for (let wait = 500; ; wait = Math.min(wait * 2, 5000)) {
      await iam.send(new GenerateCredentialReportCommand({}));
      try {
        const report = await iam.send(new GetCredentialReportCommand({}));
        const csv = new TextDecoder().decode(report.Content ?? new Uint8Array());
        return parseCredentialReport(csv, report.GeneratedTime?.toISOString() ?? null);
      } catch (error) {
        if (!hasAwsErrorName(error, REPORT_NOT_READY) || Date.now() > deadline) throw error;
        await sleep(wait);
      }
    }
  },
};

/**
 * What GetAccountAuthorizationDetails is asked for: every entity of the account, but no AWS managed
 * policy. Asked for those too, it returns every AWS managed policy there is (some 1,300, each with
 * every version's document: 5 MB of XML on the emulator, more on AWS), attached or not.
 */
const ACCOUNT_ENTITIES: EntityType[] = ['User', 'Group', 'Role', 'LocalManagedPolicy'];

/** IAM's largest page for GetAccountAuthorizationDetails and ListPolicies (default 100). */
const IAM_PAGE_SIZE = 1000;

/**
 * Users, groups, roles and customer managed policies with their documents, from one paginated
 * call; then the AWS managed policies they use, each read at its default version.
 */
export const authorizationDetails: GlobalCollector<'authorizationDetails'> = {
  scope: 'global',
  apis: [
    'iam:GetAccountAuthorizationDetails',
    'iam:ListPolicies',
    'iam:GetPolicy',
    'iam:GetPolicyVersion',
  ],
  async collect(ctx) {
    const iam = ctx.aws.get(IAMClient, ctx.globalRegion);
    const details: {
      users: IamUser[];
      groups: IamGroup[];
      roles: IamRole[];
      policies: ManagedPolicy[];
    } = {
      users: [],
      groups: [],
      roles: [],
      policies: [],
    };
    const pages = paginateGetAccountAuthorizationDetails(
      { client: iam, pageSize: IAM_PAGE_SIZE },
      { Filter: ACCOUNT_ENTITIES },
    );
    for await (const page of pages) {
      for (const user of page.UserDetailList ?? []) {
        details.users.push({
          ...principal(
            user.UserName,
            user.Arn,
            user.UserId,
            user.CreateDate,
            user.AttachedManagedPolicies,
            user.UserPolicyList,
          ),
          groups: user.GroupList ?? [],
          permissionsBoundaryArn: user.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
        });
      }
      for (const group of page.GroupDetailList ?? []) {
        details.groups.push(
          principal(
            group.GroupName,
            group.Arn,
            group.GroupId,
            group.CreateDate,
            group.AttachedManagedPolicies,
            group.GroupPolicyList,
          ),
        );
      }
      for (const role of page.RoleDetailList ?? []) {
        details.roles.push({
          ...principal(
            role.RoleName,
            role.Arn,
            role.RoleId,
            role.CreateDate,
            role.AttachedManagedPolicies,
            role.RolePolicyList,
          ),
          assumeRolePolicy: role.AssumeRolePolicyDocument
            ? parsePolicyDocument(role.AssumeRolePolicyDocument)
            : null,
          instanceProfileArns: (role.InstanceProfileList ?? []).map((profile) => profile.Arn ?? ''),
          permissionsBoundaryArn: role.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
          lastUsed: role.RoleLastUsed?.LastUsedDate?.toISOString() ?? null,
        });
      }
      // The filter leaves AWS managed policies out; an endpoint that ignored it would list them
      // here too, and they are read below, the ones in use only.
      for (const policy of page.Policies ?? [])
        if (!isAwsManaged(policy.Arn)) details.policies.push(customerPolicy(policy));
    }
    details.policies.push(
      ...(await awsManagedPoliciesInUse(iam, [
        ...details.users,
        ...details.groups,
        ...details.roles,
      ])),
    );
    return details satisfies AuthorizationDetails;
  },
};

/** True for a policy AWS maintains, in any partition (`arn:aws-cn:iam::aws:policy/...`). */
function isAwsManaged(arn: string | undefined): boolean {
  return (arn ?? '').includes(':iam::aws:policy/');
}

/** A managed policy's name; some emulators omit PolicyName, and the ARN ends with it. */
function policyName(name: string | undefined, arn: string): string {
  return name ?? arn.split('/').pop() ?? '';
}

/** A customer managed policy as GetAccountAuthorizationDetails gives it, all versions inline. */
function customerPolicy(policy: ManagedPolicyDetail): ManagedPolicy {
  const current =
    (policy.PolicyVersionList ?? []).find((version) => version.IsDefaultVersion) ??
    policy.PolicyVersionList?.[0];
  return {
    name: policyName(policy.PolicyName, policy.Arn ?? ''),
    arn: policy.Arn ?? '',
    awsManaged: false,
    attachmentCount: policy.AttachmentCount ?? 0,
    permissionsBoundaryUsageCount: policy.PermissionsBoundaryUsageCount ?? 0,
    defaultVersionId: policy.DefaultVersionId ?? current?.VersionId ?? '',
    document: parsePolicyDocument(current?.Document ?? '{}'),
  };
}

/**
 * The AWS managed policies attached to a user, group or role, or used as one's permissions
 * boundary (a boundary still bounds its principals: PMapper #121). ListPolicies with
 * `OnlyAttached` gives the attached ones' default version and counts in one page; a policy used
 * only as a boundary is not "attached", so it is asked for by ARN. Each document is then read at
 * its default version. A read that fails fails the slice: a principal's permissions are never
 * judged without one of its policies.
 */
async function awsManagedPoliciesInUse(
  iam: IAMClient,
  principals: readonly {
    attachedPolicies: readonly AttachedPolicy[];
    permissionsBoundaryArn?: string | null;
  }[],
): Promise<ManagedPolicy[]> {
  const inUse = new Set(
    principals
      .flatMap((p) => [
        ...p.attachedPolicies.map((policy) => policy.arn),
        p.permissionsBoundaryArn ?? '',
      ])
      .filter(isAwsManaged),
  );
  if (inUse.size === 0) return [];
  const attached = new Map<string, Policy>();
  const pages = paginateListPolicies(
    { client: iam, pageSize: IAM_PAGE_SIZE },
    { Scope: 'AWS', OnlyAttached: true },
  );
  for await (const page of pages)
    for (const policy of page.Policies ?? []) if (policy.Arn) attached.set(policy.Arn, policy);
  return Promise.all(
    [...inUse].sort().map(async (arn): Promise<ManagedPolicy> => {
      const policy =
        attached.get(arn) ?? (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy;
      const versionId = policy?.DefaultVersionId ?? '';
      const { PolicyVersion } = await iam.send(
        new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId }),
      );
      return {
        name: policyName(policy?.PolicyName, arn),
        arn,
        awsManaged: true,
        attachmentCount: policy?.AttachmentCount ?? 0,
        permissionsBoundaryUsageCount: policy?.PermissionsBoundaryUsageCount ?? 0,
        defaultVersionId: versionId,
        document: parsePolicyDocument(PolicyVersion?.Document ?? '{}'),
      };
    }),
  );
}

/** The account password policy. */
export const passwordPolicy: GlobalCollector<'passwordPolicy'> = {
  scope: 'global',
  apis: ['iam:GetAccountPasswordPolicy'],
  async collect(ctx) {
    const iam = ctx.aws.get(IAMClient, ctx.globalRegion);
    try {
      const { PasswordPolicy: policy } = await iam.send(new GetAccountPasswordPolicyCommand({}));
      if (!policy) return null;
      return {
        minimumPasswordLength: policy.MinimumPasswordLength ?? null,
        passwordReusePrevention: policy.PasswordReusePrevention ?? null,
        maxPasswordAge: policy.MaxPasswordAge ?? null,
        requireSymbols: policy.RequireSymbols ?? false,
        requireNumbers: policy.RequireNumbers ?? false,
        requireUppercaseCharacters: policy.RequireUppercaseCharacters ?? false,
        requireLowercaseCharacters: policy.RequireLowercaseCharacters ?? false,
        expirePasswords: policy.ExpirePasswords ?? false,
      };
    } catch (error) {
      // No policy set: AWS answers NoSuchEntity and applies its default policy.
      if (hasAwsErrorName(error, ['NoSuchEntity'])) return null;
      throw error;
    }
  },
};

/** The account summary counters (root MFA, root keys). */
export const accountSummary: GlobalCollector<'accountSummary'> = {
  scope: 'global',
  apis: ['iam:GetAccountSummary'],
  async collect(ctx: CollectContext) {
    const iam = ctx.aws.get(IAMClient, ctx.globalRegion);
    const { SummaryMap } = await iam.send(new GetAccountSummaryCommand({}));
    return { ...(SummaryMap ?? {}) };
  },
};

/** The fields users, groups and roles share, from their differently named SDK fields. */
function principal(
  name: string | undefined,
  arn: string | undefined,
  id: string | undefined,
  created: Date | undefined,
  attachedPolicies: SdkAttachedPolicy[] | undefined,
  inlinePolicies: PolicyDetail[] | undefined,
): IamGroup {
  return {
    name: name ?? '',
    arn: arn ?? '',
    id: id ?? '',
    createDate: created?.toISOString() ?? null,
    attachedPolicies: (attachedPolicies ?? []).map((policy): AttachedPolicy => ({
      name: policy.PolicyName ?? '',
      arn: policy.PolicyArn ?? '',
    })),
    inlinePolicies: (inlinePolicies ?? []).map((policy): InlinePolicy => ({
      name: policy.PolicyName ?? '',
      document: parsePolicyDocument(policy.PolicyDocument ?? '{}'),
    })),
  };
}
