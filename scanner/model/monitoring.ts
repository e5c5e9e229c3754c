/** A CloudWatch Logs metric filter and the metrics it publishes (logs:DescribeMetricFilters). */
export interface MetricFilter {
  readonly name: string;
  readonly logGroupName: string;
  readonly pattern: string;
  readonly metrics: readonly { readonly name: string; readonly namespace: string }[];
}

/** A CloudWatch metric alarm (cloudwatch:DescribeAlarms), reduced to what it watches and tells. */
export interface MetricAlarm {
  readonly name: string;
  readonly arn: string;
  /** Null for alarms on metric math, which watch no single metric. */
  readonly metricName: string | null;
  readonly namespace: string | null;
  readonly actionsEnabled: boolean;
  readonly alarmActions: readonly string[];
}

/** An SNS subscription (sns:ListSubscriptions). */
export interface SnsSubscription {
  readonly topicArn: string;
  /** `PendingConfirmation` (or `Deleted`) until the endpoint confirms; an ARN once confirmed. */
  readonly subscriptionArn: string;
  readonly protocol: string;
}

/** The region's Security Hub (securityhub:DescribeHub); null in the slice when not enabled. */
export interface SecurityHubHub {
  readonly hubArn: string;
  readonly subscribedAt: string | null;
}
