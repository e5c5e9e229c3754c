import { defineCheck } from '../../model/check';
import type { CollectError } from '../../model/inventory';
import type { Trail, TrailEventSelectors } from '../../model/logging';
import { accountResource, couldNotRead, fail, pass } from '../results';
import { trailResource, uniqueTrails } from './trails';

/** What keeps a trail from covering a region, from the furthest from passing to the nearest. */
const SHORTFALLS = ['single-region', 'not logging', 'management events'] as const;

type Judgement =
  | { readonly kind: 'covers' }
  | { readonly kind: 'unknown'; readonly error: CollectError }
  | {
      readonly kind: 'short';
      readonly shortfall: (typeof SHORTFALLS)[number];
      readonly message: string;
    };

export default defineCheck({
  id: 'cloudtrail_multi_region_enabled',
  title:
    'Every region is recorded by a logging multi-region trail with read and write management events',
  service: 'cloudtrail',
  severity: 'high',
  resourceType: 'AwsCloudTrailTrail',
  risk: 'API activity in a region no trail records leaves no history: an intruder working there (or in a region the account never uses) creates users, keys and instances that responders can neither see nor reconstruct.',
  remediation:
    'Create a trail for all regions and start it: aws cloudtrail create-trail --name <trail> --s3-bucket-name <bucket> --is-multi-region-trail && aws cloudtrail start-logging --name <trail>; keep its event selectors on management events with ReadWriteType All.',
  references: [
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html',
    'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html',
  ],
  needs: ['trails'],
  evaluate({ trails }, ctx) {
    // AWS lists a multi-region trail in every region (as a shadow trail) but moto only in its
    // home region: a multi-region trail listed anywhere covers every region.
    const multiRegion = ctx.regions.flatMap((region) =>
      (trails[region] ?? []).filter((trail) => trail.isMultiRegion),
    );
    return ctx.regions.map((region) => {
      const judged = uniqueTrails([...(trails[region] ?? []), ...multiRegion]).map((trail) => ({
        trail,
        judgement: judge(trail, region),
      }));
      const covering = judged.find(({ judgement }) => judgement.kind === 'covers');
      if (covering) {
        return pass(
          trailResource(covering.trail, region),
          `Region ${region} is recorded by multi-region trail ${covering.trail.name}, which is logging read and write management events.`,
        );
      }
      // A trail that might cover the region but whose status or selectors could not be read
      // leaves the region undecided.
      for (const { trail, judgement } of judged) {
        if (judgement.kind === 'unknown')
          return couldNotRead(trailResource(trail, region), judgement.error);
      }
      const account = accountResource(ctx, 'cloudtrail', region);
      const shortfalls = judged.flatMap(({ judgement }) =>
        judgement.kind === 'short' ? [judgement] : [],
      );
      const [nearest] = shortfalls.sort(
        (a, b) => SHORTFALLS.indexOf(b.shortfall) - SHORTFALLS.indexOf(a.shortfall),
      );
      return fail(
        account,
        nearest ? nearest.message : `Region ${region} is recorded by no CloudTrail trail.`,
      );
    });
  },
});

function judge(trail: Trail, region: string): Judgement {
  if (!trail.isMultiRegion) {
    return {
      kind: 'short',
      shortfall: 'single-region',
      message: `Region ${region} is recorded only by single-region trail ${trail.name}, not by a multi-region trail.`,
    };
  }
  const { status, eventSelectors } = trail;
  if (status.ok && !status.data.isLogging) {
    return {
      kind: 'short',
      shortfall: 'not logging',
      message: `Multi-region trail ${trail.name} is not logging, so region ${region} is not recorded.`,
    };
  }
  if (eventSelectors.ok) {
    const missing = missingManagementEvents(eventSelectors.data);
    if (missing) {
      return {
        kind: 'short',
        shortfall: 'management events',
        message: `Multi-region trail ${trail.name} ${missing}, so region ${region} is not fully recorded.`,
      };
    }
  }
  if (!status.ok) return { kind: 'unknown', error: status.error };
  if (!eventSelectors.ok) return { kind: 'unknown', error: eventSelectors.error };
  return { kind: 'covers' };
}

/** What the selectors leave out of read and write management events, or null when nothing. */
function missingManagementEvents(selectors: TrailEventSelectors): string | null {
  let reads = false;
  let writes = false;
  for (const selector of selectors.basic) {
    if (!selector.includeManagementEvents) continue;
    reads ||= selector.readWriteType === 'All' || selector.readWriteType === 'ReadOnly';
    writes ||= selector.readWriteType === 'All' || selector.readWriteType === 'WriteOnly';
  }
  for (const { fieldSelectors } of selectors.advanced) {
    if (
      !fieldSelectors.some(
        (field) => field.field === 'eventCategory' && field.equals.includes('Management'),
      )
    )
      continue;
    // Without a readOnly field selector an advanced selector takes both reads and writes.
    const readOnly = fieldSelectors.find((field) => field.field === 'readOnly');
    reads ||= !readOnly || readOnly.equals.includes('true') || readOnly.notEquals.includes('false');
    writes ||=
      !readOnly || readOnly.equals.includes('false') || readOnly.notEquals.includes('true');
  }
  if (reads && writes) return null;
  if (writes) return 'records only write management events (WriteOnly)';
  if (reads) return 'records only read management events (ReadOnly)';
  return 'excludes management events';
}
