import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inventoryOf } from '../test/fixtures/inventory';
import { passwordPolicyWith } from '../test/fixtures/resources';
import { memoryIO } from '../test/helpers/memory-io';
import { reportSchemaErrors } from '../test/helpers/report-schema';
import { COMMANDS } from './commands';
import { main } from './main';

describe('the pyjamas command line', () => {
  let dir: string;
  let inventoryPath: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pyjamas-cli-'));
    inventoryPath = join(dir, 'inventory.json');
    await writeFile(
      inventoryPath,
      JSON.stringify(
        inventoryOf({
          global: { passwordPolicy: passwordPolicyWith({ minimumPasswordLength: 8 }) },
        }),
      ),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('prints help and exits 2 without a command', async () => {
    const io = memoryIO();
    expect(await main([], io)).toBe(2);
    expect(io.err()).toMatch(/Usage: pyjamas/);
  });

  test('prints help and exits 0 when asked', async () => {
    const io = memoryIO();
    expect(await main(['scan', '--help'], io)).toBe(0);
    expect(io.out()).toMatch(/--save-inventory <file>/);
  });

  test.each(COMMANDS.map((command) => [command.name]))(
    'the help of %s speaks of what options do for the user, not of how the code stores them',
    async (name) => {
      const io = memoryIO();
      expect(await main([...name.split(' '), '--help'], io)).toBe(0);
      expect(io.out()).toMatch(/Options:/);
      // camelCase words are the code's names for options (evidenceBucket), not the user's.
      expect(io.out()).not.toMatch(/commander|\b[a-z]+[A-Z][a-zA-Z]*\b/);
    },
  );

  test('lists every check with id, severity, service and title', async () => {
    const io = memoryIO();
    expect(await main(['list-checks'], io)).toBe(0);
    expect(io.out()).toMatch(/^ID +SEVERITY +SERVICE +TITLE\n/);
    expect(io.out()).toMatch(
      /iam_password_policy_minimum_length_14 +medium +iam +The IAM password policy/,
    );
  });

  test('lists checks as JSON with their CIS controls', async () => {
    const io = memoryIO();
    await main(['list-checks', '--output', 'json'], io);
    const checks = JSON.parse(io.out()) as { id: string; compliance: Record<string, string[]> }[];
    expect(
      checks.find((check) => check.id === 'iam_password_policy_minimum_length_14')?.compliance,
    ).toEqual({
      'cis-aws-5.0': ['1.7'],
      'cis-aws-6.0': ['2.7'],
      'cis-aws-7.0': ['2.8'],
      'cis-aws-7.1': ['2.8'],
    });
  });

  test('scans a saved inventory offline and exits 1 on failed findings', async () => {
    const io = memoryIO();
    expect(
      await main(
        [
          'scan',
          '--inventory',
          inventoryPath,
          '--checks',
          'iam_password_policy_minimum_length_14',
          '--output',
          'json',
        ],
        io,
      ),
    ).toBe(1);
    const report = JSON.parse(io.out()) as { findings: { status: string }[]; asOf: string };
    expect(report.findings.map((f) => f.status)).toEqual(['FAIL']);
    expect(report.asOf).toBe('2026-06-01T00:00:00.000Z');
  });

  test.each([
    ['ocsf', /"class_uid": 2004/],
    ['html', /^<!doctype html>/],
  ])('writes the report as %s', async (output, shape) => {
    const io = memoryIO();
    await main(
      [
        'scan',
        '--inventory',
        inventoryPath,
        '--checks',
        'iam_password_policy_minimum_length_14',
        '--output',
        output,
      ],
      io,
    );
    expect(io.out()).toMatch(shape);
  });

  test("adds a framework's requirement-level table to the console report", async () => {
    const io = memoryIO();
    await main(
      [
        'scan',
        '--inventory',
        inventoryPath,
        '--checks',
        'iam_password_policy_minimum_length_14',
        '--compliance',
        'cis-aws-5.0',
      ],
      io,
    );
    expect(io.out()).toMatch(
      /CIS Amazon Web Services Foundations Benchmark v5\.0\.0 \(cis-aws-5\.0\): 0% of judged controls pass/,
    );
    expect(io.out()).toMatch(
      /\n {2}1\.7 +FAIL +L1 {2}Ensure IAM password policy requires minimum length of 14 or greater {2}\[0 pass, 1 fail, 0 manual, 0 error\]\n/,
    );
    expect(io.out()).toMatch(/\n {2}1\.1 +MANUAL/);
  });

  test('adds each --compliance framework to the JSON under compliance, matching the schema', async () => {
    const io = memoryIO();
    await main(
      [
        'scan',
        '--inventory',
        inventoryPath,
        '--checks',
        'iam_password_policy_minimum_length_14',
        '--compliance',
        'cis-aws-5.0',
        '--compliance',
        'cis-aws-7.1',
        '--output',
        'json',
      ],
      io,
    );
    const report = JSON.parse(io.out()) as {
      compliance: { framework: string; controls: { id: string; status: string }[] }[];
    };
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.compliance.map((result) => result.framework)).toEqual([
      'cis-aws-5.0',
      'cis-aws-7.1',
    ]);
    expect(report.compliance[1]?.controls.find((control) => control.id === '2.8')?.status).toBe(
      'FAIL',
    );
  });

  test('writes several formats at once into --output-dir', async () => {
    const out = join(dir, 'several');
    const io = memoryIO();
    await main(
      [
        'scan',
        '--inventory',
        inventoryPath,
        '--output',
        'csv',
        '--output',
        'junit',
        '--output',
        'sarif',
        '--output-dir',
        out,
      ],
      io,
    );
    const names = (await readdir(out)).sort();
    expect(names.map((name) => name.replace(/^pyjamas-123456789012-\w+\./, ''))).toEqual([
      'csv',
      'junit.xml',
      'sarif',
    ]);
    expect(io.err()).toMatch(/Report written to .*\.sarif/);
  });

  test('filters checks by service and severity, and says when a threshold is weaker than CIS', async () => {
    const io = memoryIO();
    await main(
      [
        'scan',
        '--inventory',
        inventoryPath,
        '--services',
        'iam',
        '--severity',
        'medium',
        '--max-unused-credential-days',
        '90',
        '--output',
        'json',
      ],
      io,
    );
    const report = JSON.parse(io.out()) as { findings: { service: string; severity: string }[] };
    for (const finding of report.findings)
      expect([finding.service, finding.severity]).toEqual(['iam', 'medium']);
    expect(io.err()).toMatch(
      /maxUnusedCredentialDays 90 is weaker than the CIS benchmark; using 45/,
    );
  });

  test('lists the compliance frameworks', async () => {
    const io = memoryIO();
    expect(await main(['list-compliance'], io)).toBe(0);
    expect(io.out()).toMatch(/^cis-aws-7\.1 +7\.1\.0 /m);
  });

  test('compares two reports and exits 1 on new failures', async () => {
    const before = join(dir, 'before.json');
    const after = join(dir, 'after.json');
    const passing = join(dir, 'passing.json');
    await writeFile(
      passing,
      JSON.stringify(inventoryOf({ global: { passwordPolicy: passwordPolicyWith() } })),
    );
    await main(
      [
        'scan',
        '--inventory',
        passing,
        '--output',
        'json',
        '--output-file',
        before,
        '--checks',
        'iam_password_policy_minimum_length_14',
      ],
      memoryIO(),
    );
    await main(
      [
        'scan',
        '--inventory',
        inventoryPath,
        '--output',
        'json',
        '--output-file',
        after,
        '--checks',
        'iam_password_policy_minimum_length_14',
      ],
      memoryIO(),
    );
    const io = memoryIO();
    expect(await main(['compare-scans', before, after], io)).toBe(1);
    expect(io.out()).toMatch(/Failed findings 0 → 1: 1 new \(1 passed before\), 0 fixed/);
    const back = memoryIO();
    expect(await main(['compare-scans', after, before], back)).toBe(0);
    expect(back.out()).toMatch(/0 new, 1 fixed/);
  });

  test('writes the report to a file and says so on stderr', async () => {
    const io = memoryIO();
    const out = join(dir, 'report.json');
    await main(
      [
        'scan',
        '--inventory',
        inventoryPath,
        '--checks',
        'iam_password_policy_minimum_length_14',
        '--output',
        'json',
        '--output-file',
        out,
      ],
      io,
    );
    expect(io.out()).toBe('');
    expect(io.err()).toMatch(/Report written to .*report\.json: 1 failed, 0 errors/);
  });

  test.each([
    [['scan', '--regions', 'us-east-1,nowhere'], /"nowhere" is not a region name/],
    [['scan', '--concurrency', '0'], /expected a whole number from 1 to 256/],
    [['scan', '--output', 'xml'], /Allowed choices are console, json, ocsf, html/],
    [
      ['scan', '--output', 'json', '--output', 'csv', '--inventory', 'x.json'],
      /2 report formats need --output-dir/,
    ],
    [['scan', '--services', 'nosuch', '--inventory', 'x.json'], /unknown service: nosuch/],
    [
      ['scan', '--compliance', 'pci', '--inventory', 'x.json'],
      /unknown framework "pci"; choose one of cis-aws-5\.0/,
    ],
    [['compare-scans', 'a.json'], /missing required argument 'after'/],
    [['compare-scans', 'a.json', 'b.json'], /cannot read scan report a\.json/],
    [['scan', '--as-of', 'yesterday', '--inventory', 'x.json'], /--as-of must be an ISO 8601 date/],
    [
      ['scan', '--checks', 'no_such_check', '--inventory', 'x.json'],
      /unknown check: no_such_check/,
    ],
    [
      ['scan', '--inventory', 'x.json', '--regions', 'eu-west-1'],
      /cannot be combined with --regions/,
    ],
    [['scan', '--inventory', 'missing.json'], /cannot read inventory missing\.json/],
    [['scan', '--bogus'], /unknown option '--bogus'/],
    [['scan', '--role-name', 'Audit'], /--role-name only apply with --org; add --org/],
    [['scan', '--org'], /--org writes one report per account: give --output-dir/],
    [
      ['scan', '--org', '--output-dir', 'out', '--inventory', 'x.json'],
      /--org cannot be combined with --inventory/,
    ],
    [['scan', '--org', '--accounts', '12345'], /"12345" is not an AWS account id/],
    [
      ['scan', '--org', '--account-concurrency', '33'],
      /expected a whole number from 1 to 32, got "33"/,
    ],
    [
      ['scan', '--org', '--role-name', 'arn:aws:iam::1:role/x'],
      /is not an IAM role name .*give the name, not the ARN/,
    ],
    [['scan', '--org', '--external-id', 'a b'], /an external id is 2 to 1224/],
  ])('rejects %j with exit 2 and a message naming the problem', async (argv, message) => {
    const io = memoryIO();
    expect(await main(argv, io)).toBe(2);
    expect(io.err()).toMatch(message);
  });

  test('refuses region lists with a saved inventory, which has its own regions', async () => {
    const io = memoryIO();
    const argv = ['scan', '--regions', 'eu-west-2', '--inventory', inventoryPath];
    expect(await main(argv, io)).toBe(2);
    expect(io.err()).toMatch(/cannot be combined with --regions/);
  });

  test('colours the console report on a terminal', async () => {
    const io = memoryIO({ tty: true });
    await main(
      ['scan', '--inventory', inventoryPath, '--checks', 'iam_password_policy_minimum_length_14'],
      io,
    );
    expect(io.out()).toMatch(/\u001b\[/);
  });

  test('never colours when NO_COLOR is set, even on a terminal', async () => {
    const io = memoryIO({ tty: true, env: { NO_COLOR: '1' } });
    await main(
      ['scan', '--inventory', inventoryPath, '--checks', 'iam_password_policy_minimum_length_14'],
      io,
    );
    // The report is there, uncoloured: an empty output would pass the second assertion alone.
    expect(io.out()).toMatch(/iam_password_policy_minimum_length_14/);
    expect(io.out()).toMatch(/FAIL/);
    expect(io.out()).not.toMatch(/\u001b\[/);
  });
});
