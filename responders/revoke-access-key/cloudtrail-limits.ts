/*
 * CloudTrail LookupEvents limits, as plain constants that plans and step factories can use.
 */

/** LookupEvents returns at most 50 events a page. */
export const LOOKUP_EVENTS_PAGE_SIZE = 50;

/**
 * Pages read per region: 1,000 events, 10 seconds at the API's pace. Enough to see what a
 * stolen key did; a busier key's full history belongs to the trail's logs (Athena, CloudTrail
 * Lake), and the extract says when it stopped short.
 */
export const MAX_LOOKUP_PAGES_PER_REGION = 20;

/** LookupEvents reaches back 90 days at most. */
export const MAX_LOOKBACK_DAYS = 90;
