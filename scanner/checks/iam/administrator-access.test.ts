import { ADMIN_STATEMENT, policyDocument } from '../../../test/fixtures/resources';
import { parsePolicyDocument } from '../../collect/policy-document';
import type { PolicyStatement } from '../../model/policy';
import { fullAdminGrant } from './administrator-access';

const MFA_ONLY: PolicyStatement = {
  ...ADMIN_STATEMENT,
  Condition: { Bool: { 'aws:MultiFactorAuthPresent': true } },
};

describe('full administrator detection', () => {
  test.each<[string, PolicyStatement[]]>([
    ['Allow * on *', [ADMIN_STATEMENT]],
    ['Allow *:* on *', [{ Effect: 'Allow', Action: '*:*', Resource: '*' }]],
    [
      'actions and resources given as arrays',
      [{ Effect: 'Allow', Action: ['s3:GetObject', '*'], Resource: ['arn:aws:s3:::logs', '*'] }],
    ],
    [
      'an admin statement after a harmless one',
      [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, ADMIN_STATEMENT],
    ],
    ['a conditional and an unconditional admin statement', [MFA_ONLY, ADMIN_STATEMENT]],
    ['an empty condition block', [{ ...ADMIN_STATEMENT, Condition: {} }]],
  ])('finds unconditional full administrator access in %s', (_, statements) => {
    expect(fullAdminGrant(policyDocument(...statements))).toBe('unconditional');
  });

  test.each<[string, PolicyStatement[]]>([
    ['an MFA condition', [MFA_ONLY]],
    [
      'a source-address condition',
      [{ ...ADMIN_STATEMENT, Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }],
    ],
  ])(
    'finds full administrator access under %s, since conditions do not exempt',
    (_, statements) => {
      expect(fullAdminGrant(policyDocument(...statements))).toBe('conditional');
    },
  );

  test.each<[string, PolicyStatement[]]>([
    ['Deny * on *', [{ Effect: 'Deny', Action: '*', Resource: '*' }]],
    ['NotAction with Resource *', [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]],
    [
      'Action * with NotResource',
      [{ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::secrets' }],
    ],
    ['s3:* on *', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]],
    ['* on one bucket only', [{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::logs' }]],
    [
      'an action list without *',
      [{ Effect: 'Allow', Action: ['ec2:*', 'iam:*'], Resource: ['*'] }],
    ],
    ['a statement without Resource', [{ Effect: 'Allow', Action: '*' }]],
    ['a document without statements', []],
  ])('finds no full administrator access in %s', (_, statements) => {
    expect(fullAdminGrant(policyDocument(...statements))).toBeNull();
  });

  test('finds it in a single statement object, as the collector normalises it', () => {
    const document = parsePolicyDocument(
      '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}',
    );
    expect(fullAdminGrant(document)).toBe('unconditional');
  });
});
