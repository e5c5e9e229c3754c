import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { fromAccount, openTo, withPolicy } from '../../../test/fixtures/resource-policies';
import check from './kms_key_not_publicly_accessible';

const ARN = (name: string) => `arn:aws:kms:us-east-1:123456789012:key/${name}`;

describe('kms_key_not_publicly_accessible', () => {
  test('fails an unrestricted "*" grant, passes a limited grant or no policy, and is ERROR when unread', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: {
          'us-east-1': {
            kmsKeyPolicies: [
              withPolicy('open', ARN('open'), [fromAccount('kms:Decrypt'), openTo('kms:Decrypt')]),
              withPolicy('limited', ARN('limited'), [fromAccount('kms:Decrypt')]),
              withPolicy('none', ARN('none'), null),
              withPolicy('unread', ARN('unread'), failed('kms:GetKeyPolicy')),
            ],
          },
        },
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['FAIL', 'open'],
      ['PASS', 'limited'],
      ['PASS', 'none'],
      ['ERROR', 'unread'],
    ]);
    expect(findings[0]).toMatchObject({
      resourceArn: ARN('open'),
      message: expect.stringMatching(/statement Anyone/),
    });
  });

  test('is not applicable to a region without any', () => {
    const findings = runCheck(
      check,
      inventoryOf({ regional: { 'eu-west-1': { kmsKeyPolicies: [] } } }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });
});
