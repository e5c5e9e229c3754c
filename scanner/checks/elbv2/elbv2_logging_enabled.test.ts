import {
  ACCOUNT,
  failed,
  fetched,
  inventoryOf,
  runCheck,
  verdicts,
} from '../../../test/fixtures/inventory';
import type { Fetched } from '../../model/inventory';
import check from './elbv2_logging_enabled';

function alb(name: string, accessLogsEnabled: Fetched<boolean>) {
  const arn = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/${name}/1`;
  return { arn, name, accessLogsEnabled };
}

describe('elbv2_logging_enabled', () => {
  test('passes an ALB with access logs, fails one without, and is ERROR where unreadable', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: {
          'us-east-1': {
            applicationLoadBalancers: [
              alb('web', fetched(true)),
              alb('api', fetched(false)),
              alb('admin', failed('elasticloadbalancing:DescribeLoadBalancerAttributes')),
            ],
          },
        },
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['PASS', 'web'],
      ['FAIL', 'api'],
      ['ERROR', 'admin'],
    ]);
  });

  test('is not applicable to a region without ALBs', () => {
    const findings = runCheck(
      check,
      inventoryOf({ regional: { 'us-east-1': { applicationLoadBalancers: [] } } }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });
});
