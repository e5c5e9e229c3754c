import { GenerateCredentialReportCommand, GetAccountPasswordPolicyCommand, GetCredentialReportCommand, IAMClient, NoSuchEntityException } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import { credentialReport, passwordPolicy } from './iam';

const iam = mockClient(IAMClient);

beforeEach(() => iam.reset());

describe('the password policy collector', () => {
  test('reads a missing password policy (NoSuchEntity) as no policy', async () => {
    iam.on(GetAccountPasswordPolicyCommand).rejects(new NoSuchEntityException({ message: 'no policy', $metadata: {} }));
    await expect(passwordPolicy.collect(collectContext())).resolves.toBeNull();
  });
});

describe('the credential report collector', () => {
  test('waits while AWS is still generating the report', async () => {
    const csv = 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date\nalice,arn:aws:iam::123456789012:user/alice,2026-01-01T00:00:00+00:00,true,no_information,2026-01-01T00:00:00+00:00,false,true,2026-01-02T00:00:00+00:00,N/A,false,N/A,N/A\n';
    const notReady = Object.assign(new Error('report in progress'), { name: 'ReportInProgress', $metadata: {} });
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'STARTED' });
    iam.on(GetCredentialReportCommand).rejectsOnce(notReady).resolves({ Content: new TextEncoder().encode(csv) });
    const report = await credentialReport.collect(collectContext());
    expect(report.users).toEqual([
      expect.objectContaining({ user: 'alice', passwordEnabled: true, passwordLastUsed: null, accessKeys: [{ active: true, lastRotated: '2026-01-02T00:00:00.000Z', lastUsedDate: null }, { active: false, lastRotated: null, lastUsedDate: null }] }),
    ]);
    expect(iam.commandCalls(GetCredentialReportCommand)).toHaveLength(2);
  });
});
