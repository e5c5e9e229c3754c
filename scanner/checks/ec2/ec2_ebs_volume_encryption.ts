import { defineCheck } from '../../model/check';
import { accountResource, fail, notApplicable, pass } from '../results';

export default defineCheck({
  id: 'ec2_ebs_volume_encryption',
  title: 'Every EBS volume is encrypted',
  service: 'ec2',
  severity: 'medium',
  resourceType: 'AwsEc2Volume',
  risk: 'An unencrypted volume and every snapshot of it can be copied or shared out of the account and read without any KMS key, leaving no key-use trail in CloudTrail.',
  remediation:
    'Snapshot the volume, copy the snapshot with --encrypted, create a volume from the copy and swap it in; turn on EBS encryption by default so new volumes are encrypted.',
  references: ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html'],
  needs: ['volumes'],
  evaluate({ volumes }, ctx) {
    return ctx.regions.flatMap((region) => {
      const list = (volumes[region] ?? []).filter((volume) => volume.state !== 'deleted');
      if (list.length === 0)
        return [notApplicable(accountResource(ctx, 'ec2', region), `No EBS volumes in ${region}.`)];
      return list.map((volume) => {
        const resource = { region, type: 'AwsEc2Volume', id: volume.id, arn: volume.arn };
        return volume.encrypted
          ? pass(resource, `Volume ${volume.id} is encrypted.`)
          : fail(resource, `Volume ${volume.id} is not encrypted.`);
      });
    });
  },
});
