import type { Fetched } from './inventory';
import type { PolicyDocument } from './policy';

/**
 * A resource that carries a resource-based policy (an SQS queue, SNS topic, Lambda function, KMS
 * key, event bus, Glacier vault or secret), for CIS v7 2.21.
 */
export interface PolicyResource {
  readonly name: string;
  readonly arn: string;
  /**
   * The resource's policy, null when it has none; read per resource where the service lists
   * policies separately, so one refusal does not hide the other resources.
   */
  readonly policy: Fetched<PolicyDocument | null>;
}
