import { ACCOUNT, NOW, failed, inventoryOf, verdicts } from '../test/fixtures/inventory';
import { defineCheck } from './model/check';
import { fingerprint } from './fingerprint';
import { runChecks } from './run';

const perRegion = defineCheck({
  id: 'ec2_test_region_check',
  title: 'A regional test check',
  service: 'ec2',
  severity: 'high',
  resourceType: 'AwsAccount',
  risk: 'none',
  remediation: 'none',
  references: [],
  needs: ['vpcs', 'flowLogs'],
  evaluate: ({ vpcs, flowLogs }, ctx) =>
    ctx.regions.map((region) => ({
      status: (vpcs[region]?.length ?? 0) === (flowLogs[region]?.length ?? 0) ? 'PASS' : 'FAIL',
      resource: {
        region,
        type: 'AwsAccount',
        id: region,
        arn: `arn:aws:ec2:${region}:${ACCOUNT}:account`,
      },
      message: `Region ${region} judged.`,
    })),
});

const global = defineCheck({
  id: 'iam_test_global_check',
  title: 'A global test check',
  service: 'iam',
  severity: 'low',
  resourceType: 'AwsAccount',
  risk: 'none',
  remediation: 'Fix it.',
  references: [],
  needs: ['passwordPolicy'],
  evaluate: () => [
    {
      status: 'FAIL',
      resource: {
        region: 'global',
        type: 'AwsAccount',
        id: ACCOUNT,
        arn: `arn:aws:iam::${ACCOUNT}:account`,
      },
      message: 'Failed.',
    },
  ],
});

describe('runChecks', () => {
  test('evaluates the regions it can read and reports ERROR for each slice it could not', () => {
    const inventory = inventoryOf({
      regional: {
        'us-east-1': { vpcs: [], flowLogs: [] },
        'eu-west-1': { vpcs: [], flowLogs: failed('ec2:DescribeFlowLogs', 'eu-west-1') },
      },
    });
    const findings = runChecks(inventory, [perRegion], { now: NOW });
    expect(verdicts(findings)).toEqual([
      ['ERROR', ACCOUNT],
      ['PASS', 'us-east-1'],
    ]);
    expect(findings[0]).toMatchObject({
      region: 'eu-west-1',
      message: expect.stringContaining('ec2:DescribeFlowLogs failed in eu-west-1 (AccessDenied'),
    });
  });

  test('does not evaluate a check whose global slice failed', () => {
    const findings = runChecks(
      inventoryOf({ global: { passwordPolicy: failed('iam:GetAccountPasswordPolicy') } }),
      [global],
      { now: NOW },
    );
    expect(verdicts(findings)).toEqual([['ERROR', ACCOUNT]]);
  });

  test('reports a slice missing from a replayed inventory instead of judging without it', () => {
    const findings = runChecks(inventoryOf({}), [global], { now: NOW });
    expect(findings[0]?.message).toMatch(/inventory holds no "passwordPolicy" data/);
  });

  test('turns a check that throws into one ERROR finding and goes on with the others', () => {
    const throwing = defineCheck({
      ...global,
      id: 'iam_test_throwing_check',
      evaluate: () => {
        throw new Error('boom');
      },
    });
    const findings = runChecks(
      inventoryOf({ global: { passwordPolicy: null } }),
      [throwing, global],
      { now: NOW },
    );
    expect(findings.map((f) => [f.checkId, f.status])).toEqual([
      ['iam_test_throwing_check', 'ERROR'],
      ['iam_test_global_check', 'FAIL'],
    ]);
    expect(findings[0]?.message).toMatch(/failed while evaluating: boom/);
  });

  test('stamps metadata, compliance and a fingerprint of check, account, region and ARN', () => {
    const [finding] = runChecks(inventoryOf({ global: { passwordPolicy: null } }), [global], {
      now: NOW,
    });
    expect(finding).toMatchObject({
      checkId: 'iam_test_global_check',
      title: 'A global test check',
      service: 'iam',
      severity: 'low',
      remediation: 'Fix it.',
      compliance: {},
      muted: false,
      id: fingerprint(
        'iam_test_global_check',
        ACCOUNT,
        'global',
        `arn:aws:iam::${ACCOUNT}:account`,
      ),
    });
    expect(finding?.id).toMatch(/^[0-9a-f]{32}$/);
  });

  test('mutes findings matched by an unexpired rule and keeps their status', () => {
    const mutelist = {
      rules: [{ checkId: 'iam_*', reason: 'accepted by the CISO', expires: '2026-12-31' }],
    };
    const [finding] = runChecks(inventoryOf({ global: { passwordPolicy: null } }), [global], {
      now: NOW,
      mutelist,
    });
    expect(finding).toMatchObject({
      status: 'FAIL',
      muted: true,
      mutedReason: 'accepted by the CISO',
    });
  });

  test('ignores expired mute rules', () => {
    const mutelist = { rules: [{ checkId: 'iam_*', reason: 'old', expires: '2026-01-01' }] };
    const [finding] = runChecks(inventoryOf({ global: { passwordPolicy: null } }), [global], {
      now: NOW,
      mutelist,
    });
    expect(finding?.muted).toBe(false);
  });
});

describe('fingerprint', () => {
  test('is stable and changes with any of its parts', () => {
    const base = fingerprint('c', '1', 'r', 'arn');
    expect(fingerprint('c', '1', 'r', 'arn')).toBe(base);
    expect(
      new Set([
        fingerprint('d', '1', 'r', 'arn'),
        fingerprint('c', '2', 'r', 'arn'),
        fingerprint('c', '1', 's', 'arn'),
        fingerprint('c', '1', 'r', 'arm'),
      ]).size,
    ).toBe(4);
  });
});
