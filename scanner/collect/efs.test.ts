import { DescribeFileSystemsCommand, EFSClient } from '@aws-sdk/client-efs';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import { fileSystems } from './efs';

const efs = mockClient(EFSClient);

beforeEach(() => efs.reset());

describe('the EFS collector', () => {
  test('reads file systems of every page with encryption and tags', async () => {
    efs
      .on(DescribeFileSystemsCommand)
      .resolvesOnce({
        FileSystems: [
          {
            FileSystemId: 'fs-a',
            FileSystemArn: 'arn:a',
            Encrypted: true,
            Tags: [{ Key: 'k', Value: 'v' }],
          } as never,
        ],
        NextMarker: 'm',
      })
      .resolves({
        FileSystems: [{ FileSystemId: 'fs-b', FileSystemArn: 'arn:b', Tags: [] } as never],
      });
    expect(await fileSystems.collect(collectContext(), 'us-east-1')).toEqual([
      { id: 'fs-a', arn: 'arn:a', encrypted: true, tags: { k: 'v' } },
      { id: 'fs-b', arn: 'arn:b', encrypted: false, tags: {} },
    ]);
  });
});
