import type { DriftAttribution, DriftedResource } from './drift';

/** The latest change recorded to a resource, or why it cannot be said. */
export type LastChange =
  { readonly found: DriftAttribution } | { readonly none: true } | { readonly unavailable: string };

/** Answers who last changed a resource: CloudTrail in the scanner, a fake in tests. */
export interface ChangeLookup {
  lastChange(region: string, resourceName: string): Promise<LastChange>;
}

/**
 * Names who changed each drifted resource: the newest write event for any of its identifiers
 * (id first, then name and ARN) in its region. A resource whose region the configuration does not
 * state is looked up in `defaultRegion`.
 */
export async function attributeDrift(
  drift: readonly DriftedResource[],
  lookup: ChangeLookup,
  defaultRegion: string,
): Promise<DriftedResource[]> {
  const attributed: DriftedResource[] = [];
  for (const resource of drift) {
    const region = resource.region ?? defaultRegion;
    let who: DriftedResource['who'] = {
      unknown: 'no CloudTrail event names this resource in the last 90 days',
    };
    for (const identifier of resource.identifiers) {
      const answer = await lookup.lastChange(region, identifier);
      if ('found' in answer) {
        who = answer.found;
        break;
      }
      if ('unavailable' in answer) {
        who = { unknown: answer.unavailable };
        break;
      }
    }
    if (resource.identifiers.length === 0)
      who = { unknown: 'the state holds no id, name or ARN to look up' };
    attributed.push({ ...resource, who });
  }
  return attributed;
}
