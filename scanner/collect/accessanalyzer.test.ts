import { AccessAnalyzerClient, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import { analyzers } from './accessanalyzer';

const client = mockClient(AccessAnalyzerClient);

beforeEach(() => client.reset());

// moto 5.2.1 does not implement IAM Access Analyzer, so its collector is tested on mocks only.
describe('the Access Analyzer collector', () => {
  test('lists analyzers of every page and type', async () => {
    client
      .on(ListAnalyzersCommand)
      .resolvesOnce({
        analyzers: [{ arn: 'a1', name: 'external', type: 'ACCOUNT', status: 'ACTIVE' } as never],
        nextToken: 't',
      })
      .resolves({
        analyzers: [
          { arn: 'a2', name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS', status: 'CREATING' } as never,
        ],
      });
    expect(await analyzers.collect(collectContext(), 'eu-west-1')).toEqual([
      { arn: 'a1', name: 'external', type: 'ACCOUNT', status: 'ACTIVE' },
      { arn: 'a2', name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS', status: 'CREATING' },
    ]);
  });

  test('lets a refusal fail the slice rather than read as no analyzers', async () => {
    client
      .on(ListAnalyzersCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await expect(analyzers.collect(collectContext(), 'eu-west-1')).rejects.toThrow('denied');
  });
});
