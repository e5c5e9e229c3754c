import type { AwsClients } from '../../lib/aws/clients';
import { globalRegionOf, partitionOfRegion } from '../../lib/aws/clients';
import { isRecord } from '../../lib/is-record';
import { validateCaseId } from '../core/case-id';
import {
  InvalidEventError,
  envFlag,
  findingAccount,
  type LambdaRequest,
  type LambdaRun,
  type LambdaRunOutput,
} from '../core/lambda-flow';
import type { Trigger } from '../core/record';
import { respond } from '../core/respond';
import { MAX_LOOKBACK_DAYS } from './cloudtrail';
import { compromisedKeyOf, validateUserId } from './config-rule';
import { validateAccessKeyId } from './key-id';
import type { PrincipalHint } from './read';
import type { RevocationPlan } from './plan';
import { revokeAccessKeyResponder } from './responder';

/** A key to respond to, taken from an event before any AWS call. */
export interface RevocationRequest extends LambdaRequest {
  readonly accessKeyId: string;
  readonly caseId: string;
  readonly hint?: PrincipalHint;
}

/**
 * Reads a GuardDuty finding as EventBridge delivers it (`detail-type` "GuardDuty Finding") about
 * an access key: `detail.resource.accessKeyDetails.{accessKeyId, userName, userType}`. The case
 * is the finding (`guardduty-<finding id>`), so a finding delivered twice is one case.
 *
 * @throws InvalidEventError naming what is missing or malformed
 */
export function parseGuardDutyEvent(event: unknown): RevocationRequest {
  const detail = field(event, 'detail');
  if (!isRecord(detail))
    throw new InvalidEventError('not a GuardDuty finding event: it has no "detail" object');
  // Any EventBridge event has a detail; only GuardDuty's say so, and only they name a key to act on.
  const detailType = field(event, 'detail-type');
  if (detailType !== 'GuardDuty Finding')
    throw new InvalidEventError(
      `expected an EventBridge event with detail-type "GuardDuty Finding", got ${JSON.stringify(detailType ?? null)}: route only GuardDuty findings to this function`,
    );
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
  const principalId = field(details, 'principalId');
  const firstSeen = field(field(detail, 'service'), 'eventFirstSeen');
  const type = field(detail, 'type');
  const account = findingAccount(isRecord(event) ? event : {}, detail);
  return {
    accessKeyId,
    target: accessKeyId,
    ...(account ? { account } : {}),
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
            ...(typeof principalId === 'string' && principalId.length > 0 ? { principalId } : {}),
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
export function parseConfigPayload(payload: unknown): RevocationRequest {
  if (!isRecord(payload))
    throw new InvalidEventError(
      'the Config remediation payload must be a JSON object with "AccessKeyId"',
    );
  const accessKeyId = payloadField(validateAccessKeyId, payload.AccessKeyId);
  return {
    accessKeyId,
    target: accessKeyId,
    caseId: caseIdOrThrow(payload.CaseId === undefined ? `config-${accessKeyId}` : payload.CaseId),
    trigger: remediationTrigger(payload),
  };
}

/** A Config remediation of an IAM user: the key to revoke is the one its tag names. */
export interface UserRemediationRequest extends LambdaRequest {
  /** The user's unique id (Config's RESOURCE_ID of an AWS::IAM::User), e.g. `AIDA…`. */
  readonly userId: string;
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
    target: `IAM user ${userId}`,
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
): Promise<RevocationRequest> {
  const { userName, accessKeyId } = await compromisedKeyOf(
    aws,
    globalRegionOf(partitionOfRegion(region)),
    request.userId,
  );
  return {
    accessKeyId,
    target: accessKeyId,
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
 * The revocation choices, from the function's environment (see `LambdaSettings` for the
 * variables every responder reads):
 * - `PYJAMAS_REVOKE_ASSUMED_ROLES`: `true` to also revoke the older sessions of the roles the key
 *   assumed (CloudTrail) and of the role a temporary key belongs to. Every session of those roles
 *   ends, healthy workloads' too.
 * - `PYJAMAS_DEACTIVATE_OTHER_KEYS`: `true` to deactivate the owner's other keys too.
 * - `PYJAMAS_DELETE_LOGIN_PROFILE`: `true` to delete the owner's console password too.
 * - `PYJAMAS_KEEP_MINTING_KEY`: `true` to leave active the long-term key that minted a temporary
 *   key (GetSessionToken); the key is then reported not contained.
 */
export interface RevocationSettings {
  readonly revokeAssumedRoles: boolean;
  readonly deactivateOtherKeys: boolean;
  readonly deleteLoginProfile: boolean;
  readonly keepMintingKey: boolean;
}

/**
 * The settings of {@link RevocationSettings} from `env`.
 *
 * @throws UsageError when a switch holds something other than true or false
 */
export function revocationSettings(env: NodeJS.ProcessEnv): RevocationSettings {
  return {
    revokeAssumedRoles: envFlag(env, 'PYJAMAS_REVOKE_ASSUMED_ROLES'),
    deactivateOtherKeys: envFlag(env, 'PYJAMAS_DEACTIVATE_OTHER_KEYS'),
    deleteLoginProfile: envFlag(env, 'PYJAMAS_DELETE_LOGIN_PROFILE'),
    keepMintingKey: envFlag(env, 'PYJAMAS_KEEP_MINTING_KEY'),
  };
}

/** What a revocation returns besides the common `LambdaResult`. */
export interface RevocationExtra {
  readonly accessKeyId: string;
  /** False when the plan cannot contain the key from here (root, no owner left): no failure to retry. */
  readonly contained: boolean;
  readonly revocationTime: string;
}

/** Runs the responder for a resolved request, in the function's region (IAM's home). */
export async function runRevocation(
  request: RevocationRequest,
  settings: RevocationSettings,
  run: LambdaRun,
): Promise<LambdaRunOutput<RevocationExtra>> {
  const { aws, clock, remainingMs: remaining } = run;
  const responder = revokeAccessKeyResponder(
    {
      accessKeyId: request.accessKeyId,
      caseId: request.caseId,
      homeRegion: run.region,
      lookbackDays: MAX_LOOKBACK_DAYS,
      revokeRoles: [],
      revokeAssumedRoles: settings.revokeAssumedRoles,
      deactivateOtherKeys: settings.deactivateOtherKeys,
      deleteLoginProfile: settings.deleteLoginProfile,
      revokeAgain: false,
      keepMintingKey: settings.keepMintingKey,
      ...(request.hint ? { hint: request.hint } : {}),
    },
    {
      aws,
      clock,
      // The verification's re-reads and the blast radius's access-advisor poll leave the
      // invocation time to file the record.
      ...(remaining ? { verify: { remainingMs: remaining }, remainingMs: remaining } : {}),
    },
  );
  // The executor stops starting steps when the invocation's time runs short, so that the run is
  // recorded (and a redelivery picks up what is left) instead of Lambda cutting it off unrecorded.
  const response = await respond(responder, {
    ...run.respondOptions,
    ...(remaining ? { deadline: { remainingMs: remaining } } : {}),
  });
  // The responder's plans are revocation plans; respond() hands back the one it ran.
  const plan = response.plan as RevocationPlan;
  return {
    response,
    containment: plan.containment.summary,
    extra: {
      accessKeyId: request.accessKeyId,
      contained: plan.containment.contained,
      revocationTime: plan.revocationTime,
    },
  };
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
