import { defineCheck } from '../../model/check';
import { isServiceLinkedRole } from '../../iam/principals';
import { GLOBAL_REGION, accountResource, fail, notApplicable, pass } from '../results';
import { describeDate, pastDate } from './credentials';

/** Days without use after which a role counts as unused (Repokid's and Access Analyzer's default). */
export const UNUSED_ROLE_DAYS = 90;

export default defineCheck({
  id: 'iam_role_unused_90_days',
  title: 'Every role has been used in the last 90 days',
  service: 'iam',
  severity: 'low',
  resourceType: 'AwsIamRole',
  risk: 'A role nobody uses keeps its trust and permissions for whoever finds a way to assume it, and nobody notices when someone does.',
  remediation:
    'Confirm with the owner, then delete the role: aws iam delete-role --role-name <role> (after removing its policies and instance profiles).',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage_delete.html'],
  needs: ['authorizationDetails'],
  evaluate({ authorizationDetails }, ctx) {
    // Service-linked roles belong to their service; inventories saved before Pyjamas read
    // RoleLastUsed cannot tell and are not judged.
    const roles = authorizationDetails.roles.filter(
      (role) => !isServiceLinkedRole(role.arn) && role.lastUsed !== undefined,
    );
    if (roles.length === 0)
      return [
        notApplicable(
          accountResource(ctx, 'iam', GLOBAL_REGION),
          `Account ${ctx.account} has no roles with last-use data.`,
        ),
      ];
    return roles.map((role) => {
      const resource = { region: GLOBAL_REGION, type: 'AwsIamRole', id: role.name, arn: role.arn };
      const created = pastDate(role.createDate, ctx.now);
      const used = role.lastUsed ? pastDate(role.lastUsed, ctx.now) : null;
      if (created.days < UNUSED_ROLE_DAYS)
        return pass(
          resource,
          `Role ${role.name} was created ${describeDate(created)}, within ${UNUSED_ROLE_DAYS} days.`,
        );
      if (used && used.days < UNUSED_ROLE_DAYS)
        return pass(resource, `Role ${role.name} was last used ${describeDate(used)}.`);
      return fail(
        resource,
        used
          ? `Role ${role.name} was last used ${describeDate(used)}, ${UNUSED_ROLE_DAYS} days or more ago.`
          : `Role ${role.name} has not been used in the 400 days IAM tracks (created ${describeDate(created)}).`,
      );
    });
  },
});
