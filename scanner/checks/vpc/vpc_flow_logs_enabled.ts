import { defineCheck } from '../../model/check';
import { accountResource, fail, notApplicable, pass } from '../results';

export default defineCheck({
  id: 'vpc_flow_logs_enabled',
  title: 'Every VPC has an active flow log that captures at least rejected traffic',
  service: 'vpc',
  severity: 'medium',
  resourceType: 'AwsEc2Vpc',
  risk: 'Without flow logs responders cannot tell which hosts talked to which addresses, so scanning, lateral movement and exfiltration leave no network record, and the record cannot be produced after the fact.',
  remediation:
    'Create a flow log on the VPC: aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id> --traffic-type ALL --log-destination-type s3 --log-destination arn:aws:s3:::<bucket> (or deliver to CloudWatch Logs with --log-group-name and --deliver-logs-permission-arn).',
  references: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html',
    'https://docs.aws.amazon.com/vpc/latest/userguide/working-with-flow-logs.html',
  ],
  needs: ['vpcs', 'flowLogs'],
  evaluate: ({ vpcs, flowLogs }, ctx) =>
    ctx.regions.flatMap((region) => {
      const inRegion = vpcs[region] ?? [];
      if (inRegion.length === 0)
        return [
          notApplicable(accountResource(ctx, 'vpc', region), `Region ${region} has no VPCs.`),
        ];
      // CIS covers every VPC, used or not. Flow logs on subnets or network interfaces record only
      // part of a VPC's traffic, so only logs on the VPC itself count.
      return inRegion.map((vpc) => {
        const resource = { region, type: 'AwsEc2Vpc', id: vpc.id, arn: vpc.arn };
        const logs = (flowLogs[region] ?? []).filter((log) => log.resourceId === vpc.id);
        const active = logs.filter((log) => log.status === 'ACTIVE');
        // CIS asks for rejected traffic at minimum: ALL and REJECT record it, ACCEPT does not.
        const capturing =
          active.find((log) => log.trafficType === 'ALL') ??
          active.find((log) => log.trafficType === 'REJECT');
        if (capturing) {
          return pass(
            resource,
            `VPC ${vpc.id} has an active flow log capturing ${capturing.trafficType === 'ALL' ? 'all' : 'rejected'} traffic (${capturing.id}).`,
          );
        }
        if (logs.length === 0) return fail(resource, `VPC ${vpc.id} has no flow log.`);
        if (active.length === 0) {
          return fail(
            resource,
            `VPC ${vpc.id} has no active flow log (${logs.map((log) => `${log.id} is ${log.status}`).join(', ')}).`,
          );
        }
        return fail(
          resource,
          `VPC ${vpc.id} has flow logs of accepted traffic only (${active.map((log) => log.id).join(', ')}), so rejected traffic is not recorded.`,
        );
      });
    }),
});
