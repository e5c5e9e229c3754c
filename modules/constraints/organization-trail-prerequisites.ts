import type { ConstraintRule } from './rule';
import { asList, nested, resourcesOf } from './synthesized-terraform';

const CLOUDTRAIL = 'cloudtrail.amazonaws.com';

/** The conditions of a block's lifecycle preconditions, as written in the Terraform JSON. */
function preconditions(block: Readonly<Record<string, unknown>>): string[] {
  const lifecycle = nested(block.lifecycle);
  return asList(lifecycle?.precondition as readonly Record<string, unknown>[] | undefined)
    .map((precondition) => precondition.condition)
    .filter((condition): condition is string => typeof condition === 'string');
}

/**
 * CloudTrail creates an organization trail only where AWS Organizations trusts CloudTrail
 * (EnableAWSServiceAccess for `cloudtrail.amazonaws.com`) and, from a member account, only if
 * that account is registered as CloudTrail's delegated administrator. The stack cannot make
 * either true from where it runs, so the trail must carry a precondition that reads them
 * (`aws_service_access_principals` of the organization, or the delegated administrators of
 * `cloudtrail.amazonaws.com`) and stops the plan; without one the apply fails at the trail after
 * everything before it was created. moto 5.2.1 creates organization trails from any account.
 */
export const organizationTrailPrerequisites: ConstraintRule = {
  id: 'organization-trail-prerequisites',
  description:
    "An organization trail is planned only after checking CloudTrail's trusted access or its delegated administrator.",
  documentation:
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-an-organizational-trail-prepare.html',
  check(document) {
    const administratorLists = Object.entries(
      document.data?.aws_organizations_delegated_administrators ?? {},
    )
      .filter(([, block]) => block.service_principal === CLOUDTRAIL)
      .map(([name]) => `data.aws_organizations_delegated_administrators.${name}.`);
    const checksReadiness = (condition: string) =>
      (condition.includes('.aws_service_access_principals') &&
        condition.includes(`"${CLOUDTRAIL}"`)) ||
      administratorLists.some((reference) => condition.includes(reference));
    return resourcesOf(document, 'aws_cloudtrail')
      .filter(({ block }) => block.is_organization_trail === true)
      .filter(({ block }) => !preconditions(block).some(checksReadiness))
      .map(({ address }) => ({
        rule: this.id,
        address,
        message:
          "organization trail without a precondition on CloudTrail's trusted access (aws_organizations_organization aws_service_access_principals) or its delegated administrator (aws_organizations_delegated_administrators for cloudtrail.amazonaws.com): use the OrganizationTrail construct.",
      }));
  },
};
