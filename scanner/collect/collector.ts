import { apiCallOf, apiName, type AwsClients } from '../../lib/aws/clients';
import { summarizeAwsError } from '../../lib/aws/errors';
import type { CollectError, Fetched } from '../model/inventory';
import type {
  GlobalSliceKey,
  GlobalSlices,
  RegionalSliceKey,
  RegionalSlices,
} from '../model/slices';

/** What a collector may use: clients, the account's identity, and other slices. */
export interface CollectContext {
  readonly aws: AwsClients;
  readonly account: string;
  readonly partition: string;
  /** Region in which account-wide services are called. */
  readonly globalRegion: string;
  /**
   * The scan's `createdSince`: where CloudTrail creation events are looked up from. Absent when
   * the scan set none; those slices then read nothing.
   */
  readonly createdSince?: string;
  /**
   * Data of another account-wide slice, collected once however many collectors ask for it.
   *
   * @throws {@link SliceUnavailable} when that slice could not be collected
   */
  global<K extends GlobalSliceKey>(key: K): Promise<GlobalSlices[K]>;
  /** The regions the scan reads. */
  readonly regions: readonly string[];
  /**
   * Data of a regional slice in one of the scan's regions, collected once however many collectors
   * ask for it.
   *
   * @throws {@link SliceUnavailable} when that slice could not be collected there
   */
  regional<K extends RegionalSliceKey>(key: K, region: string): Promise<RegionalSlices[K]>;
  /** Runs `read` once per scan for `key` and shares its promise, e.g. across regions. */
  once<T>(key: string, read: () => Promise<T>): Promise<T>;
}

/** Reads one account-wide slice. */
export interface GlobalCollector<K extends GlobalSliceKey> {
  readonly scope: 'global';
  /** APIs the collector calls, as `service:Operation`; documents the scanner's permissions. */
  readonly apis: readonly string[];
  collect(ctx: CollectContext): Promise<GlobalSlices[K]>;
}

/** Reads one slice in one region. */
export interface RegionalCollector<K extends RegionalSliceKey> {
  readonly scope: 'regional';
  readonly apis: readonly string[];
  collect(ctx: CollectContext, region: string): Promise<RegionalSlices[K]>;
}

/** One collector per slice; the compiler proves none is missing. */
export type CollectorRegistry = { readonly [K in GlobalSliceKey]: GlobalCollector<K> } & {
  readonly [K in RegionalSliceKey]: RegionalCollector<K>;
};

/** Raised to a collector whose dependency slice failed; carries that slice's error. */
export class SliceUnavailable extends Error {
  override readonly name = 'SliceUnavailable';
  constructor(readonly error: CollectError) {
    super(`${error.api} failed in ${error.region}: ${error.name}`);
  }
}

/**
 * Describes a failed read: the API that failed (from the client that raised it, else `api`),
 * the region and AWS's error code and message.
 */
export function toCollectError(error: unknown, api: string, region: string): CollectError {
  if (error instanceof SliceUnavailable) return error.error;
  const call = apiCallOf(error);
  const summary = summarizeAwsError(error);
  return {
    api: call ? apiName(call) : api,
    region: call?.region ?? region,
    name: summary.name,
    message: summary.message,
  };
}

/** Runs one read whose failure must not sink its whole slice (a single bucket, key or trail). */
export async function fetchDetail<T>(
  api: string,
  region: string,
  read: () => Promise<T>,
): Promise<Fetched<T>> {
  try {
    return { ok: true, data: await read() };
  } catch (error) {
    return { ok: false, error: toCollectError(error, api, region) };
  }
}
