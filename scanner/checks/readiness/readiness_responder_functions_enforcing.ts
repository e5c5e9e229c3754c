import { defineCheck } from '../../model/check';
import { fail, pass } from '../results';
import { judgePlumbingPerRegion } from './plumbing-regions';

export default defineCheck({
  id: 'readiness_responder_functions_enforcing',
  title: 'Every region has its responder functions, enforcing unless dry run is declared',
  service: 'readiness',
  severity: 'high',
  resourceType: 'AwsLambdaFunction',
  risk: 'A deleted responder lets a GuardDuty finding or a quarantine tag go unanswered in that region; a responder switched back to dry run (PYJAMAS_ENFORCE=false) only reports what it would do, so a compromised instance stays reachable and a leaked key stays active.',
  remediation:
    'Redeploy the Pyjamas module (automaticResponse) to the region. To enforce, set enforce: true in the module (PYJAMAS_ENFORCE=true); if dry run is intended, declare it with the scan setting respondersDeclaredDryRun: true.',
  references: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html',
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html',
  ],
  needs: ['responderFunctions'],
  evaluate: ({ responderFunctions }, ctx) =>
    judgePlumbingPerRegion(
      responderFunctions,
      ctx,
      { service: 'lambda', plural: 'Pyjamas responder functions' },
      (fn, region) => {
        const resource = { region, type: 'AwsLambdaFunction', id: fn.name, arn: fn.arn };
        if (fn.enforcing) return pass(resource, `Responder ${fn.name} enforces.`);
        return ctx.config.respondersDeclaredDryRun
          ? pass(resource, `Responder ${fn.name} runs in dry run, as declared.`)
          : fail(
              resource,
              `Responder ${fn.name} runs in dry run (PYJAMAS_ENFORCE is not true) and dry run is not declared.`,
            );
      },
    ),
});
