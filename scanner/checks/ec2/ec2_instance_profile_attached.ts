import { defineCheck } from '../../model/check';
import { accountResource, fail, notApplicable, pass } from '../results';

export default defineCheck({
  id: 'ec2_instance_profile_attached',
  title: 'Every EC2 instance has an IAM instance profile',
  service: 'ec2',
  severity: 'medium',
  resourceType: 'AwsEc2Instance',
  risk: 'An instance without a role gets its AWS access from long-lived keys stored on its disk, which any intruder on the host copies and uses from anywhere, long after the instance is isolated.',
  remediation:
    'Create a role for the workload and attach it: aws ec2 associate-iam-instance-profile --instance-id <id> --iam-instance-profile Name=<profile>; then remove the stored keys.',
  references: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html'],
  needs: ['instances'],
  evaluate({ instances }, ctx) {
    return ctx.regions.flatMap((region) => {
      // Terminated instances linger in DescribeInstances for an hour and hold no credentials.
      const live = (instances[region] ?? []).filter(
        (instance) => instance.state !== 'terminated' && instance.state !== 'shutting-down',
      );
      if (live.length === 0)
        return [
          notApplicable(accountResource(ctx, 'ec2', region), `No EC2 instances in ${region}.`),
        ];
      return live.map((instance) => {
        const resource = { region, type: 'AwsEc2Instance', id: instance.id, arn: instance.arn };
        return instance.instanceProfileArn
          ? pass(
              resource,
              `Instance ${instance.id} uses instance profile ${instance.instanceProfileArn}.`,
            )
          : fail(resource, `Instance ${instance.id} has no IAM instance profile.`);
      });
    });
  },
});
