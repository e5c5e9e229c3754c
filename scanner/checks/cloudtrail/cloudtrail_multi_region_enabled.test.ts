import { failed, fetched, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { trail } from '../../../test/fixtures/resources';
import type {
  AdvancedEventSelector,
  EventSelector,
  Trail,
  TrailEventSelectors,
} from '../../model/logging';
import check from './cloudtrail_multi_region_enabled';

const basic = (readWriteType: string, includeManagementEvents = true): EventSelector => ({
  readWriteType,
  includeManagementEvents,
  excludeManagementEventSources: [],
  dataResources: [],
});

const advanced = (fields: {
  [field: string]: { equals?: string[]; notEquals?: string[] };
}): AdvancedEventSelector => ({
  name: null,
  fieldSelectors: Object.entries(fields).map(([field, { equals = [], notEquals = [] }]) => ({
    field,
    equals,
    notEquals,
    startsWith: [],
    notStartsWith: [],
    endsWith: [],
    notEndsWith: [],
  })),
});

const withSelectors = (selectors: Partial<TrailEventSelectors>): Partial<Trail> => ({
  eventSelectors: fetched({ basic: [], advanced: [], ...selectors }),
});

const NOT_LOGGING: Partial<Trail> = {
  status: fetched({ isLogging: false, latestDeliveryError: null }),
};

const singleRegion = (name: string, region: string, overrides: Partial<Trail> = {}) =>
  trail(name, {
    arn: `arn:aws:cloudtrail:${region}:123456789012:trail/${name}`,
    homeRegion: region,
    isMultiRegion: false,
    ...overrides,
  });

function scanOne(overrides: Partial<Trail>) {
  return runCheck(
    check,
    inventoryOf({ regional: { 'us-east-1': { trails: [trail('main', overrides)] } } }),
  );
}

describe('cloudtrail_multi_region_enabled', () => {
  test('passes every region listing a logging multi-region trail, once per region, on the trail', () => {
    const shared = trail('main');
    const findings = runCheck(
      check,
      inventoryOf({
        regional: { 'us-east-1': { trails: [shared] }, 'eu-west-1': { trails: [shared] } },
      }),
    );
    expect(findings.map((finding) => [finding.status, finding.resourceId, finding.region])).toEqual(
      [
        ['PASS', 'main', 'us-east-1'],
        ['PASS', 'main', 'eu-west-1'],
      ],
    );
    expect(findings[1]?.message).toBe(
      'Region eu-west-1 is recorded by multi-region trail main, which is logging read and write management events.',
    );
    expect(new Set(findings.map((finding) => finding.id)).size).toBe(2);
  });

  test('credits a multi-region trail listed only in its home region to every region, as moto lists it', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: { 'us-east-1': { trails: [trail('main')] }, 'eu-west-1': { trails: [] } },
      }),
    );
    expect(findings.map((finding) => [finding.status, finding.region])).toEqual([
      ['PASS', 'us-east-1'],
      ['PASS', 'eu-west-1'],
    ]);
  });

  test('is never not applicable: a region without any trail fails, on the account', () => {
    const findings = runCheck(check, inventoryOf({ regional: { 'eu-west-1': { trails: [] } } }));
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]).toMatchObject({
      region: 'eu-west-1',
      resourceArn: 'arn:aws:cloudtrail:eu-west-1:123456789012:account',
    });
    expect(findings[0]?.message).toBe('Region eu-west-1 is recorded by no CloudTrail trail.');
  });

  test('fails a region recorded only by a single-region trail, and not the regions it does not cover', () => {
    const inventory = inventoryOf({
      regional: {
        'us-east-1': { trails: [singleRegion('local', 'us-east-1')] },
        'eu-west-1': { trails: [] },
      },
    });
    const findings = runCheck(check, inventory);
    expect(findings.map((finding) => [finding.status, finding.region, finding.message])).toEqual([
      [
        'FAIL',
        'us-east-1',
        'Region us-east-1 is recorded only by single-region trail local, not by a multi-region trail.',
      ],
      ['FAIL', 'eu-west-1', 'Region eu-west-1 is recorded by no CloudTrail trail.'],
    ]);
  });

  test('fails a multi-region trail that is not logging', () => {
    const findings = scanOne(NOT_LOGGING);
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]?.message).toBe(
      'Multi-region trail main is not logging, so region us-east-1 is not recorded.',
    );
  });

  test.each<[string, Partial<TrailEventSelectors>, string]>([
    [
      'a WriteOnly basic selector',
      { basic: [basic('WriteOnly')] },
      'records only write management events (WriteOnly)',
    ],
    [
      'a ReadOnly basic selector',
      { basic: [basic('ReadOnly')] },
      'records only read management events (ReadOnly)',
    ],
    [
      'a basic selector excluding management events',
      { basic: [basic('All', false)] },
      'excludes management events',
    ],
    ['no selectors at all', {}, 'excludes management events'],
    [
      'an advanced selector of write management events',
      {
        advanced: [
          advanced({ eventCategory: { equals: ['Management'] }, readOnly: { equals: ['false'] } }),
        ],
      },
      'records only write management events (WriteOnly)',
    ],
    [
      'an advanced selector of data events only',
      {
        advanced: [
          advanced({
            eventCategory: { equals: ['Data'] },
            'resources.type': { equals: ['AWS::S3::Object'] },
          }),
        ],
      },
      'excludes management events',
    ],
  ])('fails a logging multi-region trail with %s', (_, selectors, words) => {
    const findings = scanOne(withSelectors(selectors));
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]?.message).toBe(
      `Multi-region trail main ${words}, so region us-east-1 is not fully recorded.`,
    );
  });

  test.each<[string, Partial<TrailEventSelectors>]>([
    [
      'ReadOnly and WriteOnly basic selectors together',
      { basic: [basic('ReadOnly'), basic('WriteOnly')] },
    ],
    [
      'an advanced selector of management events without a readOnly field',
      { advanced: [advanced({ eventCategory: { equals: ['Management'] } })] },
    ],
    [
      'advanced selectors of read and of write management events',
      {
        advanced: [
          advanced({ eventCategory: { equals: ['Management'] }, readOnly: { equals: ['true'] } }),
          advanced({
            eventCategory: { equals: ['Management'] },
            readOnly: { notEquals: ['true'] },
          }),
        ],
      },
    ],
  ])('passes a logging multi-region trail with %s', (_, selectors) => {
    expect(verdicts(scanOne(withSelectors(selectors)))).toEqual([['PASS', 'main']]);
  });

  test('explains the shortfall of the trail nearest to covering the region', () => {
    const inventory = inventoryOf({
      regional: {
        'us-east-1': {
          trails: [
            singleRegion('local', 'us-east-1'),
            trail('stopped', NOT_LOGGING),
            trail('writes', withSelectors({ basic: [basic('WriteOnly')] })),
          ],
        },
      },
    });
    const findings = runCheck(check, inventory);
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]?.message).toMatch(
      /^Multi-region trail writes records only write management events/,
    );
  });

  test('passes a region when one candidate covers it, whatever the others', () => {
    const unreadable = trail('unreadable', { status: failed('cloudtrail:GetTrailStatus') });
    const inventory = inventoryOf({
      regional: {
        'us-east-1': { trails: [unreadable, singleRegion('local', 'us-east-1'), trail('main')] },
      },
    });
    expect(verdicts(runCheck(check, inventory))).toEqual([['PASS', 'main']]);
  });

  test.each<[string, Partial<Trail>, string]>([
    ['status', { status: failed('cloudtrail:GetTrailStatus') }, 'cloudtrail:GetTrailStatus'],
    [
      'event selectors',
      { eventSelectors: failed('cloudtrail:GetEventSelectors') },
      'cloudtrail:GetEventSelectors',
    ],
  ])(
    'reports an error on the trail when its %s could not be read and nothing else decides',
    (_, overrides, api) => {
      const inventory = inventoryOf({
        regional: {
          'us-east-1': { trails: [singleRegion('local', 'us-east-1'), trail('main', overrides)] },
        },
      });
      const findings = runCheck(check, inventory);
      expect(verdicts(findings)).toEqual([['ERROR', 'main']]);
      expect(findings[0]?.message).toContain(
        `Could not evaluate main: ${api} failed in us-east-1 (AccessDenied`,
      );
    },
  );

  test('fails a trail whose status could not be read when its selectors already fall short', () => {
    const findings = scanOne({
      status: failed('cloudtrail:GetTrailStatus'),
      ...withSelectors({ basic: [basic('ReadOnly')] }),
    });
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]?.message).toMatch(/records only read management events/);
  });

  test('fails a trail that is not logging even when its selectors could not be read', () => {
    const findings = scanOne({
      ...NOT_LOGGING,
      eventSelectors: failed('cloudtrail:GetEventSelectors'),
    });
    expect(verdicts(findings)).toEqual([['FAIL', '123456789012']]);
    expect(findings[0]?.message).toMatch(/is not logging/);
  });

  test('reports an error for a region whose trails could not be listed and judges the others', () => {
    const inventory = inventoryOf({
      regional: {
        'us-east-1': { trails: [trail('main')] },
        'eu-west-1': { trails: failed('cloudtrail:DescribeTrails', 'eu-west-1') },
      },
    });
    const findings = runCheck(check, inventory);
    expect(findings.map((finding) => [finding.status, finding.region])).toEqual([
      ['ERROR', 'eu-west-1'],
      ['PASS', 'us-east-1'],
    ]);
  });
});
