import { defineCheck } from '../../model/check';
import { judgeResourcePolicies } from '../resource-policy-checks';

export default defineCheck({
  id: 'eventbridge_bus_not_publicly_accessible',
  title:
    'No EventBridge event bus policy allows Principal "*" without a condition limiting the caller',
  service: 'eventbridge',
  severity: 'high',
  resourceType: 'AwsEventsEventbus',
  risk: 'A bus open to every AWS principal accepts events from anyone, which can trigger the targets of its rules with forged events.',
  remediation:
    'Remove the statement (aws events remove-permission --event-bus-name <bus> --statement-id <sid>) and grant the sending accounts again, or add a condition such as aws:PrincipalOrgID (aws events put-permission --policy file://policy.json).',
  references: [
    'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-perms.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
  ],
  needs: ['eventBuses'],
  evaluate: ({ eventBuses }, ctx) =>
    judgeResourcePolicies(ctx, eventBuses, {
      service: 'eventbridge',
      type: 'AwsEventsEventbus',
      noun: 'Event bus',
      nouns: 'event buses',
    }),
});
