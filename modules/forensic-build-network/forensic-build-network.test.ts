import { checkAwsConstraints } from '../constraints';
import { imageBuilderSubnetRoutesOut } from '../constraints/image-builder-subnet-routes-out';
import { onlyResourceOfType, resourcesOfType, synthScope } from '../../test/helpers/cdktf-jest';
import { ForensicAmiPipeline } from '../forensic-ami-pipeline/forensic-ami-pipeline';
import { ForensicBuildNetwork } from './forensic-build-network';

describe('ForensicBuildNetwork', () => {
  const synthesized = synthScope((scope) => {
    const network = new ForensicBuildNetwork(scope, 'network');
    new ForensicAmiPipeline(scope, 'forensic-ami', {
      subnetId: network.privateSubnetId,
      securityGroupIds: [network.buildSecurityGroupId],
    });
  });

  test('gives the build a private subnet whose only way out is a NAT gateway in a subnet routed to an internet gateway', () => {
    const subnets = resourcesOfType(synthesized, 'aws_subnet');
    expect(Object.values(subnets).map((subnet) => subnet.map_public_ip_on_launch)).toEqual([
      false,
      false,
    ]);
    const tables = Object.values(resourcesOfType(synthesized, 'aws_route_table')).map(
      (table) => (table.route as { nat_gateway_id?: string; gateway_id?: string }[])[0],
    );
    expect(tables).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ gateway_id: expect.stringMatching(/aws_internet_gateway/) }),
        expect.objectContaining({ nat_gateway_id: expect.stringMatching(/aws_nat_gateway/) }),
      ]),
    );
    expect(
      onlyResourceOfType(synthesized, 'aws_imagebuilder_infrastructure_configuration'),
    ).toMatchObject({
      subnet_id: expect.stringMatching(/^\$\{aws_subnet\.network_private-subnet/),
    });
    expect(
      checkAwsConstraints(synthesized, { asOf: new Date(), adoptable: {} }, [
        imageBuilderSubnetRoutesOut,
      ]),
    ).toEqual([]);
  });

  test('lets the build reach the Ubuntu archive over HTTP and everything else over HTTPS, with nothing inbound', () => {
    const group = onlyResourceOfType(synthesized, 'aws_security_group');
    expect(group.ingress).toEqual([]);
    expect((group.egress as { from_port: number }[]).map((rule) => rule.from_port)).toEqual([
      443, 80,
    ]);
    expect(
      onlyResourceOfType(synthesized, 'aws_imagebuilder_infrastructure_configuration')
        .security_group_ids,
    ).toEqual([expect.stringMatching(/^\$\{aws_security_group\.network_build-group/)]);
  });

  test('leaves the default security group without rules and admits from outside only return traffic', () => {
    const group = onlyResourceOfType(synthesized, 'aws_default_security_group');
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
    const acl = onlyResourceOfType(synthesized, 'aws_default_network_acl');
    expect(acl.ingress).toEqual([
      expect.objectContaining({ cidr_block: '10.254.255.0/24', protocol: '-1' }),
      expect.objectContaining({ cidr_block: '0.0.0.0/0', protocol: 'tcp', from_port: 1024 }),
    ]);
  });

  test('rejects an address range it cannot split into two /26 subnets', () => {
    expect(() =>
      synthScope(
        (scope) => new ForensicBuildNetwork(scope, 'network', { cidrBlock: '10.0.0.0/28' }),
      ),
    ).toThrow(/cidrBlock must be an IPv4 range from \/16 to \/24/);
  });
});
