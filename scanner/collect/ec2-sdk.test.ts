import { COLLECTORS } from './registry';
import { loadEc2Sdk } from './ec2-sdk';

let mockEc2Loads = 0;
jest.mock('@aws-sdk/client-ec2', () => {
  mockEc2Loads += 1;
  return jest.requireActual<object>('@aws-sdk/client-ec2');
});

describe('the EC2 SDK module', () => {
  test('is not loaded with the collectors, only when an EC2 read first needs it', async () => {
    expect(Object.keys(COLLECTORS)).toContain('vpcs');
    expect(mockEc2Loads).toBe(0);
    const sdk = await loadEc2Sdk();
    expect(typeof sdk.EC2Client).toBe('function');
    await loadEc2Sdk();
    expect(mockEc2Loads).toBe(1);
  });

  test('is the same module object at every read, not a fresh copy of its exports each time', async () => {
    expect(await loadEc2Sdk()).toBe(await loadEc2Sdk());
  });
});
