import type { PolicyDocument, PolicyStatement } from '../model/policy';
import { describeStatements, unrestrictedPublicStatements } from './public-principal';

const ACCOUNT = '123456789012';

function isOpen(statement: PolicyStatement): boolean {
  return unrestrictedPublicStatements({ Statement: [statement] }).length > 0;
}

const allow = (extra: Partial<PolicyStatement>): PolicyStatement => ({
  Effect: 'Allow',
  Principal: '*',
  Action: 'sqs:SendMessage',
  Resource: '*',
  ...extra,
});

describe('unrestricted public statements (CIS v7 2.21)', () => {
  test('are Allow statements for "*", {"AWS": "*"} or NotPrincipal without a condition', () => {
    expect(isOpen(allow({}))).toBe(true);
    expect(isOpen(allow({ Principal: { AWS: '*' } }))).toBe(true);
    expect(isOpen(allow({ Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] } }))).toBe(
      true,
    );
    expect(
      isOpen(allow({ Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::1:root' } })),
    ).toBe(true);
  });

  test('leave out named principals, service principals and Deny statements', () => {
    expect(isOpen(allow({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }))).toBe(false);
    expect(isOpen(allow({ Principal: { Service: 'sns.amazonaws.com' } }))).toBe(false);
    expect(isOpen(allow({ Effect: 'Deny' }))).toBe(false);
  });

  test('leave out statements tied to a source, account, organization, endpoint or network', () => {
    const conditions: NonNullable<PolicyStatement['Condition']>[] = [
      { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:alerts' } },
      { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::trail-logs' } },
      { ArnLike: { 'aws:SourceArn': 'arn:aws:events:us-east-1:123456789012:rule/*' } },
      { StringEquals: { 'AWS:SourceOwner': ACCOUNT } },
      { StringEquals: { 'aws:SourceAccount': [ACCOUNT, '111122223333'] } },
      { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
      { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
      { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      {
        StringEquals: {
          'kms:CallerAccount': ACCOUNT,
          'kms:ViaService': 'ec2.us-east-1.amazonaws.com',
        },
      },
      {
        'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-abc123/r-ab12/ou-ab12-11111111/*' },
      },
    ];
    for (const Condition of conditions)
      expect([Condition, isOpen(allow({ Condition }))]).toEqual([Condition, false]);
  });

  test('count conditions that match anyone, or that hold when the key is absent, as no restriction', () => {
    const conditions: NonNullable<PolicyStatement['Condition']>[] = [
      { StringLike: { 'aws:SourceAccount': '*' } },
      { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:*:*:*' } },
      { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } },
      { ArnLike: { 'aws:SourceArn': 'arn:aws:*:us-east-1:123456789012:*' } },
      { ArnLike: { 'aws:SourceArn': ['arn:aws:sns:us-east-1:123456789012:alerts', '*'] } },
      { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } },
      { StringEqualsIfExists: { 'aws:SourceAccount': ACCOUNT } },
      { StringNotEquals: { 'aws:SourceAccount': '111122223333' } },
      { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-abc123' } },
      { Bool: { 'aws:SecureTransport': 'true' } },
      { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
    ];
    for (const Condition of conditions)
      expect([Condition, isOpen(allow({ Condition }))]).toEqual([Condition, true]);
  });

  test('are named by Sid, else by position', () => {
    const policy: PolicyDocument = {
      Statement: [
        allow({ Principal: { Service: 'sns.amazonaws.com' } }),
        allow({ Sid: 'Anyone' }),
        allow({}),
      ],
    };
    expect(describeStatements(policy, unrestrictedPublicStatements(policy))).toBe('Anyone, #3');
  });
});
