import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import {
  policyStatements,
  resourcesOfType,
  statementWithSid,
  synthScope,
  type SynthesizedBlock,
} from '../../test/helpers/cdktf-jest';
import { EvidenceBucket, type EvidenceBucketProps } from './evidence-bucket';

function synthBucket(props: EvidenceBucketProps = {}): string {
  return synthScope((scope) => new EvidenceBucket(scope, 'evidence', props));
}

function evidenceBucketPolicy(synthesized: string): SynthesizedBlock {
  const policies = resourcesOfType(synthesized, 'aws_s3_bucket_policy');
  const found = policies.find((policy) => String(policy.bucket).includes('evidence_bucket_'));
  if (!found) throw new Error('no policy on the evidence bucket');
  return found;
}

describe('EvidenceBucket', () => {
  test('creates an object-locked bucket that Terraform refuses to destroy, tagged for responders', () => {
    expect(synthBucket()).toHaveResourceWithProperties(S3Bucket, {
      bucket_prefix: 'pyjamas-evidence-',
      object_lock_enabled: true,
      lifecycle: { prevent_destroy: true },
      tags: { 'pyjamas:component': 'evidence-bucket', 'pyjamas:managed-by': 'pyjamas' },
    });
  });

  test('uses the exact bucket name when one is given', () => {
    expect(synthBucket({ bucketName: 'acme-evidence' })).toHaveResourceWithProperties(S3Bucket, {
      bucket: 'acme-evidence',
    });
  });

  test('locks every new object version in COMPLIANCE mode for 365 days by default', () => {
    expect(synthBucket()).toHaveResourceWithProperties(S3BucketObjectLockConfigurationA, {
      rule: { default_retention: { mode: 'COMPLIANCE', days: 365 } },
    });
  });

  test('locks objects for the retention period given', () => {
    expect(synthBucket({ retentionDays: 2555 })).toHaveResourceWithProperties(
      S3BucketObjectLockConfigurationA,
      {
        rule: { default_retention: { mode: 'COMPLIANCE', days: 2555 } },
      },
    );
  });

  test('turns versioning on', () => {
    expect(synthBucket()).toHaveResourceWithProperties(S3BucketVersioningA, {
      versioning_configuration: { status: 'Enabled' },
    });
  });

  test('encrypts with SSE-KMS under its own rotating customer managed key', () => {
    const synthesized = synthBucket();
    expect(synthesized).toHaveResourceWithProperties(KmsKey, {
      enable_key_rotation: true,
      lifecycle: { prevent_destroy: true },
      tags: expect.objectContaining({ 'pyjamas:component': 'evidence-key' }),
    });
    expect(synthesized).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [
        {
          apply_server_side_encryption_by_default: {
            sse_algorithm: 'aws:kms',
            kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.evidence_key_\w+\.arn\}$/),
          },
          bucket_key_enabled: true,
        },
      ],
    });
  });

  test('blocks all four kinds of public access on both of its buckets', () => {
    const blocks = resourcesOfType(synthBucket(), 'aws_s3_bucket_public_access_block');
    expect(blocks).toHaveLength(2);
    for (const block of blocks) {
      expect(block).toMatchObject({
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
    }
  });

  test('enforces bucket-owner object ownership so that delivered objects belong to the account', () => {
    const controls = resourcesOfType(synthBucket(), 'aws_s3_bucket_ownership_controls');
    expect(controls).toHaveLength(2);
    for (const control of controls)
      expect(control.rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
  });

  test('denies every request without TLS in the exact shape the CIS benchmark expects', () => {
    const statement = statementWithSid(
      policyStatements(evidenceBucketPolicy(synthBucket())),
      'DenyInsecureTransport',
    );
    expect(statement).toEqual({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [expect.stringMatching(/\.arn\}$/), expect.stringMatching(/\.arn\}\/\*$/)],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  test('denies object deletion to every principal', () => {
    const statement = statementWithSid(
      policyStatements(evidenceBucketPolicy(synthBucket())),
      'DenyObjectDeletion',
    );
    expect(statement).toMatchObject({
      Effect: 'Deny',
      Principal: '*',
      Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
    });
  });

  test('lets case evidence be created only where no object exists, multipart parts exempt', () => {
    const statement = statementWithSid(
      policyStatements(evidenceBucketPolicy(synthBucket())),
      'DenyCaseEvidenceOverwrites',
    );
    expect(statement).toMatchObject({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: expect.stringMatching(/\/cases\/\*$/),
      Condition: {
        Null: { 's3:if-none-match': 'true' },
        Bool: { 's3:ObjectCreationOperation': 'true' },
      },
    });
  });

  test('lets CloudTrail, VPC Flow Logs and GuardDuty of its own account write under AWSLogs, and not Config, which refuses Object Lock buckets', () => {
    const statements = policyStatements(evidenceBucketPolicy(synthBucket()));
    expect(statements.map((statement) => statement.Sid)).not.toContain('ConfigWrites');
    for (const sid of ['CloudTrailWrites', 'FlowLogsWrites', 'GuardDutyWrites']) {
      const statement = statementWithSid(statements, sid);
      expect(statement.Effect).toBe('Allow');
      expect(statement.Resource).toEqual([
        expect.stringMatching(/\/AWSLogs\/\$\{data\.aws_caller_identity\.\w+\.account_id\}\//),
      ]);
    }
    expect(statements.map((statement) => statement.Sid)).not.toContain(
      'DeliveryAccountsWriteEvidence',
    );
  });

  test('requires the bucket-owner ACL where the service sends it, and limits each service to the delivery accounts', () => {
    const statements = policyStatements(evidenceBucketPolicy(synthBucket()));
    expect(statementWithSid(statements, 'CloudTrailWrites').Condition).toEqual({
      ArnLike: {
        'aws:SourceArn': [
          expect.stringMatching(
            /:cloudtrail:\*:\$\{data\.aws_caller_identity\.\w+\.account_id\}:trail\/\*$/,
          ),
        ],
      },
      StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' },
    });
    expect(statementWithSid(statements, 'FlowLogsWrites').Condition).toEqual({
      StringEquals: {
        'aws:SourceAccount': [expect.stringMatching(/account_id\}$/)],
        's3:x-amz-acl': 'bucket-owner-full-control',
      },
    });
    expect(statementWithSid(statements, 'GuardDutyWrites').Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': [expect.stringMatching(/account_id\}$/)] },
    });
    expect(statementWithSid(statements, 'GuardDutyChecksBucket').Action).toEqual([
      's3:GetBucketLocation',
    ]);
  });

  test('lets the delivery accounts of an organization write their own log prefixes and add evidence', () => {
    const synthesized = synthBucket({ deliveryAccountIds: ['111111111111', '222222222222'] });
    const statements = policyStatements(evidenceBucketPolicy(synthesized));
    expect(statementWithSid(statements, 'FlowLogsWrites').Resource).toEqual([
      expect.stringContaining('/AWSLogs/${data.aws_caller_identity.'),
      expect.stringContaining('/AWSLogs/111111111111/*'),
      expect.stringContaining('/AWSLogs/222222222222/*'),
    ]);
    expect(statementWithSid(statements, 'DeliveryAccountsWriteEvidence')).toMatchObject({
      Principal: {
        AWS: [
          expect.stringContaining(':iam::111111111111:root'),
          expect.stringContaining(':iam::222222222222:root'),
        ],
      },
      Action: ['s3:PutObject'],
      Resource: [
        expect.stringMatching(/\/cases\/\$\$\{aws:PrincipalAccount\}\/\*$/),
        expect.stringMatching(/\/scans\/\$\$\{aws:PrincipalAccount\}\/\*$/),
      ],
    });
    const keyStatements = policyStatements(
      resourcesOfType(synthesized, 'aws_kms_key')[0] as SynthesizedBlock,
    );
    expect(statementWithSid(keyStatements, 'FlowLogsEncryptLogs').Condition).toEqual({
      StringEquals: {
        'aws:SourceAccount': [
          expect.stringContaining('account_id'),
          '111111111111',
          '222222222222',
        ],
      },
    });
    expect(statementWithSid(keyStatements, 'DeliveryAccountsWriteEvidence').Action).toEqual([
      'kms:GenerateDataKey',
      'kms:Decrypt',
    ]);
  });

  test('lets each member read and list only its own cases and scans, read the shared tools, and check the bucket before filing', () => {
    const statements = policyStatements(
      evidenceBucketPolicy(synthBucket({ deliveryAccountIds: ['222222222222'] })),
    );
    const member = { AWS: [expect.stringContaining(':iam::222222222222:root')] };
    const ownPrefixes = [
      expect.stringMatching(/\/cases\/\$\$\{aws:PrincipalAccount\}\/\*$/),
      expect.stringMatching(/\/scans\/\$\$\{aws:PrincipalAccount\}\/\*$/),
    ];
    expect(statementWithSid(statements, 'DeliveryAccountsReadOwnEvidence')).toMatchObject({
      Principal: member,
      Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:ListMultipartUploadParts'],
      Resource: ownPrefixes,
    });
    expect(statementWithSid(statements, 'DeliveryAccountsListOwnEvidence')).toMatchObject({
      Principal: member,
      Action: ['s3:ListBucket', 's3:ListBucketVersions'],
      Resource: expect.not.stringContaining('/'),
      Condition: {
        StringLike: {
          's3:prefix': ['cases/$${aws:PrincipalAccount}/*', 'scans/$${aws:PrincipalAccount}/*'],
        },
      },
    });
    expect(statementWithSid(statements, 'DeliveryAccountsReadTools')).toMatchObject({
      Principal: member,
      Action: ['s3:GetObject'],
      Resource: expect.stringMatching(/\/tools\/\*$/),
    });
    expect(statementWithSid(statements, 'DeliveryAccountsCheckBucket').Action).toEqual([
      's3:GetBucketLocation',
      's3:GetBucketObjectLockConfiguration',
    ]);
  });

  test("lets an organization trail of the management account write under the organization's id and use the key", () => {
    const synthesized = synthBucket({
      deliveryAccountIds: ['222222222222'],
      organizationTrail: { organizationId: 'o-a1b2c3d4e5', managementAccountId: '333333333333' },
    });
    const statements = policyStatements(evidenceBucketPolicy(synthesized));
    const writes = statementWithSid(statements, 'CloudTrailWrites');
    expect(writes.Resource).toEqual([
      expect.stringContaining('/AWSLogs/${data.aws_caller_identity.'),
      expect.stringContaining('/AWSLogs/222222222222/*'),
      expect.stringMatching(/\/AWSLogs\/o-a1b2c3d4e5\/\*$/),
      expect.stringMatching(/\/AWSLogs\/333333333333\/\*$/),
    ]);
    expect(writes.Condition).toMatchObject({
      ArnLike: {
        'aws:SourceArn': expect.arrayContaining([
          expect.stringContaining(':cloudtrail:*:333333333333:trail/*'),
        ]),
      },
    });
    const keyStatements = policyStatements(
      resourcesOfType(synthesized, 'aws_kms_key')[0] as SynthesizedBlock,
    );
    expect(statementWithSid(keyStatements, 'CloudTrailEncryptsLogs').Condition).toMatchObject({
      StringLike: {
        'kms:EncryptionContext:aws:cloudtrail:arn': expect.arrayContaining([
          expect.stringContaining(':cloudtrail:*:333333333333:trail/*'),
        ]),
      },
    });
  });

  test('lets CloudTrail encrypt only for trails of the delivery accounts', () => {
    const keyStatements = policyStatements(
      resourcesOfType(synthBucket(), 'aws_kms_key')[0] as SynthesizedBlock,
    );
    expect(statementWithSid(keyStatements, 'CloudTrailEncryptsLogs').Condition).toEqual({
      StringLike: {
        'kms:EncryptionContext:aws:cloudtrail:arn': [
          expect.stringMatching(
            /^arn:\$\{data\.aws_partition\.\w+\.partition\}:cloudtrail:\*:\$\{data\.aws_caller_identity\.\w+\.account_id\}:trail\/\*$/,
          ),
        ],
      },
    });
  });

  test('logs server access to a separate bucket once that bucket lets S3 write', () => {
    const synthesized = synthBucket();
    expect(synthesized).toHaveResourceWithProperties(S3BucketLoggingA, {
      target_bucket: expect.stringMatching(
        /^\$\{aws_s3_bucket\.evidence_access-logs_bucket_\w+\.bucket\}$/,
      ),
      target_prefix: 'evidence-bucket/',
      depends_on: [
        expect.stringMatching(/^aws_s3_bucket_policy\.evidence_access-logs_policy_\w+$/),
      ],
    });
  });

  test('moves service logs to Glacier after 90 days and keeps cases and scans readable in Glacier Instant Retrieval', () => {
    expect(synthBucket()).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [
        expect.objectContaining({
          filter: [{ prefix: 'AWSLogs/' }],
          transition: [{ days: 90, storage_class: 'GLACIER' }],
          noncurrent_version_transition: [{ noncurrent_days: 90, storage_class: 'GLACIER' }],
        }),
        expect.objectContaining({
          filter: [{ prefix: 'cases/' }],
          transition: [{ days: 90, storage_class: 'GLACIER_IR' }],
          noncurrent_version_transition: [{ noncurrent_days: 90, storage_class: 'GLACIER_IR' }],
        }),
        expect.objectContaining({
          filter: [{ prefix: 'scans/' }],
          transition: [{ days: 90, storage_class: 'GLACIER_IR' }],
        }),
        {
          id: 'abort-incomplete-uploads',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        },
      ],
    });
  });

  test('names the regional GuardDuty principal of an opt-in region that exports findings here', () => {
    const synthesized = synthBucket({ findingsRegions: ['eu-west-1', 'af-south-1'] });
    expect(
      statementWithSid(policyStatements(evidenceBucketPolicy(synthesized)), 'GuardDutyWrites')
        .Principal,
    ).toEqual({ Service: ['guardduty.amazonaws.com', 'guardduty.af-south-1.amazonaws.com'] });
  });

  test('lets tests relax preventDestroy on the bucket, its key and its log bucket', () => {
    const synthesized = synthBucket({ preventDestroy: false });
    for (const type of ['aws_s3_bucket', 'aws_kms_key']) {
      for (const resource of resourcesOfType(synthesized, type))
        expect(resource.lifecycle).toEqual({ prevent_destroy: false });
    }
  });

  test.each([
    [
      'retentionDays',
      { retentionDays: 0 },
      /EvidenceBucket: retentionDays must be a whole number from 1 to 36500, got 0/,
    ],
    [
      'retentionDays',
      { retentionDays: 1.5 },
      /retentionDays must be a whole number from 1 to 36500, got 1.5/,
    ],
    [
      'archiveAfterDays',
      { archiveAfterDays: -1 },
      /archiveAfterDays must be a whole number from 1 to 36500, got -1/,
    ],
    [
      'accessLogExpireAfterDays',
      { accessLogExpireAfterDays: 0 },
      /AccessLogBucket: expireAfterDays must be a whole number from 1 to 36500, got 0/,
    ],
    [
      'bucketName',
      { bucketName: 'Evidence_Bucket' },
      /bucketName must be a valid S3 bucket name .*, got "Evidence_Bucket"/,
    ],
    [
      'deliveryAccountIds',
      { deliveryAccountIds: ['12345'] },
      /deliveryAccountIds must be a list of 12-digit account ids, got "12345"/,
    ],
    [
      'deliveryAccountIds',
      { deliveryAccountIds: ['111111111111', '111111111111'] },
      /deliveryAccountIds must not repeat an account/,
    ],
    [
      'organizationTrail',
      { organizationTrail: { organizationId: 'org-1', managementAccountId: '333333333333' } },
      /organizationTrail.organizationId must be an organization id such as o-a1b2c3d4e5 .*, got "org-1"/,
    ],
    [
      'organizationTrail',
      { organizationTrail: { organizationId: 'o-a1b2c3d4e5', managementAccountId: 'mgmt' } },
      /organizationTrail.managementAccountId must be a 12-digit account id, got "mgmt"/,
    ],
  ] as const)('rejects %s in %j', (_prop, props, message) => {
    expect(() => synthBucket(props as EvidenceBucketProps)).toThrow(message);
  });
});
