import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompleteStack } from '../../examples/complete/stack';
import { synthesizeStack } from '../../examples/terraform-stack';

/** One statement of an identity policy, as the module writes it. */
export interface DeployedStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** An identity policy document. */
export interface DeployedPolicyDocument {
  readonly Version: string;
  readonly Statement: DeployedStatement[];
}

/** A role's inline policy as the synthesized Terraform deploys it, references resolved. */
export interface DeployedRolePolicy {
  readonly roleName: string;
  readonly policyName: string;
  readonly document: DeployedPolicyDocument;
}

/** The account the references resolve into. */
export interface DeploymentTarget {
  readonly partition: string;
  readonly accountId: string;
  /** The home region: the region of `data.aws_region` and of resources without a provider alias. */
  readonly region: string;
}

/** What Terraform appends to a `bucket_prefix`; fixed here so the test can seed that bucket. */
export const BUCKET_SUFFIX = '20261207000000000000000001';

type Block = Record<string, unknown>;
type TerraformJson = { resource: Record<string, Record<string, Block>> };

/**
 * The synthesized Terraform JSON of the complete example in two regions, for real AWS (no
 * emulator endpoint, so nothing is left out of it).
 */
export function synthesizeCompleteExample(): TerraformJson {
  const work = mkdtempSync(join(tmpdir(), 'pyjamas-policy-'));
  try {
    const folder = synthesizeStack(
      work,
      (app) =>
        new CompleteStack(app, 'pyjamas-complete', {
          regions: [
            { region: 'us-east-1', defaultVpc: true },
            { region: 'eu-west-1', defaultVpc: true },
          ],
        }),
    );
    return JSON.parse(readFileSync(join(folder, 'cdk.tf.json'), 'utf8')) as TerraformJson;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Reads the inline role policies of a synthesized configuration and resolves the Terraform
 * references in them the way a deploy to `target` would: names come from the configuration,
 * ARNs are built from them, `bucket_prefix` gets {@link BUCKET_SUFFIX}. A reference this does
 * not know how to resolve throws, naming it, so a new kind of reference cannot slip through
 * as a literal string.
 */
export class DeployedPolicies {
  constructor(
    private readonly config: TerraformJson,
    private readonly target: DeploymentTarget,
  ) {}

  /** The inline policy named `policyName` (`aws_iam_role_policy.name`), with its role's name. */
  rolePolicy(policyName: string): DeployedRolePolicy {
    const policies = Object.values(this.config.resource.aws_iam_role_policy ?? {});
    const found = policies.filter((policy) => policy.name === policyName);
    if (found.length !== 1)
      throw new Error(
        `expected one aws_iam_role_policy named ${policyName}, found ${found.length} among ${policies.map((policy) => String(policy.name)).join(', ')}`,
      );
    const policy = found[0] as Block;
    return {
      roleName: this.resolve(String(policy.role)),
      policyName,
      document: JSON.parse(this.resolve(String(policy.policy))) as DeployedPolicyDocument,
    };
  }

  /** The name a bucket of the configuration gets, found by its `pyjamas:component` tag. */
  bucketName(component: string): string {
    const buckets = Object.values(this.config.resource.aws_s3_bucket ?? {}).filter(
      (bucket) =>
        (bucket.tags as Record<string, string> | undefined)?.['pyjamas:component'] === component,
    );
    if (buckets.length !== 1)
      throw new Error(`expected one aws_s3_bucket tagged ${component}, found ${buckets.length}`);
    return this.nameOfBucket(buckets[0] as Block);
  }

  private resolve(text: string): string {
    return text.replace(/\$\{([^}]+)\}/g, (_, reference: string) => this.valueOf(reference));
  }

  private valueOf(reference: string): string {
    const { partition, accountId } = this.target;
    const parts = reference.split('.');
    if (parts[0] === 'data') {
      const [, type, , attribute] = parts;
      if (type === 'aws_partition' && attribute === 'partition') return partition;
      if (type === 'aws_caller_identity' && attribute === 'account_id') return accountId;
      if (type === 'aws_region' && attribute === 'name') return this.target.region;
      throw new Error(`cannot resolve the data reference \${${reference}}`);
    }
    const [type, name, attribute] = parts;
    const block = this.config.resource[type ?? '']?.[name ?? ''];
    if (!block) throw new Error(`\${${reference}} names no resource of the configuration`);
    const region = this.regionOf(block);
    const named = () => this.resolve(String(block.name));
    switch (`${type}.${attribute}`) {
      case 'aws_s3_bucket.arn':
        return `arn:${partition}:s3:::${this.nameOfBucket(block)}`;
      case 'aws_iam_role.name':
      case 'aws_sqs_queue.name':
      case 'aws_sns_topic.name':
        return named();
      case 'aws_iam_role.arn':
        return `arn:${partition}:iam::${accountId}:role/${named()}`;
      case 'aws_sqs_queue.arn':
        return `arn:${partition}:sqs:${region}:${accountId}:${named()}`;
      case 'aws_sns_topic.arn':
        return `arn:${partition}:sns:${region}:${accountId}:${named()}`;
      case 'aws_kms_key.arn':
        // AWS picks a key's id; the resource's name stands in for it.
        return `arn:${partition}:kms:${region}:${accountId}:key/${name}`;
      case 'aws_lambda_function.function_name':
        return this.resolve(String(block.function_name));
      default:
        throw new Error(`cannot resolve the reference \${${reference}}`);
    }
  }

  private nameOfBucket(block: Block): string {
    if (typeof block.bucket === 'string') return this.resolve(block.bucket);
    if (typeof block.bucket_prefix === 'string')
      return `${this.resolve(block.bucket_prefix)}${BUCKET_SUFFIX}`;
    throw new Error('a bucket of the configuration has neither bucket nor bucket_prefix');
  }

  /** Region of a resource: its provider alias (`aws.eu-west-1`) or the home region. */
  private regionOf(block: Block): string {
    const provider = typeof block.provider === 'string' ? block.provider : undefined;
    return provider?.startsWith('aws.') ? provider.slice('aws.'.length) : this.target.region;
  }
}
