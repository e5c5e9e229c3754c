import type { CheckContext, PerRegion } from '../../model/check';
import type { CheckResult, ResourceRef } from '../../model/finding';
import type { Trail } from '../../model/logging';
import { GLOBAL_REGION, accountResource, manual, notApplicable } from '../results';

/** A trail as the resource of a finding; by default in its home region, where it is managed. */
export function trailResource(trail: Trail, region = trail.homeRegion): ResourceRef {
  return { region, type: 'AwsCloudTrailTrail', id: trail.name, arn: trail.arn };
}

/** Trails without repeats, by ARN: a multi-region trail is listed in every region it covers. */
export function uniqueTrails(trails: readonly Trail[]): Trail[] {
  return [...new Map(trails.map((trail) => [trail.arn, trail])).values()];
}

/** Every trail listed in the regions of the scan, each once. */
export function trailsOfScan(trails: PerRegion<readonly Trail[]>, ctx: CheckContext): Trail[] {
  return uniqueTrails(ctx.regions.flatMap((region) => trails[region] ?? []));
}

/**
 * Judges each trail of the scan once. An organization trail seen from a member account belongs
 * to the management account, where alone it can be changed: it is left to a person there.
 */
export function judgeEachTrail(
  trails: PerRegion<readonly Trail[]>,
  ctx: CheckContext,
  judge: (trail: Trail, resource: ResourceRef) => CheckResult,
): CheckResult[] {
  const all = trailsOfScan(trails, ctx);
  if (all.length === 0) {
    return [
      notApplicable(
        accountResource(ctx, 'cloudtrail', GLOBAL_REGION),
        `Account ${ctx.account} has no CloudTrail trail in the scanned regions.`,
      ),
    ];
  }
  return all.map((trail) => {
    const resource = trailResource(trail);
    const owner = trail.arn.split(':')[4] ?? '';
    return owner === ctx.account
      ? judge(trail, resource)
      : manual(resource, `Trail ${trail.name} is managed by account ${owner}; check it there.`);
  });
}
