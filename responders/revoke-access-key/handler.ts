import { systemClock } from '../../lib/clock';
import { AwsClients, globalRegionOf, partitionOfRegion } from '../../lib/aws/clients';
import { UsageError } from '../../lib/errors';
import { parseConfigRuleEvent, putEvaluation, type Judgement } from '../core/config-rule';
import { judgeCompromisedKey, readCompromisedKey } from './config-rule';
import {
  isUserRemediationPayload,
  lambdaSettings,
  parseConfigPayload,
  parseGuardDutyEvent,
  parseUserRemediationPayload,
  resolveUserRemediation,
  respondAndNotify,
  type LambdaResult,
} from './lambda';

/** One client factory per Lambda execution environment, reused across invocations. */
let clients: AwsClients | undefined;

/**
 * EventBridge target for GuardDuty findings about an access key (e.g.
 * `UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS`, `…/AnomalousBehavior`).
 * A malformed event is rejected before any AWS call. Dry run unless `PYJAMAS_ENFORCE=true`; see
 * `LambdaSettings` for every environment variable read.
 */
export async function guardDutyHandler(event: unknown): Promise<LambdaResult> {
  const request = parseGuardDutyEvent(event);
  const settings = lambdaSettings(process.env);
  const deps = { aws: (clients ??= new AwsClients()), clock: systemClock };
  return respondAndNotify(
    () => Promise.resolve(request),
    { target: request.accessKeyId, caseId: request.caseId, trigger: request.trigger },
    settings,
    deps,
  );
}

/**
 * Target of an SSM Automation `aws:invokeLambdaFunction` step run by a Config remediation, with
 * the payload `{ "AccessKeyId": "AKIA…", "CaseId"?: "…", "ConfigRuleName"?: "…" }`, or
 * `{ "ResourceId": "AIDA…", … }` naming an IAM user (AWS::IAM::User's RESOURCE_ID), whose
 * `pyjamas:compromised-key` tag names the key. Throws (a `FunctionError` for the step) when a
 * containment step or a post-condition failed, so that Config retries.
 */
export async function configRemediationHandler(payload: unknown): Promise<LambdaResult> {
  const settings = lambdaSettings(process.env);
  if (isUserRemediationPayload(payload)) {
    const request = parseUserRemediationPayload(payload);
    const aws = (clients ??= new AwsClients());
    return respondAndNotify(
      () => resolveUserRemediation(request, aws, settings.region),
      {
        target: `IAM user ${request.userId}`,
        ...(request.caseId ? { caseId: request.caseId } : {}),
        trigger: request.trigger,
      },
      settings,
      { aws, clock: systemClock },
    );
  }
  const request = parseConfigPayload(payload);
  const deps = { aws: (clients ??= new AwsClients()), clock: systemClock };
  return respondAndNotify(
    () => Promise.resolve(request),
    { target: request.accessKeyId, caseId: request.caseId, trigger: request.trigger },
    settings,
    deps,
  );
}

/**
 * Evaluator of the custom Config rule "an access key tagged compromised is inactive"
 * (AWS::IAM::User, configuration-change trigger, in the region that records global resources):
 * judges the user's live keys and reports to Config. Its NON_COMPLIANT verdicts start the rule's
 * automatic remediation.
 */
export async function configRuleHandler(event: unknown): Promise<Judgement> {
  const invocation = parseConfigRuleEvent(event, 'AWS::IAM::User');
  const region = process.env.AWS_REGION;
  if (!region) throw new UsageError('AWS_REGION is not set');
  const aws = (clients ??= new AwsClients());
  let judgement: Judgement;
  if (invocation.gone) {
    judgement = {
      compliance: 'NOT_APPLICABLE',
      annotation: 'The user was deleted or left the rule scope.',
    };
  } else {
    try {
      judgement = judgeCompromisedKey(
        await readCompromisedKey(
          aws,
          globalRegionOf(partitionOfRegion(region)),
          invocation.resourceId,
        ),
      );
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      judgement = { compliance: 'NOT_APPLICABLE', annotation: error.message };
    }
  }
  await putEvaluation(aws, region, invocation, judgement);
  return judgement;
}
