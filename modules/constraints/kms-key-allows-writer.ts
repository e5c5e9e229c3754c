import type { ConstraintRule, ConstraintViolation, SynthesizedTerraform } from './rule';
import {
  asList,
  nested,
  nestedList,
  policyStatements,
  referencedName,
  resourcesOf,
} from './synthesized-terraform';

/** A resource argument naming a KMS key that an AWS service encrypts with. */
interface KeyUse {
  readonly type: string;
  readonly attribute: string;
  readonly service: string;
}

/** A resource argument naming a bucket an AWS service delivers into, with the bucket's key. */
interface BucketDelivery {
  readonly type: string;
  readonly attribute: string;
  readonly service: string;
}

const KEY_USES: readonly KeyUse[] = [
  { type: 'aws_cloudtrail', attribute: 'kms_key_id', service: 'cloudtrail' },
  { type: 'aws_config_delivery_channel', attribute: 's3_kms_key_arn', service: 'config' },
  { type: 'aws_guardduty_publishing_destination', attribute: 'kms_key_arn', service: 'guardduty' },
  { type: 'aws_cloudwatch_log_group', attribute: 'kms_key_id', service: 'logs' },
];

const BUCKET_DELIVERIES: readonly BucketDelivery[] = [
  { type: 'aws_cloudtrail', attribute: 's3_bucket_name', service: 'cloudtrail' },
  { type: 'aws_config_delivery_channel', attribute: 's3_bucket_name', service: 'config' },
  { type: 'aws_flow_log', attribute: 'log_destination', service: 'delivery.logs' },
  {
    type: 'aws_guardduty_publishing_destination',
    attribute: 'destination_arn',
    service: 'guardduty',
  },
];

/** Whether the key policy lets the service principal (global or regional) use the key. */
function keyAllows(document: SynthesizedTerraform, keyName: string, service: string): boolean {
  const key = document.resource?.aws_kms_key?.[keyName];
  return policyStatements(key?.policy).some(
    (statement) =>
      statement.Effect === 'Allow' &&
      typeof statement.Principal === 'object' &&
      asList(statement.Principal.Service).some(
        (principal) =>
          principal === `${service}.amazonaws.com` || principal.startsWith(`${service}.`),
      ),
  );
}

/** The name of the aws_kms_key a bucket's default encryption uses, if the stack holds it. */
function bucketKey(document: SynthesizedTerraform, bucketName: string): string | undefined {
  for (const sse of resourcesOf(document, 'aws_s3_bucket_server_side_encryption_configuration')) {
    if (referencedName(sse.block.bucket, 'aws_s3_bucket') !== bucketName) continue;
    for (const rule of nestedList(sse.block.rule)) {
      const byDefault = nested(rule.apply_server_side_encryption_by_default);
      const key = referencedName(byDefault?.kms_master_key_id, 'aws_kms_key');
      if (key !== undefined) return key;
    }
  }
  return undefined;
}

/**
 * Every KMS key an AWS service writes with names that service in its key policy: CloudTrail,
 * Config, GuardDuty, CloudWatch Logs and VPC Flow Logs encrypt as their service principal, and
 * CloudWatch alarms publish to an encrypted topic as `cloudwatch.amazonaws.com`. Without the
 * grant, the trail, channel, export or alarm is created and then delivers nothing.
 */
export const kmsKeyAllowsWriter: ConstraintRule = {
  id: 'kms-key-allows-writer',
  description:
    'A service that encrypts with a customer managed key needs the key policy to allow its service principal.',
  documentation: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-services.html',
  check(document) {
    const violations: ConstraintViolation[] = [];
    const fail = (address: string, keyName: string, service: string) =>
      violations.push({
        rule: this.id,
        address,
        message: `writes with aws_kms_key.${keyName}, whose policy does not allow ${service}.amazonaws.com: add a statement for the service.`,
      });
    for (const use of KEY_USES) {
      for (const { address, block } of resourcesOf(document, use.type)) {
        const keyName = referencedName(block[use.attribute], 'aws_kms_key');
        if (keyName !== undefined && !keyAllows(document, keyName, use.service))
          fail(address, keyName, use.service);
      }
    }
    for (const delivery of BUCKET_DELIVERIES) {
      for (const { address, block } of resourcesOf(document, delivery.type)) {
        const bucketName = referencedName(block[delivery.attribute], 'aws_s3_bucket');
        const keyName = bucketName === undefined ? undefined : bucketKey(document, bucketName);
        if (keyName !== undefined && !keyAllows(document, keyName, delivery.service))
          fail(address, keyName, delivery.service);
      }
    }
    for (const { address, block } of resourcesOf(document, 'aws_cloudwatch_metric_alarm')) {
      for (const action of asList(block.alarm_actions as string | string[] | undefined)) {
        const topicName = referencedName(action, 'aws_sns_topic');
        const topic =
          topicName === undefined ? undefined : document.resource?.aws_sns_topic?.[topicName];
        const keyName = referencedName(topic?.kms_master_key_id, 'aws_kms_key');
        if (keyName !== undefined && !keyAllows(document, keyName, 'cloudwatch'))
          fail(address, keyName, 'cloudwatch');
      }
    }
    return violations;
  },
};
