import { ACCOUNT, NOW, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import check from './iam_no_expired_server_certificates_stored';

function certificate(name: string, daysFromNow: number) {
  return {
    name,
    arn: `arn:aws:iam::${ACCOUNT}:server-certificate/${name}`,
    expiration: new Date(NOW.getTime() + daysFromNow * 86_400_000).toISOString(),
  };
}

describe('iam_no_expired_server_certificates_stored', () => {
  test('passes a certificate that is still valid and fails one that has expired', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        global: { serverCertificates: [certificate('current', 30), certificate('old', -1)] },
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['PASS', 'current'],
      ['FAIL', 'old'],
    ]);
    expect(findings[1]?.message).toMatch(/expired on 2026-05-31/);
  });

  test('is not applicable when IAM stores no server certificates', () => {
    const findings = runCheck(check, inventoryOf({ global: { serverCertificates: [] } }));
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });
});
