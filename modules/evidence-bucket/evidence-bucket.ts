import type { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { PLUMBING_COMPONENTS } from '../../lib/plumbing-tags';
import { AccessLogBucket } from '../access-log-bucket/access-log-bucket';
import { AwsContext } from '../shared/aws-context';
import { accountAdministersKey } from '../shared/key-policy';
import { bucketBaseline } from '../shared/bucket-baseline';
import { denyInsecureTransport } from '../shared/bucket-policy';
import type { LogDestination } from '../shared/log-destination';
import { policyDocument, type PolicyStatement } from '../shared/policy-document';
import { servicePrincipals } from '../shared/service-principals';
import { plumbingTags } from '../shared/tags';
import { checkPattern, checkWholeNumber, InvalidPropError } from '../shared/validation';

/** S3 actions a principal needs to add evidence; nothing that reads, deletes or re-locks it. */
export const EVIDENCE_WRITE_ACTIONS = ['s3:PutObject'] as const;

/**
 * KMS actions on the evidence key that writing evidence needs: a data key per object, and
 * Decrypt because S3 multipart uploads re-read the data key for every part.
 */
export const EVIDENCE_KEY_WRITE_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;

/** Where responders file case evidence; the bucket policy lets it be written only once. */
export const CASE_EVIDENCE_PREFIX = 'cases/';

/** Object deletions the bucket policy denies to everyone, whatever their IAM policies allow. */
export const EVIDENCE_DELETE_ACTIONS = ['s3:DeleteObject', 's3:DeleteObjectVersion'] as const;

/** Who an organization trail belongs to, for the policies of the bucket it delivers to. */
export interface OrganizationTrailDelivery {
  /** Id of the organization, `o-` and 10 to 32 lowercase letters or digits. */
  readonly organizationId: string;
  /** Twelve-digit id of the organization's management account, which owns the trail. */
  readonly managementAccountId: string;
}

/** Properties of an {@link EvidenceBucket}. */
export interface EvidenceBucketProps {
  /**
   * Exact bucket name. Bucket names are global, so a fixed name can collide with a bucket in
   * another account.
   *
   * @default - Terraform generates a unique name starting with `pyjamas-evidence-`
   */
  readonly bucketName?: string;

  /**
   * Days each object version stays locked in COMPLIANCE mode. Nobody, including the root user,
   * can delete or overwrite a locked version or shorten its retention.
   *
   * Object Lock is turned on when the bucket is created and can never be turned off.
   *
   * @default 365
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html
   */
  readonly retentionDays?: number;

  /**
   * Days after which objects move to colder storage. Service logs under `AWSLogs/` go to S3
   * Glacier Flexible Retrieval (retrieval takes minutes to hours). Case records under `cases/`
   * and scan reports under `scans/` go to S3 Glacier Instant Retrieval, which GetObject still
   * reads at once: `pyjamas evidence verify` and the responders read earlier records, and
   * GetObject on a GLACIER or DEEP_ARCHIVE object answers InvalidObjectState until it is restored.
   *
   * @default 90
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects.html
   */
  readonly archiveAfterDays?: number;

  /**
   * Days after which server access logs of the evidence bucket expire in the log bucket.
   *
   * @default 365
   */
  readonly accessLogExpireAfterDays?: number;

  /**
   * Other accounts that deliver into this bucket, when it is the central evidence store of an
   * organization. Their CloudTrail, VPC Flow Logs and GuardDuty may write their own
   * `AWSLogs/<account>/` prefix and use the key; their principals may add objects (PutObject,
   * never deletion) and read and list them under `cases/<account>/` and `scans/<account>/` of
   * their own account id only, when their own IAM policies allow it. (AWS Config delivers to a
   * ConfigBucket: it refuses Object Lock.)
   *
   * @default - only the bucket's own account delivers
   */
  readonly deliveryAccountIds?: string[];

  /**
   * The organization trail that delivers here ({@link OrganizationTrail}): CloudTrail writes it
   * under `AWSLogs/<organizationId>/`, as a trail of the management account whichever account
   * created it (the management account or CloudTrail's delegated administrator), so the bucket
   * and key policies let the management account's trails write that prefix and use the key.
   *
   * @default - no organization trail delivers here
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
   */
  readonly organizationTrail?: OrganizationTrailDelivery;

  /**
   * Regions whose GuardDuty detectors export findings here. GuardDuty in an opt-in region
   * writes as the regional principal `guardduty.<region>.amazonaws.com`, which the bucket and
   * key policies then name too.
   *
   * @default - none of them opt-in: the global principal `guardduty.amazonaws.com` only
   */
  readonly findingsRegions?: string[];

  /**
   * Whether Terraform refuses to destroy the bucket, its key and its log bucket. Set it to false
   * only in tests that create and destroy the plumbing: an evidence store must outlive any stack.
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
 * The evidence store: an S3 bucket where logs, findings and incident artefacts land and cannot be
 * altered. Object Lock in COMPLIANCE mode with a default retention, versioning, SSE-KMS with a
 * dedicated rotating key, all four Block Public Access settings, a policy that denies non-TLS
 * access and object deletion, server access logs in a separate bucket, and a lifecycle rule that
 * moves objects to colder storage.
 *
 * AWS services write under `AWSLogs/<account>/`: CloudTrail, VPC Flow Logs and GuardDuty each
 * have a bucket policy and key policy statement limited to the delivery accounts. AWS Config
 * does not support a delivery channel to a bucket with Object Lock: it delivers to a
 * `ConfigBucket`.
 */
export class EvidenceBucket extends Construct implements LogDestination {
  /** Name of the evidence bucket. */
  public readonly bucketName: string;
  /** ARN of the evidence bucket. */
  public readonly bucketArn: string;
  /** ARN of the customer managed key that encrypts the evidence. */
  public readonly kmsKeyArn: string;
  /** Account that owns the bucket. */
  public readonly accountId: string;
  /** Name of the bucket that receives the evidence bucket's server access logs. */
  public readonly accessLogBucketName: string;
  /** The bucket policy and key, which services check when they are pointed at the bucket. */
  public readonly deliveryDependencies: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: EvidenceBucketProps = {}) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? 365;
    const archiveAfterDays = props.archiveAfterDays ?? 90;
    checkWholeNumber('EvidenceBucket', 'retentionDays', retentionDays, 1, 36500);
    checkWholeNumber('EvidenceBucket', 'archiveAfterDays', archiveAfterDays, 1, 36500);
    if (props.bucketName !== undefined) {
      checkPattern(
        'EvidenceBucket',
        'bucketName',
        props.bucketName,
        /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        'a valid S3 bucket name (3 to 63 lowercase letters, digits, dots or hyphens)',
      );
    }
    for (const account of props.deliveryAccountIds ?? []) {
      checkPattern(
        'EvidenceBucket',
        'deliveryAccountIds',
        account,
        /^\d{12}$/,
        'a list of 12-digit account ids',
      );
    }
    if (new Set(props.deliveryAccountIds).size !== (props.deliveryAccountIds ?? []).length) {
      throw new InvalidPropError(
        'EvidenceBucket',
        'deliveryAccountIds',
        props.deliveryAccountIds,
        'must not repeat an account',
      );
    }
    if (props.organizationTrail) {
      checkPattern(
        'EvidenceBucket',
        'organizationTrail.organizationId',
        props.organizationTrail.organizationId,
        /^o-[a-z0-9]{10,32}$/,
        'an organization id such as o-a1b2c3d4e5 (AWS Organizations console, or aws organizations describe-organization)',
      );
      checkPattern(
        'EvidenceBucket',
        'organizationTrail.managementAccountId',
        props.organizationTrail.managementAccountId,
        /^\d{12}$/,
        'a 12-digit account id',
      );
    }
    const provider = props.provider;
    const preventDestroy = props.preventDestroy ?? true;
    const context = new AwsContext(this, 'context', provider);
    this.accountId = context.accountId;
    const otherAccounts = props.deliveryAccountIds ?? [];
    const accounts = [context.accountId, ...otherAccounts];
    const trails = trailOwners(accounts, props.organizationTrail);
    const guardDuty = servicePrincipals('guardduty', props.findingsRegions ?? []);

    const key = new KmsKey(this, 'key', {
      provider,
      description: 'Pyjamas evidence bucket: logs, findings and incident artefacts',
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyDocument(keyPolicy(context, accounts, otherAccounts, guardDuty, trails)),
      tags: plumbingTags(PLUMBING_COMPONENTS.evidenceKey),
      lifecycle: { preventDestroy },
    });
    new KmsAlias(this, 'key-alias', {
      provider,
      namePrefix: 'alias/pyjamas-evidence-',
      targetKeyId: key.keyId,
    });
    this.kmsKeyArn = key.arn;

    const bucket = new S3Bucket(this, 'bucket', {
      provider,
      bucket: props.bucketName,
      bucketPrefix: props.bucketName === undefined ? 'pyjamas-evidence-' : undefined,
      objectLockEnabled: true,
      tags: plumbingTags(PLUMBING_COMPONENTS.evidenceBucket),
      lifecycle: { preventDestroy },
    });
    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;

    const versioning = bucketBaseline(this, bucket.id, provider);
    new S3BucketObjectLockConfigurationA(this, 'object-lock', {
      provider,
      bucket: bucket.id,
      rule: { defaultRetention: { mode: 'COMPLIANCE', days: retentionDays } },
      dependsOn: [versioning],
    });
    const encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      provider,
      bucket: bucket.id,
      // The bucket key cuts KMS requests (and cost) for high-volume log delivery.
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.arn },
          bucketKeyEnabled: true,
        },
      ],
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      provider,
      bucket: bucket.id,
      // The rules' prefixes do not overlap: where transitions overlap, S3 applies the one to
      // the cheapest class, which would send case records to GLACIER after all.
      rule: [
        ...ARCHIVE_CLASSES.map(({ id, prefix, storageClass }) => ({
          id,
          status: 'Enabled',
          filter: [{ prefix }],
          transition: [{ days: archiveAfterDays, storageClass }],
          noncurrentVersionTransition: [{ noncurrentDays: archiveAfterDays, storageClass }],
        })),
        {
          id: 'abort-incomplete-uploads',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      dependsOn: [versioning],
    });
    const policy = new S3BucketPolicy(this, 'policy', {
      provider,
      bucket: bucket.id,
      policy: policyDocument(
        bucketPolicy(context, bucket.arn, { accounts, otherAccounts, guardDuty, trails }),
      ),
    });

    const accessLogs = new AccessLogBucket(this, 'access-logs', {
      provider,
      sourceBucketArns: [bucket.arn],
      expireAfterDays: props.accessLogExpireAfterDays,
      preventDestroy,
    });
    this.accessLogBucketName = accessLogs.bucketName;
    new S3BucketLoggingA(this, 'access-logging', {
      provider,
      bucket: bucket.id,
      targetBucket: accessLogs.bucketName,
      targetPrefix: 'evidence-bucket/',
      dependsOn: [accessLogs.policy],
    });

    this.deliveryDependencies = [policy, encryption, key];
  }
}

/**
 * Where each part of the bucket goes when it gets old. Case records and scan reports stay
 * readable by GetObject (Glacier Instant Retrieval); service logs, read only in an
 * investigation, go to Glacier Flexible Retrieval.
 */
export const ARCHIVE_CLASSES = [
  { id: 'archive-service-logs', prefix: 'AWSLogs/', storageClass: 'GLACIER' },
  { id: 'archive-cases-readable', prefix: 'cases/', storageClass: 'GLACIER_IR' },
  { id: 'archive-scans-readable', prefix: 'scans/', storageClass: 'GLACIER_IR' },
] as const;

/**
 * Prefixes a member account's principals may add evidence under, each holding the account's own
 * id (the policy variable is resolved by S3 for every request; Terraform's `$${` escape keeps it
 * out of Terraform's own interpolation).
 */
export const MEMBER_EVIDENCE_PREFIXES = [
  'cases/$${aws:PrincipalAccount}/',
  'scans/$${aws:PrincipalAccount}/',
] as const;

/**
 * Prefix of the forensic tools the responders fetch (the memory capture tool `tools/avml`):
 * shared by every account, written by the bucket's own account only.
 */
export const SHARED_TOOLS_PREFIX = 'tools/';

/**
 * Object reads a member account may make under its own prefixes (HeadObject needs the same).
 * `s3:ListMultipartUploadParts` is how `forensics finish-memory-capture` finds out, by upload id,
 * whether the image upload its records name is still open: an object action, so it is scoped by
 * key like the others, where ListMultipartUploads could not be.
 */
export const MEMBER_EVIDENCE_READ_ACTIONS = [
  's3:GetObject',
  's3:GetObjectVersion',
  's3:ListMultipartUploadParts',
] as const;

/** Listings a member account may make, limited by `s3:prefix` to its own prefixes. */
export const MEMBER_EVIDENCE_LIST_ACTIONS = ['s3:ListBucket', 's3:ListBucketVersions'] as const;

/** Bucket reads responders make before filing: the region and the Object Lock configuration. */
export const MEMBER_BUCKET_CHECK_ACTIONS = [
  's3:GetBucketLocation',
  's3:GetBucketObjectLockConfiguration',
] as const;

/** Where CloudTrail delivers from: the delivery accounts' trails, and an organization trail. */
interface TrailOwners {
  /** Accounts whose trails may deliver: the delivery accounts and the management account. */
  readonly accounts: string[];
  /** `AWSLogs/<organization id>/`, when an organization trail delivers here. */
  readonly organizationPrefix?: string;
}

function trailOwners(
  accounts: string[],
  organizationTrail: OrganizationTrailDelivery | undefined,
): TrailOwners {
  if (!organizationTrail) return { accounts };
  return {
    accounts: [...new Set([...accounts, organizationTrail.managementAccountId])],
    organizationPrefix: `AWSLogs/${organizationTrail.organizationId}/`,
  };
}

function keyPolicy(
  context: AwsContext,
  accounts: string[],
  otherAccounts: string[],
  guardDuty: string[],
  trails: TrailOwners,
): PolicyStatement[] {
  const fromDeliveryAccounts = { StringEquals: { 'aws:SourceAccount': accounts } };
  const statements: PolicyStatement[] = [
    accountAdministersKey(context),
    {
      Sid: 'CloudTrailEncryptsLogs',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: {
        StringLike: {
          'kms:EncryptionContext:aws:cloudtrail:arn': trails.accounts.map(
            (account) => `arn:${context.partition}:cloudtrail:*:${account}:trail/*`,
          ),
        },
      },
    },
    {
      Sid: 'CloudTrailDescribesKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:DescribeKey',
      Resource: '*',
    },
    {
      Sid: 'FlowLogsEncryptLogs',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: [
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
        'kms:DescribeKey',
      ],
      Resource: '*',
      Condition: fromDeliveryAccounts,
    },
    {
      Sid: 'GuardDutyEncryptsFindings',
      Effect: 'Allow',
      Principal: { Service: guardDuty },
      Action: 'kms:GenerateDataKey',
      Resource: '*',
      Condition: fromDeliveryAccounts,
    },
  ];
  if (otherAccounts.length > 0) {
    statements.push({
      Sid: 'DeliveryAccountsWriteEvidence',
      Effect: 'Allow',
      Principal: { AWS: otherAccounts.map((account) => context.accountRootArn(account)) },
      Action: [...EVIDENCE_KEY_WRITE_ACTIONS],
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': `s3.${context.region}.amazonaws.com` } },
    });
  }
  return statements;
}

/** How one AWS service delivers into the bucket. */
interface ServiceDelivery {
  /** Start of the statement ids. */
  readonly name: string;
  /** Service principal, or the global and regional principals of the service. */
  readonly service: string | string[];
  /** What the service checks on the bucket before it delivers. */
  readonly checks: string[];
  /** Where it writes under `AWSLogs/<account>/`. */
  readonly prefix: string;
  /** Whether it sends the bucket-owner-full-control ACL with every object. */
  readonly setsOwnerAcl: boolean;
  /** The condition that limits it to the delivery accounts' resources. */
  readonly origin: Readonly<Record<string, Readonly<Record<string, string[]>>>>;
  /** Object paths it writes besides `AWSLogs/<account>/<prefix>`. */
  readonly otherPaths?: string[];
}

function deliveryStatements(
  delivery: ServiceDelivery,
  bucketArn: string,
  logPrefixes: (suffix: string) => string[],
): PolicyStatement[] {
  const principal = { Service: delivery.service };
  const ownerAcl: Record<string, string> = delivery.setsOwnerAcl
    ? { 's3:x-amz-acl': 'bucket-owner-full-control' }
    : {};
  return [
    {
      Sid: `${delivery.name}ChecksBucket`,
      Effect: 'Allow',
      Principal: principal,
      Action: delivery.checks,
      Resource: bucketArn,
      Condition: delivery.origin,
    },
    {
      Sid: `${delivery.name}Writes`,
      Effect: 'Allow',
      Principal: principal,
      Action: 's3:PutObject',
      Resource: [
        ...logPrefixes(delivery.prefix),
        ...(delivery.otherPaths ?? []).map((path) => `${bucketArn}/${path}`),
      ],
      Condition: {
        ...delivery.origin,
        StringEquals: { ...delivery.origin.StringEquals, ...ownerAcl },
      },
    },
  ];
}

function bucketPolicy(
  context: AwsContext,
  bucketArn: string,
  {
    accounts,
    otherAccounts,
    guardDuty,
    trails,
  }: {
    readonly accounts: string[];
    readonly otherAccounts: string[];
    readonly guardDuty: string[];
    readonly trails: TrailOwners;
  },
): PolicyStatement[] {
  const logPrefixes = (suffix: string) =>
    accounts.map((account) => `${bucketArn}/AWSLogs/${account}/${suffix}`);
  const fromDeliveryAccounts = { StringEquals: { 'aws:SourceAccount': accounts } };
  const trailArns = trails.accounts.map(
    (account) => `arn:${context.partition}:cloudtrail:*:${account}:trail/*`,
  );
  const deliveries: ServiceDelivery[] = [
    {
      name: 'CloudTrail',
      service: 'cloudtrail.amazonaws.com',
      checks: ['s3:GetBucketAcl'],
      prefix: '*',
      setsOwnerAcl: true,
      origin: { ArnLike: { 'aws:SourceArn': trailArns } },
      // An organization trail writes every account's logs under the organization's id, and
      // the management account, which owns it, its own under its id (as AWS's example does).
      ...(trails.organizationPrefix
        ? {
            otherPaths: [
              `${trails.organizationPrefix}*`,
              ...trails.accounts
                .filter((account) => !accounts.includes(account))
                .map((account) => `AWSLogs/${account}/*`),
            ],
          }
        : {}),
    },
    {
      name: 'FlowLogs',
      service: 'delivery.logs.amazonaws.com',
      checks: ['s3:GetBucketAcl', 's3:ListBucket'],
      prefix: '*',
      setsOwnerAcl: true,
      origin: fromDeliveryAccounts,
    },
    {
      name: 'GuardDuty',
      service: guardDuty,
      checks: ['s3:GetBucketLocation'],
      prefix: 'GuardDuty/*',
      setsOwnerAcl: false,
      origin: fromDeliveryAccounts,
    },
  ];
  const statements: PolicyStatement[] = [
    denyInsecureTransport(bucketArn),
    {
      // Object Lock already stops deletion of locked versions; this also stops delete markers
      // that would hide evidence from anyone listing the bucket.
      Sid: 'DenyObjectDeletion',
      Effect: 'Deny',
      Principal: '*',
      Action: [...EVIDENCE_DELETE_ACTIONS],
      Resource: `${bucketArn}/*`,
    },
    {
      // Object Lock protects versions, not keys: without this anyone allowed s3:PutObject could
      // put a new version over an artifact and a matching manifest over its manifest. Case
      // evidence may only be created where no object exists (S3 answers 412 otherwise).
      // s3:ObjectCreationOperation is false for CreateMultipartUpload, UploadPart and
      // UploadPartCopy, which take no conditional header; CompleteMultipartUpload must carry it.
      // Copies into cases/ are refused outright. moto 5.2.1 does not evaluate these keys (it
      // honours If-None-Match itself), so this statement is proven by synthesis only.
      Sid: 'DenyCaseEvidenceOverwrites',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: `${bucketArn}/${CASE_EVIDENCE_PREFIX}*`,
      Condition: {
        Null: { 's3:if-none-match': 'true' },
        Bool: { 's3:ObjectCreationOperation': 'true' },
      },
    },
    ...deliveries.flatMap((delivery) => deliveryStatements(delivery, bucketArn, logPrefixes)),
  ];
  if (otherAccounts.length > 0) {
    const members = { AWS: otherAccounts.map((account) => context.accountRootArn(account)) };
    const ownObjects = MEMBER_EVIDENCE_PREFIXES.map((prefix) => `${bucketArn}/${prefix}*`);
    statements.push(
      {
        Sid: 'DeliveryAccountsWriteEvidence',
        Effect: 'Allow',
        Principal: members,
        Action: [...EVIDENCE_WRITE_ACTIONS],
        // Each member adds evidence under its own account id only: a compromised member cannot
        // plant objects in another account's cases or reports.
        Resource: ownObjects,
      },
      {
        // Responders read their case's earlier records and manifests before they act, and
        // `pyjamas evidence verify` reads every version: each member its own prefixes only.
        Sid: 'DeliveryAccountsReadOwnEvidence',
        Effect: 'Allow',
        Principal: members,
        Action: [...MEMBER_EVIDENCE_READ_ACTIONS],
        Resource: ownObjects,
      },
      {
        // Listing is a bucket action: s3:prefix limits it to the member's own prefixes, so a
        // member learns nothing of other accounts' case ids.
        Sid: 'DeliveryAccountsListOwnEvidence',
        Effect: 'Allow',
        Principal: members,
        Action: [...MEMBER_EVIDENCE_LIST_ACTIONS],
        Resource: bucketArn,
        Condition: {
          StringLike: { 's3:prefix': MEMBER_EVIDENCE_PREFIXES.map((prefix) => `${prefix}*`) },
        },
      },
      {
        // A member's memory capture checks (HeadObject) and fetches the capture tool the
        // security account placed under tools/: read only, and nothing is written there.
        Sid: 'DeliveryAccountsReadTools',
        Effect: 'Allow',
        Principal: members,
        Action: ['s3:GetObject'],
        Resource: `${bucketArn}/${SHARED_TOOLS_PREFIX}*`,
      },
      {
        // Responders check where the bucket is and that it is locked before filing there.
        Sid: 'DeliveryAccountsCheckBucket',
        Effect: 'Allow',
        Principal: members,
        Action: [...MEMBER_BUCKET_CHECK_ACTIONS],
        Resource: bucketArn,
      },
    );
  }
  return statements;
}
