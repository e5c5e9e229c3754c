import { defineCheck } from '../../model/check';
import type { CheckResult } from '../../model/finding';
import { GLOBAL_REGION, accountResource, manual, notApplicable, pass } from '../results';
import { userResource } from './credentials';

export default defineCheck({
  id: 'iam_identity_not_created_since',
  title: 'No IAM user, role or access key was created since the time under review',
  service: 'iam',
  severity: 'high',
  resourceType: 'AwsIamUser',
  risk: 'An attacker with stolen keys makes new users, roles and access keys to stay in after the first key is revoked; each one created since the compromise is a possible back door.',
  remediation:
    'For each identity listed, find who made it (CloudTrail CreateUser, CreateRole or CreateAccessKey events, or pyjamas drift for the plumbing) and revoke what nobody expected: pyjamas revoke-access-key for keys, delete unexpected users and roles. Set the time under review as createdSince in the scan settings (pyjamas scan --config).',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
  ],
  needs: ['credentialReport', 'authorizationDetails'],
  evaluate: ({ credentialReport, authorizationDetails }, ctx) => {
    const account = accountResource(ctx, 'iam', GLOBAL_REGION);
    const since = ctx.config.createdSince;
    if (since === null)
      return [
        notApplicable(
          account,
          'No time under review is set (createdSince in the scan settings), so new identities were not looked for.',
        ),
      ];
    const cutoff = Date.parse(since);
    const after = (iso: string | null | undefined): iso is string =>
      typeof iso === 'string' && Date.parse(iso) >= cutoff;
    const results: CheckResult[] = [];
    for (const user of credentialReport.users) {
      // The credential report's last-rotated date of a key is when the key was created.
      const fresh = [
        ...(after(user.userCreationTime) ? [`the user at ${user.userCreationTime}`] : []),
        ...user.accessKeys.flatMap((key, index) =>
          key.active && after(key.lastRotated)
            ? [`active access key ${index + 1} at ${key.lastRotated}`]
            : [],
        ),
      ];
      if (fresh.length > 0)
        results.push(
          manual(
            userResource(user),
            `User ${user.user}: created after ${since}: ${fresh.join(', ')}; confirm in CloudTrail who created them.`,
          ),
        );
    }
    for (const role of authorizationDetails.roles) {
      if (after(role.createDate))
        results.push(
          manual(
            { region: GLOBAL_REGION, type: 'AwsIamRole', id: role.name, arn: role.arn },
            `Role ${role.name}: created after ${since}: the role at ${role.createDate}; confirm in CloudTrail who created it.`,
          ),
        );
    }
    if (results.length > 0) return results;
    return [pass(account, `No IAM user, role or active access key was created since ${since}.`)];
  },
});
