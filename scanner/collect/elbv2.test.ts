import {
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import { applicationLoadBalancers } from './elbv2';

const elb = mockClient(ElasticLoadBalancingV2Client);

beforeEach(() => elb.reset());

describe('the ALB collector', () => {
  test('reads the access-log switch of each ALB, skipping network load balancers', async () => {
    elb.on(DescribeLoadBalancersCommand).resolves({
      LoadBalancers: [
        { LoadBalancerArn: 'arn:web', LoadBalancerName: 'web', Type: 'application' },
        { LoadBalancerArn: 'arn:nlb', LoadBalancerName: 'nlb', Type: 'network' },
        { LoadBalancerArn: 'arn:api', LoadBalancerName: 'api', Type: 'application' },
      ],
    });
    elb
      .on(DescribeLoadBalancerAttributesCommand, { LoadBalancerArn: 'arn:web' })
      .resolves({ Attributes: [{ Key: 'access_logs.s3.enabled', Value: 'true' }] })
      .on(DescribeLoadBalancerAttributesCommand, { LoadBalancerArn: 'arn:api' })
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    const albs = await applicationLoadBalancers.collect(collectContext(), 'us-east-1');
    expect(albs.map((alb) => [alb.name, alb.accessLogsEnabled.ok])).toEqual([
      ['web', true],
      ['api', false],
    ]);
    expect(albs[0]?.accessLogsEnabled).toEqual({ ok: true, data: true });
  });
});
