import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { flowLog, vpc } from '../../../test/fixtures/resources';
import type { FlowLog } from '../../model/ec2';
import check from './vpc_flow_logs_enabled';

const withLogs = (...flowLogs: FlowLog[]) =>
  inventoryOf({ regional: { 'us-east-1': { vpcs: [vpc('vpc-1')], flowLogs } } });

describe('vpc_flow_logs_enabled', () => {
  test.each<[string, string]>([
    ['ALL', 'all'],
    ['REJECT', 'rejected'],
  ])(
    'passes a VPC with an active flow log of %s traffic, saying which traffic it captures',
    (trafficType, captured) => {
      const findings = runCheck(check, withLogs(flowLog('vpc-1', { trafficType })));
      expect(verdicts(findings)).toEqual([['PASS', 'vpc-1']]);
      expect(findings[0]).toMatchObject({
        resourceType: 'AwsEc2Vpc',
        resourceArn: 'arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1',
        message: `VPC vpc-1 has an active flow log capturing ${captured} traffic (fl-vpc-1).`,
      });
    },
  );

  test('names the log capturing all traffic when a rejected-only log exists as well', () => {
    const findings = runCheck(
      check,
      withLogs(
        flowLog('vpc-1', { id: 'fl-reject', trafficType: 'REJECT' }),
        flowLog('vpc-1', { id: 'fl-all', trafficType: 'ALL' }),
      ),
    );
    expect(findings[0]?.message).toBe(
      'VPC vpc-1 has an active flow log capturing all traffic (fl-all).',
    );
  });

  test('passes a VPC with an ACCEPT-only log beside one that captures rejected traffic', () => {
    const findings = runCheck(
      check,
      withLogs(
        flowLog('vpc-1', { id: 'fl-accept', trafficType: 'ACCEPT' }),
        flowLog('vpc-1', { id: 'fl-reject', trafficType: 'REJECT' }),
      ),
    );
    expect(verdicts(findings)).toEqual([['PASS', 'vpc-1']]);
  });

  test('fails a VPC without a flow log', () => {
    const findings = runCheck(check, withLogs());
    expect(verdicts(findings)).toEqual([['FAIL', 'vpc-1']]);
    expect(findings[0]?.message).toBe('VPC vpc-1 has no flow log.');
  });

  test('fails a VPC whose only flow log records accepted traffic', () => {
    const findings = runCheck(check, withLogs(flowLog('vpc-1', { trafficType: 'ACCEPT' })));
    expect(verdicts(findings)).toEqual([['FAIL', 'vpc-1']]);
    expect(findings[0]?.message).toBe(
      'VPC vpc-1 has flow logs of accepted traffic only (fl-vpc-1), so rejected traffic is not recorded.',
    );
  });

  test('fails a VPC whose flow logs are not active, naming their status', () => {
    const findings = runCheck(
      check,
      withLogs(flowLog('vpc-1', { id: 'fl-broken', status: 'ERROR' })),
    );
    expect(verdicts(findings)).toEqual([['FAIL', 'vpc-1']]);
    expect(findings[0]?.message).toBe('VPC vpc-1 has no active flow log (fl-broken is ERROR).');
  });

  test.each([
    ['a subnet', 'subnet-1'],
    ['a network interface', 'eni-1'],
    ['another VPC', 'vpc-2'],
  ])('does not count a flow log on %s for the VPC', (_, resourceId) => {
    const findings = runCheck(check, withLogs(flowLog(resourceId)));
    expect(verdicts(findings)).toEqual([['FAIL', 'vpc-1']]);
    expect(findings[0]?.message).toBe('VPC vpc-1 has no flow log.');
  });

  test('judges every VPC, the default one included', () => {
    const inventory = inventoryOf({
      regional: {
        'us-east-1': {
          vpcs: [vpc('vpc-default', 'us-east-1', { isDefault: true }), vpc('vpc-1')],
          flowLogs: [flowLog('vpc-1')],
        },
      },
    });
    expect(verdicts(runCheck(check, inventory))).toEqual([
      ['FAIL', 'vpc-default'],
      ['PASS', 'vpc-1'],
    ]);
  });

  test('is not applicable in a region without VPCs', () => {
    const findings = runCheck(
      check,
      inventoryOf({ regional: { 'eu-west-1': { vpcs: [], flowLogs: [flowLog('vpc-gone')] } } }),
    );
    expect(verdicts(findings)).toEqual([['NOT_APPLICABLE', '123456789012']]);
    expect(findings[0]).toMatchObject({
      region: 'eu-west-1',
      resourceArn: 'arn:aws:vpc:eu-west-1:123456789012:account',
      message: 'Region eu-west-1 has no VPCs.',
    });
  });

  test('reports an error instead of a failure when the flow logs of a region could not be read', () => {
    const inventory = inventoryOf({
      regional: {
        'us-east-1': { vpcs: [vpc('vpc-1')], flowLogs: [flowLog('vpc-1')] },
        'eu-west-1': {
          vpcs: [vpc('vpc-2', 'eu-west-1')],
          flowLogs: failed('ec2:DescribeFlowLogs', 'eu-west-1', 'UnauthorizedOperation'),
        },
      },
    });
    const findings = runCheck(check, inventory);
    expect(verdicts(findings)).toEqual([
      ['ERROR', '123456789012'],
      ['PASS', 'vpc-1'],
    ]);
    expect(findings[0]).toMatchObject({
      region: 'eu-west-1',
      message: expect.stringMatching(/ec2:DescribeFlowLogs failed in eu-west-1/),
    });
  });
});
