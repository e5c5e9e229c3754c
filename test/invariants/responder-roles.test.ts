import { ConfigRemediation } from '../../modules/config-remediation/config-remediation';
import { ResponderFunctions } from '../../modules/responder-functions/responder-functions';
import { ScheduledScan } from '../../modules/scheduled-scan/scheduled-scan';
import { isolationPlansWithEveryOption } from '../fixtures/isolation-plans';
import type { Step } from '../../responders/core/step';
import {
  ISOLATE_EC2_INSTANCE_CONFIG_RULE_ACTIONS,
  ISOLATE_EC2_INSTANCE_EVIDENCE_ACTIONS,
  ISOLATE_EC2_INSTANCE_READ_ACTIONS,
} from '../../responders/isolate-ec2-instance/permissions';
import { plansWithEveryOption } from '../fixtures/revocation-plans';
import {
  REVOKE_ACCESS_KEY_CONFIG_RULE_ACTIONS,
  REVOKE_ACCESS_KEY_EVIDENCE_ACTIONS,
  REVOKE_ACCESS_KEY_READ_ACTIONS,
} from '../../responders/revoke-access-key/permissions';
import { SCANNER_READ_ACTIONS } from '../../scanner/permissions';
import {
  policyStatements,
  resourcesOfType,
  synthScope,
  type SynthesizedBlock,
} from '../helpers/cdktf-jest';

/** What running as a Lambda function adds to any role: its key uses, logs, dead letters and notices. */
const RUNNING = [
  'kms:GenerateDataKey',
  'kms:Decrypt',
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'sqs:SendMessage',
  'sns:Publish',
];
const EVALUATING = ['logs:CreateLogStream', 'logs:PutLogEvents', 'sqs:SendMessage'];
const TOPIC = {
  topicArn: 'arn:aws:sns:us-east-1:111111111111:pyjamas-security-alarms',
  kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/alarm',
};
const EVIDENCE = {
  bucketName: 'evidence',
  bucketArn: 'arn:aws:s3:::evidence',
  kmsKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/evidence',
};

/** The actions every Allow statement of one role's inline policy grants, sorted and unique. */
function allowed(policies: SynthesizedBlock[], name: string): string[] {
  const policy = policies.find((candidate) => candidate.name === name);
  if (!policy)
    throw new Error(
      `no role policy ${name} among ${policies.map((candidate) => String(candidate.name)).join(', ')}`,
    );
  const actions = policyStatements(policy)
    .filter((statement) => statement.Effect === 'Allow')
    .flatMap((statement) =>
      Array.isArray(statement.Action) ? statement.Action : [statement.Action],
    );
  return [...new Set(actions)].sort();
}

const union = (...lists: readonly (readonly string[])[]) => [...new Set(lists.flat())].sort();
const planActions = (plans: readonly { steps: readonly Step[] }[]) =>
  plans.flatMap((plan) => plan.steps.flatMap(actionsOf));

/** A step's action, what its runner may also call, and the actions of its fallback and undo. */
function actionsOf(step: Step): string[] {
  return [
    step.action,
    ...(step.mayAlsoCall ?? []),
    ...(step.fallback ? actionsOf(step.fallback) : []),
    ...(step.opensWindow ? actionsOf(step.opensWindow.undo) : []),
  ];
}

describe('the deployed roles hold exactly what the code uses', () => {
  const policies = resourcesOfType(
    synthScope((scope) => {
      const responders = new ResponderFunctions(scope, 'responders', {
        evidence: EVIDENCE,
        quarantineProfile: {
          instanceProfileName: 'pyjamas-quarantine',
          roleArn: 'arn:aws:iam::111111111111:role/pyjamas-quarantine',
        },
        alarmTopicArn: TOPIC.topicArn,
        notificationTopic: TOPIC,
      });
      new ConfigRemediation(scope, 'config', {
        isolationFunction: responders.isolation.configRemediation,
        revocationFunction: responders.revocation.configRemediation,
        alarmTopicArn: TOPIC.topicArn,
        deadLetterQueueArn: responders.deadLetterQueueArn,
      });
      new ScheduledScan(scope, 'scan', {
        reportBucket: EVIDENCE,
        alarmTopicArn: TOPIC.topicArn,
        notificationTopic: TOPIC,
        securityHub: true,
        forensicAmiParameterName: '/pyjamas/forensic-ami/latest',
        deadLetterQueueArn: responders.deadLetterQueueArn,
      });
    }),
    'aws_iam_role_policy',
  );

  test('isolation: the actions of plans with every option on, the reads, the evidence, passing the quarantine role, and running', () => {
    expect(allowed(policies, 'isolate-ec2-instance')).toEqual(
      union(
        planActions(isolationPlansWithEveryOption()),
        ISOLATE_EC2_INSTANCE_READ_ACTIONS,
        ISOLATE_EC2_INSTANCE_EVIDENCE_ACTIONS,
        ['iam:PassRole'],
        RUNNING,
      ),
    );
  });

  test('revocation: the actions of plans with every option on, the reads, the evidence, and running', () => {
    expect(allowed(policies, 'revoke-access-key')).toEqual(
      union(
        planActions(plansWithEveryOption()),
        REVOKE_ACCESS_KEY_READ_ACTIONS,
        REVOKE_ACCESS_KEY_EVIDENCE_ACTIONS,
        RUNNING,
      ),
    );
  });

  test('the Config rule evaluators: what they read and report, nothing of the responders', () => {
    expect(allowed(policies, 'quarantine-rule')).toEqual(
      union(ISOLATE_EC2_INSTANCE_CONFIG_RULE_ACTIONS, EVALUATING),
    );
    expect(allowed(policies, 'compromised-key-rule')).toEqual(
      union(REVOKE_ACCESS_KEY_CONFIG_RULE_ACTIONS, EVALUATING),
    );
  });

  test('SSM Automation may only invoke the responders', () => {
    expect(allowed(policies, 'automation')).toEqual(['lambda:InvokeFunction']);
  });

  test("the scheduled scan: the scanner's reads, its reports, Security Hub import, and running", () => {
    expect(allowed(policies, 'scheduled-scan')).toEqual(
      union(
        SCANNER_READ_ACTIONS,
        ['s3:ListBucket', 's3:GetObject', 's3:PutObject', 'securityhub:BatchImportFindings'],
        RUNNING,
      ),
    );
  });
});
