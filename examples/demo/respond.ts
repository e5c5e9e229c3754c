import {
  AutoScalingClient,
  DescribeAutoScalingInstancesCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  DescribeIamInstanceProfileAssociationsCommand,
  DescribeNetworkInterfacesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  IAMClient,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListUserPoliciesCommand,
} from '@aws-sdk/client-iam';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { AwsClients } from '../../lib/aws/clients';
import { ResponseFailedError, type LambdaResult } from '../../responders/core/lambda-flow';
import type { PlantedIncident } from './incident';

/** What one handler call did, as the demo shows it. */
export interface HandlerRun<Result extends LambdaResult> {
  /** The handler's answer, also when it threw for a failed run. */
  readonly result?: Result;
  /** Why the handler threw, when it did. */
  readonly error?: string;
  /** Requests the handler sent, per service. */
  readonly roundTrips: ReadonlyMap<string, number>;
  readonly seconds: number;
}

/** The outcome of both findings. */
export interface DeliveredFindings {
  readonly isolation: HandlerRun<LambdaResult>;
  readonly revocation: HandlerRun<LambdaResult>;
}

/**
 * The environment a deployed function runs with, read back from Lambda (the module's values as
 * Terraform resolved them), plus what Lambda itself sets: `AWS_REGION`.
 */
export async function deployedEnvironment(
  aws: AwsClients,
  region: string,
  functionName: string,
): Promise<Record<string, string>> {
  const configuration = await aws
    .get(LambdaClient, region)
    .send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
  return { ...(configuration.Environment?.Variables ?? {}), AWS_REGION: region };
}

/**
 * Calls a handler as Lambda would, with `variables` as the process environment for the call
 * (restored afterwards), timing it and counting its requests with `takeRoundTrips`.
 */
export async function invokeAsDeployed<Result extends LambdaResult>(
  variables: Readonly<Record<string, string>>,
  invoke: () => Promise<Result>,
  takeRoundTrips: () => ReadonlyMap<string, number>,
  now: () => number = () => performance.now(),
): Promise<HandlerRun<Result>> {
  const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  takeRoundTrips();
  const started = now();
  try {
    const result = await invoke();
    return { result, roundTrips: takeRoundTrips(), seconds: (now() - started) / 1000 };
  } catch (error) {
    const seconds = (now() - started) / 1000;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      ...(error instanceof ResponseFailedError ? { result: error.result as Result } : {}),
      error: message,
      roundTrips: takeRoundTrips(),
      seconds,
    };
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** One observed fact about a resource, e.g. `eni-1 security groups` → `sg-web`. */
export type Snapshot = ReadonlyMap<string, string>;

/** Each fact that differs between two snapshots, as "what: before → after". */
export function changesBetween(before: Snapshot, after: Snapshot): string[] {
  const labels = [...new Set([...before.keys(), ...after.keys()])];
  return labels
    .filter((label) => before.get(label) !== after.get(label))
    .map((label) => `${label}: ${before.get(label) ?? '(none)'} → ${after.get(label) ?? '(none)'}`);
}

/** What containment changes about the instance: its interfaces' groups, its group memberships, its profile. */
export async function instanceSnapshot(
  aws: AwsClients,
  region: string,
  incident: PlantedIncident,
): Promise<Snapshot> {
  const facts = new Map<string, string>();
  const { NetworkInterfaces = [] } = await aws.get(EC2Client, region).send(
    new DescribeNetworkInterfacesCommand({
      NetworkInterfaceIds: [...incident.networkInterfaceIds],
    }),
  );
  for (const eni of NetworkInterfaces)
    facts.set(
      `${eni.NetworkInterfaceId} security groups`,
      (eni.Groups ?? []).map((group) => group.GroupName ?? group.GroupId).join(', '),
    );
  const { AutoScalingInstances = [] } = await aws
    .get(AutoScalingClient, region)
    .send(new DescribeAutoScalingInstancesCommand({ InstanceIds: [incident.instanceId] }));
  facts.set(
    'Auto Scaling group',
    AutoScalingInstances.map(
      (member) => `${member.AutoScalingGroupName} (${member.LifecycleState})`,
    ).join(', ') || 'none',
  );
  const { TargetHealthDescriptions = [] } = await aws
    .get(ElasticLoadBalancingV2Client, region)
    .send(new DescribeTargetHealthCommand({ TargetGroupArn: incident.targetGroupArn }));
  const registered = TargetHealthDescriptions.some(
    (target) => target.Target?.Id === incident.instanceId,
  );
  facts.set('target group shop-web', registered ? 'registered' : 'not registered');
  const { IamInstanceProfileAssociations = [] } = await aws.get(EC2Client, region).send(
    new DescribeIamInstanceProfileAssociationsCommand({
      Filters: [{ Name: 'instance-id', Values: [incident.instanceId] }],
    }),
  );
  facts.set(
    'instance profile',
    IamInstanceProfileAssociations.filter((association) => association.State === 'associated')
      .map((association) => association.IamInstanceProfile?.Arn?.split('/').pop() ?? '?')
      .join(', ') || 'none',
  );
  return facts;
}

/** What revocation changes about the key's owner: the key's status and the user's policies. */
export async function keySnapshot(
  aws: AwsClients,
  region: string,
  incident: PlantedIncident,
): Promise<Snapshot> {
  const iam = aws.get(IAMClient, region);
  const facts = new Map<string, string>();
  const { AccessKeyMetadata = [] } = await iam.send(
    new ListAccessKeysCommand({ UserName: incident.userName }),
  );
  for (const key of AccessKeyMetadata)
    facts.set(`access key ${key.AccessKeyId}`, key.Status ?? '?');
  const { PolicyNames = [] } = await iam.send(
    new ListUserPoliciesCommand({ UserName: incident.userName }),
  );
  facts.set(`${incident.userName} inline policies`, PolicyNames.join(', ') || 'none');
  const { AttachedPolicies = [] } = await iam.send(
    new ListAttachedUserPoliciesCommand({ UserName: incident.userName }),
  );
  facts.set(
    `${incident.userName} attached policies`,
    AttachedPolicies.map((policy) => policy.PolicyName).join(', ') || 'none',
  );
  return facts;
}
