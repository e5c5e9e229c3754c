import {
  DescribeLoadBalancerAttributesCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeLoadBalancers,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ApplicationLoadBalancer } from '../model/elbv2';
import { fetchDetail, type RegionalCollector } from './collector';

/**
 * A region's Application Load Balancers with their access-log switch. Network and gateway load
 * balancers are left out: CIS 4.10 names ALBs, and NLB access logs cover TLS listeners only.
 */
export const applicationLoadBalancers: RegionalCollector<'applicationLoadBalancers'> = {
  scope: 'regional',
  apis: [
    'elasticloadbalancing:DescribeLoadBalancers',
    'elasticloadbalancing:DescribeLoadBalancerAttributes',
  ],
  async collect(ctx, region) {
    const client = ctx.aws.get(ElasticLoadBalancingV2Client, region);
    const albs: { arn: string; name: string }[] = [];
    for await (const page of paginateDescribeLoadBalancers({ client }, {}))
      for (const lb of page.LoadBalancers ?? [])
        if (lb.Type === 'application')
          albs.push({ arn: lb.LoadBalancerArn ?? '', name: lb.LoadBalancerName ?? '' });
    return Promise.all(
      albs.map(async (alb): Promise<ApplicationLoadBalancer> => ({
        ...alb,
        accessLogsEnabled: await fetchDetail(
          'elasticloadbalancing:DescribeLoadBalancerAttributes',
          region,
          async () => {
            const { Attributes } = await client.send(
              new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: alb.arn }),
            );
            return (
              Attributes?.find((attribute) => attribute.Key === 'access_logs.s3.enabled')?.Value ===
              'true'
            );
          },
        ),
      })),
    );
  },
};
