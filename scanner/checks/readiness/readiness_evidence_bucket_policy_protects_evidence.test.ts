import { failed, fetched, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { denyInsecureTransport, policyDocument } from '../../../test/fixtures/resources';
import type { PolicyDocument, PolicyStatement } from '../../model/policy';
import check from './readiness_evidence_bucket_policy_protects_evidence';
import { evidenceBucket } from '../../../test/fixtures/readiness-checks';

const scan = (
  policy: ReturnType<typeof fetched<PolicyDocument | null>> | ReturnType<typeof failed>,
) =>
  runCheck(
    check,
    inventoryOf({
      regional: { 'us-east-1': { evidenceBuckets: [evidenceBucket('ev', { policy })] } },
    }),
  );
const tls = denyInsecureTransport('ev').Statement;
const deny = (overrides: Partial<PolicyStatement>): PolicyStatement => ({
  Effect: 'Deny',
  Principal: '*',
  Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
  Resource: 'arn:aws:s3:::ev/*',
  ...overrides,
});

describe('readiness_evidence_bucket_policy_protects_evidence', () => {
  test.each<[string, PolicyStatement]>([
    ['both deletions named', deny({})],
    ['s3:Delete*', deny({ Action: 's3:Delete*' })],
    ['s3:DeleteObject*', deny({ Action: 's3:DeleteObject*' })],
  ])('passes a policy denying plain HTTP and deletion with %s', (_, deletion) => {
    expect(verdicts(scan(fetched(policyDocument(...tls, deletion))))).toEqual([['PASS', 'ev']]);
  });

  test('passes but flags a conditional deletion deny', () => {
    const [finding] = scan(
      fetched(
        policyDocument(
          ...tls,
          deny({
            Condition: {
              StringNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/break-glass' },
            },
          }),
        ),
      ),
    );
    expect(finding).toMatchObject({
      status: 'PASS',
      message: expect.stringMatching(/has conditions: check who they exempt/),
    });
  });

  test.each<[string, PolicyDocument | null, RegExp]>([
    ['no policy', null, /does not deny requests over plain HTTP or deleting objects and versions/],
    ['only the TLS deny', policyDocument(...tls), /does not deny deleting objects and versions/],
    [
      'only DeleteObject',
      policyDocument(...tls, deny({ Action: 's3:DeleteObject' })),
      /does not deny deleting/,
    ],
    [
      'a deletion deny for one principal only',
      policyDocument(...tls, deny({ Principal: { AWS: 'arn:aws:iam::123456789012:root' } })),
      /does not deny deleting/,
    ],
    ['no TLS deny', policyDocument(deny({})), /does not deny requests over plain HTTP\./],
  ])('fails %s', (_, policy, message) => {
    expect(scan(fetched(policy))[0]).toMatchObject({
      status: 'FAIL',
      message: expect.stringMatching(message),
    });
  });

  test('is not applicable without an evidence bucket', () => {
    expect(
      runCheck(check, inventoryOf({ regional: { 'us-east-1': { evidenceBuckets: [] } } }))[0]
        ?.status,
    ).toBe('NOT_APPLICABLE');
  });

  test('reports an error when the policy could not be read', () => {
    expect(verdicts(scan(failed('s3:GetBucketPolicy')))).toEqual([['ERROR', 'ev']]);
  });
});
