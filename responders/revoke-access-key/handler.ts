import { systemClock } from '../../lib/clock';
import { AwsClients } from '../../lib/aws/clients';
import { lambdaSettings, parseConfigPayload, parseGuardDutyEvent, respondFromLambda, type LambdaResult } from './lambda';

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
  return respondFromLambda(request, lambdaSettings(process.env), { aws: (clients ??= new AwsClients()), clock: systemClock });
}

/**
 * Target of an SSM Automation `aws:invokeLambdaFunction` step run by a Config remediation, with
 * the payload `{ "AccessKeyId": "AKIA…", "CaseId"?: "…", "ConfigRuleName"?: "…" }`. Throws (a
 * `FunctionError` for the step) when a containment step or a post-condition failed, so that
 * Config retries.
 */
export async function configRemediationHandler(payload: unknown): Promise<LambdaResult> {
  const request = parseConfigPayload(payload);
  return respondFromLambda(request, lambdaSettings(process.env), { aws: (clients ??= new AwsClients()), clock: systemClock });
}
