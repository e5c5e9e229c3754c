import { defineCheck } from '../../model/check';
import { accountResource, fail, pass } from '../results';

export default defineCheck({
  id: 'ec2_ebs_default_encryption',
  title: 'EBS encryption by default is enabled in every region',
  service: 'ec2',
  severity: 'medium',
  resourceType: 'AwsAccount',
  risk: 'Without encryption by default, new volumes and their snapshots are unencrypted unless their creator asks; a snapshot shared or copied out of the account then exposes its data, and no KMS key policy or CloudTrail key-use record stands between an intruder and the disk.',
  remediation:
    'Turn it on in each region: aws ec2 enable-ebs-encryption-by-default --region <region> (existing volumes stay as they are; re-create them from encrypted snapshot copies).',
  references: [
    'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
    'https://docs.aws.amazon.com/cli/latest/reference/ec2/enable-ebs-encryption-by-default.html',
  ],
  needs: ['ebsEncryptionByDefault'],
  // The setting governs volumes created later, so it applies to regions without any volume too.
  evaluate: ({ ebsEncryptionByDefault }, ctx) =>
    ctx.regions.map((region) => {
      const account = accountResource(ctx, 'ec2', region);
      return ebsEncryptionByDefault[region]
        ? pass(account, `EBS encryption by default is enabled in ${region}.`)
        : fail(
            account,
            `EBS encryption by default is disabled in ${region}, so new volumes are unencrypted unless their creator asks.`,
          );
    }),
});
