import type { LaunchDescription } from './description';
import { checkLaunched } from './verify';

const after = (workstations: LaunchDescription['workstations']): LaunchDescription => ({
  caseId: 'IR-7',
  region: 'us-east-1',
  account: '123456789012',
  template: {
    id: 'lt-0123456789abcdef0',
    name: 'pyjamas-forensic-workstation',
    version: 1,
    imageId: 'ami-1',
    groupIds: ['sg-b', 'sg-a'],
  },
  subnet: { subnetId: 'subnet-1', vpcId: 'vpc-1', availabilityZone: 'us-east-1a' },
  workstations,
});

describe('checkLaunched', () => {
  test('passes a running workstation from the template, in its groups, without a public address', () => {
    const results = checkLaunched(
      after([
        {
          instanceId: 'i-1',
          state: 'running',
          launchTemplateId: 'lt-0123456789abcdef0',
          groupIds: ['sg-a', 'sg-b'],
        },
        { instanceId: 'i-0', state: 'terminated', groupIds: [] },
      ]),
    );
    expect(results.map((result) => [result.check, result.ok])).toEqual([
      ['workstation running', true],
      ['launched from the workstation template', true],
      ['no public IP address', true],
      ["in the template's security groups", true],
    ]);
  });

  test('fails a public address, another template, other groups and a stopped workstation', () => {
    const results = checkLaunched(
      after([
        {
          instanceId: 'i-1',
          state: 'stopped',
          launchTemplateId: 'lt-1',
          publicIpAddress: '203.0.113.9',
          groupIds: ['sg-a'],
        },
      ]),
    );
    expect(results.filter((result) => !result.ok).map((result) => result.detail)).toEqual([
      'i-1 is stopped',
      'lt-1',
      '203.0.113.9',
      'sg-a',
    ]);
  });

  test.each([
    ['no workstation', [], 'none is pending, running or stopped'],
    [
      'two workstations',
      [
        { instanceId: 'i-1', state: 'running', groupIds: [] },
        { instanceId: 'i-2', state: 'pending', groupIds: [] },
      ],
      'i-1, i-2',
    ],
  ])('fails with %s', (_name, workstations, detail) => {
    expect(checkLaunched(after(workstations))).toEqual([
      { check: 'one workstation for the case', ok: false, detail },
    ]);
  });
});
