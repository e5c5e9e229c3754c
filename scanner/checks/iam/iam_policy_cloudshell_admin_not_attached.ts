import { defineCheck } from '../../model/check';
import { GLOBAL_REGION, accountResource, fail, pass } from '../results';

/** The AWS-managed policy that gives CloudShell with file transfer and full shell access. */
const CLOUDSHELL_FULL_ACCESS = 'AWSCloudShellFullAccess';

export default defineCheck({
  id: 'iam_policy_cloudshell_admin_not_attached',
  title: 'AWSCloudShellFullAccess is attached to no user, group or role',
  service: 'iam',
  severity: 'medium',
  resourceType: 'AwsIamPolicy',
  risk: 'CloudShell full access lets its holder upload and download files and run any tool inside the account from the browser, a ready-made path for exfiltration and tooling that bypasses endpoint controls.',
  remediation:
    'Detach AWSCloudShellFullAccess from every principal and grant a custom policy that denies cloudshell:PutFileUpload and cloudshell:GetFileDownload where CloudShell is needed.',
  references: [
    'https://docs.aws.amazon.com/cloudshell/latest/userguide/sec-auth-with-identities.html',
    'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCloudShellFullAccess.html',
  ],
  needs: ['authorizationDetails'],
  evaluate({ authorizationDetails }, ctx) {
    const resource = {
      ...accountResource(ctx, 'iam', GLOBAL_REGION),
      type: 'AwsIamPolicy',
      id: CLOUDSHELL_FULL_ACCESS,
      arn: `arn:${ctx.partition}:iam::aws:policy/${CLOUDSHELL_FULL_ACCESS}`,
    };
    const holders = [
      ...authorizationDetails.users.map((user) => ({ kind: 'user', principal: user })),
      ...authorizationDetails.groups.map((group) => ({ kind: 'group', principal: group })),
      ...authorizationDetails.roles.map((role) => ({ kind: 'role', principal: role })),
    ]
      .filter(({ principal }) =>
        principal.attachedPolicies.some((policy) => policy.arn === resource.arn),
      )
      .map(({ kind, principal }) => `${kind} ${principal.name}`);
    return [
      holders.length > 0
        ? fail(resource, `${CLOUDSHELL_FULL_ACCESS} is attached to ${holders.join(', ')}.`)
        : pass(resource, `${CLOUDSHELL_FULL_ACCESS} is attached to no user, group or role.`),
    ];
  },
});
