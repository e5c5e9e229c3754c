import { describeBlastRadius } from './stage-blast-radius';

describe('describeBlastRadius', () => {
  test('names the verdict, each escalation path, the services and the data reachable everywhere', () => {
    expect(
      describeBlastRadius({
        status: 'collected',
        principalArn: 'arn:aws:iam::123456789012:user/build-bot',
        known: true,
        administrator: 'can-make-itself-administrator',
        escalationPaths: ['build-bot → iam:AttachUserPolicy → AdministratorAccess'],
        services: ['ec2', 'iam', 's3'],
        unrestrictedData: ['s3:GetObject'],
        accessAdvisor: {
          status: 'unavailable',
          reason: 'iam:GenerateServiceLastAccessedDetails failed (UnknownError: XML parse error)',
        },
        unknownPolicies: [],
      }),
    ).toEqual([
      'arn:aws:iam::123456789012:user/build-bot can make itself administrator.',
      'Escalation paths it had:',
      '  build-bot → iam:AttachUserPolicy → AdministratorAccess',
      'Services it could call (3): ec2, iam, s3',
      'Data it could read on every resource: s3:GetObject',
      'Access advisor: unavailable (iam:GenerateServiceLastAccessedDetails failed (UnknownError: XML parse error)).',
    ]);
  });

  test('says why when the record could not be collected', () => {
    expect(
      describeBlastRadius({
        status: 'unavailable',
        reason: 'iam:GetAccountAuthorizationDetails failed',
      }),
    ).toEqual(['Blast radius unavailable: iam:GetAccountAuthorizationDetails failed']);
  });
});
