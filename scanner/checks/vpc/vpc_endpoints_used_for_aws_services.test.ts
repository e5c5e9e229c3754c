import { inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { vpc } from '../../../test/fixtures/resources';
import check from './vpc_endpoints_used_for_aws_services';

describe('vpc_endpoints_used_for_aws_services', () => {
  test('passes a VPC with an available endpoint and fails one with only a pending endpoint', () => {
    const findings = runCheck(
      check,
      inventoryOf({
        regional: {
          'us-east-1': {
            vpcs: [vpc('vpc-a'), vpc('vpc-b')],
            vpcEndpoints: [
              {
                id: 'vpce-1',
                vpcId: 'vpc-a',
                serviceName: 'com.amazonaws.us-east-1.s3',
                type: 'Gateway',
                state: 'available',
              },
              {
                id: 'vpce-2',
                vpcId: 'vpc-b',
                serviceName: 'com.amazonaws.us-east-1.kms',
                type: 'Interface',
                state: 'pending',
              },
            ],
          },
        },
      }),
    );
    expect(verdicts(findings)).toEqual([
      ['PASS', 'vpc-a'],
      ['FAIL', 'vpc-b'],
    ]);
  });

  test('is not applicable to a region without VPCs', () => {
    const findings = runCheck(
      check,
      inventoryOf({ regional: { 'us-east-1': { vpcs: [], vpcEndpoints: [] } } }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });
});
