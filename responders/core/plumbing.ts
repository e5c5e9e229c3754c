import { GetBucketLocationCommand, S3Client } from '@aws-sdk/client-s3';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import type { AwsClients } from '../../lib/aws/clients';
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
}

/**
 * The evidence store for a run: the named bucket, else the bucket the module tagged
 * `pyjamas:component=evidence-bucket`, else (only when told) a local folder.
 *
 * @throws UsageError when no bucket is found, or several are, saying how to choose
 */
export async function chooseEvidenceStore(choice: EvidenceChoice): Promise<EvidenceStore> {
  const { aws, clock } = choice;
  const options = {
    clock,
    ...(choice.retentionDays ? { retentionDays: choice.retentionDays } : {}),
  };
  if (choice.noEvidenceBucket)
    return new LocalEvidenceStore(choice.localDirectory ?? 'pyjamas-evidence');
  if (choice.bucket)
    return new S3EvidenceStore(
      aws,
      choice.bucket,
      await bucketRegion(aws, choice.bucket, choice.globalRegion),
      options,
    );

  for (const region of [...new Set([choice.region, choice.globalRegion])]) {
    const found = await findPlumbing(aws, region, PLUMBING_COMPONENTS.evidenceBucket, 's3');
    const names = [...new Set(found.map((arn) => arn.split(':::')[1] ?? ''))].filter(Boolean);
    if (names.length > 1) {
      throw new UsageError(
        `several evidence buckets are tagged in ${region} (${names.join(', ')}); choose one with --evidence-bucket`,
      );
    }
    const [name] = names;
    if (name)
      return new S3EvidenceStore(
        aws,
        name,
        await bucketRegion(aws, name, choice.globalRegion),
        options,
      );
  }
  throw new UsageError(
    `no evidence bucket tagged ${PLUMBING_TAG_KEY}=${PLUMBING_COMPONENTS.evidenceBucket} in ${choice.region} or ${choice.globalRegion}: ` +
      'deploy the Pyjamas module, name a bucket with --evidence-bucket, or pass --no-evidence-bucket to keep the record in a local folder',
  );
}

async function bucketRegion(
  aws: AwsClients,
  bucket: string,
  globalRegion: string,
): Promise<string> {
  const { LocationConstraint } = await aws
    .get(S3Client, globalRegion)
    .send(new GetBucketLocationCommand({ Bucket: bucket }));
  // Buckets in us-east-1 report no location; very old buckets in eu-west-1 report "EU".
  if (!LocationConstraint) return 'us-east-1';
  return LocationConstraint === 'EU' ? 'eu-west-1' : LocationConstraint;
}
