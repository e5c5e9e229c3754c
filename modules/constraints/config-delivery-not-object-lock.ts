import type { ConstraintRule } from './rule';
import { referencedName, resourcesOf } from './synthesized-terraform';

/** AWS Config delivers to no bucket that has Object Lock enabled. */
export const configDeliveryNotObjectLock: ConstraintRule = {
  id: 'config-delivery-not-object-lock',
  description:
    'AWS Config does not support a delivery channel to an S3 bucket with Object Lock enabled.',
  documentation:
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-config-deliverychannel.html',
  check(document) {
    const buckets = resourcesOf(document, 'aws_s3_bucket');
    return resourcesOf(document, 'aws_config_delivery_channel').flatMap(({ address, block }) => {
      const target = block.s3_bucket_name;
      const name = referencedName(target, 'aws_s3_bucket');
      const bucket = buckets.find((candidate) =>
        name === undefined ? candidate.block.bucket === target : candidate.name === name,
      );
      if (bucket?.block.object_lock_enabled !== true) return [];
      return [
        {
          rule: this.id,
          address,
          message: `delivers to ${bucket.address}, which has Object Lock enabled: Config refuses it. Deliver to a bucket of its own (ConfigBucket).`,
        },
      ];
    });
  },
};
