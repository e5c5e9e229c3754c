import { AwsClients, isRegionName } from '../../lib/aws/clients';
import { SCAN_RETRY_POLICY } from '../../lib/aws/retry-strategy';
import { systemClock } from '../../lib/clock';
import { TOOL_VERSION } from '../../lib/version';
import { parseScanSettings, resolveScanConfig } from '../scan-config';
import { runScheduledScan } from './scheduled-scan';

/**
 * Lambda entry of the scheduled scan, invoked by an EventBridge schedule. Configuration comes
 * from the environment:
 * - PYJAMAS_REPORT_BUCKET (required): where reports are filed;
 * - PYJAMAS_REPORT_PREFIX (default `scans/`);
 * - PYJAMAS_REPORT_BUCKET_OWNER (optional): the account that owns the bucket when it is another
 *   account's (the central bucket of an organization), checked on every request;
 * - PYJAMAS_SCAN_REGIONS (comma-separated; default every enabled region);
 * - PYJAMAS_REPORT_TOPIC_ARN (optional): SNS topic told the outcome;
 * - PYJAMAS_SECURITY_HUB=true to import findings into Security Hub;
 * - PYJAMAS_SCAN_SETTINGS (optional): the scan settings file's JSON (`pyjamas scan --config`),
 *   e.g. `{"respondersDeclaredDryRun":true}` while the responders run in dry run;
 * - AWS_REGION (set by Lambda).
 */
export async function handler(
  event: unknown,
): Promise<{ folder: string; failed: number; newFailures: number | null }> {
  const config = configFromEnvironment(process.env);
  if (typeof event !== 'object' || event === null)
    throw new Error('scheduled scan: the event must be an EventBridge event object');
  const source = (event as { source?: unknown }).source;
  if (source !== undefined && source !== 'aws.events' && source !== 'aws.scheduler') {
    throw new Error(
      `scheduled scan: refusing an event from ${JSON.stringify(source)}; it runs on EventBridge schedules only`,
    );
  }
  const aws = new AwsClients({ maxConcurrentRequests: 10, retryPolicy: SCAN_RETRY_POLICY });
  try {
    const result = await runScheduledScan({
      aws,
      clock: systemClock,
      toolVersion: TOOL_VERSION,
      ...config,
    });
    return {
      folder: result.folder,
      failed: result.report.summary.failed,
      newFailures: result.variance ? result.variance.newFailures.length : null,
    };
  } finally {
    aws.destroy();
  }
}

function configFromEnvironment(env: NodeJS.ProcessEnv) {
  const reportBucket = env.PYJAMAS_REPORT_BUCKET;
  if (!reportBucket)
    throw new Error(
      'scheduled scan: PYJAMAS_REPORT_BUCKET is not set; it names the bucket reports are filed in',
    );
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new Error('scheduled scan: AWS_REGION is not set');
  const regions = env.PYJAMAS_SCAN_REGIONS?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const invalid = (regions ?? []).filter((name) => !isRegionName(name));
  if (invalid.length > 0)
    throw new Error(
      `scheduled scan: PYJAMAS_SCAN_REGIONS holds names that are not regions: ${invalid.join(', ')}`,
    );
  return {
    region,
    reportBucket,
    ...(env.PYJAMAS_REPORT_PREFIX ? { reportPrefix: env.PYJAMAS_REPORT_PREFIX } : {}),
    ...(env.PYJAMAS_REPORT_BUCKET_OWNER
      ? { reportBucketOwner: accountIdOf(env.PYJAMAS_REPORT_BUCKET_OWNER) }
      : {}),
    ...(regions && regions.length > 0 ? { regions } : {}),
    ...(env.PYJAMAS_REPORT_TOPIC_ARN ? { topicArn: env.PYJAMAS_REPORT_TOPIC_ARN } : {}),
    securityHub: env.PYJAMAS_SECURITY_HUB === 'true',
    ...(env.PYJAMAS_SCAN_SETTINGS
      ? {
          config: resolveScanConfig(
            parseScanSettings(env.PYJAMAS_SCAN_SETTINGS, 'PYJAMAS_SCAN_SETTINGS'),
          ).config,
        }
      : {}),
  };
}

function accountIdOf(value: string): string {
  if (!/^\d{12}$/.test(value))
    throw new Error(
      `scheduled scan: PYJAMAS_REPORT_BUCKET_OWNER is ${JSON.stringify(value)}; it must be the 12-digit id of the account that owns the report bucket`,
    );
  return value;
}
