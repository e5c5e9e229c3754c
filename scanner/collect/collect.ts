import { globalRegionOf, partitionOfRegion, type AwsClients } from '../../lib/aws/clients';
import type { Clock } from '../../lib/clock';
import { UsageError } from '../../lib/errors';
import {
  INVENTORY_FORMAT,
  INVENTORY_VERSION,
  type Fetched,
  type Inventory,
} from '../model/inventory';
import type { GlobalSliceKey, RegionalSliceKey, SliceKey } from '../model/slices';
import { enabledRegions, identify } from './account';
import { SliceUnavailable, fetchDetail, type CollectContext } from './collector';
import { COLLECTORS } from './registry';

/** Progress of collection, for a progress bar. */
export interface CollectProgress {
  readonly done: number;
  readonly total: number;
  /** The slice (and region) that just finished. */
  readonly label: string;
}

/** What to collect, and where. */
export interface CollectOptions {
  readonly aws: AwsClients;
  /** Slices to read; usually the union of the selected checks' `needs`. */
  readonly slices: readonly SliceKey[];
  /** Region for STS and for listing regions; its partition decides where global services are read. */
  readonly homeRegion: string;
  /** @default - every region enabled for the account (ec2:DescribeRegions) */
  readonly regions?: readonly string[];
  /** @default - none */
  readonly excludedRegions?: readonly string[];
  readonly clock: Clock;
  /** The scan's `createdSince`, from which CloudTrail creation events are read. @default - none */
  readonly createdSince?: string | null;
  readonly onProgress?: (progress: CollectProgress) => void;
}

/**
 * Reads the account once into an inventory. Each slice is read at most once per region (global
 * slices once), whatever number of checks need it. A slice that fails is recorded with its error
 * and the scan goes on.
 *
 * @throws CredentialsError when the account cannot be identified
 * @throws UsageError when regions cannot be determined or none remain after exclusions
 */
export async function collectInventory(options: CollectOptions): Promise<Inventory> {
  const { aws, clock } = options;
  const startedAt = clock.now().toISOString();
  const identity = await identify(aws, options.homeRegion);
  const partition = identity.partition || partitionOfRegion(options.homeRegion);
  const globalRegion =
    partitionOfRegion(options.homeRegion) === partition
      ? globalRegionOf(partition)
      : options.homeRegion;
  const discovered = options.regions ?? (await enabledRegions(aws, options.homeRegion, partition));
  const excluded = new Set(options.excludedRegions ?? []);
  const regions = [...new Set(discovered)].filter((region) => !excluded.has(region));
  if (regions.length === 0) {
    throw new UsageError('no region left to scan after --excluded-regions');
  }

  const globalResults = new Map<GlobalSliceKey, Promise<Fetched<unknown>>>();
  const regionalResults = new Map<string, Promise<Fetched<unknown>>>();
  const shared = new Map<string, Promise<unknown>>();
  const ctx: CollectContext = {
    aws,
    account: identity.account,
    partition,
    globalRegion,
    ...(options.createdSince ? { createdSince: options.createdSince } : {}),
    global: async (key) => dataOf(await readGlobal(key)),
    regions,
    regional: async (key, region) => dataOf(await readRegional(key, region)),
    once<T>(key: string, read: () => Promise<T>): Promise<T> {
      if (!shared.has(key)) shared.set(key, read());
      return shared.get(key) as Promise<T>;
    },
  };

  function readGlobal(key: GlobalSliceKey): Promise<Fetched<unknown>> {
    const collector = COLLECTORS[key];
    return readOnce(globalResults, key, collector.apis[0] ?? key, globalRegion, () =>
      collector.collect(ctx),
    );
  }

  function readRegional(key: RegionalSliceKey, region: string): Promise<Fetched<unknown>> {
    const collector = COLLECTORS[key];
    return readOnce(regionalResults, `${key} ${region}`, collector.apis[0] ?? key, region, () =>
      collector.collect(ctx, region),
    );
  }

  const wanted = [...new Set(options.slices)];
  const globalKeys = wanted.filter(
    (key): key is GlobalSliceKey => COLLECTORS[key].scope === 'global',
  );
  const regionalKeys = wanted.filter(
    (key): key is RegionalSliceKey => COLLECTORS[key].scope === 'regional',
  );
  const total = globalKeys.length + regionalKeys.length * regions.length;
  let done = 0;
  const tick = (label: string) => {
    done += 1;
    options.onProgress?.({ done, total, label });
  };

  const regional: Record<string, Record<string, Fetched<unknown>>> = Object.fromEntries(
    regions.map((region) => [region, {}]),
  );
  await Promise.all([
    ...globalKeys.map(async (key) => {
      await readGlobal(key);
      tick(key);
    }),
    ...regions.flatMap((region) =>
      regionalKeys.map(async (key) => {
        const slices = regional[region] as Record<string, Fetched<unknown>>;
        slices[key] = await readRegional(key, region);
        tick(`${key} ${region}`);
      }),
    ),
  ]);

  const global: Record<string, Fetched<unknown>> = {};
  for (const [key, result] of globalResults) global[key] = await result;

  return {
    format: INVENTORY_FORMAT,
    version: INVENTORY_VERSION,
    account: identity.account,
    partition,
    principalArn: identity.principalArn,
    globalRegion,
    regions,
    startedAt,
    finishedAt: clock.now().toISOString(),
    global: global,
    regional: regional,
  };
}

/** Collects a slice the first time it is asked for and shares that read with later askers. */
function readOnce<K>(
  results: Map<K, Promise<Fetched<unknown>>>,
  key: K,
  api: string,
  region: string,
  collect: () => Promise<unknown>,
): Promise<Fetched<unknown>> {
  let result = results.get(key);
  if (!result) {
    result = fetchDetail<unknown>(api, region, collect);
    results.set(key, result);
  }
  return result;
}

/** A dependency's data, or its failure as {@link SliceUnavailable} for the collector that needs it. */
function dataOf<T>(result: Fetched<unknown>): T {
  if (!result.ok) throw new SliceUnavailable(result.error);
  return result.data as T;
}
