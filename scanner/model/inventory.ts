import type { GlobalSlices, RegionalSlices } from './slices';

/** Why a piece of account state could not be read: the API, the region and AWS's answer. */
export interface CollectError {
  /** IAM-style action name of the call that failed, e.g. `iam:GetCredentialReport`. */
  readonly api: string;
  readonly region: string;
  /** AWS error code, e.g. `AccessDenied`, or `UnrecognizedResponse` for an unimplemented API. */
  readonly name: string;
  readonly message: string;
}

/** Either the data that was read, or why it could not be read. Never both, never neither. */
export type Fetched<T> =
  { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: CollectError };

/** Results of the account-wide slices that were collected. */
export type GlobalResults = { readonly [K in keyof GlobalSlices]?: Fetched<GlobalSlices[K]> };

/** Results of the regional slices that were collected in one region. */
export type RegionalResults = { readonly [K in keyof RegionalSlices]?: Fetched<RegionalSlices[K]> };

/** Marks inventory files; changes only when old files can no longer be read. */
export const INVENTORY_FORMAT = 'pyjamas-inventory';
/** Version of the inventory layout this Pyjamas reads and writes. */
export const INVENTORY_VERSION = 1;

/**
 * Everything one scan read from one account: plain JSON, so it can be saved, replayed offline
 * (`--inventory`) and kept as evidence of the account's state at `finishedAt`.
 */
export interface Inventory {
  readonly format: typeof INVENTORY_FORMAT;
  readonly version: typeof INVENTORY_VERSION;
  readonly account: string;
  /** `aws`, `aws-cn` or `aws-us-gov`. */
  readonly partition: string;
  /** The identity that read the account (sts:GetCallerIdentity). */
  readonly principalArn: string;
  /** Region in which account-wide services (IAM, S3 bucket list, S3 Control) were called. */
  readonly globalRegion: string;
  /** Regions scanned, in order. */
  readonly regions: readonly string[];
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly global: GlobalResults;
  readonly regional: { readonly [region: string]: RegionalResults };
}
