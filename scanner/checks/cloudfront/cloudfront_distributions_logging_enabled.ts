import { defineCheck } from '../../model/check';
import type { CheckResult } from '../../model/finding';
import {
  GLOBAL_REGION,
  accountResource,
  couldNotRead,
  fail,
  notApplicable,
  pass,
} from '../results';

export default defineCheck({
  id: 'cloudfront_distributions_logging_enabled',
  title: 'Every CloudFront distribution writes access logs',
  service: 'cloudfront',
  severity: 'medium',
  resourceType: 'AwsCloudFrontDistribution',
  risk: 'Without access logs a distribution leaves no record of which clients requested which paths, so scraping, credential stuffing or exploitation through the edge cannot be traced or scoped.',
  remediation:
    'Turn on standard logging: in us-east-1, aws logs put-delivery-source --name <name> --resource-arn <distribution ARN> --log-type ACCESS_LOGS, put-delivery-destination to an S3 bucket or log group, then create-delivery; or set DistributionConfig.Logging (Enabled, Bucket) with aws cloudfront update-distribution.',
  references: [
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging.html',
    'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html',
  ],
  needs: ['cloudFrontDistributions'],
  // Real-time logs are not counted: they sample requests (1–100 %) into a Kinesis stream, where
  // the benchmark asks for every request delivered to S3 or CloudWatch Logs.
  evaluate: ({ cloudFrontDistributions }, ctx): CheckResult[] => {
    if (cloudFrontDistributions.length === 0)
      return [
        notApplicable(
          accountResource(ctx, 'cloudfront', GLOBAL_REGION),
          `Account ${ctx.account} has no CloudFront distributions.`,
        ),
      ];
    return cloudFrontDistributions.map((distribution) => {
      const resource = {
        region: GLOBAL_REGION,
        type: 'AwsCloudFrontDistribution',
        id: distribution.id,
        arn: distribution.arn,
      };
      const name = `Distribution ${distribution.id} (${distribution.domainName})`;
      const { legacyLogBucket: legacy, logDeliveries: deliveries } = distribution;
      if (deliveries.ok && deliveries.data.length > 0)
        return pass(resource, `${name} delivers access logs to ${deliveries.data.join(', ')}.`);
      if (legacy.ok && legacy.data !== null)
        return pass(resource, `${name} writes standard access logs to ${legacy.data}.`);
      if (!legacy.ok) return couldNotRead(resource, legacy.error);
      if (!deliveries.ok) return couldNotRead(resource, deliveries.error);
      return fail(resource, `${name} has neither standard logging nor a v2 access-log delivery.`);
    });
  },
});
