import type { CheckContext, PerRegion } from '../../model/check';
import type { CheckResult, ResourceRef } from '../../model/finding';
import { GLOBAL_REGION, accountResource, fail, notApplicable } from '../results';

/**
 * Judges a kind of regional plumbing the module deploys to every region it covers. Where the
 * account has it in no scanned region, the feature is not deployed (not applicable); where it has
 * it in some, a scanned region without it fails: the plumbing was removed there, or never
 * reached it.
 */
export function judgePlumbingPerRegion<T>(
  found: PerRegion<readonly T[]>,
  ctx: CheckContext,
  what: { readonly service: string; readonly plural: string },
  judge: (item: T, region: string) => CheckResult,
): CheckResult[] {
  const present = ctx.regions.filter((region) => (found[region] ?? []).length > 0);
  if (present.length === 0) {
    return [
      notApplicable(
        accountResource(ctx, what.service, GLOBAL_REGION),
        `No ${what.plural} are deployed in ${ctx.regions.join(', ')}.`,
      ),
    ];
  }
  return ctx.regions.flatMap((region) => {
    const items = found[region] ?? [];
    if (items.length > 0) return items.map((item) => judge(item, region));
    const resource: ResourceRef = accountResource(ctx, what.service, region);
    return [
      fail(
        resource,
        `Region ${region} has no ${what.plural}, while ${present.join(', ')} ${present.length === 1 ? 'has' : 'have'} them.`,
      ),
    ];
  });
}
