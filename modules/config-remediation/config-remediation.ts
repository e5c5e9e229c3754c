import type { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { ConfigConfigRule } from '@cdktf/provider-aws/lib/config-config-rule';
import { ConfigRemediationConfiguration } from '@cdktf/provider-aws/lib/config-remediation-configuration';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SsmDocument } from '@cdktf/provider-aws/lib/ssm-document';
import { PLUMBING_COMPONENTS } from '../../lib/plumbing-tags';
import { ISOLATE_EC2_INSTANCE_CONFIG_RULE_ACTIONS } from '../../responders/isolate-ec2-instance/permissions';
import { REVOKE_ACCESS_KEY_CONFIG_RULE_ACTIONS } from '../../responders/revoke-access-key/permissions';
import { PlumbingFunction } from '../plumbing-function/plumbing-function';
import { AwsContext } from '../shared/aws-context';
import { LAMBDA_ENTRIES, type LambdaEntry, type LambdaRuntime } from '../shared/lambda-bundle';
import type { PolicyStatement } from '../shared/policy-document';
import { serviceRole } from '../shared/service-role';
import { plumbingTags } from '../shared/tags';
import { checkNamePrefix, checkOneOf, checkWholeNumber } from '../shared/validation';
import { remediationDocument } from './remediation-document';

/** How often a periodic Config rule runs (SourceDetail MaximumExecutionFrequency). */
export type ConfigRuleFrequency = (typeof CONFIG_RULE_FREQUENCIES)[number];

/** The periodic frequencies Config accepts. */
export const CONFIG_RULE_FREQUENCIES = [
  'One_Hour',
  'Three_Hours',
  'Six_Hours',
  'Twelve_Hours',
  'TwentyFour_Hours',
] as const;

/** A responder function a remediation document invokes. */
export interface RemediationTarget {
  readonly functionArn: string;
  readonly functionName: string;
}

/** The roles of the rules and remediations, created once per account: IAM is global. */
export interface ConfigRemediationRoles {
  /** Role of the evaluator of the quarantine rule. */
  readonly quarantineRuleRoleArn: string;
  /** Role of the evaluator of the compromised-key rule. */
  readonly compromisedKeyRuleRoleArn: string;
  /** Role SSM Automation assumes to invoke the responders (AutomationAssumeRole). */
  readonly automationRoleArn: string;
  /** The roles' policies, which the functions and remediations wait for. */
  readonly policies: ITerraformDependable[];
}

/** Properties of {@link ConfigRemediation}. */
export interface ConfigRemediationProps {
  /** The isolation function for Config remediations, invoked by the quarantine rule's document. */
  readonly isolationFunction: RemediationTarget;

  /**
   * The revocation function for Config remediations. Give it only in the region whose recorder
   * records global resources: Config records IAM users there alone.
   *
   * @default - no compromised-key rule in this region
   */
  readonly revocationFunction?: RemediationTarget;

  /** SNS topic in this region that the evaluators' error alarms notify. */
  readonly alarmTopicArn: string;

  /** Dead-letter queue of this region for evaluations that failed every retry (Config invokes asynchronously). */
  readonly deadLetterQueueArn: string;

  /**
   * Lambda runtime of the rules' evaluators.
   *
   * @default 'nodejs22.x' (see PlumbingFunction)
   */
  readonly runtime?: LambdaRuntime;

  /**
   * Whether Config remediates non-compliant resources. False deploys the rules, their evaluators
   * and the documents without the remediation configurations: the rules judge, and a person
   * runs the document to act.
   *
   * @default true
   */
  readonly remediate?: boolean;

  /**
   * Times Config runs a failing remediation before it records a remediation exception, 1 to 25.
   *
   * @default 5
   */
  readonly maximumAutomaticAttempts?: number;

  /**
   * Seconds within which those attempts run, 1 to 2678000 (31 days).
   *
   * @default 600
   */
  readonly retryAttemptSeconds?: number;

  /**
   * How often the compromised-key rule also judges every tagged user, besides on configuration
   * changes: Config records no change of an access key's status, so only a periodic look sees a
   * key re-activated after the response. One evaluation per tagged user and period.
   *
   * @default 'One_Hour'
   */
  readonly compromisedKeyCheckFrequency?: ConfigRuleFrequency;

  /**
   * Roles to use instead of creating them: pass {@link ConfigRemediation.roles} of the home
   * region's instance.
   *
   * @default - the roles are created here
   */
  readonly roles?: ConfigRemediationRoles;

  /**
   * What must exist before the rules: Config refuses rules in a region without a recorder.
   *
   * @default - nothing; the region's recorder is managed elsewhere
   */
  readonly recorder?: ITerraformDependable[];

  /**
   * Start of every name (rules, functions, documents, roles).
   *
   * @default 'pyjamas'
   */
  readonly namePrefix?: string;

  /**
   * Provider of the region. Rules, documents and the functions they invoke must share a region.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** One Config rule with automatic remediation. */
interface RuleSpec {
  readonly id: string;
  readonly ruleName: string;
  readonly description: string;
  readonly resourceType: string;
  readonly evaluatorName: string;
  readonly evaluatorEntry: LambdaEntry;
  readonly evaluatorRoleArn: string;
  readonly documentName: string;
  readonly resourceParameter: string;
  readonly resourceDescription: string;
  readonly resourcePattern: string;
  readonly target: RemediationTarget;
  /** Also evaluate periodically, at this frequency. */
  readonly periodic?: ConfigRuleFrequency;
}

/**
 * AWS Config rules whose NON_COMPLIANT verdicts run a responder, in one region:
 *
 * - "an instance tagged `pyjamas:quarantine` is isolated" (AWS::EC2::Instance): tagging an
 *   instance `pyjamas:quarantine=<case>` makes it non-compliant, and the remediation isolates it
 *   under that case;
 * - "an access key tagged compromised is inactive" (AWS::IAM::User, home region only): tagging
 *   a user `pyjamas:compromised-key=<access key id>` makes the remediation revoke that key.
 *
 * The rules are custom Lambda rules rather than Guard policies: a Guard rule sees only the
 * configuration item, which lists an instance's interface groups but not which group is the
 * isolation group of its VPC, and which holds nothing about a user's access keys. The evaluators
 * read live state and judge it as the responders' own checks do.
 *
 * Each rule's `aws_config_remediation_configuration` is automatic and runs an SSM Automation
 * document of ours with the resource id (RESOURCE_ID) and an AutomationAssumeRole that may only
 * invoke the responder. The document waits for the function (300 s at most) and fails when the
 * function did, so that Config retries.
 */
export class ConfigRemediation extends Construct {
  /** The roles, for the other regions' instances. */
  public readonly roles: ConfigRemediationRoles;
  /** Names of the rules created. */
  public readonly ruleNames: string[] = [];
  /** Names of the remediation documents created. */
  public readonly documentNames: string[] = [];

  constructor(scope: Construct, id: string, props: ConfigRemediationProps) {
    super(scope, id);
    const owner = 'ConfigRemediation';
    const namePrefix = props.namePrefix ?? 'pyjamas';
    const attempts = props.maximumAutomaticAttempts ?? 5;
    const retrySeconds = props.retryAttemptSeconds ?? 600;
    checkNamePrefix(owner, namePrefix);
    checkWholeNumber(owner, 'maximumAutomaticAttempts', attempts, 1, 25);
    checkWholeNumber(owner, 'retryAttemptSeconds', retrySeconds, 1, 2_678_000);
    const keyCheckFrequency = props.compromisedKeyCheckFrequency ?? 'One_Hour';
    checkOneOf(owner, 'compromisedKeyCheckFrequency', keyCheckFrequency, CONFIG_RULE_FREQUENCIES);
    const { provider } = props;
    const tags = plumbingTags(PLUMBING_COMPONENTS.configRemediation);
    const context = new AwsContext(this, 'context', provider);
    this.roles = props.roles ?? this.createRoles(namePrefix, props, context);

    const specs: RuleSpec[] = [
      {
        id: 'quarantine',
        ruleName: `${namePrefix}-quarantined-instance-isolated`,
        description:
          'Pyjamas: an EC2 instance tagged pyjamas:quarantine=<case> has every network interface in its VPC isolation group only. Remediation isolates it under that case.',
        resourceType: 'AWS::EC2::Instance',
        evaluatorName: `${namePrefix}-quarantine-rule`,
        evaluatorEntry: LAMBDA_ENTRIES.isolateEc2Instance,
        evaluatorRoleArn: this.roles.quarantineRuleRoleArn,
        documentName: `${namePrefix}-IsolateQuarantinedInstance`,
        resourceParameter: 'InstanceId',
        resourceDescription: 'The instance to isolate (the rule passes RESOURCE_ID).',
        resourcePattern: '^i-([0-9a-f]{8}|[0-9a-f]{17})$',
        target: props.isolationFunction,
      },
      ...(props.revocationFunction
        ? [
            {
              id: 'compromised-key',
              ruleName: `${namePrefix}-compromised-key-inactive`,
              description:
                'Pyjamas: the access key an IAM user tag pyjamas:compromised-key=<key id> names is inactive and the sessions it minted are denied. Remediation revokes it.',
              resourceType: 'AWS::IAM::User',
              evaluatorName: `${namePrefix}-compromised-key-rule`,
              evaluatorEntry: LAMBDA_ENTRIES.revokeAccessKey,
              evaluatorRoleArn: this.roles.compromisedKeyRuleRoleArn,
              documentName: `${namePrefix}-RevokeCompromisedKey`,
              resourceParameter: 'UserId',
              resourceDescription:
                'The unique id (AIDA…) of the IAM user whose tagged key to revoke (the rule passes RESOURCE_ID).',
              resourcePattern: '^\\w{16,128}$',
              target: props.revocationFunction,
              periodic: keyCheckFrequency,
            },
          ]
        : []),
    ];

    for (const spec of specs) {
      const ruleScope = new Construct(this, spec.id);
      const evaluator = new PlumbingFunction(ruleScope, 'evaluator', {
        functionName: spec.evaluatorName,
        description: `Pyjamas: evaluates the Config rule ${spec.ruleName}`,
        entry: spec.evaluatorEntry,
        handler: 'configRuleHandler',
        roleArn: spec.evaluatorRoleArn,
        component: PLUMBING_COMPONENTS.configRemediation,
        alarmTopicArn: props.alarmTopicArn,
        deadLetterQueueArn: props.deadLetterQueueArn,
        timeoutSeconds: 60,
        runtime: props.runtime,
        environment: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        dependsOn: this.roles.policies,
        provider,
      });
      const permission = new LambdaPermission(ruleScope, 'config-permission', {
        provider,
        statementId: 'config-rule',
        action: 'lambda:InvokeFunction',
        functionName: evaluator.functionName,
        principal: 'config.amazonaws.com',
        // Only this account's Config may ask for an evaluation.
        sourceAccount: context.accountId,
      });
      const rule = new ConfigConfigRule(ruleScope, 'rule', {
        provider,
        name: spec.ruleName,
        description: spec.description,
        scope: { complianceResourceTypes: [spec.resourceType] },
        source: {
          owner: 'CUSTOM_LAMBDA',
          sourceIdentifier: evaluator.functionArn,
          sourceDetail: [
            { eventSource: 'aws.config', messageType: 'ConfigurationItemChangeNotification' },
            {
              eventSource: 'aws.config',
              messageType: 'OversizedConfigurationItemChangeNotification',
            },
            // A custom rule may have both triggers; the frequency goes with ScheduledNotification only.
            ...(spec.periodic
              ? [
                  {
                    eventSource: 'aws.config',
                    messageType: 'ScheduledNotification',
                    maximumExecutionFrequency: spec.periodic,
                  },
                ]
              : []),
          ],
        },
        tags,
        // Config checks that it may invoke the evaluator when the rule is created.
        dependsOn: [permission, ...(props.recorder ?? [])],
      });
      this.ruleNames.push(spec.ruleName);
      const document = new SsmDocument(ruleScope, 'document', {
        provider,
        name: spec.documentName,
        documentType: 'Automation',
        documentFormat: 'JSON',
        content: JSON.stringify(
          remediationDocument({
            description: `Pyjamas: runs ${spec.target.functionName} for a resource the Config rule ${spec.ruleName} found non-compliant.`,
            resourceParameter: spec.resourceParameter,
            resourceDescription: spec.resourceDescription,
            resourcePattern: spec.resourcePattern,
            functionArn: spec.target.functionArn,
            configRuleName: spec.ruleName,
          }),
        ),
        tags,
      });
      this.documentNames.push(spec.documentName);
      if (props.remediate === false) continue;
      new ConfigRemediationConfiguration(ruleScope, 'remediation', {
        provider,
        configRuleName: rule.name,
        targetType: 'SSM_DOCUMENT',
        targetId: document.name,
        resourceType: spec.resourceType,
        automatic: true,
        maximumAutomaticAttempts: attempts,
        retryAttemptSeconds: retrySeconds,
        parameter: [
          { name: 'AutomationAssumeRole', staticValue: this.roles.automationRoleArn },
          { name: spec.resourceParameter, resourceValue: 'RESOURCE_ID' },
        ],
      });
    }
  }

  private createRoles(
    namePrefix: string,
    props: ConfigRemediationProps,
    context: AwsContext,
  ): ConfigRemediationRoles {
    const { provider } = props;
    const tags = plumbingTags(PLUMBING_COMPONENTS.configRemediation);
    const logs = (name: string): PolicyStatement => ({
      Sid: 'WriteLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `arn:${context.partition}:logs:*:${context.accountId}:log-group:/aws/lambda/${name}:*`,
    });
    const deadLetter: PolicyStatement = {
      Sid: 'SendToDeadLetterQueue',
      Effect: 'Allow',
      Action: 'sqs:SendMessage',
      Resource: `arn:${context.partition}:sqs:*:${context.accountId}:${namePrefix}-response-dlq`,
    };
    const role = (
      id: string,
      name: string,
      description: string,
      service: string,
      statements: PolicyStatement[],
    ) =>
      serviceRole(this, id, {
        provider,
        name,
        description,
        service,
        policyName: id,
        statements,
        tags,
      });
    const quarantine = role(
      'quarantine-rule',
      `${namePrefix}-quarantine-rule`,
      'Lets the Pyjamas quarantine rule read instances and groups and report to Config',
      'lambda.amazonaws.com',
      [
        {
          Sid: 'Evaluate',
          Effect: 'Allow',
          Action: [...ISOLATE_EC2_INSTANCE_CONFIG_RULE_ACTIONS],
          Resource: '*',
        },
        logs(`${namePrefix}-quarantine-rule`),
        deadLetter,
      ],
    );
    const compromisedKey = role(
      'compromised-key-rule',
      `${namePrefix}-compromised-key-rule`,
      'Lets the Pyjamas compromised-key rule read users and keys and report to Config',
      'lambda.amazonaws.com',
      [
        {
          Sid: 'Evaluate',
          Effect: 'Allow',
          Action: [...REVOKE_ACCESS_KEY_CONFIG_RULE_ACTIONS],
          Resource: '*',
        },
        logs(`${namePrefix}-compromised-key-rule`),
        deadLetter,
      ],
    );
    // The functions have the same names in every region; the role serves them all.
    const targets = [
      props.isolationFunction,
      ...(props.revocationFunction ? [props.revocationFunction] : []),
    ];
    const automation = role(
      'automation',
      `${namePrefix}-config-remediation`,
      'Lets SSM Automation run the Pyjamas remediation documents: invoke the responders, nothing else',
      'ssm.amazonaws.com',
      [
        {
          Sid: 'InvokeResponders',
          Effect: 'Allow',
          Action: 'lambda:InvokeFunction',
          Resource: targets.map(
            (target) =>
              `arn:${context.partition}:lambda:*:${context.accountId}:function:${target.functionName}`,
          ),
        },
      ],
    );
    return {
      quarantineRuleRoleArn: quarantine.arn,
      compromisedKeyRuleRoleArn: compromisedKey.arn,
      automationRoleArn: automation.arn,
      policies: [quarantine.policy, compromisedKey.policy, automation.policy],
    };
  }
}
