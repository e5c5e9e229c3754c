import type { MonitoredApiCalls } from '../../../lib/cis-monitored-api-calls';
import type { CheckContext, CheckDefinition, PerRegion } from '../../model/check';
import type { CheckResult } from '../../model/finding';
import type { Trail } from '../../model/logging';
import type { MetricAlarm, MetricFilter, SnsSubscription } from '../../model/monitoring';
import { trailsOfScan } from '../cloudtrail/trails';
import { accountResource, fail, manual, pass } from '../results';
import { parseFilterPattern, type LogRecord } from './filter-pattern';

/** The slices every monitoring control reads. */
export const MONITORING_NEEDS = [
  'trails',
  'metricFilters',
  'metricAlarms',
  'snsSubscriptions',
] as const;

type MonitoringInput = Parameters<CheckDefinition<typeof MONITORING_NEEDS>['evaluate']>[0];

/** A CloudTrail record of the given API call by an IAM user, as CloudTrail writes it. */
export function apiCall(eventSource: string, eventName: string): LogRecord {
  return {
    eventVersion: '1.09',
    eventSource,
    eventName,
    eventType: 'AwsApiCall',
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.10',
    userIdentity: { type: 'IAMUser', userName: 'alice' },
  };
}

/** One record per API call of the set. */
export function apiCalls({ eventSource, eventNames }: MonitoredApiCalls): LogRecord[] {
  return eventNames.map((name) => apiCall(eventSource, name));
}

/**
 * Judges one CIS monitoring control as its audit procedure reads: a multi-region trail that is
 * logging management events delivers to a CloudWatch Logs group; a metric filter on that group
 * matches every record of the control's event set; an alarm watches the filter's metric and
 * notifies an SNS topic that has at least one confirmed subscriber. One account-level result.
 */
export function judgeMonitoring(
  input: MonitoringInput,
  ctx: CheckContext,
  what: string,
  records: readonly LogRecord[],
): CheckResult[] {
  const account = accountResource(ctx, 'cloudwatch', ctx.regions[0] ?? 'global');
  const trails = trailsOfScan(input.trails, ctx);
  const delivering = trails.filter(
    (trail) =>
      trail.isMultiRegion &&
      trail.cloudWatchLogsLogGroupArn !== null &&
      trail.status.ok &&
      trail.status.data.isLogging &&
      recordsAllManagementEvents(trail),
  );
  if (delivering.length === 0) {
    return [
      fail(
        account,
        `No multi-region trail logging all management events delivers to CloudWatch Logs, so ${what} cannot be monitored.`,
      ),
    ];
  }
  const reasons: string[] = [];
  for (const trail of delivering) {
    const verdict = judgeTrail(trail, input, ctx, what, records);
    if (verdict.status === 'PASS') return [pass(account, verdict.message)];
    if (verdict.status === 'MANUAL') return [manual(account, verdict.message)];
    reasons.push(verdict.message);
  }
  return [fail(account, reasons.join(' '))];
}

type Verdict = { readonly status: 'PASS' | 'FAIL' | 'MANUAL'; readonly message: string };

function judgeTrail(
  trail: Trail,
  input: MonitoringInput,
  ctx: CheckContext,
  what: string,
  records: readonly LogRecord[],
): Verdict {
  const groupArn = trail.cloudWatchLogsLogGroupArn ?? '';
  // arn:aws:logs:<region>:<account>:log-group:<name>:*
  const [, , , region = '', owner = '', , group = ''] = groupArn.split(':');
  if (owner !== ctx.account) {
    return {
      status: 'MANUAL',
      message: `Trail ${trail.name} delivers to log group ${group} in account ${owner}; check its metric filters and alarms there.`,
    };
  }
  const filters = input.metricFilters[region];
  const alarms = input.metricAlarms[region];
  if (!filters || !alarms) {
    return {
      status: 'MANUAL',
      message: `Trail ${trail.name} delivers to log group ${group} in ${region}, which this scan did not read; scan that region too.`,
    };
  }
  const covering = filters.filter(
    (filter) => filter.logGroupName === group && coversAll(filter, records),
  );
  if (covering.length === 0) {
    return {
      status: 'FAIL',
      message: `No metric filter on log group ${group} (trail ${trail.name}) matches every event of ${what}.`,
    };
  }
  const alarmed = covering.flatMap((filter) => alarmsOn(filter, alarms));
  if (alarmed.length === 0) {
    return {
      status: 'FAIL',
      message: `Metric filter ${covering.map((filter) => filter.name).join(', ')} on log group ${group} matches ${what}, but no alarm with actions enabled watches its metric.`,
    };
  }
  for (const alarm of alarmed) {
    const topic = alarm.alarmActions.find((action) =>
      hasConfirmedSubscriber(action, input.snsSubscriptions),
    );
    if (topic) {
      return {
        status: 'PASS',
        message: `Alarm ${alarm.name} fires on ${what} (log group ${group}, trail ${trail.name}) and notifies SNS topic ${topic}, which has a confirmed subscriber.`,
      };
    }
  }
  return {
    status: 'FAIL',
    message: `Alarm ${alarmed.map((alarm) => alarm.name).join(', ')} watches ${what} but notifies no SNS topic with a confirmed subscriber.`,
  };
}

/** Whether the trail records read and write management events. */
function recordsAllManagementEvents(trail: Trail): boolean {
  if (!trail.eventSelectors.ok) return false;
  const { basic, advanced } = trail.eventSelectors.data;
  if (advanced.length > 0) {
    return advanced.some((selector) => {
      const category = selector.fieldSelectors.find((field) => field.field === 'eventCategory');
      const readOnly = selector.fieldSelectors.some((field) => field.field === 'readOnly');
      return category?.equals.includes('Management') === true && !readOnly;
    });
  }
  return basic.some(
    (selector) => selector.includeManagementEvents && selector.readWriteType === 'All',
  );
}

/** A filter this evaluator cannot read covers nothing; the control then fails with its name. */
function coversAll(filter: MetricFilter, records: readonly LogRecord[]): boolean {
  let pattern;
  try {
    pattern = parseFilterPattern(filter.pattern);
  } catch {
    return false;
  }
  return records.every((record) => pattern.matches(record));
}

function alarmsOn(filter: MetricFilter, alarms: readonly MetricAlarm[]): MetricAlarm[] {
  return alarms.filter(
    (alarm) =>
      alarm.actionsEnabled &&
      filter.metrics.some(
        (metric) => metric.name === alarm.metricName && metric.namespace === alarm.namespace,
      ),
  );
}

/** Confirmed subscriptions carry their own ARN; unconfirmed ones read `PendingConfirmation`. */
function hasConfirmedSubscriber(
  topicArn: string,
  subscriptions: PerRegion<readonly SnsSubscription[]>,
): boolean {
  if (!topicArn.startsWith('arn:') || topicArn.split(':')[2] !== 'sns') return false;
  const region = topicArn.split(':')[3] ?? '';
  return (subscriptions[region] ?? []).some(
    (subscription) =>
      subscription.topicArn === topicArn && subscription.subscriptionArn.startsWith('arn:'),
  );
}
