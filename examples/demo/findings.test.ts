import { parseGuardDutyEvent as parseInstanceFinding } from '../../responders/isolate-ec2-instance/events';
import { parseGuardDutyEvent as parseKeyFinding } from '../../responders/revoke-access-key/lambda';
import { accessKeyFinding, instanceFinding } from './findings';

const scope = { account: '123456789012', region: 'us-east-1', at: '2026-12-07T23:00:00.000Z' };

describe('the demo findings', () => {
  test('the instance finding is one the isolation responder accepts, about the instance and the account', () => {
    const parsed = parseInstanceFinding(instanceFinding(scope, 'i-0123456789abcdef0'));

    expect(parsed).toMatchObject({
      instanceId: 'i-0123456789abcdef0',
      account: '123456789012',
      region: 'us-east-1',
      caseId: 'GD-a1b2c3d4e5f60718293a4b5c6d7e8f90',
      trigger: { source: 'guardduty', detail: { severity: 8 } },
    });
  });

  test('the access-key finding is one the revocation responder accepts, naming the key and its user', () => {
    const parsed = parseKeyFinding(accessKeyFinding(scope, 'build-bot', 'AKIAIOSFODNN7EXAMPLE'));

    expect(parsed).toMatchObject({
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      account: '123456789012',
      trigger: {
        detail: { userName: 'build-bot', type: 'UnauthorizedAccess:IAMUser/MaliciousIPCaller' },
      },
    });
  });
});
