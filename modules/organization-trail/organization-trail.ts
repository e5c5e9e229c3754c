import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { PLUMBING_COMPONENTS } from '../../lib/plumbing-tags';
import type { LogDestination } from '../shared/log-destination';
import { plumbingTags } from '../shared/tags';
import { checkNamePrefix } from '../shared/validation';

/** Properties of an {@link OrganizationTrail}. */
export interface OrganizationTrailProps {
  /**
   * The central evidence bucket and its key, whose policies let the management account's trails
   * write `AWSLogs/<organization id>/` (EvidenceBucket `organizationTrail`).
   */
  readonly destination: LogDestination;

  /**
   * Start of the trail's name: `<namePrefix>-organization-trail`.
   *
   * @default 'pyjamas'
   */
  readonly namePrefix?: string;

  /**
   * Provider of the organization's management account, or of the account AWS Organizations
   * registered as CloudTrail's delegated administrator, in the trail's home region.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * A multi-region organization trail (`is_organization_trail`): CloudTrail records management
 * events of every account of the organization, members included, which cannot stop or change
 * it, and delivers them, signed for integrity validation and encrypted with the evidence key,
 * under `AWSLogs/<organization id>/<account>/` of the central evidence bucket.
 *
 * Only the management account or CloudTrail's delegated administrator may create it, and the
 * management account owns it either way: its ARN holds the management account's id, which the
 * bucket and key policies name. The organization needs all features and CloudTrail's trusted
 * access enabled first. moto 5.2.1 accepts the flag from any account and checks none of this.
 * Each account keeps its own trail for the CIS alarms of its own CloudWatch Logs group.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html
 */
export class OrganizationTrail extends Construct {
  /** ARN of the trail, in the management account. */
  public readonly trailArn: string;
  /** Name of the trail. */
  public readonly trailName: string;

  constructor(scope: Construct, id: string, props: OrganizationTrailProps) {
    super(scope, id);
    const namePrefix = props.namePrefix ?? 'pyjamas';
    checkNamePrefix('OrganizationTrail', namePrefix);
    const trail = new Cloudtrail(this, 'trail', {
      provider: props.provider,
      name: `${namePrefix}-organization-trail`,
      s3BucketName: props.destination.bucketName,
      kmsKeyId: props.destination.kmsKeyArn,
      isOrganizationTrail: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      eventSelector: [{ readWriteType: 'All', includeManagementEvents: true }],
      tags: plumbingTags(PLUMBING_COMPONENTS.trail),
      // CloudTrail checks its access to the bucket and key when the trail is created.
      dependsOn: props.destination.deliveryDependencies,
    });
    this.trailArn = trail.arn;
    this.trailName = trail.name;
  }
}
