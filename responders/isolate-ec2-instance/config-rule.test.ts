import { ConfigServiceClient, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import {
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  type Instance,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lib/aws/clients';
import { configRuleEvent } from '../../test/fixtures/config-rule-event';
import { useEnvironment } from '../../test/helpers/environment';
import { mockedActions } from '../../test/helpers/sdk-mock';
import { evaluateQuarantine, judgeQuarantine } from './config-rule';
import { configRuleHandler } from './handler';
import { ISOLATE_EC2_INSTANCE_CONFIG_RULE_ACTIONS } from './permissions';

const ec2 = mockClient(EC2Client);
const config = mockClient(ConfigServiceClient);
const ISOLATION = 'sg-00000000000000001';
const CAPTURE = 'sg-00000000000000002';
const WEB = 'sg-00000000000000003';

const group = (GroupId: string, component: string, VpcId = 'vpc-1'): SecurityGroup => ({
  GroupId,
  VpcId,
  Tags: [{ Key: 'pyjamas:component', Value: component }],
});
const GROUPS = [
  group(ISOLATION, 'isolation-security-group'),
  group(CAPTURE, 'memory-capture-security-group'),
  group('sg-00000000000000009', 'isolation-security-group', 'vpc-2'),
];

function instance(
  groups: string[][],
  tags: Record<string, string> = { 'pyjamas:quarantine': 'IR-42' },
  state = 'running',
): Instance {
  return {
    InstanceId: 'i-0123456789abcdef0',
    VpcId: 'vpc-1',
    State: { Name: state as never },
    Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    NetworkInterfaces: groups.map((ids, index) => ({
      NetworkInterfaceId: `eni-${index}`,
      VpcId: 'vpc-1',
      Groups: ids.map((GroupId) => ({ GroupId })),
    })),
  };
}

beforeEach(() => {
  ec2.reset();
  config.reset();
});

describe('judgeQuarantine', () => {
  test.each([
    [
      'every interface holds only the isolation group',
      instance([[ISOLATION], [ISOLATION]]),
      'COMPLIANT',
      'Isolated under pyjamas:quarantine=IR-42.',
    ],
    [
      'an interface also holds the memory capture group',
      instance([[ISOLATION, CAPTURE]]),
      'COMPLIANT',
      'Isolated under pyjamas:quarantine=IR-42.',
    ],
    [
      'an interface still holds a working group',
      instance([[ISOLATION], [ISOLATION, WEB]]),
      'NON_COMPLIANT',
      `Quarantine requested (case IR-42) but not isolated: eni-1 holds ${ISOLATION}, ${WEB}.`,
    ],
    [
      'an interface only holds the capture group',
      instance([[CAPTURE]]),
      'NON_COMPLIANT',
      `Quarantine requested (case IR-42) but not isolated: eni-0 holds ${CAPTURE}.`,
    ],
    [
      'the tag names no case',
      instance([[WEB]], { 'pyjamas:quarantine': '' }),
      'NON_COMPLIANT',
      `Quarantine requested (case not named) but not isolated: eni-0 holds ${WEB}.`,
    ],
    [
      'no quarantine tag',
      instance([[WEB]], { Name: 'web' }),
      'NOT_APPLICABLE',
      'The instance has no pyjamas:quarantine tag.',
    ],
    [
      'a terminated instance',
      instance([], undefined, 'terminated'),
      'NOT_APPLICABLE',
      'The instance no longer exists.',
    ],
    ['no instance', undefined, 'NOT_APPLICABLE', 'The instance no longer exists.'],
  ])('%s', (_name, subject, compliance, annotation) => {
    expect(judgeQuarantine(subject, GROUPS)).toEqual({ compliance, annotation });
  });

  test('says when the VPC has no isolation group at all', () => {
    expect(judgeQuarantine(instance([[WEB]]), []).annotation).toBe(
      'Quarantine requested (case IR-42) but not isolated: eni-0: no isolation group in vpc-1.',
    );
  });
});

describe('evaluateQuarantine', () => {
  const aws = () => new AwsClients({ maxAttempts: 1, env: {} });
  const actions = () => mockedActions({ EC2Client: ec2 });

  test('reads the instance and the tagged groups of the region, with listed actions only', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .resolves({ Reservations: [{ Instances: [instance([[ISOLATION]])] }] });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: GROUPS });
    expect(await evaluateQuarantine(aws(), 'us-east-1', 'i-0123456789abcdef0')).toMatchObject({
      compliance: 'COMPLIANT',
    });
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand)[0]?.args[0].input.Filters).toEqual([
      {
        Name: 'tag:pyjamas:component',
        Values: ['isolation-security-group', 'memory-capture-security-group'],
      },
    ]);
    expect(actions().sort()).toEqual(['ec2:DescribeInstances', 'ec2:DescribeSecurityGroups']);
    expect(
      actions().filter(
        (action) =>
          !(ISOLATE_EC2_INSTANCE_CONFIG_RULE_ACTIONS as readonly string[]).includes(action),
      ),
    ).toEqual([]);
  });

  test('finds a deleted instance not applicable', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .rejects(
        Object.assign(new Error('gone'), { name: 'InvalidInstanceID.NotFound', $metadata: {} }),
      );
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    expect(await evaluateQuarantine(aws(), 'us-east-1', 'i-0123456789abcdef0')).toMatchObject({
      compliance: 'NOT_APPLICABLE',
    });
  });
});

describe('configRuleHandler', () => {
  useEnvironment({ AWS_REGION: 'us-east-1' });

  test('judges the live instance and reports the verdict to Config', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .resolves({ Reservations: [{ Instances: [instance([[WEB]])] }] });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: GROUPS });
    config.on(PutEvaluationsCommand).resolves({});
    expect(await configRuleHandler(configRuleEvent())).toMatchObject({
      compliance: 'NON_COMPLIANT',
    });
    expect(
      config.commandCalls(PutEvaluationsCommand)[0]?.args[0].input.Evaluations?.[0],
    ).toMatchObject({
      ComplianceResourceId: 'i-0123456789abcdef0',
      ComplianceType: 'NON_COMPLIANT',
    });
  });

  test('reports a deleted instance not applicable without reading it', async () => {
    config.on(PutEvaluationsCommand).resolves({});
    expect(await configRuleHandler(configRuleEvent({ status: 'ResourceDeleted' }))).toMatchObject({
      compliance: 'NOT_APPLICABLE',
    });
    expect(ec2.calls()).toHaveLength(0);
  });

  test('rejects an event of another resource type before any AWS call', async () => {
    await expect(
      configRuleHandler(configRuleEvent({ resourceType: 'AWS::IAM::User' })),
    ).rejects.toThrow(/judges AWS::EC2::Instance/);
    expect([ec2.calls().length, config.calls().length]).toEqual([0, 0]);
  });
});
