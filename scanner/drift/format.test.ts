import { formatDrift } from './format';

describe('formatDrift', () => {
  test('says plainly when nothing drifted', () => {
    expect(formatDrift({ stack: 'stacks/p', checkedAt: 'T', drifted: [] })).toBe(
      'No drift: every resource of stacks/p matches its Terraform state (T).\n',
    );
  });

  test('lists each resource with expected and actual values and who changed it', () => {
    const text = formatDrift({
      stack: 'stacks/p',
      checkedAt: 'T',
      drifted: [
        {
          address: 'aws_security_group.isolation',
          type: 'aws_security_group',
          change: 'changed',
          region: 'eu-west-1',
          identifiers: ['sg-1'],
          attributes: [{ path: 'ingress', expected: [], actual: [{ from_port: 22 }] }],
          who: {
            event: 'AuthorizeSecurityGroupIngress',
            time: '2026-12-07T10:00:00Z',
            principal: 'arn:aws:iam::1:user/mallory',
            sourceIp: '203.0.113.9',
          },
        },
        {
          address: 'aws_flow_log.vpc',
          type: 'aws_flow_log',
          change: 'deleted',
          identifiers: ['fl-1'],
          attributes: [],
          who: { unknown: 'CloudTrail LookupEvents unavailable in us-east-1: InternalError' },
        },
      ],
    });
    expect(text).toContain('2 resources of stacks/p drifted');
    expect(text).toContain('aws_security_group.isolation  (eu-west-1)  changed');
    expect(text).toContain('ingress: expected [], actual [{"from_port":22}]');
    expect(text).toContain(
      'who: arn:aws:iam::1:user/mallory (AuthorizeSecurityGroupIngress at 2026-12-07T10:00:00Z, from 203.0.113.9)',
    );
    expect(text).toContain('aws_flow_log.vpc  DELETED outside Terraform');
    expect(text).toContain(
      'who: unknown (CloudTrail LookupEvents unavailable in us-east-1: InternalError)',
    );
  });
});
