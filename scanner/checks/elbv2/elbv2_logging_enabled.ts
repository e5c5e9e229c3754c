import { defineCheck } from '../../model/check';
import { accountResource, couldNotRead, fail, notApplicable, pass } from '../results';

export default defineCheck({
  id: 'elbv2_logging_enabled',
  title: 'Every Application Load Balancer writes access logs',
  service: 'elbv2',
  severity: 'medium',
  resourceType: 'AwsElbv2LoadBalancer',
  risk: 'Without access logs there is no record of which client sent which request through the load balancer, so an exploitation attempt or data theft over HTTP cannot be traced during an incident.',
  remediation:
    'aws elbv2 modify-load-balancer-attributes --load-balancer-arn <arn> --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=<bucket> (the bucket policy must let ELB log delivery write).',
  references: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html',
  ],
  needs: ['applicationLoadBalancers'],
  evaluate: ({ applicationLoadBalancers }, ctx) =>
    ctx.regions.flatMap((region) => {
      const list = applicationLoadBalancers[region] ?? [];
      if (list.length === 0)
        return [
          notApplicable(
            accountResource(ctx, 'elasticloadbalancing', region),
            `No Application Load Balancers in ${region}.`,
          ),
        ];
      return list.map((alb) => {
        const resource = { region, type: 'AwsElbv2LoadBalancer', id: alb.name, arn: alb.arn };
        if (!alb.accessLogsEnabled.ok) return couldNotRead(resource, alb.accessLogsEnabled.error);
        return alb.accessLogsEnabled.data
          ? pass(resource, `Load balancer ${alb.name} writes access logs.`)
          : fail(resource, `Load balancer ${alb.name} does not write access logs.`);
      });
    }),
});
