import { failed, inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { instance } from '../../../test/fixtures/resources';
import type { Instance } from '../../model/ec2';
import check from './ec2_instance_imdsv2_enabled';

const inRegion = (...instances: Instance[]) =>
  inventoryOf({ regional: { 'us-east-1': { instances } } });

describe('ec2_instance_imdsv2_enabled', () => {
  test('passes an instance that requires IMDSv2 tokens', () => {
    const findings = runCheck(check, inRegion(instance('i-v2')));
    expect(verdicts(findings)).toEqual([['PASS', 'i-v2']]);
    expect(findings[0]).toMatchObject({
      resourceType: 'AwsEc2Instance',
      resourceArn: 'arn:aws:ec2:us-east-1:123456789012:instance/i-v2',
      message: 'Instance i-v2 requires IMDSv2 session tokens.',
    });
  });

  test('passes an instance whose metadata service is turned off, saying so', () => {
    const findings = runCheck(
      check,
      inRegion(
        instance('i-off', 'us-east-1', { httpTokens: 'optional', httpEndpoint: 'disabled' }),
      ),
    );
    expect(verdicts(findings)).toEqual([['PASS', 'i-off']]);
    expect(findings[0]?.message).toMatch(/instance metadata service turned off/);
  });

  test.each<[string, string | null, string]>([
    ['optional tokens', 'optional', 'HttpTokens is optional'],
    ['no reported token setting', null, 'HttpTokens is not reported'],
  ])('fails an instance with %s', (_, httpTokens, detail) => {
    const findings = runCheck(check, inRegion(instance('i-v1', 'us-east-1', { httpTokens })));
    expect(verdicts(findings)).toEqual([['FAIL', 'i-v1']]);
    expect(findings[0]?.message).toBe(`Instance i-v1 still answers IMDSv1 requests (${detail}).`);
  });

  test.each(['pending', 'running', 'stopping', 'stopped'])(
    'judges an instance that is %s',
    (state) => {
      expect(
        verdicts(
          runCheck(
            check,
            inRegion(instance('i-v1', 'us-east-1', { state, httpTokens: 'optional' })),
          ),
        ),
      ).toEqual([['FAIL', 'i-v1']]);
    },
  );

  test('skips terminated and shutting-down instances', () => {
    const findings = runCheck(
      check,
      inRegion(
        instance('i-gone', 'us-east-1', { state: 'terminated', httpTokens: 'optional' }),
        instance('i-going', 'us-east-1', { state: 'shutting-down', httpTokens: 'optional' }),
        instance('i-v2'),
      ),
    );
    expect(verdicts(findings)).toEqual([['PASS', 'i-v2']]);
  });

  test('is not applicable in a region whose only instances are terminated', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: {
          'eu-west-1': {
            instances: [
              instance('i-gone', 'eu-west-1', { state: 'terminated', httpTokens: 'optional' }),
            ],
          },
        },
      }),
    );
    expect(verdicts(findings)).toEqual([['NOT_APPLICABLE', '123456789012']]);
    expect(findings[0]).toMatchObject({
      region: 'eu-west-1',
      message: 'Region eu-west-1 has no instances that are not terminated.',
    });
  });

  test('is not applicable in a region without instances', () => {
    expect(
      verdicts(runCheck(check, inventoryOf({ regional: { 'eu-west-1': { instances: [] } } }))),
    ).toEqual([['NOT_APPLICABLE', '123456789012']]);
  });

  test('judges the readable regions and reports an error for a region it could not read', () => {
    const inventory = inventoryOf({
      regional: {
        'us-east-1': { instances: [instance('i-v2')] },
        'eu-west-1': {
          instances: failed('ec2:DescribeInstances', 'eu-west-1', 'UnauthorizedOperation'),
        },
      },
    });
    const findings = runCheck(check, inventory);
    expect(verdicts(findings)).toEqual([
      ['ERROR', '123456789012'],
      ['PASS', 'i-v2'],
    ]);
    expect(findings[0]?.message).toMatch(/ec2:DescribeInstances failed in eu-west-1/);
  });
});
