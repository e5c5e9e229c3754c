import type { ITerraformDependable } from 'cdktf';

/**
 * A bucket that AWS services deliver logs and findings into, with the KMS key that encrypts
 * them. {@link EvidenceBucket} is one; in an organization it lives in the security account.
 */
export interface LogDestination {
  /** Name of the bucket. */
  readonly bucketName: string;
  /** ARN of the bucket. */
  readonly bucketArn: string;
  /** ARN of the customer managed KMS key that encrypts what is delivered. */
  readonly kmsKeyArn: string;
  /**
   * Account that owns the bucket. Writers in other accounts (responders of an organization's
   * members) need it: they name it as the bucket's expected owner.
   *
   * @default - unknown: only services deliver from other accounts
   */
  readonly accountId?: string;
  /**
   * Resources that must exist before a service is pointed at the bucket: the bucket policy and
   * key policy that let it write. CloudTrail, Config and GuardDuty check their access when the
   * trail, delivery channel or publishing destination is created.
   */
  readonly deliveryDependencies: ITerraformDependable[];
}
