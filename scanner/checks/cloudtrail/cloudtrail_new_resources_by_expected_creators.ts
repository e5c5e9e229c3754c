import { covers } from '../../iam/glob';
import { defineCheck } from '../../model/check';
import type { CreationEvent, CreationEvents, EventCreator } from '../../model/creation-events';
import type { CheckResult } from '../../model/finding';
import { GLOBAL_REGION, accountResource, fail, notApplicable, pass } from '../results';

const RESOURCE_NOUN: Readonly<Record<string, string>> = {
  AwsEc2Instance: 'Instance',
  AwsIamUser: 'User',
  AwsIamRole: 'Role',
  AwsIamAccessKey: 'Access key',
};

export default defineCheck({
  id: 'cloudtrail_new_resources_by_expected_creators',
  title:
    'Every instance, IAM user, role and access key created since the time under review was created by an expected principal',
  service: 'cloudtrail',
  severity: 'high',
  resourceType: 'AwsEc2Instance',
  risk: 'With stolen keys an attacker launches instances (often crypto miners) and makes users, roles and access keys to stay in; CloudTrail names who made each one, and a creator outside the team and its pipelines is the intruder.',
  remediation:
    'For each resource listed, look at the creator, source IP and access key: revoke that key (pyjamas revoke-access-key), isolate the instances (pyjamas isolate-instance) and delete the users, roles and keys nobody expected. Set the time under review as createdSince and the principals allowed to create as expectedCreators in the scan settings (pyjamas scan --config).',
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/view-cloudtrail-events.html',
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html',
  ],
  needs: ['identityCreationEvents', 'instanceLaunchEvents'],
  evaluate: ({ identityCreationEvents, instanceLaunchEvents }, ctx) => {
    const { createdSince: since, expectedCreators: expected } = ctx.config;
    if (since === null || expected === null)
      return [
        notApplicable(
          accountResource(ctx, 'cloudtrail', GLOBAL_REGION),
          'No time under review and expected creators are set (createdSince and expectedCreators in the scan settings), so creators were not judged.',
        ),
      ];
    const windows: [string, CreationEvents | undefined][] = [
      [GLOBAL_REGION, identityCreationEvents],
      ...ctx.regions.map((region): [string, CreationEvents | undefined] => [
        region,
        instanceLaunchEvents[region],
      ]),
    ];
    return windows.flatMap(([region, window]) =>
      window ? judgeWindow(region, window, since, expected, ctx) : [],
    );
  },
});

function judgeWindow(
  region: string,
  window: CreationEvents,
  since: string,
  expected: readonly string[],
  ctx: Parameters<typeof accountResource>[0],
): CheckResult[] {
  const scope = accountResource(ctx, 'cloudtrail', region);
  const where = region === GLOBAL_REGION ? 'IAM' : region;
  const error = (message: string): CheckResult => ({ status: 'ERROR', resource: scope, message });
  if (window.since === null)
    return [
      error(
        `CloudTrail creation events for ${where} were not read: the inventory was collected without createdSince; scan again with it in the scan settings (pyjamas scan --config).`,
      ),
    ];
  if (Date.parse(window.since) > Date.parse(since))
    return [
      error(
        `CloudTrail creation events for ${where} were read from ${window.since} only, not from ${since}; scan again with createdSince in the scan settings (pyjamas scan --config).`,
      ),
    ];
  if (!window.lookup.ok) {
    const { name, message, region: calledIn } = window.lookup.error;
    const denied = /AccessDenied|Unauthorized/i.test(name);
    return [
      error(
        `CloudTrail LookupEvents ${denied ? 'denied' : 'unavailable'} in ${calledIn} (${name}: ${message}), so who created resources in ${where} since ${since} is unknown.`,
      ),
    ];
  }
  const cutoff = Date.parse(since);
  const results: CheckResult[] = [];
  let judged = 0;
  for (const event of window.lookup.data.events) {
    if (Date.parse(event.eventTime) < cutoff) continue;
    if (expected.some((pattern) => matches(pattern, event.creator))) {
      judged += event.resources.length;
      continue;
    }
    for (const resource of event.resources)
      results.push(
        fail(
          { region, type: resource.type, id: resource.id, arn: resource.arn },
          `${RESOURCE_NOUN[resource.type] ?? resource.type} ${resource.id} was created by ${creatorOf(event.creator)} at ${event.eventTime}${describeOrigin(event)} (${event.eventName}), a principal outside expectedCreators.`,
        ),
      );
  }
  for (const eventName of window.lookup.data.truncated)
    results.push(
      error(
        `CloudTrail holds more ${eventName} events for ${where} since ${since} than the scan reads, which stops at its bound of pages; the oldest were not judged.`,
      ),
    );
  if (results.length === 0)
    results.push(
      pass(
        scope,
        judged === 0
          ? `CloudTrail records no resource created in ${where} since ${since}.`
          : `All ${judged} resources created in ${where} since ${since} were created by expected principals.`,
      ),
    );
  return results;
}

/**
 * Whether a pattern names the creator: its own ARN (an IAM user, root, an assumed-role session),
 * the role or user that issued its session, or the AWS service that acted on its own. A
 * principal's call that a service relayed (`invokedBy` CloudFormation) is judged by the
 * principal: naming the service would pass every stack anyone launched.
 */
function matches(pattern: string, creator: EventCreator): boolean {
  const service = creator.identityType === 'AWSService' ? creator.invokedBy : null;
  return [creator.arn, creator.sessionIssuer, service].some(
    (subject) => subject !== null && covers(pattern, subject),
  );
}

function creatorOf(creator: EventCreator): string {
  if (creator.sessionIssuer && creator.arn)
    return `${creator.sessionIssuer} (${creator.identityType} session ${creator.arn})`;
  return creator.arn ?? creator.invokedBy ?? `an unidentified ${creator.identityType} caller`;
}

function describeOrigin(event: CreationEvent): string {
  const parts = [
    ...(event.sourceIp ? [`from ${event.sourceIp}`] : []),
    ...(event.accessKeyId ? [`with access key ${event.accessKeyId}`] : []),
  ];
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}
