import type { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { PLUMBING_COMPONENTS } from '../../lib/plumbing-tags';
import { AwsContext } from '../shared/aws-context';
import { bucketBaseline } from '../shared/bucket-baseline';
import { denyInsecureTransport } from '../shared/bucket-policy';
import { policyDocument } from '../shared/policy-document';
import { plumbingTags } from '../shared/tags';
import { checkWholeNumber } from '../shared/validation';

/** Properties of an {@link AccessLogBucket}. */
export interface AccessLogBucketProps {
  /**
   * ARNs of the buckets whose server access logs are delivered here. S3's logging service may
   * write only on their behalf.
   */
  readonly sourceBucketArns: string[];

  /**
   * Start of the generated bucket name; Terraform appends a unique suffix.
   *
   * @default 'pyjamas-access-logs-'
   */
  readonly bucketPrefix?: string;

  /**
   * Days after which access log objects expire.
   *
   * @default 365
   */
  readonly expireAfterDays?: number;

  /**
   * Whether Terraform refuses to destroy the bucket. Set it to false only in tests that create
   * and destroy the plumbing: access logs are part of the evidence trail.
   *
   * @default true
   */
  readonly preventDestroy?: boolean;

  /**
   * Provider to create the bucket with (a provider alias for another region or account).
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * The bucket that receives S3 server access logs of the evidence bucket, so that every read
 * and write of evidence leaves a record outside the bucket it concerns.
 *
 * S3 delivers access logs only to a bucket without default Object Lock retention and encrypted
 * with SSE-S3 (SSE-KMS is not supported for log targets), which is why this is a separate
 * bucket with its own, simpler protection: versioning, no public access, TLS only.
 *
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
export class AccessLogBucket extends Construct {
  /** Name of the log bucket. */
  public readonly bucketName: string;
  /** ARN of the log bucket. */
  public readonly bucketArn: string;
  /** The bucket policy: source buckets turn logging on once it exists. */
  public readonly policy: ITerraformDependable;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const expireAfterDays = props.expireAfterDays ?? 365;
    checkWholeNumber('AccessLogBucket', 'expireAfterDays', expireAfterDays, 1, 36500);
    const provider = props.provider;
    const context = new AwsContext(this, 'context', provider);

    const bucket = new S3Bucket(this, 'bucket', {
      provider,
      bucketPrefix: props.bucketPrefix ?? 'pyjamas-access-logs-',
      tags: plumbingTags(PLUMBING_COMPONENTS.accessLogBucket),
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;

    bucketBaseline(this, bucket.id, provider);
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      provider,
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      provider,
      bucket: bucket.id,
      rule: [
        {
          id: 'expire-access-logs',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: expireAfterDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: expireAfterDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    this.policy = new S3BucketPolicy(this, 'policy', {
      provider,
      bucket: bucket.id,
      // The logging statement comes first: moto 5.2.1 checks the statements in order when it
      // validates PutBucketLogging, and fails on the string Principal of the TLS statement.
      policy: policyDocument([
        {
          Sid: 'S3ServerAccessLogDelivery',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${bucket.arn}/*`,
          Condition: {
            ArnLike: { 'aws:SourceArn': props.sourceBucketArns },
            StringEquals: { 'aws:SourceAccount': context.accountId },
          },
        },
        denyInsecureTransport(bucket.arn),
      ]),
    });
  }
}
