import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { AwsClients } from '../../lib/aws/clients';
import { summarizeAwsError } from '../../lib/aws/errors';
import { UsageError } from '../../lib/errors';
import type { Trigger } from './record';
import type { Response } from './respond';

/** What a deployed responder tells people after each response it ran or tried to run. */
export interface ResponseNotice {
  /** Responder name, e.g. `isolate-ec2-instance`. */
  readonly responder: string;
  /** The instance or key responded to. */
  readonly target: string;
  /** The case; undefined when the response stopped before one was known. */
  readonly caseId?: string;
  readonly dryRun: boolean;
  /** The run's outcome, or `error` when the response stopped before it had one. */
  readonly outcome: string;
  readonly trigger: Trigger;
  readonly runId?: string;
  /** How contained the target is, in one sentence. */
  readonly containment?: string;
  /** Where the evidence was filed (`s3://…/manifest.json`), when it was. */
  readonly evidence?: string;
  /** What the run left more exposed than it found it (outcome `exposed`): said first. */
  readonly exposed?: readonly string[];
  /**
   * Why the evidence is not in the bucket, when it is not: said first in the notice. Without a
   * filed copy anywhere the notice carries {@link record} too.
   */
  readonly evidenceProblems?: readonly string[];
  /** The chain head (`<sha256> (<key>, version <id>)`): the copy kept outside the bucket. */
  readonly chainHead?: string;
  /** Each step and its status, when the notice is the only copy of the record. */
  readonly record?: readonly string[];
  /** Failed steps and post-conditions. */
  readonly failures?: readonly string[];
  /** Why the response could not run, when it could not. */
  readonly error?: string;
}

/** An SNS topic ARN: `arn:<partition>:sns:<region>:<account>:<name>`. */
const TOPIC_ARN =
  /^arn:(aws[a-z-]*):sns:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):([A-Za-z0-9_-]{1,256})$/;

/**
 * The topic named by `PYJAMAS_NOTIFY_TOPIC_ARN`, or undefined when nobody is to be told.
 *
 * @throws UsageError when the variable holds something other than an SNS topic ARN
 */
export function notifyTopicFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.PYJAMAS_NOTIFY_TOPIC_ARN;
  if (value === undefined || value === '') return undefined;
  if (!TOPIC_ARN.test(value))
    throw new UsageError(
      `PYJAMAS_NOTIFY_TOPIC_ARN must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>), got ${JSON.stringify(value)}`,
    );
  return value;
}

/** SNS subject and body of a notice. Subjects hold at most 100 printable ASCII characters. */
export function formatNotice(notice: ResponseNotice): {
  readonly subject: string;
  readonly message: string;
} {
  const mode = notice.dryRun ? 'dry run' : 'enforced';
  const exposed =
    notice.exposed && notice.exposed.length > 0 ? notice.exposed.join(', ') : undefined;
  const subject =
    `[pyjamas] ${exposed ? `EXPOSED ${exposed} ` : ''}${notice.responder} ${notice.target}: ${notice.outcome} (${mode})`
      .replace(/[^\x20-\x7e]/g, '?')
      .slice(0, 100);
  const trigger = [notice.trigger.source, notice.trigger.id].filter(Boolean).join(' ');
  const evidenceProblems = notice.evidenceProblems ?? [];
  const lines = [
    ...(exposed
      ? [
          `EXPOSED: ${exposed} could be neither closed nor undone and stay more exposed than before the run (for an interface: in the allow-all untrack group); act on it now.`,
          '',
        ]
      : []),
    ...(evidenceProblems.length > 0
      ? [
          notice.evidence
            ? 'EVIDENCE NOT IN THE EVIDENCE BUCKET: it was kept elsewhere.'
            : 'EVIDENCE WAS NOT FILED: this notice is the only copy of the record.',
          ...evidenceProblems.map((problem) => `  - ${problem}`),
          '',
        ]
      : []),
    `${notice.responder} responded to ${notice.target}.`,
    '',
    `Target:      ${notice.target}`,
    `Case:        ${notice.caseId ?? 'none yet: the response stopped before it had one'}`,
    `Outcome:     ${notice.outcome}`,
    `Mode:        ${notice.dryRun ? 'dry run: nothing is changed until the module prop enforce is true' : 'enforced'}`,
    `Trigger:     ${trigger}`,
    ...(notice.containment ? [`Containment: ${notice.containment}`] : []),
    `Evidence:    ${notice.evidence ?? (notice.dryRun ? 'none filed (dry run)' : 'none filed')}`,
    ...(notice.chainHead ? [`Chain head:  ${notice.chainHead}`] : []),
    ...(notice.runId ? [`Run:         ${notice.runId}`] : []),
    ...(notice.failures && notice.failures.length > 0
      ? ['', 'Failed:', ...notice.failures.map((failure) => `  - ${failure}`)]
      : []),
    ...(notice.error ? ['', `Error: ${notice.error}`] : []),
    ...(notice.record && notice.record.length > 0
      ? ['', 'Run record (not filed):', ...notice.record.map((line) => `  ${line}`)]
      : []),
  ];
  return { subject, message: lines.join('\n') };
}

/**
 * What a notice says of a response's evidence: where it went, the chain head to keep, and, when
 * the bucket refused it, why, with each step's status when no copy was filed anywhere.
 */
export function evidenceNotice(
  response: Pick<Response, 'evidence' | 'evidenceProblems' | 'record'>,
): Pick<ResponseNotice, 'evidence' | 'evidenceProblems' | 'chainHead' | 'record'> {
  const { evidence, evidenceProblems, record } = response;
  return {
    ...(evidence ? { evidence: `${evidence.location}/${evidence.manifestKey}` } : {}),
    ...(evidence
      ? {
          chainHead: `${evidence.head.sha256} (${evidence.head.key}${evidence.head.versionId ? `, version ${evidence.head.versionId}` : ''})`,
        }
      : {}),
    ...(evidenceProblems.length > 0 ? { evidenceProblems } : {}),
    ...(evidenceProblems.length > 0 && !evidence
      ? {
          record: [
            `outcome ${record.outcome}, started ${record.startedAt}, by ${record.actor}`,
            ...record.steps.map(
              (step) =>
                `${step.status} ${step.id}${step.error ? `: ${step.error.name}: ${step.error.message}` : ''}`,
            ),
            ...record.verification.map(
              (result) =>
                `${result.ok ? 'verified' : 'NOT verified'} ${result.check}: ${result.detail}`,
            ),
          ],
        }
      : {}),
  };
}

/**
 * Publishes a notice to `topicArn`, in the topic's own region (a responder in one region tells
 * the home region's topic). A notice that cannot be sent is logged as an error and does not fail
 * the response: the run is already recorded, and the function's own error alarm is for responses.
 */
export async function publishNotice(
  aws: AwsClients,
  topicArn: string,
  notice: ResponseNotice,
  log: (line: string) => void,
): Promise<void> {
  const { subject, message } = formatNotice(notice);
  try {
    const region = TOPIC_ARN.exec(topicArn)?.[2];
    if (!region) throw new UsageError(`${JSON.stringify(topicArn)} is not an SNS topic ARN`);
    await aws
      .get(SNSClient, region)
      .send(new PublishCommand({ TopicArn: topicArn, Subject: subject, Message: message }));
  } catch (error) {
    const { name, message: reason } = summarizeAwsError(error);
    log(
      JSON.stringify({
        level: 'error',
        msg: 'could not tell the notification topic',
        topicArn,
        caseId: notice.caseId ?? null,
        error: `${name}: ${reason}`,
      }),
    );
  }
}
