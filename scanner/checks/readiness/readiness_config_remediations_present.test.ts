import { failed, fetched, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import type { PlumbingConfigRule, RemediationSettings } from '../../model/readiness';
import check from './readiness_config_remediations_present';

const rule = (
  remediation: ReturnType<typeof fetched<RemediationSettings | null>> | ReturnType<typeof failed>,
  state = 'ACTIVE',
): PlumbingConfigRule => ({
  name: 'pyjamas-quarantined-instance-isolated',
  arn: 'arn:aws:config:us-east-1:123456789012:config-rule/config-rule-abc',
  state,
  remediation,
});
const automatic = fetched({ targetId: 'pyjamas-isolate', automatic: true });
const scan = (rules: PlumbingConfigRule[], europe: PlumbingConfigRule[] = rules) =>
  runCheck(
    check,
    inventoryOf({
      regional: {
        'us-east-1': { plumbingConfigRules: rules },
        'eu-west-1': { plumbingConfigRules: europe },
      },
    }),
  );

describe('readiness_config_remediations_present', () => {
  test('passes active rules with automatic remediation in every region', () => {
    expect(scan([rule(automatic)]).map((finding) => finding.status)).toEqual(['PASS', 'PASS']);
  });

  test.each<[string, PlumbingConfigRule, RegExp]>([
    ['without remediation', rule(fetched(null)), /has no remediation/],
    [
      'with a manual remediation',
      rule(fetched({ targetId: 'pyjamas-isolate', automatic: false })),
      /remediates only when asked/,
    ],
    ['being deleted', rule(automatic, 'DELETING'), /is deleting/],
  ])('fails a rule %s', (_, tampered, message) => {
    expect(scan([tampered])[0]).toMatchObject({
      status: 'FAIL',
      message: expect.stringMatching(message),
    });
  });

  test('fails a region whose rules were removed', () => {
    expect(scan([rule(automatic)], [])[1]).toMatchObject({ status: 'FAIL', region: 'eu-west-1' });
  });

  test('is not applicable where no Pyjamas Config rule is deployed', () => {
    expect(verdicts(scan([]))).toEqual([['NOT_APPLICABLE', '123456789012']]);
  });

  test('reports an error when the remediations could not be read', () => {
    expect(scan([rule(failed('config:DescribeRemediationConfigurations'))])[0]?.status).toBe(
      'ERROR',
    );
  });
});
