import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';

/**
 * Account, partition and region of one provider configuration, read at plan time so that the
 * same construct builds correct ARNs in any account, partition (aws, aws-cn, aws-us-gov) and region.
 */
export class AwsContext extends Construct {
  /** Id of the account the provider acts in. */
  public readonly accountId: string;
  /** Partition of the provider's region, e.g. `aws`. */
  public readonly partition: string;
  /** Name of the provider's region, e.g. `eu-west-1`. */
  public readonly region: string;

  constructor(scope: Construct, id: string, provider?: TerraformProvider) {
    super(scope, id);
    this.accountId = new DataAwsCallerIdentity(this, 'account', { provider }).accountId;
    this.partition = new DataAwsPartition(this, 'partition', { provider }).partition;
    this.region = new DataAwsRegion(this, 'region', { provider }).name;
  }

  /** ARN of the account's root principal, which delegates to the account's IAM policies. */
  public accountRootArn(accountId: string = this.accountId): string {
    return `arn:${this.partition}:iam::${accountId}:root`;
  }
}
