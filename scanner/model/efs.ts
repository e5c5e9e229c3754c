import type { Tags } from './finding';

/** An EFS file system (elasticfilesystem:DescribeFileSystems). */
export interface FileSystem {
  readonly id: string;
  readonly arn: string;
  /** Encryption at rest is chosen at creation and cannot be changed afterwards. */
  readonly encrypted: boolean;
  readonly tags: Tags;
}
