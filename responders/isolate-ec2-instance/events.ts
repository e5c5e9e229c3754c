import { isRegionName } from '../../lib/aws/clients';
import { validateCaseId } from '../core/case-id';
import { InvalidEventError, findingAccount, type LambdaRequest } from '../core/lambda-flow';
import type { Trigger } from '../core/record';
import { validateInstanceId } from './read';

/** What a Lambda event asks for, validated before any AWS call. */
export interface IsolationEvent extends LambdaRequest {
  readonly instanceId: string;
  readonly caseId: string;
  /** Region of the instance; undefined means the function's own region. */
  readonly region?: string;
  readonly trigger: Trigger;
  /**
   * The payload named no case: the instance's `pyjamas:quarantine` tag names it when the tag has
   * a value, else `caseId` (`CFG-<instance id>`) stands.
   */
  readonly caseFromTag?: boolean;
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidEventError(`${what} is missing or is not an object`);
  return value as Record<string, unknown>;
}

/**
 * Reads an EventBridge "GuardDuty Finding" event about an EC2 instance. The case id is derived
 * from the finding id (`GD-<finding id>`), so a duplicate or updated delivery of the same finding
 * lands in the same case and plans nothing new.
 *
 * @throws InvalidEventError naming what is wrong with the event
 */
export function parseGuardDutyEvent(event: unknown): IsolationEvent {
  const envelope = record(event, 'the event');
  if (envelope['detail-type'] !== 'GuardDuty Finding') {
    throw new InvalidEventError(
      `expected an EventBridge event with detail-type "GuardDuty Finding", got ${JSON.stringify(envelope['detail-type'] ?? null)}`,
    );
  }
  const detail = record(envelope.detail, 'detail');
  const resource = record(detail.resource, 'detail.resource');
  if (resource.resourceType !== 'Instance') {
    throw new InvalidEventError(
      `GuardDuty finding is about a ${JSON.stringify(resource.resourceType ?? null)} resource; this responder isolates EC2 instances ("Instance")`,
    );
  }
  const instanceId = validateInstanceId(
    record(resource.instanceDetails, 'detail.resource.instanceDetails').instanceId,
  );
  const findingId = detail.id;
  if (typeof findingId !== 'string' || !/^[A-Za-z0-9]{1,60}$/.test(findingId)) {
    throw new InvalidEventError(
      `detail.id ${JSON.stringify(findingId ?? null)} is not a GuardDuty finding id`,
    );
  }
  const region = detail.region;
  if (region !== undefined && (typeof region !== 'string' || !isRegionName(region)))
    throw new InvalidEventError(`detail.region ${JSON.stringify(region)} is not a region name`);
  const account = findingAccount(envelope, detail);
  return {
    instanceId,
    target: instanceId,
    caseId: validateCaseId(`GD-${findingId}`),
    ...(typeof region === 'string' ? { region } : {}),
    ...(account ? { account } : {}),
    trigger: {
      source: 'guardduty',
      id: findingId,
      detail: {
        type: detail.type ?? null,
        severity: detail.severity ?? null,
        accountId: detail.accountId ?? null,
        region: region ?? null,
        title: detail.title ?? null,
      },
    },
  };
}

/**
 * Reads the payload an SSM Automation `aws:invokeLambdaFunction` step sends for an AWS Config
 * remediation: `{ "ResourceId": "i-...", "CaseId"?: "...", "ConfigRuleName"?: "..." }`, with
 * ResourceId bound to the rule's RESOURCE_ID. Without a CaseId the handler takes the case from
 * the instance's `pyjamas:quarantine` tag, and without a tag value the case is
 * `CFG-<instance id>`, so Config's retries and stale re-evaluations land in the same case.
 *
 * @throws InvalidEventError naming what is wrong with the payload
 */
export function parseConfigRemediationEvent(event: unknown): IsolationEvent {
  const payload = record(event, 'the remediation payload');
  const unknownKeys = Object.keys(payload).filter(
    (key) => !['ResourceId', 'CaseId', 'ConfigRuleName'].includes(key),
  );
  if (unknownKeys.length > 0)
    throw new InvalidEventError(
      `unexpected field(s) ${unknownKeys.join(', ')} in the remediation payload; expected ResourceId, CaseId, ConfigRuleName`,
    );
  const instanceId = validateInstanceId(payload.ResourceId);
  const caseId = validateCaseId(payload.CaseId ?? `CFG-${instanceId}`);
  const rule = payload.ConfigRuleName;
  if (rule !== undefined && (typeof rule !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(rule))) {
    throw new InvalidEventError(`ConfigRuleName ${JSON.stringify(rule)} is not a Config rule name`);
  }
  return {
    instanceId,
    target: instanceId,
    caseId,
    trigger: { source: 'config-remediation', ...(typeof rule === 'string' ? { id: rule } : {}) },
    ...(payload.CaseId === undefined ? { caseFromTag: true } : {}),
  };
}
