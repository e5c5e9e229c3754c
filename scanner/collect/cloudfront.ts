import {
  CloudFrontClient,
  GetDistributionConfigCommand,
  paginateListDistributions,
} from '@aws-sdk/client-cloudfront';
import {
  CloudWatchLogsClient,
  paginateDescribeDeliveries,
  paginateDescribeDeliverySources,
} from '@aws-sdk/client-cloudwatch-logs';
import type { CloudFrontDistribution } from '../model/cloudfront';
import { fetchDetail, type GlobalCollector } from './collector';

/**
 * Destinations of every v2 access-log delivery, by the resource ARN its source names. CloudFront
 * delivery sources can only be created in us-east-1, so one region's answer covers them all.
 */
async function accessLogDeliveries(
  logs: CloudWatchLogsClient,
): Promise<ReadonlyMap<string, readonly string[]>> {
  const resourcesOfSource = new Map<string, readonly string[]>();
  for await (const page of paginateDescribeDeliverySources({ client: logs }, {}))
    for (const source of page.deliverySources ?? [])
      if (source.logType === 'ACCESS_LOGS' && source.name)
        resourcesOfSource.set(source.name, source.resourceArns ?? []);
  const destinations = new Map<string, string[]>();
  if (resourcesOfSource.size === 0) return destinations;
  for await (const page of paginateDescribeDeliveries({ client: logs }, {}))
    for (const delivery of page.deliveries ?? [])
      for (const resource of resourcesOfSource.get(delivery.deliverySourceName ?? '') ?? [])
        destinations.set(resource, [
          ...(destinations.get(resource) ?? []),
          delivery.deliveryDestinationArn ?? '',
        ]);
  return destinations;
}

/**
 * Every CloudFront distribution with its legacy and v2 access logging. CloudFront is global and
 * answers in the partition's global region (us-east-1). ListDistributions carries no logging
 * settings, so each distribution's configuration is read on its own; the v2 deliveries are read
 * once for all of them, and only when there is a distribution.
 */
export const cloudFrontDistributions: GlobalCollector<'cloudFrontDistributions'> = {
  scope: 'global',
  apis: [
    'cloudfront:ListDistributions',
    'cloudfront:GetDistributionConfig',
    'logs:DescribeDeliverySources',
    'logs:DescribeDeliveries',
  ],
  async collect(ctx) {
    const region = ctx.globalRegion;
    const client = ctx.aws.get(CloudFrontClient, region);
    const listed: { id: string; arn: string; domainName: string }[] = [];
    for await (const page of paginateListDistributions({ client }, {}))
      for (const item of page.DistributionList?.Items ?? [])
        listed.push({ id: item.Id ?? '', arn: item.ARN ?? '', domainName: item.DomainName ?? '' });
    if (listed.length === 0) return [];
    const deliveries = fetchDetail('logs:DescribeDeliverySources', region, () =>
      accessLogDeliveries(ctx.aws.get(CloudWatchLogsClient, region)),
    );
    return Promise.all(
      listed.map(async (distribution): Promise<CloudFrontDistribution> => {
        const legacyLogBucket = await fetchDetail(
          'cloudfront:GetDistributionConfig',
          region,
          async () => {
            const { DistributionConfig } = await client.send(
              new GetDistributionConfigCommand({ Id: distribution.id }),
            );
            const logging = DistributionConfig?.Logging;
            return logging?.Enabled ? (logging.Bucket ?? '') : null;
          },
        );
        const all = await deliveries;
        return {
          ...distribution,
          legacyLogBucket,
          logDeliveries: all.ok ? { ok: true, data: all.data.get(distribution.arn) ?? [] } : all,
        };
      }),
    );
  },
};
