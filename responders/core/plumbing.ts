import {
  GetBucketLocationCommand,
  GetObjectLockConfigurationCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import type { AwsClients } from '../../lib/aws/clients';
import { describeAwsError, hasAwsErrorName } from '../../lib/aws/errors';
import type { Clock } from '../../lib/clock';
import { UsageError } from '../../lib/errors';
import {
  PLUMBING_COMPONENTS,
  PLUMBING_TAG_KEY,
  type PlumbingComponent,
} from '../../lib/plumbing-tags';
import { LocalEvidenceStore, S3EvidenceStore, type EvidenceStore } from './evidence';

/**
 * ARNs of the resources in `region` tagged as plumbing `component` by the module
 * (Resource Groups Tagging API), optionally limited to a resource type such as `s3`.
 */
export async function findPlumbing(
  aws: AwsClients,
  region: string,
  component: PlumbingComponent,
  resourceType?: string,
): Promise<string[]> {
  const answer = await aws.get(ResourceGroupsTaggingAPIClient, region).send(
    new GetResourcesCommand({
      TagFilters: [{ Key: PLUMBING_TAG_KEY, Values: [component] }],
      ...(resourceType ? { ResourceTypeFilters: [resourceType] } : {}),
    }),
  );
  return (answer.ResourceTagMappingList ?? [])
    .map((mapping) => mapping.ResourceARN ?? '')
    .filter(Boolean);
}

/** How a responder chooses where its evidence goes. */
export interface EvidenceChoice {
  readonly aws: AwsClients;
  readonly clock: Clock;
  /** The target's region: the bucket is looked for there first, then in `globalRegion`. */
  readonly region: string;
  readonly globalRegion: string;
  /** A bucket named by the operator; skips the tag lookup. */
  readonly bucket?: string;
  /** Write to a local folder instead; only when the operator says so. */
  readonly noEvidenceBucket?: boolean;
  /** @default "./pyjamas-evidence" */
  readonly localDirectory?: string;
  /** Per-object COMPLIANCE retention. @default - the bucket's default retention */
  readonly retentionDays?: number;
  /**
   * The account that must own the bucket (sent as `ExpectedBucketOwner` on every call).
   *
   * @default - the caller's own account
   */
  readonly bucketOwner?: string;
  /**
   * The account whose evidence is read and written, when the bucket is the central evidence
   * bucket of an organization owned by another account: its keys live under `cases/<account>/`
   * and `scans/<account>/` (see S3EvidenceStore). The bucket owner's own evidence has no such
   * prefix.
   *
   * @default - the caller's own account when the bucket belongs to another account, else none
   */
  readonly account?: string;
  /** File in a bucket without Object Lock in COMPLIANCE mode; the record says so. */
  readonly allowUnlocked?: boolean;
}

/** The folder a local store (and the fallback of a refused bucket) writes to by default. */
export const DEFAULT_LOCAL_EVIDENCE_DIRECTORY = 'pyjamas-evidence';

/**
 * The evidence store for a run: the named bucket, else the bucket the module tagged
 * `pyjamas:component=evidence-bucket`, else (only when told) a local folder.
 *
 * @throws UsageError when no bucket is found, or several are, saying how to choose
 */
export async function chooseEvidenceStore(choice: EvidenceChoice): Promise<EvidenceStore> {
  if (choice.noEvidenceBucket)
    return new LocalEvidenceStore(choice.localDirectory ?? DEFAULT_LOCAL_EVIDENCE_DIRECTORY);
  const name = choice.bucket ?? (await taggedBucket(choice));
  return openEvidenceBucket(choice, name);
}

/**
 * The store for `bucket`, after checking whom it belongs to and how it is locked.
 *
 * @throws UsageError when the bucket is not locked in COMPLIANCE mode and `allowUnlocked` is not
 *   set, naming what was found and the way out
 */
export async function openEvidenceBucket(
  choice: EvidenceChoice,
  bucket: string,
): Promise<S3EvidenceStore> {
  const { aws, clock } = choice;
  // The caller's account is needed unless both the owner and the evidence's account are named.
  const caller =
    choice.bucketOwner && choice.account
      ? undefined
      : (await aws.get(STSClient, choice.region).send(new GetCallerIdentityCommand({}))).Account;
  const expectedOwner = choice.bucketOwner ?? caller;
  if (!expectedOwner) throw new UsageError("STS did not name the caller's account");
  const evidenceAccount = choice.account ?? caller;
  const account = evidenceAccount === expectedOwner ? undefined : evidenceAccount;
  const region = await bucketRegion(aws, bucket, choice.globalRegion, expectedOwner);
  const lock = await objectLockOf(aws, bucket, region, expectedOwner, choice.retentionDays);
  if (!lock.locked && !choice.allowUnlocked)
    throw new UsageError(
      `evidence bucket ${bucket} is not locked in COMPLIANCE mode (${lock.description}), so evidence filed there could be replaced or deleted: ` +
        "use the Pyjamas module's evidence bucket, name a locked one with --evidence-bucket, or pass --unlocked-evidence-bucket to file there anyway (the record will say so)",
    );
  return new S3EvidenceStore(aws, bucket, region, {
    clock,
    expectedOwner,
    ...(account ? { account } : {}),
    ...(choice.retentionDays ? { retentionDays: choice.retentionDays } : {}),
    objectLock: lock.locked
      ? lock.description
      : `NOT locked in COMPLIANCE mode (${lock.description}); accepted with --unlocked-evidence-bucket`,
  });
}

async function taggedBucket(choice: EvidenceChoice): Promise<string> {
  for (const region of [...new Set([choice.region, choice.globalRegion])]) {
    const found = await findPlumbing(choice.aws, region, PLUMBING_COMPONENTS.evidenceBucket, 's3');
    const names = [...new Set(found.map((arn) => arn.split(':::')[1] ?? ''))].filter(Boolean);
    if (names.length > 1) {
      throw new UsageError(
        `several evidence buckets are tagged in ${region} (${names.join(', ')}); choose one with --evidence-bucket`,
      );
    }
    const [name] = names;
    if (name) return name;
  }
  throw new UsageError(
    `no evidence bucket tagged ${PLUMBING_TAG_KEY}=${PLUMBING_COMPONENTS.evidenceBucket} in ${choice.region} or ${choice.globalRegion}: ` +
      'deploy the Pyjamas module, name a bucket with --evidence-bucket, or pass --no-evidence-bucket to keep the record in a local folder',
  );
}

/**
 * Whether every object written to the bucket is locked in COMPLIANCE mode: by the bucket's
 * default retention, or by the per-object retention the store sets (which needs Object Lock
 * enabled). GOVERNANCE retention does not count: principals with
 * s3:BypassGovernanceRetention can shorten it or delete locked versions.
 */
async function objectLockOf(
  aws: AwsClients,
  bucket: string,
  region: string,
  expectedOwner: string,
  retentionDays: number | undefined,
): Promise<{ readonly locked: boolean; readonly description: string }> {
  let configuration;
  try {
    configuration = (
      await aws.get(S3Client, region).send(
        new GetObjectLockConfigurationCommand({
          Bucket: bucket,
          ExpectedBucketOwner: expectedOwner,
        }),
      )
    ).ObjectLockConfiguration;
  } catch (error) {
    if (hasAwsErrorName(error, ['ObjectLockConfigurationNotFoundError']))
      return { locked: false, description: 'Object Lock is not enabled on the bucket' };
    return {
      locked: false,
      description: `its Object Lock configuration could not be read: ${describeAwsError(error)}`,
    };
  }
  if (configuration?.ObjectLockEnabled !== 'Enabled')
    return { locked: false, description: 'Object Lock is not enabled on the bucket' };
  const retention = configuration.Rule?.DefaultRetention;
  const period = retention?.Days
    ? `${retention.Days} days`
    : retention?.Years
      ? `${retention.Years} years`
      : undefined;
  if (retention?.Mode === 'COMPLIANCE')
    return {
      locked: true,
      description: `Object Lock in COMPLIANCE mode, default retention ${period ?? 'set'}`,
    };
  const found = retention?.Mode
    ? `the default retention is ${retention.Mode}, which can be bypassed`
    : 'Object Lock is enabled without a default retention';
  if (retentionDays)
    return {
      locked: true,
      description: `${found}; each object is locked in COMPLIANCE mode when written`,
    };
  return { locked: false, description: found };
}

async function bucketRegion(
  aws: AwsClients,
  bucket: string,
  globalRegion: string,
  expectedOwner: string,
): Promise<string> {
  const { LocationConstraint } = await aws
    .get(S3Client, globalRegion)
    .send(new GetBucketLocationCommand({ Bucket: bucket, ExpectedBucketOwner: expectedOwner }));
  // Buckets in us-east-1 report no location; very old buckets in eu-west-1 report "EU".
  if (!LocationConstraint) return 'us-east-1';
  return LocationConstraint === 'EU' ? 'eu-west-1' : LocationConstraint;
}
