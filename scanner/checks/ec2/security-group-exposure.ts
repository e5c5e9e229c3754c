import type { CheckContext, PerRegion } from '../../model/check';
import type { SecurityGroup } from '../../model/ec2';
import type { CheckResult } from '../../model/finding';
import { accountResource, fail, notApplicable, pass } from '../results';
import { INTERNET, adminPortsOpenToInternet, portList, type AddressFamily } from './admin-ports';

/** Judges every security group for admin ports open to the internet of one address family. */
export function judgeAdminPortExposure(
  securityGroups: PerRegion<readonly SecurityGroup[]>,
  ctx: CheckContext,
  family: AddressFamily,
): CheckResult[] {
  return ctx.regions.flatMap((region) => {
    const groups = securityGroups[region] ?? [];
    if (groups.length === 0) {
      return [
        notApplicable(
          accountResource(ctx, 'ec2', region),
          `Region ${region} has no security groups.`,
        ),
      ];
    }
    return groups.map((group) => {
      const resource = { region, type: 'AwsEc2SecurityGroup', id: group.id, arn: group.arn };
      const ports = [
        ...new Set(group.ingress.flatMap((rule) => adminPortsOpenToInternet(rule, family))),
      ].sort((a, b) => a - b);
      return ports.length > 0
        ? fail(
            resource,
            `Security group ${group.id} (${group.name}) allows ingress from ${INTERNET[family]} to ${portList(ports)}.`,
          )
        : pass(
            resource,
            `Security group ${group.id} (${group.name}) allows no ingress from ${INTERNET[family]} to ports 22 or 3389.`,
          );
    });
  });
}
