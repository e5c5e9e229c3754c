import { setTimeout as sleep } from 'node:timers/promises';
import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  paginateGetAccountAuthorizationDetails,
  type AttachedPolicy as SdkAttachedPolicy,
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

/** Users, groups, roles and managed policies with their documents, from one paginated call. */
export const authorizationDetails: GlobalCollector<'authorizationDetails'> = {
  scope: 'global',
  apis: ['iam:GetAccountAuthorizationDetails'],
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
    for await (const page of paginateGetAccountAuthorizationDetails({ client: iam }, {})) {
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
      for (const policy of page.Policies ?? []) {
        const awsManaged = (policy.Arn ?? '').includes(':iam::aws:policy/');
        const attachmentCount = policy.AttachmentCount ?? 0;
        const permissionsBoundaryUsageCount = policy.PermissionsBoundaryUsageCount ?? 0;
        // A policy used only as a boundary still bounds its principals (PMapper #121).
        if (awsManaged && attachmentCount === 0 && permissionsBoundaryUsageCount === 0) continue;
        const current =
          (policy.PolicyVersionList ?? []).find((version) => version.IsDefaultVersion) ??
          policy.PolicyVersionList?.[0];
        details.policies.push({
          // Some emulators omit PolicyName; the ARN ends with it.
          name: policy.PolicyName ?? (policy.Arn ?? '').split('/').pop() ?? '',
          arn: policy.Arn ?? '',
          awsManaged,
          attachmentCount,
          permissionsBoundaryUsageCount,
          defaultVersionId: policy.DefaultVersionId ?? current?.VersionId ?? '',
          document: parsePolicyDocument(current?.Document ?? '{}'),
        });
      }
    }
    return details satisfies AuthorizationDetails;
  },
};

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
