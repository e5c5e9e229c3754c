import { COLLECTORS } from './collect/registry';
import { IAM_ACTION_OF_OPERATION, SCANNER_READ_ACTIONS, iamActionOf } from './permissions';

/** Calls made outside the collectors: who is scanning (account.ts) and where. */
const IDENTITY_OPERATIONS = ['sts:GetCallerIdentity', 'ec2:DescribeRegions'];

describe('scanner permissions', () => {
  const operations = [
    ...IDENTITY_OPERATIONS,
    ...Object.values(COLLECTORS).flatMap((collector) => collector.apis),
  ];

  test('every operation a collector calls is authorized by a listed action', () => {
    expect(
      operations.filter(
        (operation) =>
          !(SCANNER_READ_ACTIONS as readonly string[]).includes(iamActionOf(operation)),
      ),
    ).toEqual([]);
  });

  test('every listed action is needed by some operation, and none is listed twice', () => {
    const needed = new Set(operations.map(iamActionOf));
    expect(SCANNER_READ_ACTIONS.filter((action) => !needed.has(action))).toEqual([]);
    expect(new Set(SCANNER_READ_ACTIONS).size).toBe(SCANNER_READ_ACTIONS.length);
  });

  test('maps only operations that collectors call', () => {
    expect(
      Object.keys(IAM_ACTION_OF_OPERATION).filter((operation) => !operations.includes(operation)),
    ).toEqual([]);
  });

  test('only reads: every action lists, describes, gets or looks up, except generating the credential report and the access-advisor report', () => {
    const writes = SCANNER_READ_ACTIONS.filter(
      (action) =>
        !/^[a-z0-9-]+:(List|Describe|Get|Lookup)/.test(action) && action !== 'apigateway:GET',
    );
    expect(writes).toEqual([
      'iam:GenerateCredentialReport',
      'iam:GenerateServiceLastAccessedDetails',
    ]);
  });
});
