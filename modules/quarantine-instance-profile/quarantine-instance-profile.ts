import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { PLUMBING_COMPONENTS } from '../../lib/plumbing-tags';
import { policyDocument, serviceTrustPolicy } from '../shared/policy-document';
import { plumbingTags } from '../shared/tags';
import { checkNamePrefix } from '../shared/validation';

/** Properties of a {@link QuarantineInstanceProfile}. */
export interface QuarantineInstanceProfileProps {
  /**
   * Start of the role and profile names, `<prefix>-quarantine`.
   *
   * @default 'pyjamas'
   */
  readonly namePrefix?: string;

  /**
   * Provider of the account; IAM is global, so any region's provider will do.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * The instance profile a responder swaps onto a compromised instance (identity isolation). Its
 * role denies every action, so credentials the instance obtains from IMDS after the swap are
 * useless. Credentials issued before the swap stay valid until they expire: the responder also
 * revokes the old role's sessions.
 *
 * The deny is an inline policy rather than the AWS-managed AWSDenyAll, so that it cannot change
 * under the account's feet. Responders need `iam:PassRole` on {@link roleArn}.
 */
export class QuarantineInstanceProfile extends Construct {
  /** Name of the quarantine instance profile. */
  public readonly instanceProfileName: string;
  /** ARN of the quarantine instance profile. */
  public readonly instanceProfileArn: string;
  /** ARN of the deny-all role behind the profile. */
  public readonly roleArn: string;

  constructor(scope: Construct, id: string, props: QuarantineInstanceProfileProps = {}) {
    super(scope, id);
    const namePrefix = props.namePrefix ?? 'pyjamas';
    checkNamePrefix('QuarantineInstanceProfile', namePrefix);
    const provider = props.provider;
    const tags = plumbingTags(PLUMBING_COMPONENTS.quarantineInstanceProfile);

    const role = new IamRole(this, 'role', {
      provider,
      name: `${namePrefix}-quarantine`,
      description: 'Pyjamas quarantine: denies every action to isolated instances',
      assumeRolePolicy: serviceTrustPolicy('ec2.amazonaws.com'),
      tags,
    });
    new IamRolePolicy(this, 'deny-all', {
      provider,
      role: role.name,
      name: 'deny-all',
      policy: policyDocument([
        { Sid: 'DenyEverything', Effect: 'Deny', Action: '*', Resource: '*' },
      ]),
    });
    const profile = new IamInstanceProfile(this, 'instance-profile', {
      provider,
      name: `${namePrefix}-quarantine`,
      role: role.name,
      tags,
    });
    this.instanceProfileName = profile.name;
    this.instanceProfileArn = profile.arn;
    this.roleArn = role.arn;
  }
}
