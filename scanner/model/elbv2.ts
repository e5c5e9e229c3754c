import type { Fetched } from './inventory';

/** An Application Load Balancer (elasticloadbalancing:DescribeLoadBalancers, type application). */
export interface ApplicationLoadBalancer {
  readonly arn: string;
  readonly name: string;
  /** `access_logs.s3.enabled` of DescribeLoadBalancerAttributes, read per load balancer. */
  readonly accessLogsEnabled: Fetched<boolean>;
}
