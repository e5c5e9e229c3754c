import { describeSteps } from './stage-respond';

describe('describeSteps', () => {
  test('lists the steps done, and groups failed steps by their error with what moto lacks', () => {
    const failed = (region: string) => ({
      id: `collect-cloudtrail-events-${region}`,
      status: 'failed',
      error: 'UnrecognizedResponse: HTTP 500',
    });

    expect(
      describeSteps([
        { id: 'deactivate-access-key', status: 'done' },
        failed('us-east-1'),
        failed('us-east-2'),
        failed('us-west-1'),
        failed('us-west-2'),
      ]),
    ).toEqual([
      '5 steps, one AWS action each; 1 done: deactivate-access-key',
      '4 failed (collect-cloudtrail-events-us-east-1, collect-cloudtrail-events-us-east-2 and 2 more): UnrecognizedResponse: HTTP 500',
      "  moto has no CloudTrail LookupEvents, so the key's recent API calls cannot be filed here and the run is degraded (contained, evidence incomplete); on AWS these steps file them.",
    ]);
  });
});
