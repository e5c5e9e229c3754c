import type { Region } from '@aws-sdk/client-ec2';
import { STSClient } from '@aws-sdk/client-sts';
import { UsageError } from '../errors';
import { isRegionName, partitionOfRegion } from './clients';

/**
 * The region to start from: the explicit one, else what the SDK resolves (AWS_REGION,
 * AWS_DEFAULT_REGION, the profile's `region`), else us-east-1.
 *
 * @throws UsageError when the region the SDK resolves is not a region name
 */
export async function resolveHomeRegion(options: {
  readonly region?: string;
  readonly profile?: string;
}): Promise<string> {
  if (options.region) return options.region;
  const probe = new STSClient(options.profile ? { profile: options.profile } : {});
  let region: string;
  try {
    region = await probe.config.region();
  } catch {
    return 'us-east-1';
  } finally {
    probe.destroy();
  }
  // The SDK takes any text as a region and builds a host name from it, so a typo would send
  // every call to an endpoint that does not exist, or to an emulator that answers anything.
  if (!isRegionName(region))
    throw new UsageError(
      `AWS_REGION ${JSON.stringify(region)} (or AWS_DEFAULT_REGION, or the profile's region) is not a region name such as eu-west-1: fix it, or give --region`,
    );
  return region;
}

/**
 * Names of the regions of an ec2:DescribeRegions answer that a caller in `partition` can call,
 * sorted. Opt-in regions never opted into are left out, and so are regions of other partitions,
 * which an emulator lists alongside the commercial ones and whose endpoints the caller's
 * credentials cannot reach.
 */
export function usableRegions(regions: readonly Region[], partition: string): string[] {
  return regions
    .filter((candidate) => candidate.OptInStatus !== 'not-opted-in')
    .map((candidate) => candidate.RegionName ?? '')
    .filter((name) => name && partitionOfRegion(name) === partition)
    .sort();
}
