import {
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  S3Client,
  paginateListBuckets,
  type PublicAccessBlockConfiguration,
} from '@aws-sdk/client-s3';
import {
  GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { hasAwsErrorName } from '../../lib/aws/errors';
import type { Fetched } from '../model/inventory';
import type { PolicyDocument } from '../model/policy';
import type { Bucket, BucketVersioning, PerBucket, PublicAccessBlock } from '../model/s3';
import { fetchDetail, type CollectContext, type GlobalCollector } from './collector';
import { parsePolicyDocument } from './policy-document';

/** The account's buckets and their regions. */
export const buckets: GlobalCollector<'buckets'> = {
  scope: 'global',
  apis: ['s3:ListBuckets', 's3:GetBucketLocation'],
  async collect(ctx) {
    const s3 = ctx.aws.get(S3Client, ctx.globalRegion);
    const listed: { name: string; region: string | undefined; createdAt: string | null }[] = [];
    for await (const page of paginateListBuckets({ client: s3 }, {})) {
      for (const bucket of page.Buckets ?? []) {
        listed.push({
          name: bucket.Name ?? '',
          region: bucket.BucketRegion,
          createdAt: bucket.CreationDate?.toISOString() ?? null,
        });
      }
    }
    // ListBuckets has carried each bucket's region since 2024; older endpoints need one
    // GetBucketLocation per bucket instead.
    return Promise.all(
      listed.map(async ({ name, region, createdAt }): Promise<Bucket> => ({
        name,
        arn: `arn:${ctx.partition}:s3:::${name}`,
        region: region ?? (await bucketLocation(s3, name)),
        createdAt,
      })),
    );
  },
};

/** Each bucket's Block Public Access settings. */
export const bucketPublicAccessBlocks: GlobalCollector<'bucketPublicAccessBlocks'> = {
  scope: 'global',
  apis: ['s3:GetPublicAccessBlock'],
  collect: (ctx) =>
    perBucket(ctx, 's3:GetPublicAccessBlock', async (s3, bucket) => {
      try {
        const { PublicAccessBlockConfiguration } = await s3.send(
          new GetPublicAccessBlockCommand({ Bucket: bucket }),
        );
        return publicAccessBlock(PublicAccessBlockConfiguration);
      } catch (error) {
        if (hasAwsErrorName(error, ['NoSuchPublicAccessBlockConfiguration'])) return null;
        throw error;
      }
    }),
};

/** Each bucket's policy. */
export const bucketPolicies: GlobalCollector<'bucketPolicies'> = {
  scope: 'global',
  apis: ['s3:GetBucketPolicy'],
  collect: (ctx) => perBucket(ctx, 's3:GetBucketPolicy', readBucketPolicy),
};

/** A bucket's policy, or null when it has none. */
export async function readBucketPolicy(
  s3: S3Client,
  bucket: string,
): Promise<PolicyDocument | null> {
  try {
    const { Policy } = await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }));
    return Policy ? parsePolicyDocument(Policy) : null;
  } catch (error) {
    if (hasAwsErrorName(error, ['NoSuchBucketPolicy'])) return null;
    throw error;
  }
}

/**
 * Reads one detail of one bucket once per scan, however many slices want it (the evidence
 * bucket's policy is also in the account's bucket policies).
 */
export function bucketDetailOnce<T>(
  ctx: CollectContext,
  api: string,
  bucket: string,
  region: string,
  read: () => Promise<T>,
): Promise<Fetched<T>> {
  return ctx.once(`${api}:${bucket}`, () => fetchDetail(api, region, read));
}

/**
 * Server access logging of the buckets CloudTrail delivers to, the only buckets whose logging a
 * check judges (the trail-bucket control). Reading it for every bucket would cost a call per
 * bucket for nothing; the trails are read once per region either way.
 */
export const bucketLogging: GlobalCollector<'bucketLogging'> = {
  scope: 'global',
  apis: ['s3:GetBucketLogging'],
  async collect(ctx) {
    const trails = await Promise.all(ctx.regions.map((region) => ctx.regional('trails', region)));
    const destinations = new Set(trails.flat().map((trail) => trail.s3BucketName));
    return perBucket(
      ctx,
      's3:GetBucketLogging',
      async (s3, bucket) => {
        const { LoggingEnabled } = await s3.send(new GetBucketLoggingCommand({ Bucket: bucket }));
        return LoggingEnabled?.TargetBucket
          ? {
              targetBucket: LoggingEnabled.TargetBucket,
              targetPrefix: LoggingEnabled.TargetPrefix ?? '',
            }
          : null;
      },
      (bucket) => destinations.has(bucket),
    );
  },
};

/**
 * Each bucket's versioning and MFA-delete state. MFA delete can only be turned on by the root
 * user through the API, which is why so few buckets have it; moto records it but never asks
 * for the MFA token on deletes.
 */
export const bucketVersioning: GlobalCollector<'bucketVersioning'> = {
  scope: 'global',
  apis: ['s3:GetBucketVersioning'],
  collect: (ctx) => perBucket(ctx, 's3:GetBucketVersioning', readBucketVersioning),
};

/**
 * One bucket's versioning and MFA-delete state, in the one shape every slice shares: the
 * evidence-bucket slice reads it through the same once-per-scan cache key.
 */
export async function readBucketVersioning(
  s3: S3Client,
  bucket: string,
): Promise<BucketVersioning> {
  const answer = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
  return { status: answer.Status ?? null, mfaDelete: answer.MFADelete ?? null };
}

/** The account's Block Public Access settings (S3 Control). */
export const accountPublicAccessBlock: GlobalCollector<'accountPublicAccessBlock'> = {
  scope: 'global',
  apis: ['s3control:GetPublicAccessBlock'],
  async collect(ctx) {
    const s3control = ctx.aws.get(S3ControlClient, ctx.globalRegion);
    try {
      const { PublicAccessBlockConfiguration } = await s3control.send(
        new GetAccountPublicAccessBlockCommand({ AccountId: ctx.account }),
      );
      return publicAccessBlock(PublicAccessBlockConfiguration);
    } catch (error) {
      if (hasAwsErrorName(error, ['NoSuchPublicAccessBlockConfiguration'])) return null;
      throw error;
    }
  },
};

/**
 * Reads one detail of every bucket (or of those `wanted` keeps), each with a client in the
 * bucket's own region.
 */
async function perBucket<T>(
  ctx: CollectContext,
  api: string,
  read: (s3: S3Client, bucket: string) => Promise<T>,
  wanted: (bucket: string) => boolean = () => true,
): Promise<PerBucket<T>> {
  const list = (await ctx.global('buckets')).filter((bucket) => wanted(bucket.name));
  const entries = await Promise.all(
    list.map(async (bucket): Promise<[string, Fetched<T>]> => [
      bucket.name,
      await bucketDetailOnce(ctx, api, bucket.name, bucket.region, () =>
        read(ctx.aws.get(S3Client, bucket.region), bucket.name),
      ),
    ]),
  );
  return Object.fromEntries(entries);
}

async function bucketLocation(s3: S3Client, bucket: string): Promise<string> {
  const { LocationConstraint } = await s3.send(new GetBucketLocationCommand({ Bucket: bucket }));
  // Buckets in us-east-1 report no location; very old buckets in eu-west-1 report "EU".
  if (!LocationConstraint) return 'us-east-1';
  return LocationConstraint === 'EU' ? 'eu-west-1' : LocationConstraint;
}

function publicAccessBlock(
  config: PublicAccessBlockConfiguration | undefined,
): PublicAccessBlock | null {
  if (!config) return null;
  return {
    blockPublicAcls: config.BlockPublicAcls ?? false,
    ignorePublicAcls: config.IgnorePublicAcls ?? false,
    blockPublicPolicy: config.BlockPublicPolicy ?? false,
    restrictPublicBuckets: config.RestrictPublicBuckets ?? false,
  };
}
