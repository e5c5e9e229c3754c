import { evidenceAddresses } from './stage-teardown';

describe('evidenceAddresses', () => {
  test('keeps the evidence bucket, its settings and its key, and lets the evidence access-log bucket go', () => {
    expect(
      evidenceAddresses([
        'aws_s3_bucket.plumbing_evidence_bucket_1D3BCADB',
        'aws_s3_bucket_object_lock_configuration.plumbing_evidence_object-lock_674AF4EA',
        'aws_s3_bucket_policy.plumbing_evidence_policy_0D97FFEA',
        'aws_kms_key.plumbing_evidence_key_69D147BE',
        'aws_kms_alias.plumbing_evidence_key-alias_BAF9FE09',
        'aws_s3_bucket.plumbing_evidence_access-logs_bucket_CC861A77',
        'aws_s3_bucket.plumbing_config-bucket_74CB62E5',
        'aws_kms_key.plumbing_trail_key_1',
      ]),
    ).toEqual([
      'aws_s3_bucket.plumbing_evidence_bucket_1D3BCADB',
      'aws_s3_bucket_object_lock_configuration.plumbing_evidence_object-lock_674AF4EA',
      'aws_s3_bucket_policy.plumbing_evidence_policy_0D97FFEA',
      'aws_kms_key.plumbing_evidence_key_69D147BE',
      'aws_kms_alias.plumbing_evidence_key-alias_BAF9FE09',
    ]);
  });
});
