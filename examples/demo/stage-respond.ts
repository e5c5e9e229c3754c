import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as isolation from '../../responders/isolate-ec2-instance/handler';
import * as revocation from '../../responders/revoke-access-key/handler';
import type { LambdaResult } from '../../responders/core/lambda-flow';
import { POLICY_GAP, setAsideEvidencePolicy } from './evidence-policy';
import { accessKeyFinding, instanceFinding } from './findings';
import { INCIDENT_REGION } from './incident';
import { describeRoundTrips, startRequestCounter } from './request-counter';
import {
  changesBetween,
  deployedEnvironment,
  instanceSnapshot,
  invokeAsDeployed,
  keySnapshot,
  type HandlerRun,
} from './respond';
import type { DemoContext, DemoStage } from './stage';
import { requireDeployment, requireIncident } from './stage-requires';

/** moto's account: the findings are about it. */
const ACCOUNT = '123456789012';

/**
 * Stage: GuardDuty-shaped findings about the compromised instance and the leaked key, delivered
 * to the deployed responders' handlers in enforcement mode.
 */
export const RESPOND_STAGE: DemoStage = {
  title: 'deliver the GuardDuty findings to the deployed responders',
  proves:
    'a high-severity finding becomes containment within seconds and without a human: every interface isolated, the instance out of its Auto Scaling group and target group, the key dead, each step one AWS action, verified and filed as evidence.',
  async run(context) {
    const deployment = requireDeployment(context);
    const incident = requireIncident(context);
    const region = INCIDENT_REGION;
    context.say(
      "moto stores Lambda functions but does not run Node.js ones. So the demo calls the deployed functions' handlers in this process, each with the environment its function was deployed with (read back with GetFunctionConfiguration), as Lambda calls them when the EventBridge rules pyjamas-guardduty-isolate-instance and pyjamas-guardduty-revoke-access-key match a finding.",
    );
    context.say(
      'The complete example deploys the responders in dry run (PYJAMAS_ENFORCE=false) until their notices look right; the demo runs them enforced (PYJAMAS_ENFORCE=true, automaticResponse.enforce: true).',
    );
    const bucket = String(deployment.outputs.evidence_bucket_name);
    context.setAsidePolicy = await setAsideEvidencePolicy(context.aws, bucket, region);
    context.say(`Emulator gap: ${POLICY_GAP}`);

    const counter = await startRequestCounter(context.emulator.endpoint);
    const logs: string[] = [];
    const scope = { account: ACCOUNT, region, at: new Date().toISOString() };
    const asDeployed = async (functionName: string) => ({
      ...(await deployedEnvironment(context.aws, region, functionName)),
      PYJAMAS_ENFORCE: 'true',
      AWS_ENDPOINT_URL: counter.endpoint,
    });
    const quietly = async <T>(invoke: () => Promise<T>): Promise<T> => {
      // The functions log each result as one JSON line, which Lambda keeps in CloudWatch Logs.
      const log = console.log;
      console.log = (line: unknown) => void logs.push(String(line));
      try {
        return await invoke();
      } finally {
        console.log = log;
      }
    };
    try {
      const instanceEvent = instanceFinding(scope, incident.instanceId);
      context.say(
        `\nFinding Backdoor:EC2/C&CActivity.B (severity 8) about ${incident.instanceId} → pyjamas-isolate-guardduty`,
      );
      const instanceBefore = await instanceSnapshot(context.aws, region, incident);
      const isolated = await invokeAsDeployed(
        await asDeployed('pyjamas-isolate-guardduty'),
        () => quietly(() => isolation.guardDutyHandler(instanceEvent)),
        () => counter.take(),
      );
      const instanceAfter = await instanceSnapshot(context.aws, region, incident);
      printRun(context, isolated, changesBetween(instanceBefore, instanceAfter));

      const keyEvent = accessKeyFinding(scope, incident.userName, incident.accessKeyId);
      context.say(
        `\nFinding UnauthorizedAccess:IAMUser/MaliciousIPCaller (severity 8) about ${incident.accessKeyId} → pyjamas-revoke-guardduty`,
      );
      const keyBefore = await keySnapshot(context.aws, region, incident);
      const revoked = await invokeAsDeployed(
        await asDeployed('pyjamas-revoke-guardduty'),
        () => quietly(() => revocation.guardDutyHandler(keyEvent)),
        () => counter.take(),
      );
      const keyAfter = await keySnapshot(context.aws, region, incident);
      printRun(context, revoked, changesBetween(keyBefore, keyAfter));
      context.responses = { isolation: isolated, revocation: revoked };
    } finally {
      await counter.close();
    }
    const logFile = join(context.workFolder, 'responder-logs.jsonl');
    await writeFile(logFile, logs.map((line) => `${line}\n`).join(''));
    context.say(`\nThe functions' log lines, as CloudWatch Logs would keep them: ${logFile}`);
  },
};

/** One handler run: outcome, time, round trips, what changed, the steps and the evidence. */
function printRun(context: DemoContext, run: HandlerRun<LambdaResult>, changes: string[]): void {
  const { result } = run;
  const trips = `${describeRoundTrips(run.roundTrips)} round trips`;
  if (!result) {
    context.say(`  FAILED after ${run.seconds.toFixed(1)} s and ${trips}: ${run.error ?? ''}`);
    return;
  }
  context.say(
    `  ${result.outcome} in ${run.seconds.toFixed(1)} s, ${trips}; case ${result.caseId}`,
  );
  if (run.error) context.say(`  the handler threw, so Lambda would retry: ${run.error}`);
  context.say(`  containment: ${result.containment}`);
  context.say('  what changed:');
  for (const change of changes.length > 0 ? changes : ['nothing']) context.say(`    ${change}`);
  for (const line of describeSteps(result.steps)) context.say(`  ${line}`);
  const passed = result.verification.filter((check) => check.ok).length;
  context.say(
    `  verified afterwards by reading back: ${passed}/${result.verification.length} checks hold${
      passed < result.verification.length
        ? ` (failing: ${result.verification
            .filter((check) => !check.ok)
            .map((check) => check.check)
            .join(', ')})`
        : ''
    }`,
  );
  context.say(`  evidence: ${result.evidence ?? result.evidenceProblem ?? 'none filed'}`);
}

/**
 * The steps in a few lines: those done by id, those that failed grouped by their error (twenty
 * regions failing alike are one line), and what moto's missing CloudTrail LookupEvents means.
 */
export function describeSteps(steps: LambdaResult['steps']): string[] {
  const done = steps.filter((step) => step.status === 'done');
  const lines = [
    `${steps.length} steps, one AWS action each; ${done.length} done: ${done.map((step) => step.id).join(', ') || 'none'}`,
  ];
  const byError = new Map<string, string[]>();
  for (const step of steps.filter((candidate) => candidate.status !== 'done')) {
    const why = `${step.status}${step.error ? `: ${step.error}` : ''}`;
    byError.set(why, [...(byError.get(why) ?? []), step.id]);
  }
  for (const [why, ids] of byError) {
    const shown =
      ids.length > 3 ? `${ids.slice(0, 2).join(', ')} and ${ids.length - 2} more` : ids.join(', ');
    lines.push(
      `${ids.length} ${why.split(':')[0]} (${shown}):${why.slice(why.indexOf(':') + 1) || ' no error recorded'}`,
    );
    if (ids.every((id) => id.startsWith('collect-cloudtrail-events-')))
      lines.push(
        "  moto has no CloudTrail LookupEvents, so the key's recent API calls cannot be filed here and the run is degraded (contained, evidence incomplete); on AWS these steps file them.",
      );
  }
  return lines;
}
