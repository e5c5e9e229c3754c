import type { CheckContext, PerRegion } from '../../model/check';
import type { CheckResult, ResourceRef } from '../../model/finding';
import type { DbCluster, DbInstance } from '../../model/rds';
import { accountResource, notApplicable } from '../results';

/** The finding resource of a DB instance. */
export function instanceResource(region: string, db: DbInstance): ResourceRef {
  return { region, type: 'AwsRdsDbInstance', id: db.id, arn: db.arn, tags: db.tags };
}

/** The finding resource of a DB cluster. */
export function clusterResource(region: string, cluster: DbCluster): ResourceRef {
  return { region, type: 'AwsRdsDbCluster', id: cluster.id, arn: cluster.arn, tags: cluster.tags };
}

/**
 * Judges each item of each region with `judge`; a region with no item in scope yields one
 * NOT_APPLICABLE result saying what it lacks (`nothing`, e.g. "DB instances").
 */
export function perRegion<T>(
  ctx: CheckContext,
  data: PerRegion<readonly T[]>,
  nothing: string,
  judge: (region: string, item: T) => CheckResult,
): CheckResult[] {
  return ctx.regions.flatMap((region) => {
    const items = data[region] ?? [];
    if (items.length === 0)
      return [notApplicable(accountResource(ctx, 'rds', region), `No ${nothing} in ${region}.`)];
    return items.map((item) => judge(region, item));
  });
}

/** DB instances that are not members of a cluster: the ones whose storage and deletion
 * protection are their own. */
export function standaloneInstances(
  dbInstances: PerRegion<readonly DbInstance[]>,
): PerRegion<readonly DbInstance[]> {
  return Object.fromEntries(
    Object.entries(dbInstances).map(([region, list]) => [
      region,
      list.filter((db) => db.clusterId === null),
    ]),
  );
}
