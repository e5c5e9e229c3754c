import { KMSClient, paginateListKeys } from '@aws-sdk/client-kms';
import type { CollectContext } from './collector';

/** A KMS key as ListKeys names it. */
export interface ListedKey {
  readonly id: string;
  readonly arn: string;
}

/**
 * Every KMS key of `region`, listed once per scan (every page of ListKeys) however many slices
 * read keys: the rotation and the key-policy collectors share this listing.
 */
export function listKmsKeys(ctx: CollectContext, region: string): Promise<readonly ListedKey[]> {
  return ctx.once(`kms:ListKeys@${region}`, async () => {
    const client = ctx.aws.get(KMSClient, region);
    const listed: ListedKey[] = [];
    for await (const page of paginateListKeys({ client }, {}))
      for (const key of page.Keys ?? [])
        listed.push({ id: key.KeyId ?? '', arn: key.KeyArn ?? '' });
    return listed;
  });
}
