import { defineCheck } from '../../model/check';
import type { SecurityGroupRule } from '../../model/ec2';
import { accountResource, fail, notApplicable, pass } from '../results';

export default defineCheck({
  id: 'ec2_securitygroup_default_restrict_traffic',
  title: 'The default security group of every VPC allows no inbound and no outbound traffic',
  service: 'ec2',
  severity: 'medium',
  resourceType: 'AwsEc2SecurityGroup',
  risk: 'Resources launched without an explicit security group land in the default group; if it allows traffic, they can reach each other and send data out, which eases lateral movement and exfiltration and leaves responders without an isolating default.',
  remediation:
    'Remove every rule of the default group and give resources purpose-built groups: aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions "$(aws ec2 describe-security-groups --group-ids <sg-id> --query SecurityGroups[0].IpPermissions)" and the same with revoke-security-group-egress and IpPermissionsEgress.',
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html'],
  needs: ['securityGroups'],
  evaluate: ({ securityGroups }, ctx) =>
    ctx.regions.flatMap((region) => {
      // Every VPC, used or not, has exactly one group named "default"; AWS refuses that name for other groups.
      const defaults = (securityGroups[region] ?? []).filter((group) => group.name === 'default');
      if (defaults.length === 0)
        return [
          notApplicable(
            accountResource(ctx, 'ec2', region),
            `Region ${region} has no default security groups.`,
          ),
        ];
      return defaults.map((group) => {
        const resource = { region, type: 'AwsEc2SecurityGroup', id: group.id, arn: group.arn };
        const name = `Default security group ${group.id} of ${group.vpcId ?? 'no VPC'}`;
        if (group.ingress.length === 0 && group.egress.length === 0)
          return pass(resource, `${name} has no inbound or outbound rules.`);
        return fail(
          resource,
          `${name} still has ${count(group.ingress, 'inbound')} and ${count(group.egress, 'outbound')}.`,
        );
      });
    }),
});

/** Rules as AWS counts them: one per source of each permission. */
function count(permissions: readonly SecurityGroupRule[], direction: string): string {
  const rules = permissions.reduce(
    (total, rule) =>
      total +
      Math.max(
        1,
        rule.ipv4Ranges.length +
          rule.ipv6Ranges.length +
          rule.prefixListIds.length +
          rule.groupIds.length,
      ),
    0,
  );
  return `${rules} ${direction} rule${rules === 1 ? '' : 's'}`;
}
