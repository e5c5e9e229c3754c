import type { Fetched } from './inventory';

/**
 * A CloudFront distribution (cloudfront:ListDistributions) with the two ways it can write
 * access logs: legacy standard logging to S3 in its configuration, and standard logging v2,
 * which CloudWatch Logs delivers (to S3, CloudWatch Logs or Firehose) from a delivery source
 * naming the distribution.
 */
export interface CloudFrontDistribution {
  readonly id: string;
  readonly arn: string;
  readonly domainName: string;
  /**
   * The S3 bucket of legacy standard logging (GetDistributionConfig `Logging`), null when it is
   * off; read per distribution, so one refusal does not hide the others.
   */
  readonly legacyLogBucket: Fetched<string | null>;
  /**
   * Destinations of the v2 access-log deliveries whose source names the distribution
   * (logs:DescribeDeliverySources and DescribeDeliveries in us-east-1, where CloudFront's
   * delivery sources live); empty when there are none.
   */
  readonly logDeliveries: Fetched<readonly string[]>;
}
