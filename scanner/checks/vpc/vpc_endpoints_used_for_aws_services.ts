import { defineCheck } from '../../model/check';
import { accountResource, fail, notApplicable, pass } from '../results';

export default defineCheck({
  id: 'vpc_endpoints_used_for_aws_services',
  title: 'Every VPC reaches AWS services through at least one VPC endpoint',
  service: 'vpc',
  severity: 'low',
  resourceType: 'AwsEc2Vpc',
  risk: 'Without endpoints, traffic to S3, KMS or STS leaves through internet or NAT gateways, where endpoint policies cannot restrict which accounts and buckets it may reach: an open path for exfiltration.',
  remediation:
    'Create a gateway endpoint for S3 (and DynamoDB) and interface endpoints for the services the VPC uses, with endpoint policies limited to the organization: aws ec2 create-vpc-endpoint --vpc-id <vpc> --service-name com.amazonaws.<region>.s3.',
  references: ['https://docs.aws.amazon.com/vpc/latest/privatelink/concepts.html'],
  needs: ['vpcs', 'vpcEndpoints'],
  evaluate({ vpcs, vpcEndpoints }, ctx) {
    return ctx.regions.flatMap((region) => {
      const list = vpcs[region] ?? [];
      if (list.length === 0)
        return [
          notApplicable(accountResource(ctx, 'vpc', region), `Region ${region} has no VPCs.`),
        ];
      return list.map((vpc) => {
        const resource = { region, type: 'AwsEc2Vpc', id: vpc.id, arn: vpc.arn };
        const endpoints = (vpcEndpoints[region] ?? []).filter(
          (endpoint) => endpoint.vpcId === vpc.id && endpoint.state.toLowerCase() === 'available',
        );
        return endpoints.length > 0
          ? pass(
              resource,
              `VPC ${vpc.id} reaches ${endpoints.map((endpoint) => endpoint.serviceName).join(', ')} through VPC endpoints.`,
            )
          : fail(resource, `VPC ${vpc.id} has no available VPC endpoint.`);
      });
    });
  },
});
