import {
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import { dbClusters, dbInstances } from './rds';

const rds = mockClient(RDSClient);

beforeEach(() => rds.reset());

describe('the RDS collectors', () => {
  test('read instances of every page with their flags, cluster and tags', async () => {
    rds
      .on(DescribeDBInstancesCommand)
      .resolvesOnce({
        DBInstances: [
          {
            DBInstanceIdentifier: 'a',
            DBInstanceArn: 'arn:a',
            Engine: 'aurora-mysql',
            DBClusterIdentifier: 'c',
            StorageEncrypted: true,
            AutoMinorVersionUpgrade: true,
            PubliclyAccessible: true,
            DeletionProtection: false,
            TagList: [{ Key: 'env', Value: 'prod' }],
          },
        ],
        Marker: 'm',
      })
      .resolves({ DBInstances: [{ DBInstanceIdentifier: 'b', DBInstanceArn: 'arn:b' }] });
    expect(await dbInstances.collect(collectContext(), 'us-east-1')).toEqual([
      {
        id: 'a',
        arn: 'arn:a',
        engine: 'aurora-mysql',
        clusterId: 'c',
        storageEncrypted: true,
        autoMinorVersionUpgrade: true,
        publiclyAccessible: true,
        deletionProtection: false,
        tags: { env: 'prod' },
      },
      {
        id: 'b',
        arn: 'arn:b',
        engine: '',
        clusterId: null,
        storageEncrypted: false,
        autoMinorVersionUpgrade: false,
        publiclyAccessible: false,
        deletionProtection: false,
        tags: {},
      },
    ]);
  });

  test('read clusters with encryption and deletion protection', async () => {
    rds.on(DescribeDBClustersCommand).resolves({
      DBClusters: [
        {
          DBClusterIdentifier: 'c',
          DBClusterArn: 'arn:c',
          Engine: 'aurora-postgresql',
          StorageEncrypted: true,
          DeletionProtection: true,
        },
      ],
    });
    expect(await dbClusters.collect(collectContext(), 'us-east-1')).toEqual([
      {
        id: 'c',
        arn: 'arn:c',
        engine: 'aurora-postgresql',
        storageEncrypted: true,
        deletionProtection: true,
        tags: {},
      },
    ]);
  });
});
