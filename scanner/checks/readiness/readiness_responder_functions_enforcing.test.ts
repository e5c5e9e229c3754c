import { inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import type { ResponderFunction } from '../../model/readiness';
import check from './readiness_responder_functions_enforcing';

const responder = (name: string, enforcing: boolean, region = 'us-east-1'): ResponderFunction => ({
  name,
  arn: `arn:aws:lambda:${region}:123456789012:function:${name}`,
  enforcing,
});
const scan = (
  home: ResponderFunction[],
  europe: ResponderFunction[],
  respondersDeclaredDryRun = false,
) =>
  runCheck(
    check,
    inventoryOf({
      regional: {
        'us-east-1': { responderFunctions: home },
        'eu-west-1': { responderFunctions: europe },
      },
    }),
    { respondersDeclaredDryRun },
  );

describe('readiness_responder_functions_enforcing', () => {
  test('passes enforcing responders in every region', () => {
    expect(
      verdicts(
        scan(
          [responder('pyjamas-isolate-guardduty', true)],
          [responder('pyjamas-isolate-guardduty', true, 'eu-west-1')],
        ),
      ),
    ).toEqual([
      ['PASS', 'pyjamas-isolate-guardduty'],
      ['PASS', 'pyjamas-isolate-guardduty'],
    ]);
  });

  test('fails a responder in dry run unless dry run is declared', () => {
    const dry = [responder('pyjamas-revoke-config', false)];
    const europe = [responder('pyjamas-revoke-config', true, 'eu-west-1')];
    expect(scan(dry, europe)[0]).toMatchObject({
      status: 'FAIL',
      message: expect.stringMatching(/pyjamas-revoke-config runs in dry run .* not declared/),
    });
    expect(scan(dry, europe, true)[0]).toMatchObject({
      status: 'PASS',
      message: 'Responder pyjamas-revoke-config runs in dry run, as declared.',
    });
  });

  test('fails a region whose responders were deleted while another still has them', () => {
    expect(scan([responder('pyjamas-isolate-guardduty', true)], [])[1]).toMatchObject({
      status: 'FAIL',
      region: 'eu-west-1',
      message: expect.stringMatching(/no Pyjamas responder functions, while us-east-1 has them/),
    });
  });

  test('is not applicable where automatic response is not deployed', () => {
    expect(verdicts(scan([], []))).toEqual([['NOT_APPLICABLE', '123456789012']]);
  });
});
