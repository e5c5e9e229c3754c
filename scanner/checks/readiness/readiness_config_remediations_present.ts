import { defineCheck } from '../../model/check';
import { couldNotRead, fail, pass } from '../results';
import { judgePlumbingPerRegion } from './plumbing-regions';

export default defineCheck({
  id: 'readiness_config_remediations_present',
  title: 'Every region has its Pyjamas Config rules, active, with automatic remediation',
  service: 'readiness',
  severity: 'medium',
  resourceType: 'AwsConfigRule',
  risk: 'The Config rules are how a quarantine tag or a compromised-key marker becomes a response: without the rule, or with its remediation removed or made manual, the request is recorded as non-compliant and nothing acts on it.',
  remediation:
    'Redeploy the Pyjamas module (automaticResponse) to the region; it creates each rule with an automatic remediation configuration (aws configservice put-remediation-configurations … Automatic=true).',
  references: [
    'https://docs.aws.amazon.com/config/latest/developerguide/remediation.html',
    'https://docs.aws.amazon.com/config/latest/APIReference/API_RemediationConfiguration.html',
  ],
  needs: ['plumbingConfigRules'],
  evaluate: ({ plumbingConfigRules }, ctx) =>
    judgePlumbingPerRegion(
      plumbingConfigRules,
      ctx,
      { service: 'config', plural: 'Pyjamas Config rules' },
      (rule, region) => {
        const resource = { region, type: 'AwsConfigRule', id: rule.name, arn: rule.arn };
        if (!rule.remediation.ok) return couldNotRead(resource, rule.remediation.error);
        const remediation = rule.remediation.data;
        if (rule.state !== 'ACTIVE')
          return fail(resource, `Config rule ${rule.name} is ${rule.state.toLowerCase()}.`);
        if (!remediation) return fail(resource, `Config rule ${rule.name} has no remediation.`);
        if (!remediation.automatic)
          return fail(
            resource,
            `Config rule ${rule.name} remediates only when asked (${remediation.targetId} is not automatic).`,
          );
        return pass(
          resource,
          `Config rule ${rule.name} remediates automatically with ${remediation.targetId}.`,
        );
      },
    ),
});
