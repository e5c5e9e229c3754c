import { EFSClient, paginateDescribeFileSystems } from '@aws-sdk/client-efs';
import type { FileSystem } from '../model/efs';
import type { RegionalCollector } from './collector';

/** A region's EFS file systems, tags included in the same answer. */
export const fileSystems: RegionalCollector<'fileSystems'> = {
  scope: 'regional',
  // The SDK names the service `efs`; IAM authorizes it as elasticfilesystem (permissions.ts).
  apis: ['efs:DescribeFileSystems'],
  async collect(ctx, region) {
    const client = ctx.aws.get(EFSClient, region);
    const found: FileSystem[] = [];
    for await (const page of paginateDescribeFileSystems({ client }, {}))
      for (const fs of page.FileSystems ?? [])
        found.push({
          id: fs.FileSystemId ?? '',
          arn: fs.FileSystemArn ?? '',
          encrypted: fs.Encrypted ?? false,
          tags: Object.fromEntries((fs.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? ''])),
        });
    return found;
  },
};
