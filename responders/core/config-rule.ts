import { ConfigServiceClient, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import type { AwsClients } from '../../lib/aws/clients';
import { UsageError } from '../../lib/errors';

/** What a custom Config rule says about one resource. */
export type Compliance = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE';

/** A rule's verdict with the reason shown in the Config console (at most 256 characters). */
export interface Judgement {
  readonly compliance: Compliance;
  readonly annotation: string;
}

/** One evaluation request from AWS Config, validated before any AWS call. */
export interface ConfigRuleInvocation {
  readonly ruleName: string;
  readonly resultToken: string;
  readonly resourceType: string;
  readonly resourceId: string;
  /** When Config captured the configuration item; orders the evaluations of a resource. */
  readonly captureTime: Date;
  /** The resource was deleted, or left the rule's scope: it is NOT_APPLICABLE without a look. */
  readonly gone: boolean;
}

const CHANGE_MESSAGES = [
  'ConfigurationItemChangeNotification',
  'OversizedConfigurationItemChangeNotification',
];
const DELETED_STATUSES = ['ResourceDeleted', 'ResourceDeletedNotRecorded'];

function objectOf(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(`${what} is missing or is not an object`);
  return value as Record<string, unknown>;
}

function textOf(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '')
    throw new UsageError(`${what} is missing or is not a string`);
  return value;
}

/** A periodic evaluation request (ScheduledNotification): it names no resource. */
export interface ScheduledRuleInvocation {
  readonly ruleName: string;
  readonly resultToken: string;
  /** When Config created the notification; orders the evaluations it asks for. */
  readonly notificationTime: Date;
}

/**
 * Reads an event of a custom Lambda rule that has a periodic trigger beside its change triggers:
 * a ScheduledNotification (evaluate every resource in scope) or a configuration change (see
 * {@link parseConfigRuleEvent}).
 *
 * @throws UsageError naming what is wrong with the event
 */
export function parseConfigRuleTrigger(
  event: unknown,
  resourceType: string,
):
  | { readonly kind: 'change'; readonly invocation: ConfigRuleInvocation }
  | { readonly kind: 'scheduled'; readonly invocation: ScheduledRuleInvocation } {
  const envelope = objectOf(event, 'the Config rule event');
  const invoking = invokingEventOf(envelope);
  if (invoking.messageType !== SCHEDULED_MESSAGE)
    return { kind: 'change', invocation: parseConfigRuleEvent(event, resourceType) };
  const time = new Date(
    textOf(invoking.notificationCreationTime, 'invokingEvent.notificationCreationTime'),
  );
  if (Number.isNaN(time.getTime()))
    throw new UsageError(
      `invokingEvent.notificationCreationTime ${JSON.stringify(invoking.notificationCreationTime)} is not a time`,
    );
  return {
    kind: 'scheduled',
    invocation: {
      ruleName: textOf(envelope.configRuleName, 'configRuleName'),
      resultToken: textOf(envelope.resultToken, 'resultToken'),
      notificationTime: time,
    },
  };
}

const SCHEDULED_MESSAGE = 'ScheduledNotification';

function invokingEventOf(envelope: Record<string, unknown>): Record<string, unknown> {
  try {
    return objectOf(JSON.parse(textOf(envelope.invokingEvent, 'invokingEvent')), 'invokingEvent');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`invokingEvent is not JSON: ${(error as Error).message}`);
  }
}

/** PutEvaluations takes at most 100 evaluations a call. */
const EVALUATIONS_PER_CALL = 100;

/**
 * Reports the judgements of a periodic evaluation, 100 a call, each resource by its id.
 */
export async function putScheduledEvaluations(
  aws: AwsClients,
  region: string,
  invocation: ScheduledRuleInvocation,
  resourceType: string,
  judged: readonly { readonly resourceId: string; readonly judgement: Judgement }[],
): Promise<void> {
  const client = aws.get(ConfigServiceClient, region);
  for (let start = 0; start < judged.length; start += EVALUATIONS_PER_CALL) {
    await client.send(
      new PutEvaluationsCommand({
        ResultToken: invocation.resultToken,
        Evaluations: judged.slice(start, start + EVALUATIONS_PER_CALL).map((item) => ({
          ComplianceResourceType: resourceType,
          ComplianceResourceId: item.resourceId,
          ComplianceType: item.judgement.compliance,
          Annotation: item.judgement.annotation.slice(0, 256),
          OrderingTimestamp: invocation.notificationTime,
        })),
      }),
    );
  }
}

/**
 * Reads the event AWS Config sends a custom Lambda rule on a configuration change: `invokingEvent`
 * is a JSON string holding the configuration item (or, when the item is too large, its summary).
 * Periodic (ScheduledNotification) invocations are refused: the rules are change-triggered.
 *
 * @param resourceType the only resource type the rule judges, e.g. `AWS::EC2::Instance`
 * @throws UsageError naming what is wrong with the event
 */
export function parseConfigRuleEvent(event: unknown, resourceType: string): ConfigRuleInvocation {
  const envelope = objectOf(event, 'the Config rule event');
  const ruleName = textOf(envelope.configRuleName, 'configRuleName');
  const resultToken = textOf(envelope.resultToken, 'resultToken');
  const invoking = invokingEventOf(envelope);
  const messageType = invoking.messageType;
  if (typeof messageType !== 'string' || !CHANGE_MESSAGES.includes(messageType)) {
    throw new UsageError(
      `invokingEvent.messageType must be ${CHANGE_MESSAGES.join(' or ')}, got ${JSON.stringify(messageType ?? null)}`,
    );
  }
  const item = objectOf(
    messageType === CHANGE_MESSAGES[0]
      ? invoking.configurationItem
      : invoking.configurationItemSummary,
    'the configuration item',
  );
  if (item.resourceType !== resourceType)
    throw new UsageError(
      `this rule judges ${resourceType} resources, got ${JSON.stringify(item.resourceType ?? null)}`,
    );
  const resourceId = textOf(item.resourceId, 'the configuration item resourceId');
  const captureTime = new Date(
    textOf(item.configurationItemCaptureTime, 'configurationItemCaptureTime'),
  );
  if (Number.isNaN(captureTime.getTime()))
    throw new UsageError(
      `configurationItemCaptureTime ${JSON.stringify(item.configurationItemCaptureTime)} is not a time`,
    );
  const deleted =
    typeof item.configurationItemStatus === 'string' &&
    DELETED_STATUSES.includes(item.configurationItemStatus);
  return {
    ruleName,
    resultToken,
    resourceType,
    resourceId,
    captureTime,
    gone: deleted || envelope.eventLeftScope === true,
  };
}

/** Reports a judgement to Config for the resource of `invocation`. */
export async function putEvaluation(
  aws: AwsClients,
  region: string,
  invocation: ConfigRuleInvocation,
  judgement: Judgement,
): Promise<void> {
  await aws.get(ConfigServiceClient, region).send(
    new PutEvaluationsCommand({
      ResultToken: invocation.resultToken,
      Evaluations: [
        {
          ComplianceResourceType: invocation.resourceType,
          ComplianceResourceId: invocation.resourceId,
          ComplianceType: judgement.compliance,
          Annotation: judgement.annotation.slice(0, 256),
          OrderingTimestamp: invocation.captureTime,
        },
      ],
    }),
  );
}
