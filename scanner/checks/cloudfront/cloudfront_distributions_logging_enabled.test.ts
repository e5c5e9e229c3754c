import type { CloudFrontDistribution } from '../../model/cloudfront';
import { failed, fetched, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import check from './cloudfront_distributions_logging_enabled';

function distribution(
  id: string,
  legacyLogBucket: CloudFrontDistribution['legacyLogBucket'],
  logDeliveries: CloudFrontDistribution['logDeliveries'],
): CloudFrontDistribution {
  return {
    id,
    arn: `arn:aws:cloudfront::123456789012:distribution/${id}`,
    domainName: `${id.toLowerCase()}.cloudfront.net`,
    legacyLogBucket,
    logDeliveries,
  };
}

describe('cloudfront_distributions_logging_enabled', () => {
  test('passes legacy or v2 logging, fails neither, and is ERROR only where it cannot tell', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: {
          cloudFrontDistributions: [
            distribution('LEGACY', fetched('logs.s3.amazonaws.com'), fetched([])),
            distribution('V2', fetched(null), fetched(['arn:aws:logs:us-east-1:1:dest:s3'])),
            distribution('NONE', fetched(null), fetched([])),
            distribution('NOCONFIG', failed('cloudfront:GetDistributionConfig'), fetched([])),
            distribution('NODELIVERY', fetched(null), failed('logs:DescribeDeliverySources')),
            distribution(
              'LEGACYONLY',
              fetched('logs.s3.amazonaws.com'),
              failed('logs:DescribeDeliverySources'),
            ),
          ],
        },
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['PASS', 'LEGACY'],
      ['PASS', 'V2'],
      ['FAIL', 'NONE'],
      ['ERROR', 'NOCONFIG'],
      ['ERROR', 'NODELIVERY'],
      ['PASS', 'LEGACYONLY'],
    ]);
    expect(findings[2]).toMatchObject({
      region: 'global',
      resourceArn: 'arn:aws:cloudfront::123456789012:distribution/NONE',
      message: expect.stringMatching(/none\.cloudfront\.net/),
    });
  });

  test('is not applicable to an account without distributions', () => {
    const findings = runCheck(check, inventoryOf({ global: { cloudFrontDistributions: [] } }));
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });

  test('is ERROR when the distributions cannot be listed', () => {
    const findings = runCheck(
      check,
      inventoryOf({ global: { cloudFrontDistributions: failed('cloudfront:ListDistributions') } }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['ERROR']);
  });
});
