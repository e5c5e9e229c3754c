import { ACCOUNT, fetched } from '../../../test/fixtures/inventory';
import { denyInsecureTransport, policyDocument } from '../../../test/fixtures/resources';
import type { EvidenceBucket } from '../../model/plumbing';

/** An evidence bucket as the module builds it; tests override the setting they are about. */
export function evidenceBucket(
  name = 'pyjamas-evidence',
  overrides: Partial<EvidenceBucket> = {},
): EvidenceBucket {
  const tls = denyInsecureTransport(name).Statement;
  return {
    name,
    arn: `arn:aws:s3:::${name}`,
    region: 'us-east-1',
    objectLock: fetched({ enabled: true, mode: 'COMPLIANCE', days: 365, years: null }),
    versioning: fetched('Enabled'),
    encryption: fetched({
      algorithm: 'aws:kms',
      kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/evidence`,
    }),
    policy: fetched(
      policyDocument(...tls, {
        Sid: 'DenyDeletingEvidence',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
        Resource: `arn:aws:s3:::${name}/*`,
      }),
    ),
    ...overrides,
  };
}
