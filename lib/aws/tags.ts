/** A tag as every AWS SDK v3 client returns it: both fields optional in the model. */
export interface SdkTag {
  readonly Key?: string;
  readonly Value?: string;
}

/** Tags as a key-to-value record; a tag without a key (never sent by AWS) is left out. */
export function tagRecord(tags: readonly SdkTag[] | undefined): Record<string, string> {
  return Object.fromEntries(
    (tags ?? []).filter((tag) => tag.Key).map((tag) => [tag.Key as string, tag.Value ?? '']),
  );
}
