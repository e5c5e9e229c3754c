import {
  APIGatewayClient,
  GetStagesCommand,
  paginateGetRestApis,
} from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  GetApisCommand,
  GetStagesCommand as GetV2StagesCommand,
} from '@aws-sdk/client-apigatewayv2';
import type { Api, ApiStage } from '../model/apigateway';
import { fetchDetail, type RegionalCollector } from './collector';

/** Every page of an apigatewayv2 list, which the SDK offers no paginator for. */
async function allPages<T>(
  read: (token: string | undefined) => Promise<{ items: T[]; next?: string }>,
) {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await read(token);
    items.push(...page.items);
    token = page.next;
  } while (token);
  return items;
}

/**
 * A region's REST APIs and HTTP/WebSocket APIs with their stages' access-log destinations. IAM
 * authorizes every one of these reads as apigateway:GET (permissions.ts).
 */
export const apis: RegionalCollector<'apis'> = {
  scope: 'regional',
  apis: [
    'apigateway:GetRestApis',
    'apigateway:GetStages',
    'apigatewayv2:GetApis',
    'apigatewayv2:GetStages',
  ],
  async collect(ctx, region) {
    const rest = ctx.aws.get(APIGatewayClient, region);
    const v2 = ctx.aws.get(ApiGatewayV2Client, region);
    const restApis: { id: string; name: string }[] = [];
    for await (const page of paginateGetRestApis({ client: rest }, {}))
      for (const api of page.items ?? []) restApis.push({ id: api.id ?? '', name: api.name ?? '' });
    const v2Apis = await allPages(async (token) => {
      const page = await v2.send(new GetApisCommand({ NextToken: token }));
      return { items: page.Items ?? [], next: page.NextToken };
    });
    const restResults = restApis.map(async (api): Promise<Api> => ({
      ...api,
      protocol: 'REST',
      stages: await fetchDetail('apigateway:GetStages', region, async () => {
        const { item } = await rest.send(new GetStagesCommand({ restApiId: api.id }));
        return (item ?? []).map((stage): ApiStage => ({
          name: stage.stageName ?? '',
          accessLogDestination: stage.accessLogSettings?.destinationArn ?? null,
        }));
      }),
    }));
    const v2Results = v2Apis.map(async (api): Promise<Api> => ({
      id: api.ApiId ?? '',
      name: api.Name ?? '',
      protocol: api.ProtocolType ?? '',
      stages: await fetchDetail('apigatewayv2:GetStages', region, async () => {
        const stages = await allPages(async (token) => {
          const page = await v2.send(
            new GetV2StagesCommand({ ApiId: api.ApiId ?? '', NextToken: token }),
          );
          return { items: page.Items ?? [], next: page.NextToken };
        });
        return stages.map((stage): ApiStage => ({
          name: stage.StageName ?? '',
          accessLogDestination: stage.AccessLogSettings?.DestinationArn ?? null,
        }));
      }),
    }));
    return Promise.all([...restResults, ...v2Results]);
  },
};
