import {
  CloudFrontClient,
  GetDistributionConfigCommand,
  ListDistributionsCommand,
} from '@aws-sdk/client-cloudfront';
import {
  CloudWatchLogsClient,
  DescribeDeliveriesCommand,
  DescribeDeliverySourcesCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import { cloudFrontDistributions } from './cloudfront';

const cloudfront = mockClient(CloudFrontClient);
const logs = mockClient(CloudWatchLogsClient);

const ARN = (id: string) => `arn:aws:cloudfront::123456789012:distribution/${id}`;
const summary = (id: string) => ({ Id: id, ARN: ARN(id), DomainName: `${id}.cloudfront.net` });
const denied = () => Object.assign(new Error('denied'), { name: 'AccessDenied' });

beforeEach(() => {
  cloudfront.reset();
  logs.reset();
});

describe('the CloudFront collector', () => {
  test('reads every page of distributions, each configuration, and the v2 deliveries once', async () => {
    cloudfront
      .on(ListDistributionsCommand)
      .resolvesOnce({
        DistributionList: { Items: [summary('E1')] as never, NextMarker: 'm', IsTruncated: true },
      } as never)
      .resolves({ DistributionList: { Items: [summary('E2'), summary('E3')] as never } } as never);
    cloudfront
      .on(GetDistributionConfigCommand, { Id: 'E1' })
      .resolves({ DistributionConfig: { Logging: { Enabled: true, Bucket: 'logs.s3' } } as never })
      .on(GetDistributionConfigCommand, { Id: 'E2' })
      .resolves({ DistributionConfig: { Logging: { Enabled: false, Bucket: '' } } as never })
      .on(GetDistributionConfigCommand, { Id: 'E3' })
      .rejects(denied());
    logs.on(DescribeDeliverySourcesCommand).resolves({
      deliverySources: [
        { name: 'cf-e2', logType: 'ACCESS_LOGS', resourceArns: [ARN('E2')] },
        { name: 'cf-e3', logType: 'CONNECTION_LOGS', resourceArns: [ARN('E3')] },
      ],
    });
    logs.on(DescribeDeliveriesCommand).resolves({
      deliveries: [
        { deliverySourceName: 'cf-e2', deliveryDestinationArn: 'arn:dest:s3' },
        { deliverySourceName: 'cf-e3', deliveryDestinationArn: 'arn:dest:other' },
      ],
    });
    const distributions = await cloudFrontDistributions.collect(collectContext());
    expect(
      distributions.map((d) => [d.id, d.domainName, d.legacyLogBucket.ok, d.logDeliveries]),
    ).toEqual([
      ['E1', 'E1.cloudfront.net', true, { ok: true, data: [] }],
      ['E2', 'E2.cloudfront.net', true, { ok: true, data: ['arn:dest:s3'] }],
      ['E3', 'E3.cloudfront.net', false, { ok: true, data: [] }],
    ]);
    expect(distributions.map((d) => d.legacyLogBucket.ok && d.legacyLogBucket.data)).toEqual([
      'logs.s3',
      null,
      false,
    ]);
    expect(cloudfront.commandCalls(ListDistributionsCommand)[1]?.args[0].input).toEqual({
      Marker: 'm',
    });
    expect(logs.commandCalls(DescribeDeliverySourcesCommand)).toHaveLength(1);
  });

  test('keeps a refused delivery read on each distribution, and reads nothing more without distributions', async () => {
    cloudfront
      .on(ListDistributionsCommand)
      .resolvesOnce({ DistributionList: { Items: [summary('E1')] as never } } as never)
      .resolves({ DistributionList: {} } as never);
    cloudfront.on(GetDistributionConfigCommand).resolves({ DistributionConfig: {} as never });
    logs.on(DescribeDeliverySourcesCommand).rejects(denied());
    const [distribution] = await cloudFrontDistributions.collect(collectContext());
    expect(distribution?.legacyLogBucket).toEqual({ ok: true, data: null });
    expect(distribution?.logDeliveries).toMatchObject({
      ok: false,
      error: { api: 'logs:DescribeDeliverySources', name: 'AccessDenied' },
    });
    logs.reset();
    expect(await cloudFrontDistributions.collect(collectContext())).toEqual([]);
    expect(logs.calls()).toHaveLength(0);
  });
});
