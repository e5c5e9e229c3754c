import { defineCheck } from '../../model/check';
import { GLOBAL_REGION, accountResource, fail, pass } from '../results';
import { listOf, settingsOff } from './public-access-block';

export default defineCheck({
  id: 's3_account_level_public_access_blocks',
  title: 'S3 Block Public Access is on at account level with all four settings',
  service: 's3',
  severity: 'high',
  resourceType: 'AwsAccount',
  risk: 'Without account-level Block Public Access, one bucket policy or ACL granting "everyone" publishes data to the internet, and every bucket created later starts without that guard; a leaked dataset is the incident.',
  remediation:
    'Turn on all four settings for the account: aws s3control put-public-access-block --account-id <account-id> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
  references: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html',
  ],
  needs: ['accountPublicAccessBlock'],
  evaluate({ accountPublicAccessBlock }, ctx) {
    // Judged even in an account without buckets: the account setting also guards buckets created later.
    const account = accountResource(ctx, 's3', GLOBAL_REGION);
    if (!accountPublicAccessBlock) {
      return [
        fail(
          account,
          `Account ${ctx.account} has no account-level S3 Block Public Access configuration.`,
        ),
      ];
    }
    const off = settingsOff((setting) => accountPublicAccessBlock[setting]);
    return [
      off.length === 0
        ? pass(
            account,
            `Account ${ctx.account} has all four S3 Block Public Access settings on at account level.`,
          )
        : fail(
            account,
            `Account ${ctx.account} has S3 Block Public Access setting${off.length > 1 ? 's' : ''} ${listOf(off)} off at account level.`,
          ),
    ];
  },
});
