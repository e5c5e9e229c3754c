import { defineCheck } from '../../model/check';
import type { PolicyStatement } from '../../model/policy';
import { accountOf, trustedOf } from '../../iam/trust';
import { GLOBAL_REGION, accountResource, fail, notApplicable, pass } from '../results';

/** Conditions that tie a cross-account trust to a known party. */
const GUARD_KEYS = [
  'sts:externalid',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:sourceaccount',
  'aws:sourcearn',
];

function guardedBy(statement: PolicyStatement): boolean {
  return Object.values(statement.Condition ?? {}).some((entries) =>
    Object.keys(entries).some((key) => GUARD_KEYS.includes(key.toLowerCase())),
  );
}

export default defineCheck({
  id: 'iam_role_trust_not_open',
  title:
    'No role trusts everyone, or another account without an ExternalId or organization condition',
  service: 'iam',
  severity: 'high',
  resourceType: 'AwsIamRole',
  risk: 'A role anyone can assume is an open door; a role another account can assume without sts:ExternalId or aws:PrincipalOrgID is open to every principal that account lets through, and to the confused-deputy problem.',
  remediation:
    'Name the exact principals in the trust policy and add sts:ExternalId (third parties) or aws:PrincipalOrgID (your organization) conditions: aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid',
  ],
  needs: ['authorizationDetails'],
  evaluate({ authorizationDetails }, ctx) {
    const roles = authorizationDetails.roles.filter((role) => role.assumeRolePolicy !== null);
    if (roles.length === 0)
      return [
        notApplicable(
          accountResource(ctx, 'iam', GLOBAL_REGION),
          `Account ${ctx.account} has no roles with a trust policy.`,
        ),
      ];
    return roles.map((role) => {
      const resource = { region: GLOBAL_REGION, type: 'AwsIamRole', id: role.name, arn: role.arn };
      const problems = (role.assumeRolePolicy?.Statement ?? []).flatMap((statement, index) => {
        if (statement.Effect !== 'Allow') return [];
        const conditioned = Object.keys(statement.Condition ?? {}).length > 0;
        const trusted = trustedOf(statement, 'AWS');
        const open = trusted.includes('*');
        const foreign = trusted.filter(
          (entry) => entry !== '*' && accountOf(entry) !== null && accountOf(entry) !== ctx.account,
        );
        if (open && !guardedBy(statement))
          return [
            `statement ${index} trusts every AWS principal${conditioned ? ' (its conditions name no ExternalId or organization)' : ''}`,
          ];
        if (foreign.length > 0 && !guardedBy(statement))
          return [
            `statement ${index} trusts ${foreign.join(', ')} without an ExternalId or organization condition`,
          ];
        return [];
      });
      return problems.length > 0
        ? fail(resource, `Role ${role.name}: ${problems.join('; ')}.`)
        : pass(
            resource,
            `Role ${role.name} trusts only this account, services or guarded principals.`,
          );
    });
  },
});
