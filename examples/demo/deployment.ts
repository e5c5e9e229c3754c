import { join } from 'node:path';
import { CompleteStack, EMULATOR_GAPS, type CompleteRegion } from '../complete/stack';
import { AWS_PROVIDER_VERSION, synthesizeStack } from '../terraform-stack';
import {
  offlineTerraformEnv,
  TerraformWorkspace,
  writeOfflineCliConfig,
} from '../../lib/terraform/workspace';

/** The stack's name, as the complete example names it. */
export const DEMO_STACK = 'pyjamas-complete';

/**
 * Where the demo deploys the complete example: its home region, finding the seeded VPC by its
 * Name tag as `examples/complete/settings.ts` does. One region keeps the apply within a minute
 * or two; the example itself deploys to every region listed.
 */
export const DEPLOY_REGIONS: readonly CompleteRegion[] = [
  { region: 'us-east-1', vpcNames: ['workloads'] },
];

/** The complete example as deployed to the emulator. */
export interface Deployment {
  /** terraform, in the synthesized stack's folder, with the emulator's environment. */
  readonly workspace: TerraformWorkspace;
  /** `terraform output -json`, as name → value. */
  readonly outputs: Readonly<Record<string, unknown>>;
  /** Everything in the state (`terraform state list`). */
  readonly addresses: readonly string[];
}

/**
 * Synthesizes the complete example for the emulator and applies it with terraform, the
 * provider coming from the offline mirror. `preventDestroy` is off so that the last stage can
 * tear it down; a real deployment keeps it on. Aborting `signal` kills the running terraform.
 */
export async function deployCompleteExample(
  workFolder: string,
  emulator: { readonly endpoint: string; readonly env: Readonly<Record<string, string>> },
  signal?: AbortSignal,
): Promise<Deployment> {
  const folder = synthesizeStack(
    join(workFolder, 'cdktf.out'),
    (app) =>
      new CompleteStack(app, DEMO_STACK, {
        regions: [...DEPLOY_REGIONS],
        alarmEmailAddresses: ['security@example.com'],
        emulatorEndpoint: emulator.endpoint,
        preventDestroy: false,
        localStatePath: join(workFolder, 'terraform.tfstate'),
      }),
  );
  const workspace = new TerraformWorkspace(
    folder,
    offlineTerraformEnv(writeOfflineCliConfig(workFolder, AWS_PROVIDER_VERSION), emulator.env),
    signal,
  );
  await workspace.init();
  await workspace.apply();
  return {
    workspace,
    outputs: await workspace.outputs(),
    addresses: await workspace.stateAddresses(),
  };
}

/** What a newcomer calls each kind of resource the complete example deploys. */
const RESOURCE_NAMES: Readonly<Record<string, string>> = {
  aws_cloudtrail: 'CloudTrail trail (multi-region, validated, KMS-encrypted)',
  aws_s3_bucket: 'S3 buckets (evidence with Object Lock, Config, their access logs)',
  aws_kms_key: 'KMS keys',
  aws_guardduty_detector: 'GuardDuty detector',
  aws_config_configuration_recorder: 'Config recorder',
  aws_config_config_rule: 'Config rules',
  aws_flow_log: 'VPC flow log',
  aws_security_group: 'security groups (isolation, untrack, forensic)',
  aws_lambda_function: 'Lambda functions (responders, rule evaluators, scheduled scan)',
  aws_cloudwatch_event_rule: 'EventBridge rules (GuardDuty findings, the schedule)',
  aws_cloudwatch_metric_alarm: 'CloudWatch alarms (CIS 4.x, function errors, dead letters)',
  aws_iam_role: 'IAM roles',
  aws_iam_instance_profile: 'instance profiles (quarantine, forensic)',
  aws_sns_topic: 'SNS topic for alarms and response notices',
  aws_sqs_queue: 'SQS dead-letter queue',
  aws_ssm_document: 'SSM Automation documents (Config remediations)',
};

/**
 * The deployment in a few lines: how many resources, the kinds a newcomer should notice with
 * their counts, and what the emulator cannot hold and so was left out.
 */
export function describeDeployment(addresses: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const address of addresses) {
    // Data sources are read, not deployed.
    if (address.startsWith('data.')) continue;
    const type = address.split('.')[0] ?? address;
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  const lines = [`Deployed ${total} resources, among them:`];
  for (const [type, name] of Object.entries(RESOURCE_NAMES)) {
    const count = counts.get(type);
    if (count) lines.push(`  ${String(count).padStart(3)} ${name}`);
  }
  lines.push('Left out because moto cannot hold them (deployed on AWS):');
  const gaps = new Map<string, string[]>();
  for (const gap of EMULATOR_GAPS)
    gaps.set(gap.reason, [...(gaps.get(gap.reason) ?? []), gap.resource]);
  for (const [reason, resources] of gaps) lines.push(`  ${resources.join(', ')}: ${reason}`);
  return lines;
}
