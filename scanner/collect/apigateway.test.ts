import {
  APIGatewayClient,
  GetRestApisCommand,
  GetStagesCommand,
} from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  GetApisCommand,
  GetStagesCommand as GetV2StagesCommand,
} from '@aws-sdk/client-apigatewayv2';
import { mockClient } from 'aws-sdk-client-mock';
import { collectContext } from '../../test/fixtures/collect-context';
import { apis } from './apigateway';

const rest = mockClient(APIGatewayClient);
const v2 = mockClient(ApiGatewayV2Client);

beforeEach(() => {
  rest.reset();
  v2.reset();
});

describe('the API Gateway collector', () => {
  test('reads REST and HTTP API stages with their access-log destinations, every page', async () => {
    rest.on(GetRestApisCommand).resolves({ items: [{ id: 'r1', name: 'orders' }] });
    rest.on(GetStagesCommand, { restApiId: 'r1' }).resolves({
      item: [{ stageName: 'prod', accessLogSettings: { destinationArn: 'arn:logs' } }],
    });
    v2.on(GetApisCommand)
      .resolvesOnce({
        Items: [{ ApiId: 'h1', Name: 'web', ProtocolType: 'HTTP' } as never],
        NextToken: 't',
      })
      .resolves({ Items: [] });
    v2.on(GetV2StagesCommand, { ApiId: 'h1' }).resolves({
      Items: [{ StageName: '$default' }],
    });
    expect(await apis.collect(collectContext(), 'us-east-1')).toEqual([
      {
        id: 'r1',
        name: 'orders',
        protocol: 'REST',
        stages: { ok: true, data: [{ name: 'prod', accessLogDestination: 'arn:logs' }] },
      },
      {
        id: 'h1',
        name: 'web',
        protocol: 'HTTP',
        stages: { ok: true, data: [{ name: '$default', accessLogDestination: null }] },
      },
    ]);
  });
});
