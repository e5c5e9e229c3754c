import { inventoryOf, runCheck, verdicts } from '../../../test/fixtures/inventory';
import { instance } from '../../../test/fixtures/resources';
import check from './ec2_instance_in_allowed_region';

const inventory = inventoryOf({
  regional: {
    'us-east-1': { instances: [instance('i-web')] },
    'ap-southeast-3': {
      instances: [
        instance('i-miner', 'ap-southeast-3'),
        instance('i-gone', 'ap-southeast-3', { state: 'terminated' }),
      ],
    },
  },
});

const withAllowed = (allowedRegions: readonly string[] | null) => ({ allowedRegions });

describe('ec2_instance_in_allowed_region', () => {
  test('fails a live instance in a region outside the allowed list and passes the others', () => {
    const findings = runCheck(check, inventory, withAllowed(['us-east-1', 'eu-west-1']));
    expect(verdicts(findings).sort()).toEqual([
      ['FAIL', 'i-miner'],
      ['PASS', 'i-web'],
    ]);
    expect(findings.find((finding) => finding.resourceId === 'i-miner')?.message).toBe(
      'Instance i-miner (running) is in ap-southeast-3, outside the allowed regions (us-east-1, eu-west-1).',
    );
  });

  test('judges nothing when no allowed regions are set, and says how to set them', () => {
    const findings = runCheck(check, inventory, withAllowed(null));
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE', 'NOT_APPLICABLE']);
    expect(findings[0]?.message).toMatch(/allowedRegions in the scan settings/);
  });

  test('is not applicable in a region with only terminated instances', () => {
    const only = inventoryOf({
      regional: {
        'ap-southeast-3': {
          instances: [instance('i-gone', 'ap-southeast-3', { state: 'terminated' })],
        },
      },
    });
    const findings = runCheck(check, only, withAllowed(['us-east-1']));
    expect(findings.map((finding) => finding.status)).toEqual(['NOT_APPLICABLE']);
  });
});
