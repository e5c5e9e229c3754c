import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { fromAccount, openTo, withPolicy } from '../../../test/fixtures/resource-policies';
import check from './eventbridge_bus_not_publicly_accessible';

const ARN = (name: string) => `arn:aws:events:us-east-1:123456789012:event-bus/${name}`;

describe('eventbridge_bus_not_publicly_accessible', () => {
  test('fails an unrestricted "*" grant, passes a limited grant or no policy, and is ERROR when unread', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: {
          'us-east-1': {
            eventBuses: [
              withPolicy('open', ARN('open'), [
                fromAccount('events:PutEvents'),
                openTo('events:PutEvents'),
              ]),
              withPolicy('limited', ARN('limited'), [fromAccount('events:PutEvents')]),
              withPolicy('none', ARN('none'), null),
              withPolicy('unread', ARN('unread'), failed('events:ListEventBuses')),
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
      inventoryOf({ regional: { 'eu-west-1': { eventBuses: [] } } }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });
});
