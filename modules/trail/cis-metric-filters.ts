import { CIS_MONITORED_API_CALLS, type MonitoredApiCalls } from '../../lib/cis-monitored-api-calls';

/** A CloudWatch Logs metric filter over CloudTrail events, with the CIS control that asks for it. */
export interface CisMetricFilter {
  /** Kebab-case id: part of the construct ids, metric name and alarm name. Permanent. */
  readonly id: string;
  /** Control in CIS AWS Foundations Benchmark 5.0 section 4 (5.x in versions 6.0 and 7.0). */
  readonly cisControl: string;
  /** What the alarm means. */
  readonly description: string;
  /** Filter pattern exactly as the benchmark gives it, so that auditing tools recognise it. */
  readonly pattern: string;
}

const anyEvent = (names: readonly string[]) =>
  names.map((name) => `($.eventName = ${name})`).join(' || ');
const quoted = (name: string) => `"${name}"`;
/** The benchmark quotes the event names of some filters and not of others; both match alike. */
const fromSource = (calls: MonitoredApiCalls, quote: (name: string) => string = (name) => name) =>
  `{ ($.eventSource = ${calls.eventSource}) && (${anyEvent(calls.eventNames.map(quote))}) }`;

/**
 * The metric filters CIS AWS Foundations Benchmark asks for, in benchmark order. Each gets an
 * alarm that notifies the alarm topic on the first matching event.
 *
 * @see https://www.cisecurity.org/benchmark/amazon_web_services
 */
export const CIS_METRIC_FILTERS: readonly CisMetricFilter[] = [
  {
    id: 'unauthorized-api-calls',
    cisControl: '4.1',
    description: 'API calls were denied for lack of authorization',
    pattern:
      '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
  },
  {
    id: 'console-sign-in-without-mfa',
    cisControl: '4.2',
    description: 'An IAM user signed in to the console without MFA',
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  {
    id: 'root-account-usage',
    cisControl: '4.3',
    description: 'The root user was used',
    pattern:
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  },
  {
    id: 'iam-policy-changes',
    cisControl: '4.4',
    description: 'An IAM policy was created, changed, attached or detached',
    pattern: `{ ${anyEvent(CIS_MONITORED_API_CALLS.iamPolicyChanges.eventNames)} }`,
  },
  {
    id: 'cloudtrail-configuration-changes',
    cisControl: '4.5',
    description: 'A CloudTrail trail was created, changed, stopped or deleted',
    pattern: `{ ${anyEvent(CIS_MONITORED_API_CALLS.cloudTrailChanges.eventNames)} }`,
  },
  {
    id: 'console-authentication-failures',
    cisControl: '4.6',
    description: 'A console sign-in failed',
    pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  },
  {
    id: 'cmk-disabled-or-scheduled-for-deletion',
    cisControl: '4.7',
    description: 'A customer managed KMS key was disabled or scheduled for deletion',
    pattern: fromSource(CIS_MONITORED_API_CALLS.kmsKeyDisabledOrDeleted),
  },
  {
    id: 's3-bucket-policy-changes',
    cisControl: '4.8',
    description: 'A bucket ACL, policy, CORS, lifecycle or replication configuration changed',
    pattern: fromSource(CIS_MONITORED_API_CALLS.s3BucketPolicyChanges),
  },
  {
    id: 'config-configuration-changes',
    cisControl: '4.9',
    description: 'AWS Config recording or delivery was changed or stopped',
    pattern: fromSource(CIS_MONITORED_API_CALLS.configChanges),
  },
  {
    id: 'security-group-changes',
    cisControl: '4.10',
    description: 'A security group or one of its rules changed',
    pattern: `{ ${anyEvent(CIS_MONITORED_API_CALLS.securityGroupChanges.eventNames)} }`,
  },
  {
    id: 'nacl-changes',
    cisControl: '4.11',
    description: 'A network ACL or one of its entries changed',
    pattern: `{ ${anyEvent(CIS_MONITORED_API_CALLS.networkAclChanges.eventNames)} }`,
  },
  {
    id: 'network-gateway-changes',
    cisControl: '4.12',
    description: 'A customer or internet gateway changed',
    pattern: `{ ${anyEvent(CIS_MONITORED_API_CALLS.networkGatewayChanges.eventNames)} }`,
  },
  {
    id: 'route-table-changes',
    cisControl: '4.13',
    description: 'A route or route table changed',
    pattern: fromSource(CIS_MONITORED_API_CALLS.routeTableChanges),
  },
  {
    id: 'vpc-changes',
    cisControl: '4.14',
    description: 'A VPC, its attributes or a peering connection changed',
    pattern: `{ ${anyEvent(CIS_MONITORED_API_CALLS.vpcChanges.eventNames)} }`,
  },
  {
    id: 'organizations-changes',
    cisControl: '4.15',
    description: 'The AWS Organizations structure or its policies changed',
    pattern: fromSource(CIS_MONITORED_API_CALLS.organizationsChanges, quoted),
  },
];
