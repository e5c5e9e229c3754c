import { Fn, Op, Token, type IResolvable, type Precondition, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsOrganizationsDelegatedAdministrators } from '@cdktf/provider-aws/lib/data-aws-organizations-delegated-administrators';
import { DataAwsOrganizationsOrganization } from '@cdktf/provider-aws/lib/data-aws-organizations-organization';
import { PLUMBING_COMPONENTS } from '../../lib/plumbing-tags';
import type { LogDestination } from '../shared/log-destination';
import { plumbingTags } from '../shared/tags';
import { checkNamePrefix, checkOneOf } from '../shared/validation';

/** Which account of the organization creates the trail. */
export const ORGANIZATION_TRAIL_CREATORS = [
  'management-account',
  'delegated-administrator',
] as const;

/** The service principal AWS Organizations integrates CloudTrail under. */
const CLOUDTRAIL = 'cloudtrail.amazonaws.com';

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

  /**
   * Which account `provider` signs in to: the organization's management account, or the member
   * account registered as CloudTrail's delegated administrator. The plan checks that the account
   * is what this says and that the organization is ready for the trail.
   *
   * @default 'management-account'
   */
  readonly createdBy?: (typeof ORGANIZATION_TRAIL_CREATORS)[number];
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
 * access (EnableAWSServiceAccess for `cloudtrail.amazonaws.com`), and a delegated administrator
 * must be registered for `cloudtrail.amazonaws.com`; CloudTrail otherwise refuses the trail
 * (CloudTrailAccessNotEnabledException, NotOrganizationMasterAccountException) after Terraform
 * has created everything before it. Preconditions on the trail read the organization with the
 * trail's own provider and fail `terraform plan` instead, naming the command that fixes it.
 * moto 5.2.1 accepts the flag from any account and checks none of this.
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
    checkOneOf(
      'OrganizationTrail',
      'createdBy',
      props.createdBy ?? 'management-account',
      ORGANIZATION_TRAIL_CREATORS,
    );
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
      lifecycle: { precondition: organizationReady(this, props.provider, props.createdBy) },
    });
    this.trailArn = trail.arn;
    this.trailName = trail.name;
  }
}

/**
 * What AWS requires of the organization and of the creating account before it creates an
 * organization trail, as preconditions that Terraform evaluates during plan, when it reads the
 * data sources, so a missing step stops the plan before any resource is created.
 *
 * From the management account: all features, and CloudTrail's trusted access, which
 * ListAWSServiceAccessForOrganization (the data source's `aws_service_access_principals`)
 * reports. From a delegated administrator: its registration for `cloudtrail.amazonaws.com`
 * (ListDelegatedAdministrators, which AWS answers with AccessDenied in a member account that is
 * no delegated administrator of any service; CloudTrail's RegisterOrganizationDelegatedAdmin
 * itself requires trusted access, so a registration made through CloudTrail implies it).
 */
function organizationReady(
  scope: Construct,
  provider: TerraformProvider | undefined,
  createdBy: (typeof ORGANIZATION_TRAIL_CREATORS)[number] = 'management-account',
): Precondition[] {
  const caller = new DataAwsCallerIdentity(scope, 'caller', { provider });
  if (createdBy === 'delegated-administrator') {
    const administrators = new DataAwsOrganizationsDelegatedAdministrators(
      scope,
      'cloudtrail-administrators',
      { provider, servicePrincipal: CLOUDTRAIL },
    );
    const administratorIds = Token.asList(
      Fn.lookupNested(administrators.delegatedAdministrators, ['*', 'id']),
    );
    return [
      {
        condition: Fn.contains(administratorIds, caller.accountId) as IResolvable,
        errorMessage: `OrganizationTrail: account ${caller.accountId} is not registered as CloudTrail's delegated administrator; from the management account, with CloudTrail's trusted access enabled, run \`aws cloudtrail register-organization-delegated-admin --member-account-id ${caller.accountId}\`, or create the trail from the management account (createdBy 'management-account')`,
      },
    ];
  }
  const organization = new DataAwsOrganizationsOrganization(scope, 'organization', { provider });
  return [
    {
      condition: Op.eq(caller.accountId, organization.masterAccountId),
      errorMessage: `OrganizationTrail: account ${caller.accountId} is not the management account ${organization.masterAccountId}; give the trail the management account's provider, or createdBy 'delegated-administrator' for CloudTrail's delegated administrator`,
    },
    {
      condition: Op.eq(organization.featureSet, 'ALL'),
      errorMessage:
        'OrganizationTrail: the organization has consolidated billing features only; enable all features (AWS Organizations console, Settings) and plan again',
    },
    {
      condition: Fn.contains(organization.awsServiceAccessPrincipals, CLOUDTRAIL) as IResolvable,
      errorMessage: `OrganizationTrail: CloudTrail's trusted access is not enabled in the organization; from the management account run \`aws organizations enable-aws-service-access --service-principal ${CLOUDTRAIL}\` and plan again`,
    },
  ];
}
