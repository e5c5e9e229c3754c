import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { fromAccount, openTo, withPolicy } from '../../../test/fixtures/resource-policies';
import check from './sqs_queues_not_publicly_accessible';

const ARN = (name: string) => `arn:aws:sqs:us-east-1:123456789012:${name}`;

describe('sqs_queues_not_publicly_accessible', () => {
  test('fails an unrestricted "*" grant, passes a limited grant or no policy, and is ERROR when unread', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: {
          'us-east-1': {
            sqsQueues: [
              withPolicy('open', ARN('open'), [
                fromAccount('sqs:SendMessage'),
                openTo('sqs:SendMessage'),
              ]),
              withPolicy('limited', ARN('limited'), [fromAccount('sqs:SendMessage')]),
              withPolicy('none', ARN('none'), null),
              withPolicy('unread', ARN('unread'), failed('sqs:GetQueueAttributes')),
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
    const findings = runCheck(check, inventoryOf({ regional: { 'eu-west-1': { sqsQueues: [] } } }));
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });
});
