import { defineCheck } from '../../model/check';
import { accountResource, fail, notApplicable, pass } from '../results';
import { adminPortsAllowedByAcl, portList } from './admin-ports';

export default defineCheck({
  id: 'ec2_networkacl_no_internet_ingress_to_admin_ports',
  title: 'No network ACL allows ingress from 0.0.0.0/0 or ::/0 to SSH (22) or RDP (3389)',
  service: 'ec2',
  severity: 'medium',
  resourceType: 'AwsEc2NetworkAcl',
  risk: 'A network ACL that lets the internet reach SSH and RDP leaves the security groups as the only barrier, so one permissive group exposes remote administration of every instance in the subnet.',
  remediation:
    'Add inbound deny entries numbered below the allow entries, for 0.0.0.0/0 and ::/0, ports 22 and 3389: aws ec2 create-network-acl-entry --network-acl-id <acl-id> --ingress --rule-number 10 --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny (repeat for UDP, for port 3389 and with --ipv6-cidr-block ::/0), or replace the allow-all entries with allows of the ports you need.',
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html',
  ],
  needs: ['networkAcls'],
  evaluate: ({ networkAcls }, ctx) =>
    ctx.regions.flatMap((region) => {
      const acls = networkAcls[region] ?? [];
      if (acls.length === 0)
        return [
          notApplicable(
            accountResource(ctx, 'ec2', region),
            `Region ${region} has no network ACLs.`,
          ),
        ];
      // CIS covers every ACL, associated with subnets or not: an unused ACL can be associated at any time.
      // AWS's default network ACL allows all inbound traffic from 0.0.0.0/0 and ::/0, so it fails until restricted.
      return acls.map((acl) => {
        const resource = { region, type: 'AwsEc2NetworkAcl', id: acl.id, arn: acl.arn };
        const name = `${acl.isDefault ? 'Default network ACL' : 'Network ACL'} ${acl.id} of ${acl.vpcId}`;
        const ports = adminPortsAllowedByAcl(acl.entries);
        return ports.length > 0
          ? fail(resource, `${name} allows ingress from the internet to ${portList(ports)}.`)
          : pass(resource, `${name} allows no ingress from the internet to ports 22 or 3389.`);
      });
    }),
});
