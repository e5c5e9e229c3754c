import { defineCheck } from '../../model/check';
import { accountResource, fail, notApplicable, pass } from '../results';
import { isInternet, portsOpened } from './admin-ports';

/** SMB/CIFS over TCP (and UDP, which CIS counts as well). */
const CIFS_PORT = 445;

export default defineCheck({
  id: 'ec2_securitygroup_no_internet_ingress_to_cifs',
  title: 'No security group allows ingress from the internet to CIFS (port 445)',
  service: 'ec2',
  severity: 'high',
  resourceType: 'AwsEc2SecurityGroup',
  risk: 'SMB exposed to the internet is scanned continuously and has a long record of wormable flaws (EternalBlue, SMBGhost); one open port lets ransomware in or file shares out.',
  remediation:
    'Remove the rules that open port 445 to 0.0.0.0/0 or ::/0 and reach file shares over a VPN, Direct Connect or Session Manager port forwarding instead.',
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    'https://docs.aws.amazon.com/fsx/latest/WindowsGuide/limit-access-security-groups.html',
  ],
  needs: ['securityGroups'],
  evaluate({ securityGroups }, ctx) {
    return ctx.regions.flatMap((region) => {
      const groups = securityGroups[region] ?? [];
      if (groups.length === 0)
        return [
          notApplicable(
            accountResource(ctx, 'ec2', region),
            `Region ${region} has no security groups.`,
          ),
        ];
      return groups.map((group) => {
        const resource = { region, type: 'AwsEc2SecurityGroup', id: group.id, arn: group.arn };
        const open = group.ingress.find((rule) => {
          const internet =
            rule.ipv4Ranges.some((cidr) => isInternet(cidr, 'ipv4')) ||
            rule.ipv6Ranges.some((cidr) => isInternet(cidr, 'ipv6'));
          return (
            internet &&
            portsOpened(rule.protocol, rule.fromPort, rule.toPort, [CIFS_PORT]).length > 0
          );
        });
        return open
          ? fail(
              resource,
              `Security group ${group.id} (${group.name}) allows ingress from the internet to port ${CIFS_PORT} (${open.protocol}).`,
            )
          : pass(
              resource,
              `Security group ${group.id} (${group.name}) allows no ingress from the internet to port ${CIFS_PORT}.`,
            );
      });
    });
  },
});
