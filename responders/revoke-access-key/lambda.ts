import type { AwsClients } from '../../lib/aws/clients';
import { globalRegionOf, partitionOfRegion } from '../../lib/aws/clients';
import { summarizeAwsError } from '../../lib/aws/errors';
import type { Clock } from '../../lib/clock';
import { isRecord } from '../../lib/is-record';
import { validateCaseId } from '../core/case-id';
import type { EvidenceStore } from '../core/evidence';
import { evidenceNotice, notifyTopicFromEnv, publishNotice } from '../core/notify';
import { chooseEvidenceStore } from '../core/plumbing';
import type { Trigger } from '../core/record';
import { respond } from '../core/respond';
import { MAX_LOOKBACK_DAYS } from './cloudtrail';
import { compromisedKeyOf, validateUserId } from './config-rule';
import { validateAccessKeyId } from './key-id';
import type { PrincipalHint } from './read';
import type { RevocationPlan } from './plan';
import { revokeAccessKeyResponder } from './responder';

/** A key to respond to, taken from an event before any AWS call. */
export interface LambdaRequest {
  readonly accessKeyId: string;
  readonly caseId: string;
  readonly trigger: Trigger;
  readonly hint?: PrincipalHint;
}

/** A malformed event: rejected before anything is read or changed. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}

/**
 * Reads a GuardDuty finding as EventBridge delivers it (`detail-type` "GuardDuty Finding") about
 * an access key: `detail.resource.accessKeyDetails.{accessKeyId, userName, userType}`. The case
 * is the finding (`guardduty-<finding id>`), so a finding delivered twice is one case.
 *
 * @throws InvalidEventError naming what is missing or malformed
 */
export function parseGuardDutyEvent(event: unknown): LambdaRequest {
  const detail = field(event, 'detail');
  if (!isRecord(detail))
    throw new InvalidEventError('not a GuardDuty finding event: it has no "detail" object');
  const resource = field(detail, 'resource');
  const resourceType = field(resource, 'resourceType');
  if (resourceType !== 'AccessKey') {
    const id = field(detail, 'id');
    const about = typeof resourceType === 'string' ? resourceType : 'missing resource type';
    throw new InvalidEventError(
      `GuardDuty finding ${typeof id === 'string' ? id : ''} is about a ${about}, not an AccessKey`,
    );
  }
  const details = field(resource, 'accessKeyDetails');
  const findingId = field(detail, 'id');
  if (typeof findingId !== 'string' || findingId.length === 0)
    throw new InvalidEventError('the GuardDuty finding has no id');
  let accessKeyId: string;
  try {
    accessKeyId = validateAccessKeyId(field(details, 'accessKeyId'));
  } catch (error) {
    throw new InvalidEventError(
      `GuardDuty finding ${findingId}: ${(error as Error).message} (sample findings name no real key)`,
    );
  }
  const userType = field(details, 'userType');
  const userName = field(details, 'userName');
  const firstSeen = field(field(detail, 'service'), 'eventFirstSeen');
  const type = field(detail, 'type');
  return {
    accessKeyId,
    caseId: caseIdOrThrow(`guardduty-${findingId}`),
    trigger: {
      source: 'guardduty',
      id: findingId,
      detail: {
        ...(typeof type === 'string' ? { type } : {}),
        ...(typeof field(detail, 'severity') === 'number'
          ? { severity: field(detail, 'severity') }
          : {}),
        ...(typeof field(detail, 'accountId') === 'string'
          ? { accountId: field(detail, 'accountId') }
          : {}),
        ...(typeof field(detail, 'region') === 'string' ? { region: field(detail, 'region') } : {}),
        ...(typeof userType === 'string' ? { userType } : {}),
        ...(typeof userName === 'string' ? { userName } : {}),
      },
    },
    ...(typeof userType === 'string'
      ? {
          hint: {
            userType,
            ...(typeof userName === 'string' && userName.length > 0 ? { userName } : {}),
            ...(typeof firstSeen === 'string' ? { firstSeen } : {}),
          },
        }
      : {}),
  };
}

/**
 * Reads the payload an SSM Automation `aws:invokeLambdaFunction` step sends for a Config
 * remediation: `{ "AccessKeyId": "AKIA…", "CaseId"?: "…", "ConfigRuleName"?: "…" }`. Without a
 * case id the case is `config-<access key id>`, so Config's retries land in one case.
 *
 * @throws InvalidEventError naming what is missing or malformed
 */
export function parseConfigPayload(payload: unknown): LambdaRequest {
  if (!isRecord(payload))
    throw new InvalidEventError(
      'the Config remediation payload must be a JSON object with "AccessKeyId"',
    );
  const accessKeyId = payloadField(validateAccessKeyId, payload.AccessKeyId);
  return {
    accessKeyId,
    caseId: caseIdOrThrow(payload.CaseId === undefined ? `config-${accessKeyId}` : payload.CaseId),
    trigger: remediationTrigger(payload),
  };
}

/** A Config remediation of an IAM user: the key to revoke is the one its tag names. */
export interface UserRemediationRequest {
  /** The user's unique id (Config's RESOURCE_ID of an AWS::IAM::User), e.g. `AIDA…`. */
  readonly userId: string;
  readonly caseId?: string;
  readonly trigger: Trigger;
}

/** True when a Config payload names an IAM user (`ResourceId`) rather than a key. */
export function isUserRemediationPayload(payload: unknown): boolean {
  return isRecord(payload) && 'ResourceId' in payload;
}

/**
 * Reads the payload of the module's revocation document, run by the Config rule "access key
 * tagged compromised is inactive": `{ "ResourceId": "AIDA…", "CaseId"?: "…", "ConfigRuleName"?: "…" }`.
 * The key is resolved later from the user's `pyjamas:compromised-key` tag.
 *
 * @throws InvalidEventError naming what is missing or malformed
 */
export function parseUserRemediationPayload(payload: unknown): UserRemediationRequest {
  if (!isRecord(payload))
    throw new InvalidEventError(
      'the Config remediation payload must be a JSON object with "ResourceId"',
    );
  if ('AccessKeyId' in payload)
    throw new InvalidEventError(
      'the Config remediation payload names both "ResourceId" and "AccessKeyId": give one',
    );
  const userId = payloadField(validateUserId, payload.ResourceId);
  const trigger = remediationTrigger(payload);
  return {
    userId,
    ...(payload.CaseId !== undefined ? { caseId: caseIdOrThrow(payload.CaseId) } : {}),
    trigger: { ...trigger, detail: { userId } },
  };
}

/**
 * The request for the key the user's `pyjamas:compromised-key` tag names (one of its own keys),
 * in case `config-<key id>` unless the payload named one.
 *
 * @throws UsageError when the user, the tag or the key is not there
 */
export async function resolveUserRemediation(
  request: UserRemediationRequest,
  aws: AwsClients,
  region: string,
): Promise<LambdaRequest> {
  const { userName, accessKeyId } = await compromisedKeyOf(
    aws,
    globalRegionOf(partitionOfRegion(region)),
    request.userId,
  );
  return {
    accessKeyId,
    caseId: request.caseId ?? caseIdOrThrow(`config-${accessKeyId}`),
    trigger: { ...request.trigger, detail: { userId: request.userId, userName } },
    hint: { userType: 'IAMUser', userName },
  };
}

function caseIdOrThrow(caseId: unknown): string {
  try {
    return validateCaseId(caseId);
  } catch (error) {
    throw new InvalidEventError((error as Error).message);
  }
}

/**
 * How a deployed responder behaves, from its environment:
 * - `PYJAMAS_ENFORCE`: `true` to act; anything else plans and logs only (dry run).
 * - `PYJAMAS_EVIDENCE_BUCKET`: the evidence bucket; default the bucket tagged
 *   `pyjamas:component=evidence-bucket`.
 * - `PYJAMAS_REVOKE_ASSUMED_ROLES`: `true` to also revoke the older sessions of the roles the key
 *   assumed (CloudTrail) and of the role a temporary key belongs to. Every session of those roles
 *   ends, healthy workloads' too.
 * - `PYJAMAS_DEACTIVATE_OTHER_KEYS`: `true` to deactivate the owner's other keys too.
 * - `PYJAMAS_DELETE_LOGIN_PROFILE`: `true` to delete the owner's console password too.
 * - `PYJAMAS_NOTIFY_TOPIC_ARN`: SNS topic told what each response did; default nobody.
 * - `AWS_REGION`: set by Lambda; the home region.
 */
export interface LambdaSettings {
  readonly dryRun: boolean;
  readonly region: string;
  readonly evidenceBucket?: string;
  readonly revokeAssumedRoles: boolean;
  readonly deactivateOtherKeys: boolean;
  readonly deleteLoginProfile: boolean;
  readonly notifyTopicArn?: string;
}

/**
 * The settings of {@link LambdaSettings} from `env`.
 *
 * @throws UsageError when PYJAMAS_NOTIFY_TOPIC_ARN is not a topic ARN
 */
export function lambdaSettings(env: NodeJS.ProcessEnv): LambdaSettings {
  const on = (name: string) => env[name] === 'true';
  const notifyTopicArn = notifyTopicFromEnv(env);
  return {
    dryRun: !on('PYJAMAS_ENFORCE'),
    region: env.AWS_REGION ?? 'us-east-1',
    ...(env.PYJAMAS_EVIDENCE_BUCKET ? { evidenceBucket: env.PYJAMAS_EVIDENCE_BUCKET } : {}),
    revokeAssumedRoles: on('PYJAMAS_REVOKE_ASSUMED_ROLES'),
    deactivateOtherKeys: on('PYJAMAS_DEACTIVATE_OTHER_KEYS'),
    deleteLoginProfile: on('PYJAMAS_DELETE_LOGIN_PROFILE'),
    ...(notifyTopicArn ? { notifyTopicArn } : {}),
  };
}

/** What a handler returns (the SSM step's `Payload`), and logs as one JSON line. */
export interface LambdaResult {
  readonly caseId: string;
  readonly accessKeyId: string;
  readonly runId: string;
  readonly dryRun: boolean;
  readonly outcome: string;
  readonly contained: boolean;
  readonly containment: string;
  readonly revocationTime: string;
  readonly steps: readonly {
    readonly id: string;
    readonly status: string;
    readonly error?: string;
  }[];
  readonly verification: readonly { readonly check: string; readonly ok: boolean }[];
  readonly notes: readonly string[];
  /** `s3://bucket/…/manifest.json` of the filed evidence. */
  readonly evidence?: string;
  /** Why no evidence was filed, when none was. */
  readonly evidenceProblem?: string;
  /** What the notice says of the evidence: the chain head, or why it is not in the bucket. */
  readonly custody: ReturnType<typeof evidenceNotice>;
}

/** A run that failed (a step, or a post-condition): thrown so that Lambda and Config retry it. */
export class ResponseFailedError extends Error {
  override readonly name = 'ResponseFailedError';

  constructor(readonly result: LambdaResult) {
    super(
      `response to ${result.accessKeyId} for case ${result.caseId} ${result.outcome === 'failed' ? 'failed' : 'did not verify'}: ${describeFailures(result)}`,
    );
  }
}

function describeFailures(result: LambdaResult): string {
  const steps = result.steps
    .filter((step) => step.status === 'failed')
    .map((step) => `${step.id} (${step.error ?? 'failed'})`);
  const checks = result.verification.filter((check) => !check.ok).map((check) => check.check);
  return [...steps, ...checks].join(', ') || 'see the run record';
}

/**
 * Runs the responder for a validated request. Missing evidence storage never blocks
 * containment: the run goes on and the result says why nothing was filed.
 *
 * @throws ResponseFailedError when a containment step or a post-condition failed
 */
export async function respondFromLambda(
  request: LambdaRequest,
  settings: LambdaSettings,
  deps: { readonly aws: AwsClients; readonly clock: Clock; readonly log?: (line: string) => void },
): Promise<LambdaResult> {
  const { aws, clock } = deps;
  let evidence: EvidenceStore | undefined;
  let evidenceProblem: string | undefined;
  if (!settings.dryRun) {
    try {
      evidence = await chooseEvidenceStore({
        aws,
        clock,
        region: settings.region,
        globalRegion: globalRegionOf(partitionOfRegion(settings.region)),
        ...(settings.evidenceBucket ? { bucket: settings.evidenceBucket } : {}),
      });
    } catch (error) {
      evidenceProblem = `no evidence store: ${(error as Error).message}`;
    }
  }
  const responder = revokeAccessKeyResponder(
    {
      accessKeyId: request.accessKeyId,
      caseId: request.caseId,
      homeRegion: settings.region,
      lookbackDays: MAX_LOOKBACK_DAYS,
      revokeRoles: [],
      revokeAssumedRoles: settings.revokeAssumedRoles,
      deactivateOtherKeys: settings.deactivateOtherKeys,
      deleteLoginProfile: settings.deleteLoginProfile,
      revokeAgain: false,
      ...(request.hint ? { hint: request.hint } : {}),
    },
    { aws, clock },
  );
  const response = await respond(responder, {
    aws,
    clock,
    dryRun: settings.dryRun,
    trigger: request.trigger,
    region: settings.region,
    ...(evidence ? { evidence } : {}),
  });
  // The responder's plans are revocation plans; respond() hands back the one it ran.
  const plan = response.plan as RevocationPlan;
  const record = response.record;
  const result: LambdaResult = {
    caseId: record.caseId,
    accessKeyId: request.accessKeyId,
    runId: record.runId,
    dryRun: record.dryRun,
    outcome: record.outcome,
    contained: plan.containment.contained,
    containment: plan.containment.summary,
    revocationTime: plan.revocationTime,
    steps: record.steps.map((step) => ({
      id: step.id,
      status: step.status,
      ...(step.error ? { error: `${step.error.name}: ${step.error.message}` } : {}),
    })),
    verification: record.verification.map((check) => ({ check: check.check, ok: check.ok })),
    notes: record.notes,
    ...(response.evidence
      ? { evidence: `${response.evidence.location}/${response.evidence.manifestKey}` }
      : {}),
    ...(evidenceProblem ? { evidenceProblem } : {}),
    custody: evidenceNotice(response),
  };
  (deps.log ?? ((line: string) => console.log(line)))(
    JSON.stringify({ level: 'info', msg: 'revoke-access-key response', ...result }),
  );
  // Containment that cannot be done from here (root, another account) is no failure to retry.
  if (record.outcome === 'failed' || record.verification.some((check) => !check.ok))
    throw new ResponseFailedError(result);
  return result;
}

/** What {@link respondAndNotify} needs besides the request. */
export interface LambdaDeps {
  readonly aws: AwsClients;
  readonly clock: Clock;
  readonly log?: (line: string) => void;
}

/**
 * Resolves the request (a Config remediation of a user reads its tag first), responds, and tells
 * `settings.notifyTopicArn` what was done, or why nothing could be: a result, a failed run
 * (then rethrown) or an error before the run (then rethrown).
 *
 * @param target what the notice names when the request cannot be resolved
 */
export async function respondAndNotify(
  resolve: () => Promise<LambdaRequest>,
  target: { readonly target: string; readonly caseId?: string; readonly trigger: Trigger },
  settings: LambdaSettings,
  deps: LambdaDeps,
): Promise<LambdaResult> {
  const log = deps.log ?? ((line: string) => console.log(line));
  const topic = settings.notifyTopicArn;
  const notifyResult = (result: LambdaResult, trigger: Trigger) =>
    topic
      ? publishNotice(
          deps.aws,
          topic,
          {
            responder: 'revoke-access-key',
            target: result.accessKeyId,
            caseId: result.caseId,
            dryRun: result.dryRun,
            outcome: result.outcome,
            trigger,
            runId: result.runId,
            containment: result.containment,
            ...result.custody,
            failures: [
              ...result.steps
                .filter((step) => step.status === 'failed')
                .map((step) => `step ${step.id}${step.error ? ` (${step.error})` : ''}`),
              ...result.verification
                .filter((check) => !check.ok)
                .map((check) => `check ${check.check}`),
              ...(result.evidenceProblem ? [result.evidenceProblem] : []),
            ],
          },
          log,
        )
      : Promise.resolve();
  let request: LambdaRequest | undefined;
  try {
    request = await resolve();
    const result = await respondFromLambda(request, settings, { ...deps, log });
    await notifyResult(result, request.trigger);
    return result;
  } catch (error) {
    if (error instanceof ResponseFailedError) {
      await notifyResult(error.result, request?.trigger ?? target.trigger);
    } else if (topic) {
      const { name, message } = summarizeAwsError(error);
      const caseId = request?.caseId ?? target.caseId;
      await publishNotice(
        deps.aws,
        topic,
        {
          responder: 'revoke-access-key',
          target: request?.accessKeyId ?? target.target,
          ...(caseId ? { caseId } : {}),
          dryRun: settings.dryRun,
          outcome: 'error',
          trigger: request?.trigger ?? target.trigger,
          error: `${name}: ${message}`,
        },
        log,
      );
    }
    throw error;
  }
}

function field(value: unknown, name: string): unknown {
  return isRecord(value) ? value[name] : undefined;
}

function payloadField(validate: (value: unknown) => string, value: unknown): string {
  try {
    return validate(value);
  } catch (error) {
    throw new InvalidEventError(`Config remediation payload: ${(error as Error).message}`);
  }
}

/** The trigger of a Config remediation, with the rule's name when the document passed it. */
function remediationTrigger(payload: Readonly<Record<string, unknown>>): Trigger {
  const rule = payload.ConfigRuleName;
  if (rule !== undefined && (typeof rule !== 'string' || rule.length === 0))
    throw new InvalidEventError('"ConfigRuleName" must be a non-empty string when given');
  return { source: 'config-remediation', ...(typeof rule === 'string' ? { id: rule } : {}) };
}
