import { CloudWatchClient, paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  paginateDescribeMetricFilters,
} from '@aws-sdk/client-cloudwatch-logs';
import { DescribeHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient, paginateListSubscriptions } from '@aws-sdk/client-sns';
import { hasAwsErrorName } from '../../lib/aws/errors';
import type { MetricAlarm, MetricFilter, SnsSubscription } from '../model/monitoring';
import type { RegionalCollector } from './collector';

/**
 * A region's metric filters, all log groups at once: one paginated call per region rather than
 * one per trail's log group.
 */
export const metricFilters: RegionalCollector<'metricFilters'> = {
  scope: 'regional',
  apis: ['logs:DescribeMetricFilters'],
  async collect(ctx, region) {
    const client = ctx.aws.get(CloudWatchLogsClient, region);
    const filters: MetricFilter[] = [];
    for await (const page of paginateDescribeMetricFilters({ client }, {}))
      for (const filter of page.metricFilters ?? [])
        filters.push({
          name: filter.filterName ?? '',
          logGroupName: filter.logGroupName ?? '',
          pattern: filter.filterPattern ?? '',
          metrics: (filter.metricTransformations ?? []).map((metric) => ({
            name: metric.metricName ?? '',
            namespace: metric.metricNamespace ?? '',
          })),
        });
    return filters;
  },
};

/** A region's metric alarms (composite alarms watch no metric and are left out). */
export const metricAlarms: RegionalCollector<'metricAlarms'> = {
  scope: 'regional',
  apis: ['cloudwatch:DescribeAlarms'],
  async collect(ctx, region) {
    const client = ctx.aws.get(CloudWatchClient, region);
    const alarms: MetricAlarm[] = [];
    for await (const page of paginateDescribeAlarms({ client }, { AlarmTypes: ['MetricAlarm'] }))
      for (const alarm of page.MetricAlarms ?? [])
        alarms.push({
          name: alarm.AlarmName ?? '',
          arn: alarm.AlarmArn ?? '',
          metricName: alarm.MetricName ?? null,
          namespace: alarm.Namespace ?? null,
          actionsEnabled: alarm.ActionsEnabled ?? true,
          alarmActions: alarm.AlarmActions ?? [],
        });
    return alarms;
  },
};

/** A region's SNS subscriptions, confirmed or pending, of every topic. */
export const snsSubscriptions: RegionalCollector<'snsSubscriptions'> = {
  scope: 'regional',
  apis: ['sns:ListSubscriptions'],
  async collect(ctx, region) {
    const client = ctx.aws.get(SNSClient, region);
    const subscriptions: SnsSubscription[] = [];
    for await (const page of paginateListSubscriptions({ client }, {}))
      for (const subscription of page.Subscriptions ?? [])
        subscriptions.push({
          topicArn: subscription.TopicArn ?? '',
          subscriptionArn: subscription.SubscriptionArn ?? '',
          protocol: subscription.Protocol ?? '',
        });
    return subscriptions;
  },
};

/**
 * The region's Security Hub. AWS answers `InvalidAccessException` ("not subscribed to AWS
 * Security Hub") when it is off, which reads as null; any other refusal stays an error.
 */
export const securityHub: RegionalCollector<'securityHub'> = {
  scope: 'regional',
  apis: ['securityhub:DescribeHub'],
  async collect(ctx, region) {
    try {
      const hub = await ctx.aws.get(SecurityHubClient, region).send(new DescribeHubCommand({}));
      return { hubArn: hub.HubArn ?? '', subscribedAt: hub.SubscribedAt ?? null };
    } catch (error) {
      if (
        hasAwsErrorName(error, ['InvalidAccessException']) &&
        /not subscribed/i.test((error as Error).message)
      )
        return null;
      throw error;
    }
  },
};
