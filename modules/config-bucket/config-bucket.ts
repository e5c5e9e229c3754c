import type { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { PLUMBING_COMPONENTS } from '../../lib/plumbing-tags';
import { AccessLogBucket } from '../access-log-bucket/access-log-bucket';
import { AwsContext } from '../shared/aws-context';
import { bucketBaseline } from '../shared/bucket-baseline';
import { denyInsecureTransport } from '../shared/bucket-policy';
import { accountAdministersKey } from '../shared/key-policy';
import type { LogDestination } from '../shared/log-destination';
import { policyDocument, type PolicyStatement } from '../shared/policy-document';
import { plumbingTags } from '../shared/tags';
import { checkPattern, InvalidPropError } from '../shared/validation';

/** Properties of a {@link ConfigBucket}. */
export interface ConfigBucketProps {
  /**
   * Other accounts whose Config recorders deliver here, when this is the central Config bucket
   * of an organization. Each writes only under its own `AWSLogs/<account>/Config/`.
   *
   * @default - only the bucket's own account delivers
   */
  readonly deliveryAccountIds?: string[];

  /**
   * Days after which server access logs of the bucket expire in its log bucket.
   *
   * @default 365
   */
  readonly accessLogExpireAfterDays?: number;

  /**
   * Whether Terraform refuses to destroy the bucket, its key and its log bucket. Set it to false
   * only in tests that create and destroy the plumbing.
   *
   * @default true
   */
  readonly preventDestroy?: boolean;

  /**
   * Provider of the bucket's region and account.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * The bucket AWS Config delivers configuration history and snapshots to: versioned, SSE-KMS with
 * a dedicated rotating key that Config may use, all four Block Public Access settings, TLS only,
 * object deletion denied to everyone, and server access logs in a bucket of their own.
 *
 * It is not the evidence bucket: AWS Config does not support a delivery channel to a bucket with
 * Object Lock enabled, so the recorder, its rules and their remediations would fail there.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-config-deliverychannel.html
 * @see https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html
 */
export class ConfigBucket extends Construct implements LogDestination {
  /** Name of the bucket. */
  public readonly bucketName: string;
  /** ARN of the bucket. */
  public readonly bucketArn: string;
  /** ARN of the key that encrypts what Config delivers. */
  public readonly kmsKeyArn: string;
  /** Name of the bucket that receives this bucket's server access logs. */
  public readonly accessLogBucketName: string;
  /** The bucket policy, encryption and key, which Config checks when the channel is created. */
  public readonly deliveryDependencies: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: ConfigBucketProps = {}) {
    super(scope, id);
    const owner = 'ConfigBucket';
    const otherAccounts = props.deliveryAccountIds ?? [];
    for (const account of otherAccounts)
      checkPattern(
        owner,
        'deliveryAccountIds',
        account,
        /^\d{12}$/,
        'a list of 12-digit account ids',
      );
    if (new Set(otherAccounts).size !== otherAccounts.length) {
      throw new InvalidPropError(
        owner,
        'deliveryAccountIds',
        otherAccounts,
        'must not repeat an account',
      );
    }
    const { provider } = props;
    const preventDestroy = props.preventDestroy ?? true;
    const context = new AwsContext(this, 'context', provider);
    const accounts = [context.accountId, ...otherAccounts];
    const tags = plumbingTags(PLUMBING_COMPONENTS.configBucket);
    const fromDeliveryAccounts = { StringEquals: { 'aws:SourceAccount': accounts } };

    const key = new KmsKey(this, 'key', {
      provider,
      description: 'Pyjamas AWS Config bucket: configuration history and snapshots',
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyDocument([
        accountAdministersKey(context),
        {
          Sid: 'ConfigEncryptsSnapshots',
          Effect: 'Allow',
          Principal: { Service: 'config.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: '*',
          Condition: fromDeliveryAccounts,
        },
      ]),
      tags,
      lifecycle: { preventDestroy },
    });
    new KmsAlias(this, 'key-alias', {
      provider,
      namePrefix: 'alias/pyjamas-config-',
      targetKeyId: key.keyId,
    });
    this.kmsKeyArn = key.arn;

    const bucket = new S3Bucket(this, 'bucket', {
      provider,
      bucketPrefix: 'pyjamas-config-',
      tags,
      lifecycle: { preventDestroy },
    });
    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;
    bucketBaseline(this, bucket.id, provider);
    const encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      provider,
      bucket: bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.arn },
          bucketKeyEnabled: true,
        },
      ],
    });
    const policy = new S3BucketPolicy(this, 'policy', {
      provider,
      bucket: bucket.id,
      policy: policyDocument(configBucketPolicy(bucket.arn, accounts, fromDeliveryAccounts)),
    });

    const accessLogs = new AccessLogBucket(this, 'access-logs', {
      provider,
      bucketPrefix: 'pyjamas-config-access-logs-',
      sourceBucketArns: [bucket.arn],
      expireAfterDays: props.accessLogExpireAfterDays,
      preventDestroy,
    });
    this.accessLogBucketName = accessLogs.bucketName;
    new S3BucketLoggingA(this, 'access-logging', {
      provider,
      bucket: bucket.id,
      targetBucket: accessLogs.bucketName,
      targetPrefix: 'config-bucket/',
      dependsOn: [accessLogs.policy],
    });
    this.deliveryDependencies = [policy, encryption, key];
  }
}

function configBucketPolicy(
  bucketArn: string,
  accounts: string[],
  fromDeliveryAccounts: { readonly StringEquals: { readonly 'aws:SourceAccount': string[] } },
): PolicyStatement[] {
  const principal = { Service: 'config.amazonaws.com' };
  return [
    denyInsecureTransport(bucketArn),
    {
      // Versioning keeps overwritten snapshots; this also stops delete markers hiding history.
      Sid: 'DenyObjectDeletion',
      Effect: 'Deny',
      Principal: '*',
      Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
      Resource: `${bucketArn}/*`,
    },
    {
      Sid: 'ConfigChecksBucket',
      Effect: 'Allow',
      Principal: principal,
      Action: ['s3:GetBucketAcl', 's3:ListBucket'],
      Resource: bucketArn,
      Condition: fromDeliveryAccounts,
    },
    {
      Sid: 'ConfigWrites',
      Effect: 'Allow',
      Principal: principal,
      Action: 's3:PutObject',
      Resource: accounts.map((account) => `${bucketArn}/AWSLogs/${account}/Config/*`),
      Condition: {
        StringEquals: {
          ...fromDeliveryAccounts.StringEquals,
          's3:x-amz-acl': 'bucket-owner-full-control',
        },
      },
    },
  ];
}
