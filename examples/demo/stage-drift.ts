import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { systemClock } from '../../lib/clock';
import { PLUMBING_COMPONENTS, PLUMBING_TAG_KEY } from '../../lib/plumbing-tags';
import { TOOL_VERSION } from '../../lib/version';
import { ALL_CHECKS, collectForChecks, evaluateInventory } from '../../scanner';
import { TrailEventLookup } from '../../scanner/collect/trail-events';
import { attributeDrift } from '../../scanner/drift/attribute';
import { driftOf } from '../../scanner/drift/drift';
import { formatDrift } from '../../scanner/drift/format';
import { refreshOnlyPlan } from '../../scanner/drift/terraform';
import { INCIDENT_REGION } from './incident';
import type { DemoStage } from './stage';
import { requireDeployment } from './stage-requires';

/** The readiness checks: whether the plumbing a response needs is there and sound. */
const READINESS_CHECKS = ALL_CHECKS.filter((check) => check.id.startsWith('readiness_'));

/**
 * Stage: an intruder opens SSH on the isolation group outside Terraform; `pyjamas drift` and the
 * readiness checks find it.
 */
export const DRIFT_STAGE: DemoStage = {
  title: "change the plumbing behind Terraform's back",
  proves:
    'a weakened plumbing is noticed before the next incident needs it: drift names the resource and the attribute against the Terraform state, and the readiness checks fail on the live account.',
  async run(context) {
    const deployment = requireDeployment(context);
    const ec2 = context.aws.get(EC2Client, INCIDENT_REGION);
    const { SecurityGroups = [] } = await ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          {
            Name: `tag:${PLUMBING_TAG_KEY}`,
            Values: [PLUMBING_COMPONENTS.isolationSecurityGroup],
          },
        ],
      }),
    );
    const group = SecurityGroups[0];
    if (!group?.GroupId) throw new Error('the deployed isolation security group is missing');
    context.say(
      `An intruder opens SSH from anywhere on the isolation group ${group.GroupId} (${group.GroupName ?? ''}), outside Terraform...`,
    );
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: group.GroupId,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
        ],
      }),
    );

    const { workspace } = deployment;
    context.say(`\n$ npx pyjamas drift --stack ${workspace.folder}`);
    const plan = await refreshOnlyPlan(workspace.folder, { env: workspace.env });
    const drifted = await attributeDrift(
      driftOf(plan),
      new TrailEventLookup(context.aws),
      INCIDENT_REGION,
    );
    context.say(
      formatDrift({
        stack: workspace.folder,
        checkedAt: systemClock.now().toISOString(),
        drifted,
      }).trimEnd(),
    );
    context.say(
      'moto has no CloudTrail LookupEvents, so nobody is named; on AWS each drift names the principal, key and address of the call that made it.',
    );

    context.say(
      `\n$ npx pyjamas scan --regions ${INCIDENT_REGION} (the ${READINESS_CHECKS.length} readiness checks)`,
    );
    const inventory = await collectForChecks({
      aws: context.aws,
      checks: READINESS_CHECKS,
      homeRegion: INCIDENT_REGION,
      regions: [INCIDENT_REGION],
      clock: systemClock,
    });
    const report = evaluateInventory(inventory, {
      checks: READINESS_CHECKS,
      toolVersion: TOOL_VERSION,
    });
    const failing = report.findings.filter((finding) => finding.status === 'FAIL');
    context.say(
      `${report.findings.length - failing.length} readiness findings hold; ${failing.length} fail:`,
    );
    for (const finding of failing)
      context.say(
        `  FAIL ${finding.checkId} ${finding.resourceId}: ${finding.message}${finding.message.includes(group.GroupId) ? '   <- the change above' : ''}`,
      );
    context.say(
      "The other failures are the deployment as the demo made it: the example deploys its responders in dry run (stage 4 ran them enforced in this process), moto cannot hold the GuardDuty protection plans, and moto's default VPC is not among the VPCs the example protects.",
    );
  },
};
