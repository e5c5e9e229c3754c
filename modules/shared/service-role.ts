import type { TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { policyDocument, serviceTrustPolicy, type PolicyStatement } from './policy-document';

/** A role an AWS service assumes, with one inline policy. */
export interface ServiceRoleOptions {
  readonly name: string;
  readonly description: string;
  /** The service principal, e.g. `lambda.amazonaws.com`. */
  readonly service: string;
  /** Name of the inline policy. */
  readonly policyName: string;
  readonly statements: readonly PolicyStatement[];
  readonly tags: Record<string, string>;
  readonly provider?: TerraformProvider;
}

/**
 * Creates `<id>-role` and `<id>-policy` under `scope`. Returns the role's ARN and its policy,
 * which whatever the role is given to may have to wait for (Lambda checks a function's role
 * against its on-failure queue when the function is configured).
 */
export function serviceRole(
  scope: Construct,
  id: string,
  options: ServiceRoleOptions,
): { readonly arn: string; readonly policy: IamRolePolicy } {
  const { provider } = options;
  const role = new IamRole(scope, `${id}-role`, {
    provider,
    name: options.name,
    description: options.description,
    assumeRolePolicy: serviceTrustPolicy(options.service),
    tags: options.tags,
  });
  const policy = new IamRolePolicy(scope, `${id}-policy`, {
    provider,
    role: role.name,
    name: options.policyName,
    policy: policyDocument(options.statements),
  });
  return { arn: role.arn, policy };
}
