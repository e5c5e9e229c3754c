import { defineCheck } from '../../model/check';
import { accountResource, fail, notApplicable, pass } from '../results';

/** Instances on their way out or gone: they can no longer be reached or changed. */
const ENDED_STATES: readonly string[] = ['shutting-down', 'terminated'];

export default defineCheck({
  id: 'ec2_instance_imdsv2_enabled',
  title: 'Every EC2 instance requires IMDSv2 or has the instance metadata service turned off',
  service: 'ec2',
  severity: 'high',
  resourceType: 'AwsEc2Instance',
  risk: 'IMDSv1 answers a plain GET, so a server-side request forgery or open proxy on the instance hands an attacker the credentials of its IAM role; IMDSv2 session tokens block that path.',
  remediation:
    'Require session tokens: aws ec2 modify-instance-metadata-options --instance-id <instance-id> --http-tokens required --http-endpoint enabled, and make it the default for new instances with aws ec2 modify-instance-metadata-defaults --http-tokens required.',
  references: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html',
  ],
  needs: ['instances'],
  evaluate: ({ instances }, ctx) =>
    ctx.regions.flatMap((region) => {
      const live = (instances[region] ?? []).filter(
        (instance) => !ENDED_STATES.includes(instance.state),
      );
      if (live.length === 0)
        return [
          notApplicable(
            accountResource(ctx, 'ec2', region),
            `Region ${region} has no instances that are not terminated.`,
          ),
        ];
      return live.map((instance) => {
        const resource = { region, type: 'AwsEc2Instance', id: instance.id, arn: instance.arn };
        if (instance.httpTokens === 'required')
          return pass(resource, `Instance ${instance.id} requires IMDSv2 session tokens.`);
        if (instance.httpEndpoint === 'disabled')
          return pass(
            resource,
            `Instance ${instance.id} has the instance metadata service turned off, so there is no IMDSv1 to answer.`,
          );
        return fail(
          resource,
          `Instance ${instance.id} still answers IMDSv1 requests (HttpTokens is ${instance.httpTokens ?? 'not reported'}).`,
        );
      });
    }),
});
