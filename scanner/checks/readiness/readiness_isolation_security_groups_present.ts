import { PLUMBING_COMPONENTS, PLUMBING_TAG_KEY } from '../../../lib/plumbing-tags';
import { defineCheck } from '../../model/check';
import type { SecurityGroup, SecurityGroupRule } from '../../model/ec2';
import { accountResource, fail, notApplicable, pass } from '../results';

export default defineCheck({
  id: 'readiness_isolation_security_groups_present',
  title: 'Every VPC has the isolation and untrack security groups with exactly their rules',
  service: 'readiness',
  severity: 'medium',
  resourceType: 'AwsEc2Vpc',
  risk: 'Without prepared groups the responder must create them during the incident (slower, and it needs ec2:CreateSecurityGroup); a tampered isolation group that allows traffic leaves an "isolated" instance reachable.',
  remediation:
    'Give the VPC to the Pyjamas module (IsolationSecurityGroups). The isolation group must have no rule at all; the untrack group exactly the all-traffic rules in and out for 0.0.0.0/0 and ::/0. Remove any rule added since: aws ec2 revoke-security-group-ingress / revoke-security-group-egress --group-id <id> --security-group-rule-ids <rule>.',
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-connection-tracking.html',
  ],
  needs: ['vpcs', 'securityGroups'],
  evaluate: ({ vpcs, securityGroups }, ctx) =>
    ctx.regions.flatMap((region) => {
      const inRegion = vpcs[region] ?? [];
      if (inRegion.length === 0)
        return [
          notApplicable(accountResource(ctx, 'ec2', region), `Region ${region} has no VPCs.`),
        ];
      return inRegion.map((vpc) => {
        const resource = { region, type: 'AwsEc2Vpc', id: vpc.id, arn: vpc.arn };
        const tagged = (component: string) =>
          (securityGroups[region] ?? []).filter(
            (group) => group.vpcId === vpc.id && group.tags[PLUMBING_TAG_KEY] === component,
          );
        const problems = [
          ...judge(
            tagged(PLUMBING_COMPONENTS.isolationSecurityGroup),
            'isolation',
            PLUMBING_COMPONENTS.isolationSecurityGroup,
            isolates,
          ),
          ...judge(
            tagged(PLUMBING_COMPONENTS.untrackSecurityGroup),
            'untrack',
            PLUMBING_COMPONENTS.untrackSecurityGroup,
            untracks,
          ),
        ];
        return problems.length === 0
          ? pass(resource, `VPC ${vpc.id} has its isolation and untrack security groups ready.`)
          : fail(resource, `VPC ${vpc.id}: ${problems.join('; ')}.`);
      });
    }),
});

function judge(
  groups: readonly SecurityGroup[],
  role: string,
  component: string,
  fit: (group: SecurityGroup) => string | null,
): string[] {
  if (groups.length === 0) return [`no ${role} group (tag ${PLUMBING_TAG_KEY}=${component})`];
  const reasons = groups.map(fit);
  return reasons.every((reason) => reason !== null)
    ? reasons.map((reason, index) => `${role} group ${groups[index]?.id} ${reason}`)
    : [];
}

/**
 * An isolation group has exactly no rules: any rule, even to an endpoint, is a way in or out that
 * the module did not put there (memory capture's endpoint path is a group of its own).
 */
function isolates(group: SecurityGroup): string | null {
  if (group.ingress.length > 0) return `has ${group.ingress.length} inbound rules`;
  if (group.egress.length > 0) return `has ${group.egress.length} outbound rules`;
  return null;
}

/**
 * An untrack group has exactly the all-traffic rules for 0.0.0.0/0 and ::/0 both ways, so flows
 * become untracked, and nothing else.
 */
function untracks(group: SecurityGroup): string | null {
  const allOpen = (rules: readonly SecurityGroupRule[]) =>
    rules.some((rule) => rule.protocol === '-1' && rule.ipv4Ranges.includes('0.0.0.0/0')) &&
    rules.some((rule) => rule.protocol === '-1' && rule.ipv6Ranges.includes('::/0'));
  if (!allOpen(group.ingress) || !allOpen(group.egress))
    return 'does not allow all traffic in and out for 0.0.0.0/0 and ::/0';
  const other = [...group.ingress, ...group.egress].filter(
    (rule) =>
      rule.protocol !== '-1' ||
      rule.prefixListIds.length > 0 ||
      rule.groupIds.length > 0 ||
      rule.ipv4Ranges.some((range) => range !== '0.0.0.0/0') ||
      rule.ipv6Ranges.some((range) => range !== '::/0'),
  );
  return other.length === 0 ? null : `has ${other.length} rules besides all traffic`;
}
