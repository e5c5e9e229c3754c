import type { Fetched } from './inventory';

/** A deployed stage of an API and where it writes access logs. */
export interface ApiStage {
  readonly name: string;
  /** CloudWatch Logs group or Firehose stream ARN; null when access logging is off. */
  readonly accessLogDestination: string | null;
}

/** A REST API (apigateway:GetRestApis) or an HTTP/WebSocket API (apigatewayv2:GetApis). */
export interface Api {
  readonly id: string;
  readonly name: string;
  /** `REST`, `HTTP` or `WEBSOCKET`. */
  readonly protocol: string;
  /** Stages, read per API (GetStages), so one refusal does not hide the other APIs. */
  readonly stages: Fetched<readonly ApiStage[]>;
}
