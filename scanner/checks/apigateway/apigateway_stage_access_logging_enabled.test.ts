import { failed, fetched, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import check from './apigateway_stage_access_logging_enabled';

const LOGS = 'arn:aws:logs:us-east-1:123456789012:log-group:api-access';

describe('apigateway_stage_access_logging_enabled', () => {
  test('judges each stage of REST and HTTP APIs, and an unreadable API as ERROR', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: {
          'us-east-1': {
            apis: [
              {
                id: 'r1',
                name: 'orders',
                protocol: 'REST',
                stages: fetched([
                  { name: 'prod', accessLogDestination: LOGS },
                  { name: 'dev', accessLogDestination: null },
                ]),
              },
              {
                id: 'h1',
                name: 'web',
                protocol: 'HTTP',
                stages: fetched([{ name: '$default', accessLogDestination: null }]),
              },
              {
                id: 'h2',
                name: 'chat',
                protocol: 'WEBSOCKET',
                stages: failed('apigatewayv2:GetStages'),
              },
            ],
          },
        },
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['PASS', 'r1/prod'],
      ['FAIL', 'r1/dev'],
      ['FAIL', 'h1/$default'],
      ['ERROR', 'h2'],
    ]);
    expect(findings[1]?.resourceArn).toBe('arn:aws:apigateway:us-east-1::/restapis/r1/stages/dev');
  });

  test('is not applicable to a region without stages', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: {
          'us-east-1': { apis: [{ id: 'r', name: 'n', protocol: 'REST', stages: fetched([]) }] },
        },
      }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });
});
