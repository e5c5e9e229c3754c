import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { EvidenceBucket } from '../../modules/evidence-bucket/evidence-bucket';
import { IsolationSecurityGroups } from '../../modules/isolation-security-groups/isolation-security-groups';
import { plumbingProvider } from '../../modules/shared/aws-provider';
import { regionVpcs, type CompleteRegion, type DeploymentOptions } from '../complete/stack';

/** Options of the {@link MinimalStack}. */
export interface MinimalStackOptions extends DeploymentOptions {
  /** The one region to deploy to, and its VPCs. */
  readonly target: CompleteRegion;
}

/**
 * The smallest useful plumbing: an evidence bucket to put evidence in, and isolation groups in
 * each VPC so that an instance can be contained. No trail, GuardDuty or Config.
 */
export class MinimalStack extends TerraformStack {
  constructor(scope: Construct, id: string, options: MinimalStackOptions) {
    super(scope, id);
    if (options.localStatePath) new LocalBackend(this, { path: options.localStatePath });
    const provider = plumbingProvider(this, 'aws', {
      region: options.target.region,
      allowedAccountIds: options.accountId ? [options.accountId] : undefined,
      emulatorEndpoint: options.emulatorEndpoint,
    });

    const evidence = new EvidenceBucket(this, 'evidence', {
      preventDestroy: options.preventDestroy,
    });
    const groups: Record<string, { isolation: string; untrack: string }> = {};
    for (const vpc of regionVpcs(this, options.target, provider)) {
      const name = vpc.name ?? vpc.vpcId;
      const isolation = new IsolationSecurityGroups(this, `isolation-${name}`, {
        vpcId: vpc.vpcId,
      });
      groups[name] = { isolation: isolation.isolationGroupId, untrack: isolation.untrackGroupId };
    }

    new TerraformOutput(this, 'evidence_bucket_name', { value: evidence.bucketName });
    new TerraformOutput(this, 'evidence_kms_key_arn', { value: evidence.kmsKeyArn });
    new TerraformOutput(this, 'isolation_groups', { value: groups });
  }
}
