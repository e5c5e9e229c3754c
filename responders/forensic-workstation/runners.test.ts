import { mockClient } from 'aws-sdk-client-mock';
import { DescribeInstancesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { AwsClients } from '../../lib/aws/clients';
import { fixedClock } from '../../lib/clock';
import { executePlan } from '../core/execute';
import type { Step } from '../core/step';
import { allowForensicEgress, allowPathIngress, deletePathGroup } from './memory-path-steps';
import { FORENSIC_RUNNERS } from './runners';
import { attachWorkingCopy, closePathRule, launchWorkstation } from './steps';

const ec2 = mockClient(EC2Client);
const context = { region: 'us-east-1', caseId: 'IR-7' };
const ingress = allowPathIngress(context, 'vpc-1', 'sg-case', 'sg-for', 22, '2026-01-31T12:30:00Z');
const egress = allowForensicEgress(
  context,
  'vpc-1',
  'sg-for',
  'sg-case',
  22,
  '2026-01-31T12:30:00Z',
);
const cases: [string, Step][] = [
  [
    'VolumeInUse',
    attachWorkingCopy('us-east-1', 'i-0f0f0f0f0f0f0f0f0', 'snap-1', 'vol-1', '/dev/sdg'),
  ],
  ['InvalidPermission.Duplicate', ingress],
  ['InvalidPermission.Duplicate', egress],
  ['InvalidGroup.NotFound', deletePathGroup(context, 'sg-case')],
  [
    'InvalidPermission.NotFound',
    closePathRule('us-east-1', { ruleId: 'sgr-1', groupId: 'sg-iso', egress: false }),
  ],
  [
    'InvalidSecurityGroupRuleId.NotFound',
    closePathRule('us-east-1', { ruleId: 'sgr-2', groupId: 'sg-for', egress: true }),
  ],
];

describe('forensic steps', () => {
  test.each(cases.map(([name, step]) => [name, step.id, step] as const))(
    '%s means %s is already done',
    async (name, _id, step) => {
      ec2.reset();
      ec2.onAnyCommand().rejects(Object.assign(new Error(name), { name }));
      expect(step.alreadyDoneOn).toContain(name);
      const plan = {
        responder: 'forensic',
        caseId: 'IR-7',
        target: { type: 't', id: 'i', arn: '', region: 'us-east-1', account: '1' },
        steps: [step],
        notes: [],
      };
      const result = await executePlan(plan, {
        aws: new AwsClients({ env: {} }),
        clock: fixedClock('2026-01-31T12:00:00Z'),
        dryRun: false,
        runners: FORENSIC_RUNNERS,
      });
      expect(result.steps[0]?.status).toBe('already-done');
    },
  );
});

describe('launching runner', () => {
  test('sends the launch, waits until the workstation runs and reports its id', async () => {
    ec2.reset();
    ec2.on(RunInstancesCommand).resolves({
      Instances: [{ InstanceId: 'i-0123456789abcdef0' }],
      $metadata: { requestId: 'req-1' },
    });
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [
        { Instances: [{ InstanceId: 'i-0123456789abcdef0', State: { Name: 'running' } }] },
      ],
    });
    const step = launchWorkstation(
      {
        region: 'us-east-1',
        caseId: 'IR-7',
        templateId: 'lt-1',
        templateVersion: 2,
        subnetId: 'subnet-1',
        groupIds: ['sg-1'],
        clientToken: 'pyjamas-token',
      },
      'launch',
    );
    const output = await FORENSIC_RUNNERS['ec2:RunInstances']?.(
      new AwsClients({ env: {} }),
      'us-east-1',
      step.input,
    );
    expect(output).toEqual({ requestId: 'req-1', output: { InstanceId: 'i-0123456789abcdef0' } });
    expect(ec2.commandCalls(RunInstancesCommand)[0]?.args[0].input).toMatchObject({
      ClientToken: 'pyjamas-token',
      LaunchTemplate: { LaunchTemplateId: 'lt-1', Version: '2' },
    });
    expect(ec2.commandCalls(DescribeInstancesCommand)[0]?.args[0].input).toEqual({
      InstanceIds: ['i-0123456789abcdef0'],
    });
  });
});
