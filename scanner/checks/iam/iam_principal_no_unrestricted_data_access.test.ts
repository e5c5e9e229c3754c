import { verdicts } from '../../../test/fixtures/inventory';
import { authorizationDetails, iamUser } from '../../../test/fixtures/resources';
import { inlinePolicy, runOnPrincipals } from '../../../test/fixtures/iam-checks';
import type { AuthorizationDetails } from '../../model/iam';
import check from './iam_principal_no_unrestricted_data_access';

const run = (details: AuthorizationDetails, global = {}) => runOnPrincipals(check, details, global);

describe('iam_principal_no_unrestricted_data_access', () => {
  test('flags s3:GetObject on every bucket, not on one bucket', () => {
    const findings = run(
      authorizationDetails({
        users: [
          iamUser('all', {
            inlinePolicies: [
              inlinePolicy('p', {
                Effect: 'Allow',
                Action: 's3:GetObject',
                Resource: 'arn:aws:s3:::*',
              }),
            ],
          }),
          iamUser('one', {
            inlinePolicies: [
              inlinePolicy('p', {
                Effect: 'Allow',
                Action: 's3:GetObject',
                Resource: 'arn:aws:s3:::reports/*',
              }),
            ],
          }),
        ],
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['FAIL', 'all'],
      ['PASS', 'one'],
    ]);
    expect(findings[0]?.message).toContain('s3:GetObject');
  });

  test.each([
    ['s3:GetObject', '*', 'FAIL'],
    ['s3:GetObject', 'arn:aws:s3:::*', 'FAIL'],
    ['s3:GetObject', 'arn:aws:s3:::*/*', 'FAIL'],
    ['s3:Get*', '*', 'FAIL'],
    ['s3:GetObject', 'arn:aws:s3:::reports/*', 'PASS'],
    ['kms:Decrypt', '*', 'FAIL'],
    ['kms:Decrypt', 'arn:aws:kms:*:*:key/*', 'FAIL'],
    ['kms:Decrypt', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd', 'PASS'],
    ['secretsmanager:GetSecretValue', '*', 'FAIL'],
    ['secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:*:123456789012:secret:*', 'FAIL'],
    ['secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:*:123456789012:secret:app-*', 'PASS'],
    ['ssm:GetParameter', '*', 'FAIL'],
    ['ssm:GetParameter', 'arn:aws:ssm:*:123456789012:parameter/*', 'FAIL'],
    ['ssm:GetParameter', 'arn:aws:ssm:*:123456789012:parameter/app/*', 'PASS'],
  ])('an identity policy allowing %s on %s gives %s', (action, resource, verdict) => {
    const findings = run(
      authorizationDetails({
        users: [
          iamUser('reader', {
            inlinePolicies: [
              inlinePolicy('p', { Effect: 'Allow', Action: action, Resource: resource }),
            ],
          }),
        ],
      }),
    );
    expect(verdicts(findings)).toEqual([[verdict, 'reader']]);
  });
});
