import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import type { AwsClients } from '../../lib/aws/clients';
import { summarizeAwsError } from '../../lib/aws/errors';
import { RateLimiter } from '../../lib/rate-limiter';
import type { ChangeLookup, LastChange } from '../drift/attribute';
import { parseTrailRecord } from './trail-record';

/**
 * Finds who last changed resources, from CloudTrail management events (LookupEvents by resource
 * name, write events only, newest first). LookupEvents answers 2 requests per second per account
 * and region and reaches back 90 days; each lookup reads one page of 50 events.
 *
 * moto 5.2.1 does not implement LookupEvents (it answers HTTP 500): the answer is then
 * `unavailable`, never a guess.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html
 */
export class TrailEventLookup implements ChangeLookup {
  private readonly limiter = new RateLimiter({ lookup: { burst: 1, perSecond: 2 } });
  /** Regions where LookupEvents failed: the reason, so a region is not asked again. */
  private readonly failed = new Map<string, string>();

  constructor(private readonly aws: AwsClients) {}

  /** The newest write event naming `resourceName` in `region`. */
  async lastChange(region: string, resourceName: string): Promise<LastChange> {
    const failure = this.failed.get(region);
    if (failure) return { unavailable: failure };
    await this.limiter.take('lookup');
    try {
      const page = await this.aws.get(CloudTrailClient, region).send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: resourceName }],
          MaxResults: 50,
        }),
      );
      const event = (page.Events ?? [])
        .filter((candidate) => candidate.ReadOnly !== 'true')
        .sort((a, b) => (b.EventTime?.getTime() ?? 0) - (a.EventTime?.getTime() ?? 0))[0];
      if (!event) return { none: true };
      const record = parseTrailRecord(event.CloudTrailEvent);
      return {
        found: {
          event: event.EventName ?? record.eventName ?? 'unknown',
          time: event.EventTime?.toISOString() ?? record.eventTime ?? 'unknown',
          principal: record.userIdentity?.arn ?? event.Username ?? 'unknown',
          ...(event.AccessKeyId || record.userIdentity?.accessKeyId
            ? { accessKeyId: event.AccessKeyId ?? record.userIdentity?.accessKeyId }
            : {}),
          ...(record.sourceIPAddress ? { sourceIp: record.sourceIPAddress } : {}),
        },
      };
    } catch (error) {
      const { name, message } = summarizeAwsError(error);
      const reason = `CloudTrail LookupEvents unavailable in ${region}: ${name}: ${message}`;
      this.failed.set(region, reason);
      return { unavailable: reason };
    }
  }
}
