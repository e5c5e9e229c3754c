import { defineCheck } from '../../model/check';
import { accountResource, fail, notApplicable, pass } from '../results';

/** Instances on their way out or gone run nothing and cost nothing more. */
const ENDED_STATES: readonly string[] = ['shutting-down', 'terminated'];

export default defineCheck({
  id: 'ec2_instance_in_allowed_region',
  title: 'EC2 instances run only in the regions the account is meant to use',
  service: 'ec2',
  severity: 'high',
  resourceType: 'AwsEc2Instance',
  risk: 'Stolen keys are used to launch instances (often crypto miners) in regions nobody watches; an instance outside the regions the team uses is either unauthorized or unmonitored.',
  remediation:
    'Find who launched it (CloudTrail RunInstances in that region), isolate it with pyjamas isolate-instance, and deny the unused regions with an SCP on aws:RequestedRegion. List the regions the account uses as allowedRegions in the scan settings (pyjamas scan --config).',
  references: [
    'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region',
  ],
  needs: ['instances'],
  evaluate: ({ instances }, ctx) => {
    const allowed = ctx.config.allowedRegions;
    return ctx.regions.flatMap((region) => {
      const live = (instances[region] ?? []).filter(
        (instance) => !ENDED_STATES.includes(instance.state),
      );
      if (!allowed)
        return [
          notApplicable(
            accountResource(ctx, 'ec2', region),
            `No allowed regions are set (allowedRegions in the scan settings), so instances in ${region} were not judged.`,
          ),
        ];
      if (live.length === 0)
        return [
          notApplicable(
            accountResource(ctx, 'ec2', region),
            `Region ${region} has no instances that are not terminated.`,
          ),
        ];
      const inAllowed = allowed.includes(region);
      return live.map((instance) => {
        const resource = { region, type: 'AwsEc2Instance', id: instance.id, arn: instance.arn };
        return inAllowed
          ? pass(resource, `Instance ${instance.id} runs in ${region}, an allowed region.`)
          : fail(
              resource,
              `Instance ${instance.id} (${instance.state}) is in ${region}, outside the allowed regions (${allowed.join(', ')}).`,
            );
      });
    });
  },
});
