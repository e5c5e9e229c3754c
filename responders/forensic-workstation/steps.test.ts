import { mockClient } from 'aws-sdk-client-mock';
import { EC2Client } from '@aws-sdk/client-ec2';
import { AwsClients } from '../../lib/aws/clients';
import { fixedClock } from '../../lib/clock';
import { executePlan } from '../core/execute';
import type { Step } from '../core/step';
import { FORENSIC_RUNNERS, attachWorkingCopy, closePathRule, openPath } from './steps';

const ec2 = mockClient(EC2Client);
const [ingress, egress] = openPath({ region: 'us-east-1', caseId: 'IR-7' }, { vpcId: 'vpc-1', isolationGroupId: 'sg-iso', forensicGroupId: 'sg-for' }, 22, '2026-01-31T12:30:00Z') as [Step, Step];
const cases: [string, Step][] = [
  ['VolumeInUse', attachWorkingCopy('us-east-1', 'i-0f0f0f0f0f0f0f0f0', 'snap-1', 'vol-1', '/dev/sdg')],
  ['InvalidPermission.Duplicate', ingress],
  ['InvalidPermission.Duplicate', egress],
  ['InvalidPermission.NotFound', closePathRule('us-east-1', { ruleId: 'sgr-1', groupId: 'sg-iso', egress: false })],
  ['InvalidSecurityGroupRuleId.NotFound', closePathRule('us-east-1', { ruleId: 'sgr-2', groupId: 'sg-for', egress: true })],
];

describe('forensic steps', () => {
  test.each(cases.map(([name, step]) => [name, step.id, step] as const))('%s means %s is already done', async (name, _id, step) => {
    ec2.reset();
    ec2.onAnyCommand().rejects(Object.assign(new Error(name), { name }));
    expect(step.alreadyDoneOn).toContain(name);
    const plan = { responder: 'forensic', caseId: 'IR-7', target: { type: 't', id: 'i', arn: '', region: 'us-east-1', account: '1' }, steps: [step], notes: [] };
    const result = await executePlan(plan, { aws: new AwsClients({ env: {} }), clock: fixedClock('2026-01-31T12:00:00Z'), dryRun: false, runners: FORENSIC_RUNNERS });
    expect(result.steps[0]?.status).toBe('already-done');
  });
});
