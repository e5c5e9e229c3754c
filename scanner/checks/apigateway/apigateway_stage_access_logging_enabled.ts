import { defineCheck } from '../../model/check';
import type { CheckResult } from '../../model/finding';
import { accountResource, couldNotRead, fail, notApplicable, pass } from '../results';

export default defineCheck({
  id: 'apigateway_stage_access_logging_enabled',
  title: 'Every API Gateway stage (REST, HTTP and WebSocket) writes access logs',
  service: 'apigateway',
  severity: 'medium',
  resourceType: 'AwsApiGatewayStage',
  risk: 'Without access logs a stage leaves no record of who called which route with which credentials, so abuse of an API during an incident cannot be traced or scoped.',
  remediation:
    'Set an access-log destination on the stage: aws apigateway update-stage --rest-api-id <id> --stage-name <stage> --patch-operations op=replace,path=/accessLogSettings/destinationArn,value=<log group ARN> (REST), or aws apigatewayv2 update-stage --api-id <id> --stage-name <stage> --access-log-settings DestinationArn=<ARN>,Format=<format> (HTTP, WebSocket).',
  references: [
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html',
  ],
  needs: ['apis'],
  evaluate: ({ apis }, ctx) =>
    ctx.regions.flatMap((region): CheckResult[] => {
      const list = apis[region] ?? [];
      const results = list.flatMap((api): CheckResult[] => {
        const path = api.protocol === 'REST' ? 'restapis' : 'apis';
        const apiResource = {
          region,
          type: 'AwsApiGatewayStage',
          id: api.id,
          arn: `arn:${ctx.partition}:apigateway:${region}::/${path}/${api.id}`,
        };
        if (!api.stages.ok) return [couldNotRead(apiResource, api.stages.error)];
        return api.stages.data.map((stage) => {
          const resource = {
            ...apiResource,
            id: `${api.id}/${stage.name}`,
            arn: `${apiResource.arn}/stages/${stage.name}`,
          };
          return stage.accessLogDestination
            ? pass(
                resource,
                `Stage ${stage.name} of ${api.protocol} API ${api.name} logs to ${stage.accessLogDestination}.`,
              )
            : fail(
                resource,
                `Stage ${stage.name} of ${api.protocol} API ${api.name} writes no access logs.`,
              );
        });
      });
      return results.length > 0
        ? results
        : [
            notApplicable(
              accountResource(ctx, 'apigateway', region),
              `No API Gateway stages in ${region}.`,
            ),
          ];
    }),
});
