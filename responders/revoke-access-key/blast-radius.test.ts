import { GetAccountAuthorizationDetailsCommand, IAMClient } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lib/aws/clients';
import { ACCOUNT, description } from '../../test/fixtures/revocation-plans';
import { mockedActions } from '../../test/helpers/sdk-mock';
import { blastRadiusArtifact } from './blast-radius';
import { REVOKE_ACCESS_KEY_READ_ACTIONS } from './permissions';

const iam = mockClient(IAMClient);
const ADMIN_DOCUMENT = encodeURIComponent(
  JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
);

function parse(artifact: { body: string | Uint8Array }): Record<string, unknown> {
  return JSON.parse(String(artifact.body)) as Record<string, unknown>;
}

describe('blastRadiusArtifact', () => {
  const aws = new AwsClients({ maxAttempts: 1, env: {} });
  afterEach(() => {
    // Every call the blast radius makes is one the responder's role is granted.
    const unlisted = mockedActions({ IAMClient: iam }).filter(
      (action) => !(REVOKE_ACCESS_KEY_READ_ACTIONS as readonly string[]).includes(action),
    );
    iam.reset();
    expect(unlisted).toEqual([]);
  });
  afterAll(() => aws.destroy());

  test("files the key owner's administrator status from the account's authorization details", async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      UserDetailList: [
        {
          UserName: 'alice',
          Arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
          UserId: 'AIDAALICE',
          UserPolicyList: [{ PolicyName: 'all', PolicyDocument: ADMIN_DOCUMENT }],
        },
      ],
    });
    const artifact = await blastRadiusArtifact(aws, description());
    expect(artifact.name).toBe('blast-radius.json');
    expect(parse(artifact)).toMatchObject({
      status: 'collected',
      known: true,
      administrator: 'full',
    });
  });

  test('records a denied read as unavailable instead of failing the run', async () => {
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDenied' }));
    expect(parse(await blastRadiusArtifact(aws, description()))).toMatchObject({
      status: 'unavailable',
      reason: expect.stringContaining('AccessDenied') as unknown,
    });
  });

  test('does not read another account', async () => {
    const artifact = await blastRadiusArtifact(aws, description({ keyAccount: '210987654321' }));
    expect(parse(artifact)).toMatchObject({ status: 'unavailable' });
    expect(iam.calls()).toHaveLength(0);
  });
});
