import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { PLUMBING_COMPONENTS } from '../../lib/plumbing-tags';
import type { LogDestination } from '../shared/log-destination';
import { plumbingTags } from '../shared/tags';
import { checkOneOf, checkResourceId } from '../shared/validation';

/** Properties of {@link FlowLogs}. */
export interface FlowLogsProps {
  /** The VPC whose traffic is recorded. */
  readonly vpcId: string;

  /** Bucket the flow log records are delivered to, usually the evidence bucket. */
  readonly destination: LogDestination;

  /**
   * Longest interval, in seconds, over which a flow is aggregated into one record: 60 or 600.
   * Shorter intervals give finer timelines and more records.
   *
   * @default 600
   */
  readonly maxAggregationIntervalSeconds?: number;

  /**
   * Provider of the VPC's region and account.
   *
   * @default - the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * VPC Flow Logs of one VPC: accepted and rejected traffic of every network interface, delivered
 * to S3 under `AWSLogs/<account>/vpcflowlogs/<region>/`.
 *
 * The destination is the plain bucket ARN. S3 delivery adds the `AWSLogs/` prefix by itself, and
 * moto 5.2.1 reads a `<bucket ARN>/<prefix>` destination as a bucket name and rejects it.
 */
export class FlowLogs extends Construct {
  /** Id of the flow log. */
  public readonly flowLogId: string;

  constructor(scope: Construct, id: string, props: FlowLogsProps) {
    super(scope, id);
    const interval = props.maxAggregationIntervalSeconds ?? 600;
    checkResourceId('FlowLogs', 'vpcId', props.vpcId, 'vpc');
    checkOneOf('FlowLogs', 'maxAggregationIntervalSeconds', interval, [60, 600]);

    this.flowLogId = new FlowLog(this, 'flow-log', {
      provider: props.provider,
      vpcId: props.vpcId,
      trafficType: 'ALL',
      logDestinationType: 's3',
      logDestination: props.destination.bucketArn,
      maxAggregationInterval: interval,
      tags: plumbingTags(PLUMBING_COMPONENTS.flowLogs),
      dependsOn: props.destination.deliveryDependencies,
    }).id;
  }
}
