import type { TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';

/** A metric that must stay at zero, and where to say when it does not. */
export interface AlarmOnAnyOptions {
  readonly alarmName: string;
  readonly alarmDescription: string;
  readonly namespace: string;
  readonly metricName: string;
  /** @default - the metric without dimensions */
  readonly dimensions?: Record<string, string>;
  /** `Sum` for counts, `Maximum` for gauges such as a queue's depth. */
  readonly statistic: 'Sum' | 'Maximum';
  /** SNS topic of the alarm's region. */
  readonly topicArn: string;
  readonly tags: Record<string, string>;
  readonly provider?: TerraformProvider;
}

/**
 * An alarm that notifies the topic when the metric reaches 1 within five minutes. Periods without
 * data (nothing happened) count as fine.
 */
export function alarmOnAny(
  scope: Construct,
  id: string,
  options: AlarmOnAnyOptions,
): CloudwatchMetricAlarm {
  return new CloudwatchMetricAlarm(scope, id, {
    provider: options.provider,
    alarmName: options.alarmName,
    alarmDescription: options.alarmDescription,
    namespace: options.namespace,
    metricName: options.metricName,
    ...(options.dimensions ? { dimensions: options.dimensions } : {}),
    statistic: options.statistic,
    period: 300,
    evaluationPeriods: 1,
    threshold: 1,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    treatMissingData: 'notBreaching',
    alarmActions: [options.topicArn],
    tags: options.tags,
  });
}
