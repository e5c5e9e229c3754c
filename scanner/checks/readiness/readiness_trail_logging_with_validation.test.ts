import { failed, fetched, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { trail } from '../../../test/fixtures/resources';
import type { Trail } from '../../model/logging';
import check from './readiness_trail_logging_with_validation';

const scan = (trails: Trail[]) =>
  runCheck(check, inventoryOf({ regional: { 'us-east-1': { trails }, 'eu-west-1': { trails } } }));

describe('readiness_trail_logging_with_validation', () => {
  test('passes every region a logging, validating multi-region trail covers', () => {
    expect(verdicts(scan([trail('main')]))).toEqual([
      ['PASS', 'main'],
      ['PASS', 'main'],
    ]);
  });

  test.each<[string, Partial<Trail>, RegExp]>([
    [
      'stopped',
      { status: fetched({ isLogging: false, latestDeliveryError: null }) },
      /main is not logging/,
    ],
    ['without log file validation', { logFileValidationEnabled: false }, /does not validate/],
    [
      'recording data events only',
      {
        eventSelectors: fetched({
          basic: [
            {
              readWriteType: 'All',
              includeManagementEvents: false,
              excludeManagementEventSources: [],
              dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }],
            },
          ],
          advanced: [],
        }),
      },
      /records no management events/,
    ],
    [
      'whose status could not be read',
      { status: failed('cloudtrail:GetTrailStatus') },
      /status could not be read/,
    ],
  ])('fails every region when its only trail is %s', (_, overrides, message) => {
    const findings = scan([trail('main', overrides)]);
    expect(findings.map((finding) => finding.status)).toEqual(['FAIL', 'FAIL']);
    expect(findings[0]?.message).toMatch(message);
  });

  test('passes on a second, fit trail when the first is stopped', () => {
    const stopped = trail('old', {
      status: fetched({ isLogging: false, latestDeliveryError: null }),
    });
    expect(verdicts(scan([stopped, trail('main')]))[0]).toEqual(['PASS', 'main']);
  });

  // Every region needs a trail: there is no not-applicable case, an uncovered region fails.
  test('fails a region no trail covers', () => {
    expect(scan([])[0]).toMatchObject({
      status: 'FAIL',
      message: 'No trail covers region us-east-1.',
    });
  });
});
