import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsClients } from '../../lib/aws/clients';
import { DEMO_REGIONS, seedDemoAccount } from '../../examples/demo/seed';
import { seedDetectiveControls } from '../fixtures/demo-detective-controls';
import type { ScanReport } from '../../scanner/report/report';
import { runPyjamas } from '../helpers/cli';
import { useMotoServer } from '../helpers/moto-jest';
import { reportSchemaErrors } from '../helpers/report-schema';

jest.setTimeout(120_000);

describe('pyjamas scan against a seeded moto account', () => {
  const moto = useMotoServer();
  let dir: string;
  let report: ScanReport;
  let exitCode: number | null;

  const verdict = (checkId: string, resourceId: string, region?: string) =>
    report.findings.find(
      (f) =>
        f.checkId === checkId && f.resourceId === resourceId && (!region || f.region === region),
    )?.status;
  // Counted first: a filter that finds nothing would make any "every finding" claim pass.
  const statusesOf = (checkId: string) =>
    report.findings.filter((f) => f.checkId === checkId).map((f) => f.status);
  const verdictsOf = (checkId: string) =>
    report.findings
      .filter((f) => f.checkId === checkId)
      .map((f) => `${f.region} ${f.resourceId} ${f.status}`);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pyjamas-scan-'));
    const aws = new AwsClients({ env: moto.server.env, maxAttempts: 2 });
    await seedDemoAccount(aws);
    await seedDetectiveControls(aws);
    aws.destroy();
    const run = await runPyjamas(
      [
        'scan',
        '--regions',
        DEMO_REGIONS.join(','),
        '--output',
        'json',
        '--output-file',
        join(dir, 'report.json'),
        '--save-inventory',
        join(dir, 'inventory.json'),
      ],
      moto.server.env,
    );
    exitCode = run.code;
    report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as ScanReport;
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('exits 1 because the account has failed findings, and writes a report that matches the schema', () => {
    expect(exitCode).toBe(1);
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report).toMatchObject({
      account: '123456789012',
      partition: 'aws',
      regions: ['us-east-1', 'eu-west-1'],
    });
  });

  test('could evaluate every check but those whose API moto lacks, and says which', () => {
    // moto's credential report has no <root_account> row, which AWS always writes: the root
    // usage check says so rather than passing. moto 5.2.1 does not implement Access Analyzer's
    // ListAnalyzers, Account's GetContactInformation nor IAM's access advisor
    // (GenerateServiceLastAccessedDetails), and its GetMacieSession answers a date the SDK cannot
    // parse: those reads are ERROR (never PASS), named by API and region.
    expect(
      report.findings
        .filter((f) => f.status === 'ERROR')
        .map((f) => f.message.replace(/ \(.*\)\.$/, ''))
        .sort(),
    ).toEqual([
      'Check iam_avoid_root_usage failed while evaluating: the credential report has no <root_account> row.',
      'Could not evaluate: access-analyzer:ListAnalyzers failed in eu-west-1',
      'Could not evaluate: access-analyzer:ListAnalyzers failed in us-east-1',
      'Could not evaluate: account:GetContactInformation failed in us-east-1',
      'Could not evaluate: iam:GenerateServiceLastAccessedDetails failed in us-east-1',
      'Could not evaluate: macie2:GetMacieSession failed in eu-west-1',
      'Could not evaluate: macie2:GetMacieSession failed in us-east-1',
    ]);
  });

  test('judges IAM users from the credential report and the authorization details', () => {
    expect(verdict('iam_user_mfa_enabled_console_access', 'alice')).toBe('FAIL');
    expect(verdict('iam_user_mfa_enabled_console_access', 'bob')).toBe('PASS');
    expect(verdict('iam_user_two_active_access_key', 'ci-deploy')).toBe('FAIL');
    expect(verdict('iam_user_two_active_access_key', 'alice')).toBe('PASS');
    expect(verdict('iam_policy_attached_only_to_group_or_roles', 'ci-deploy')).toBe('FAIL');
    expect(verdict('iam_policy_attached_only_to_group_or_roles', 'carol')).toBe('PASS');
    expect(
      verdict('iam_aws_attached_policy_no_administrative_privileges', 'AdministratorAccess'),
    ).toBe('FAIL');
    expect(verdict('iam_aws_attached_policy_no_administrative_privileges', 'ReadOnlyAccess')).toBe(
      'PASS',
    );
    expect(
      verdict('iam_customer_attached_policy_no_administrative_privileges', 'legacy-full-access'),
    ).toBe('FAIL');
    expect(verdict('iam_password_policy_minimum_length_14', '123456789012')).toBe('FAIL');
    expect(verdict('iam_password_policy_reuse_24', '123456789012')).toBe('FAIL');
    expect(verdict('iam_support_role_created', '123456789012')).toBe('FAIL');
    expect(verdict('iam_user_console_access_unused', 'alice')).toBe('PASS');
  });

  test('judges S3 at account and bucket level', () => {
    expect(verdict('s3_account_level_public_access_blocks', '123456789012')).toBe('FAIL');
    expect(verdict('s3_bucket_level_public_access_block', 'acme-public-assets')).toBe('FAIL');
    expect(verdict('s3_bucket_level_public_access_block', 'acme-trail-logs')).toBe('PASS');
    expect(verdict('s3_bucket_secure_transport_policy', 'acme-public-assets')).toBe('FAIL');
    expect(verdict('s3_bucket_secure_transport_policy', 'acme-trail-logs')).toBe('PASS');
  });

  test('judges the trail, Config and GuardDuty region by region', () => {
    expect(verdictsOf('cloudtrail_multi_region_enabled')).toEqual([
      expect.stringMatching(/^eu-west-1 management-events PASS$/),
      expect.stringMatching(/^us-east-1 management-events PASS$/),
    ]);
    expect(verdict('cloudtrail_log_file_validation_enabled', 'management-events')).toBe('FAIL');
    expect(verdict('cloudtrail_kms_encryption_enabled', 'management-events')).toBe('FAIL');
    expect(verdict('cloudtrail_logs_s3_bucket_access_logging_enabled', 'acme-trail-logs')).toBe(
      'FAIL',
    );
    expect(verdict('config_recorder_all_regions_enabled', '123456789012', 'us-east-1')).toBe(
      'PASS',
    );
    expect(verdict('config_recorder_all_regions_enabled', '123456789012', 'eu-west-1')).toBe(
      'FAIL',
    );
    expect(
      report.findings.find((f) => f.checkId === 'guardduty_is_enabled' && f.region === 'us-east-1')
        ?.status,
    ).toBe('PASS');
    expect(
      report.findings.find((f) => f.checkId === 'guardduty_is_enabled' && f.region === 'eu-west-1')
        ?.status,
    ).toBe('FAIL');
  });

  test('judges network exposure, flow logs, IMDS and encryption settings', () => {
    const byName = (checkId: string, region: string) =>
      report.findings
        .filter((f) => f.checkId === checkId && f.region === region && f.status === 'FAIL')
        .map((f) => f.message);
    expect(
      byName('ec2_securitygroup_no_ipv4_internet_ingress_to_admin_ports', 'us-east-1'),
    ).toEqual([expect.stringMatching(/\(web\) allows ingress from 0\.0\.0\.0\/0 to port 22/)]);
    expect(
      byName('ec2_securitygroup_no_ipv6_internet_ingress_to_admin_ports', 'eu-west-1'),
    ).toEqual([expect.stringMatching(/\(legacy-rdp\) allows ingress from ::\/0 to port 3389/)]);
    const defaultGroups = statusesOf('ec2_securitygroup_default_restrict_traffic');
    expect(defaultGroups.length).toBeGreaterThanOrEqual(DEMO_REGIONS.length);
    expect(new Set(defaultGroups)).toEqual(new Set(['FAIL']));
    const acls = statusesOf('ec2_networkacl_no_internet_ingress_to_admin_ports');
    expect(acls.length).toBeGreaterThanOrEqual(DEMO_REGIONS.length);
    expect(new Set(acls)).toEqual(new Set(['FAIL']));
    expect(verdict('ec2_ebs_default_encryption', '123456789012', 'us-east-1')).toBe('PASS');
    expect(verdict('ec2_ebs_default_encryption', '123456789012', 'eu-west-1')).toBe('FAIL');
    const imds = report.findings
      .filter((f) => f.checkId === 'ec2_instance_imdsv2_enabled')
      .map((f) => `${f.region} ${f.status}`)
      .sort();
    expect(imds).toEqual(['eu-west-1 FAIL', 'us-east-1 PASS']);
    const flowLogs = report.findings.filter((f) => f.checkId === 'vpc_flow_logs_enabled');
    expect(flowLogs.filter((f) => f.status === 'PASS').map((f) => f.region)).toEqual(['us-east-1']);
    expect(flowLogs.filter((f) => f.status === 'FAIL').length).toBeGreaterThanOrEqual(3);
    const rotation = report.findings.filter((f) => f.checkId === 'kms_cmk_rotation_enabled');
    for (const region of DEMO_REGIONS) {
      expect(rotation.filter((f) => f.region === region).map((f) => f.status)).toEqual(
        expect.arrayContaining(['PASS', 'FAIL']),
      );
    }
  });

  test('judges the account not ready for incident response without the Pyjamas plumbing', () => {
    expect(verdict('readiness_evidence_bucket_present', '123456789012')).toBe('FAIL');
    const isolation = statusesOf('readiness_isolation_security_groups_present');
    expect(isolation.length).toBeGreaterThanOrEqual(DEMO_REGIONS.length);
    expect(new Set(isolation)).toEqual(new Set(['FAIL']));
  });

  test('maps findings to CIS v5.0, v6.0 and v7.0 control ids', () => {
    const finding = report.findings.find(
      (f) => f.checkId === 'iam_user_mfa_enabled_console_access',
    );
    expect(finding?.compliance).toEqual({
      'cis-aws-5.0': ['1.9'],
      'cis-aws-6.0': ['2.9'],
      'cis-aws-7.0': ['2.10'],
      'cis-aws-7.1': ['2.10'],
    });
  });

  test('replays the saved inventory offline to the same findings', async () => {
    const replay = await runPyjamas(
      ['scan', '--inventory', join(dir, 'inventory.json'), '--output', 'json'],
      { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' },
    );
    expect(replay.code).toBe(1);
    const replayed = JSON.parse(replay.stdout) as ScanReport;
    expect(replayed.findings.map((f) => [f.id, f.status, f.message])).toEqual(
      report.findings.map((f) => [f.id, f.status, f.message]),
    );
  });

  test('judges unused credentials as of a later date with --as-of', async () => {
    const later = await runPyjamas(
      [
        'scan',
        '--inventory',
        join(dir, 'inventory.json'),
        '--as-of',
        '2099-01-01T00:00:00Z',
        '--checks',
        'iam_user_console_access_unused,iam_rotate_access_key_90_days',
        '--output',
        'json',
      ],
      {},
    );
    const findings = (JSON.parse(later.stdout) as ScanReport).findings;
    expect(
      findings.filter((f) => f.resourceId === 'alice').map((f) => [f.checkId, f.status]),
    ).toEqual([
      ['iam_rotate_access_key_90_days', 'FAIL'],
      ['iam_user_console_access_unused', 'FAIL'],
    ]);
  });

  test('prints a console report without colour when not on a terminal', async () => {
    const run = await runPyjamas(['scan', '--inventory', join(dir, 'inventory.json')], {});
    expect(run.stdout).toMatch(/^Pyjamas scan of account 123456789012 \(aws\)/);
    expect(run.stdout).toMatch(/CRITICAL — \d+ failed/);
    expect(run.stdout).not.toMatch(/\u001b\[/);
    expect(run.stderr).toBe('');
  });

  test('refuses a corrupt inventory with exit 2 and a clear message', async () => {
    await writeFile(join(dir, 'corrupt.json'), '{"format":"pyjamas-inventory",');
    const run = await runPyjamas(['scan', '--inventory', join(dir, 'corrupt.json')], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/corrupt\.json is not valid JSON .* truncated or corrupt/);
  });

  test('exits 2 naming the problem when AWS cannot be reached', async () => {
    const run = await runPyjamas(['scan', '--regions', 'us-east-1'], {
      ...moto.server.env,
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_MAX_ATTEMPTS: '1',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /could not identify the AWS account \(sts:GetCallerIdentity in us-east-1/,
    );
  });
});
