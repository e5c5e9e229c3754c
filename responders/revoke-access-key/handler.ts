import { AwsClients, globalRegionOf, partitionOfRegion } from '../../lib/aws/clients';
import { UsageError } from '../../lib/errors';
import {
  parseConfigRuleTrigger,
  putEvaluation,
  putScheduledEvaluations,
  type Judgement,
} from '../core/config-rule';
import {
  asParsed,
  functionRegion,
  runLambdaResponse,
  type LambdaContext,
  type LambdaResult,
} from '../core/lambda-flow';
import { judgeCompromisedKey, judgeTaggedUsers, readCompromisedKey } from './config-rule';
import {
  isUserRemediationPayload,
  parseConfigPayload,
  parseGuardDutyEvent,
  parseUserRemediationPayload,
  resolveUserRemediation,
  revocationSettings,
  runRevocation,
  type RevocationExtra,
  type RevocationRequest,
  type UserRemediationRequest,
} from './lambda';
import { RESPONDER_NAME } from './plan';

/** What a handler returns (the SSM step's `Payload`), and logs as one JSON line. */
export type RevocationResult = LambdaResult & RevocationExtra;

/** Parses the event and the settings before any AWS call, then revokes. */
function handle<Parsed extends RevocationRequest | UserRemediationRequest>(
  parse: () => Parsed,
  resolve: (parsed: Parsed, aws: AwsClients, region: string) => Promise<RevocationRequest>,
  context: LambdaContext | undefined,
): Promise<RevocationResult> {
  const env = process.env;
  return runLambdaResponse({
    responder: RESPONDER_NAME,
    parse: () => {
      const parsed = parse();
      return { ...parsed, settings: revocationSettings(env) };
    },
    env,
    ...(context ? { context } : {}),
    resolve: async (parsed, aws, settings) => ({
      ...(await resolve(parsed, aws, settings.region)),
      settings: parsed.settings,
    }),
    run: (request, run) => runRevocation(request, request.settings, run),
  });
}

/**
 * EventBridge target for GuardDuty findings about an access key (e.g.
 * `UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS`, `…/AnomalousBehavior`).
 * A malformed event, or a finding about another account, is refused before anything changes.
 * Dry run unless `PYJAMAS_ENFORCE=true`; see `LambdaSettings` and `RevocationSettings` for every
 * environment variable read.
 */
export async function guardDutyHandler(
  event: unknown,
  context?: LambdaContext,
): Promise<RevocationResult> {
  return handle(() => parseGuardDutyEvent(event), asParsed, context);
}

/**
 * Target of an SSM Automation `aws:invokeLambdaFunction` step run by a Config remediation, with
 * the payload `{ "AccessKeyId": "AKIA…", "CaseId"?: "…", "ConfigRuleName"?: "…" }`, or
 * `{ "ResourceId": "AIDA…", … }` naming an IAM user (AWS::IAM::User's RESOURCE_ID), whose
 * `pyjamas:compromised-key` tag names the key. Throws (a `FunctionError` for the step) when a
 * containment step or a post-condition failed, so that Config retries.
 */
export async function configRemediationHandler(
  payload: unknown,
  context?: LambdaContext,
): Promise<RevocationResult> {
  if (isUserRemediationPayload(payload))
    return handle(() => parseUserRemediationPayload(payload), resolveUserRemediation, context);
  return handle(() => parseConfigPayload(payload), asParsed, context);
}

/** The resource type of the compromised-key rule: Config names IAM users by their unique id. */
const USER_RESOURCE_TYPE = 'AWS::IAM::User';

// The rule's evaluator is a function of its own; it reuses its clients across invocations.
let ruleClients: AwsClients | undefined;

/**
 * Evaluator of the custom Config rule "an access key tagged compromised is inactive and its
 * sessions denied" (AWS::IAM::User, in the region that records global resources), on a
 * configuration change (that user) and periodically (every tagged user: Config records no change
 * of a key's status). Its NON_COMPLIANT verdicts start the rule's automatic remediation.
 */
export async function configRuleHandler(
  event: unknown,
): Promise<Judgement | { readonly evaluated: number }> {
  const trigger = parseConfigRuleTrigger(event, USER_RESOURCE_TYPE);
  const region = functionRegion(process.env);
  const aws = (ruleClients ??= new AwsClients());
  const iamRegion = globalRegionOf(partitionOfRegion(region));
  if (trigger.kind === 'scheduled') {
    const judged = await judgeTaggedUsers(aws, iamRegion);
    await putScheduledEvaluations(aws, region, trigger.invocation, USER_RESOURCE_TYPE, judged);
    return { evaluated: judged.length };
  }
  const { invocation } = trigger;
  let judgement: Judgement;
  if (invocation.gone) {
    judgement = {
      compliance: 'NOT_APPLICABLE',
      annotation: 'The user was deleted or left the rule scope.',
    };
  } else {
    try {
      judgement = judgeCompromisedKey(
        await readCompromisedKey(aws, iamRegion, invocation.resourceId),
      );
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      judgement = { compliance: 'NOT_APPLICABLE', annotation: error.message };
    }
  }
  await putEvaluation(aws, region, invocation, judgement);
  return judgement;
}
