import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IAMClient } from '@aws-sdk/client-iam';
import { seedCompromisedUser } from '../bench/revoke-seed';
import { runPyjamas } from '../helpers/cli';
import { useFaultProxy } from '../helpers/fault-proxy';
import { useMotoServer } from '../helpers/moto-jest';
import { describeRequest, mutatingRequests } from '../helpers/mutating-requests';
import { seedPlumbing, seedWebServer } from './isolate-ec2-instance.seed';

jest.setTimeout(60_000);

/**
 * Bad input to the built CLI, against moto through the fault proxy: a real instance and a real
 * key exist, so a value that slipped past validation would reach AWS and change them. Every row
 * must exit 2 with a message naming the problem and the fix, and the proxy must have seen no
 * request that changes anything.
 */
const moto = useMotoServer();
const faults = useFaultProxy(() => moto.server.endpoint);

const DEMO_INVENTORY = join(__dirname, '..', '..', 'examples', 'demo', 'demo-inventory.json');
let instanceId = '';
let keyId = '';
let files: Record<string, string> = {};
let folder = '';

beforeAll(async () => {
  const plumbing = await seedPlumbing(moto);
  instanceId = (await seedWebServer(moto, plumbing, 'web')).instanceId;
  keyId = (await seedCompromisedUser(moto.client(IAMClient), 'alice')).compromisedKey;
  folder = await mkdtemp(join(tmpdir(), 'pyjamas-bad-input-'));
  const inventory = JSON.parse(await readFile(DEMO_INVENTORY, 'utf8')) as Record<string, unknown>;
  const regional = inventory.regional as Record<string, Record<string, unknown>>;
  const write = async (name: string, content: string) => {
    const path = join(folder, name);
    await writeFile(path, content);
    return path;
  };
  const mutelist = (rule: Record<string, unknown>) =>
    JSON.stringify({ rules: [{ checkId: 'iam_*', reason: 'accepted risk', ...rule }] });
  files = {
    truncatedInventory: await write('truncated.json', JSON.stringify(inventory).slice(0, 500)),
    newerInventory: await write('newer.json', JSON.stringify({ ...inventory, version: 2 })),
    unknownSlice: await write(
      'unknown-slice.json',
      JSON.stringify({
        ...inventory,
        global: { ...(inventory.global as object), bogusSlice: { ok: true, data: [] } },
      }),
    ),
    regionalSliceInGlobal: await write(
      'misplaced-slice.json',
      JSON.stringify({
        ...inventory,
        global: { ...(inventory.global as object), trails: { ok: true, data: [] } },
      }),
    ),
    sliceWithoutData: await write(
      'no-data.json',
      JSON.stringify({
        ...inventory,
        regional: { ...regional, 'us-east-1': { ...regional['us-east-1'], vpcs: { ok: true } } },
      }),
    ),
    failedSliceWithoutError: await write(
      'no-error.json',
      JSON.stringify({
        ...inventory,
        regional: {
          ...regional,
          'us-east-1': { ...regional['us-east-1'], vpcs: { ok: false, error: 'denied' } },
        },
      }),
    ),
    badRegionKey: await write(
      'bad-region.json',
      JSON.stringify({ ...inventory, regional: { ...regional, '../etc': {} } }),
    ),
    mutelistImpossibleDate: await write(
      'mute-date.json',
      mutelist({ expires: '2026-02-30T00:00:00Z' }),
    ),
    mutelistBadDate: await write('mute-bad-date.json', mutelist({ expires: 'next tuesday' })),
    mutelistBadPattern: await write('mute-pattern.json', mutelist({ checkId: 'iam_[a-z]+' })),
    mutelistBadRegion: await write('mute-region.json', mutelist({ region: 'eu west 1' })),
    mutelistNotJson: await write('mute-json.json', '{"rules": ['),
    notAReport: await write('not-a-report.json', JSON.stringify({ hello: 'world' })),
    newerReport: await write(
      'newer-report.json',
      JSON.stringify({ schemaVersion: '2.0.0', account: '123456789012', findings: [] }),
    ),
    truncatedReport: await write('truncated-report.json', '{"schemaVersion":"1.0.0","acc'),
  };
}, 60_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

type Row = readonly [what: string, args: () => string[], message: RegExp];

const isolate = (...extra: string[]) => [
  'isolate-instance',
  instanceId,
  '--case',
  'IR-1',
  '--yes',
  ...extra,
];
const revoke = (...extra: string[]) => [
  'revoke-access-key',
  keyId,
  '--case',
  'IR-1',
  '--yes',
  ...extra,
];
const scan = (...extra: string[]) => ['scan', '--inventory', DEMO_INVENTORY, ...extra];

const ID_ROWS: Row[] = [
  [
    'a short instance id',
    () => ['isolate-instance', 'i-123', '--case', 'IR-1', '--yes'],
    /"i-123" is not an EC2 instance id \(i- followed by 8 or 17 hexadecimal digits/,
  ],
  [
    'an upper-case instance id',
    () => ['isolate-instance', 'i-0123456789ABCDEF0', '--case', 'IR-1', '--yes'],
    /is not an EC2 instance id/,
  ],
  [
    'an instance ARN',
    () => [
      'isolate-instance',
      `arn:aws:ec2:us-east-1:123456789012:instance/${instanceId}`,
      '--case',
      'IR-1',
      '--yes',
    ],
    /is not an EC2 instance id .*e\.g\. i-0123456789abcdef0/,
  ],
  [
    'an instance id with a path',
    () => ['isolate-instance', `${instanceId}/../x`, '--case', 'IR-1', '--yes'],
    /is not an EC2 instance id/,
  ],
  [
    'a bad --workstation',
    () => ['forensics', 'attach', '--case', 'IR-1', '--workstation', 'ws-1', '--yes'],
    /is not an EC2 instance id/,
  ],
  [
    'a bad --instance',
    () => ['forensics', 'finish-memory-capture', '--case', 'IR-1', '--instance', '../i-1', '--yes'],
    /is not an EC2 instance id/,
  ],
  [
    'a bad --isolation-group',
    () => isolate('--isolation-group', 'sg-XYZ'),
    /--isolation-group "sg-XYZ" is not a security group id \(sg-/,
  ],
  [
    'a bad --untrack-group',
    () => isolate('--untrack-group', 'default'),
    /--untrack-group "default" is not a security group id/,
  ],
  [
    'a bad --memory-capture-group',
    () => isolate('--memory-capture-group', 'sg-1'),
    /--memory-capture-group "sg-1" is not a security group id/,
  ],
  [
    'an ARN as --quarantine-profile',
    () => isolate('--quarantine-profile', 'arn:aws:iam::123456789012:instance-profile/q'),
    /--quarantine-profile .* is not an instance profile name .*1 to 128/,
  ],
  [
    'a bad --subnet',
    () => ['forensics', 'launch-workstation', '--case', 'IR-1', '--subnet', 'subnet-zz', '--yes'],
    /--subnet/,
  ],
  [
    'a bad --launch-template',
    () => [
      'forensics',
      'launch-workstation',
      '--case',
      'IR-1',
      '--launch-template',
      'my-template',
      '--yes',
    ],
    /--launch-template/,
  ],
  [
    'a bad --instance-type',
    () => ['forensics', 'launch-workstation', '--case', 'IR-1', '--instance-type', 'huge', '--yes'],
    /--instance-type/,
  ],
  [
    'a user id as access key id',
    () => ['revoke-access-key', 'AIDAIOSFODNN7EXAMPLE', '--case', 'IR-1', '--yes'],
    /looks like an IAM user id, not an access key id.*AKIA/,
  ],
  [
    'a lower-case access key id',
    () => ['revoke-access-key', keyId.toLowerCase(), '--case', 'IR-1', '--yes'],
    /access key id .* is not valid: expected AKIA/,
  ],
  [
    'a short access key id',
    () => ['revoke-access-key', 'AKIA1234', '--case', 'IR-1', '--yes'],
    /access key id "AKIA1234" is not valid/,
  ],
  [
    'a user ARN as access key id',
    () => ['revoke-access-key', 'arn:aws:iam::123456789012:user/alice', '--case', 'IR-1', '--yes'],
    /is not valid: expected AKIA/,
  ],
  [
    'a role ARN as --revoke-role',
    () => revoke('--revoke-role', 'arn:aws:iam::123456789012:role/admin'),
    /is not an IAM role name \(up to 64 letters/,
  ],
  [
    'a role path as --revoke-role',
    () => revoke('--revoke-role', 'team/admin'),
    /"team\/admin" is not an IAM role name/,
  ],
  [
    'a role name too long',
    () => revoke('--revoke-role', 'r'.repeat(65)),
    /is not an IAM role name \(up to 64/,
  ],
  [
    'a 3-digit --evidence-bucket-owner',
    () => isolate('--evidence-bucket-owner', '123'),
    /"123" is not an AWS account id \(12 digits/,
  ],
  [
    'a bad --evidence-bucket',
    () => isolate('--evidence-bucket', '../cases'),
    /--evidence-bucket "..\/cases" is not an S3 bucket name/,
  ],
  [
    'a bad --expect-head',
    () => ['evidence', 'verify', '--case', 'IR-1', '--expect-head', 'abc'],
    /--expect-head takes the chain head's SHA-256/,
  ],
];

const REGION_ROWS: Row[] = [
  [
    'an availability zone as --region',
    () => isolate('--region', 'us-east-1a'),
    /"us-east-1a" is not a region name such as eu-west-1/,
  ],
  ['a path as --region', () => revoke('--region', '../'), /"\.\.\/" is not a region name/],
  [
    'an upper-case --region',
    () => scan('--region', 'US-EAST-1'),
    /"US-EAST-1" is not a region name/,
  ],
  [
    'a made-up region in --regions',
    () => revoke('--regions', 'us-east-1,mars-1'),
    /"mars-1" is not a region name/,
  ],
  ['an empty --regions', () => ['scan', '--regions', ','], /expected a comma-separated list/],
  [
    'a bad --excluded-regions',
    () => ['scan', '--excluded-regions', 'eu_west_1'],
    /"eu_west_1" is not a region name/,
  ],
  [
    'a bad AWS_REGION',
    () => ['isolate-instance', instanceId, '--case', 'IR-1', '--yes', '--env-region', 'moon-1'],
    /AWS_REGION "moon-1" .*is not a region name such as eu-west-1: fix it, or give --region/,
  ],
];

const CASE_ROWS: Row[] = [
  [
    'no case',
    () => ['isolate-instance', instanceId, '--yes'],
    /case id "" is not valid: use 1 to 63 letters/,
  ],
  ...[
    '../escape',
    '..',
    'IR/2026',
    'IR 1',
    'IR%2F..',
    '-leading-dash',
    '.hidden',
    'IR#1',
    'IR?x=1',
    'IR*',
    'IR\\1',
    'IR\u00e9',
    'c'.repeat(64),
  ].flatMap((caseId): Row[] => [
    [
      `case ${JSON.stringify(caseId)} for isolate-instance`,
      () => ['isolate-instance', instanceId, '--case', caseId, '--yes'],
      /case id .* is not valid: use 1 to 63 letters, digits/,
    ],
    [
      `case ${JSON.stringify(caseId)} for revoke-access-key`,
      () => ['revoke-access-key', keyId, '--case', caseId, '--yes'],
      /case id .* is not valid/,
    ],
  ]),
  [
    'a case of 12 digits, which a member account prefix uses',
    () => ['isolate-instance', instanceId, '--case', '123456789012', '--yes'],
    /case id "123456789012" is not valid: 12 digits look like an account id/,
  ],
  [
    'a traversal case for evidence verify',
    () => ['evidence', 'verify', '--case', '../x'],
    /case id "\.\.\/x" is not valid/,
  ],
  [
    'a traversal case for forensics attach',
    () => ['forensics', 'attach', '--case', '../x', '--yes'],
    /case id "\.\.\/x" is not valid/,
  ],
  [
    'a traversal case for launch-workstation',
    () => ['forensics', 'launch-workstation', '--case', 'a/../b', '--yes'],
    /case id "a\/\.\.\/b" is not valid/,
  ],
  [
    'a traversal case for open-memory-path',
    () => ['forensics', 'open-memory-path', '--case', '../x', '--yes'],
    /case id "\.\.\/x" is not valid/,
  ],
  [
    'a traversal case for close-memory-path',
    () => ['forensics', 'close-memory-path', '--case', '../x', '--yes'],
    /case id "\.\.\/x" is not valid/,
  ],
];

/** Every numeric flag of every command (cli/commands.ts, cli/commands/*), below, above and not whole. */
const NUMBER_ROWS: Row[] = [
  ...['0', '257', '1.5', 'ten', '-1', ''].map((value): Row => [
    `--concurrency ${JSON.stringify(value)}`,
    () => scan('--concurrency', value),
    /--concurrency .*expected a whole number from 1 to 256/,
  ]),
  ...['0', '3651', '2.5', 'x'].flatMap((value): Row[] => [
    [
      `--max-unused-credential-days ${value}`,
      () => scan('--max-unused-credential-days', value),
      /expected a whole number of days from 1 to 3650/,
    ],
    [
      `--max-access-key-age-days ${value}`,
      () => scan('--max-access-key-age-days', value),
      /expected a whole number of days from 1 to 3650/,
    ],
  ]),
  ...['0', '36501', '1.5', 'forever'].map((value): Row => [
    `--lock-snapshots ${value}`,
    () => isolate('--lock-snapshots', value),
    /--lock-snapshots takes a whole number from 1 to 36500/,
  ]),
  ...['299', '21601', '600.5', 'soon'].map((value): Row => [
    `--capture-timeout ${value}`,
    () => isolate('--capture-memory', '--capture-timeout', value),
    /--capture-timeout takes a whole number from 300 to 21600/,
  ]),
  ...['299', '43201', '1e9', 'x'].map((value): Row => [
    `--upload-timeout ${value}`,
    () => [
      'forensics',
      'finish-memory-capture',
      '--case',
      'IR-1',
      '--instance',
      instanceId,
      '--upload-timeout',
      value,
      '--yes',
    ],
    /--upload-timeout takes a whole number from 300 to 43200/,
  ]),
  ...['0', '241', 'NaN', 'Infinity', '-5'].map((value): Row => [
    `--minutes ${value}`,
    () => ['forensics', 'open-memory-path', '--case', 'IR-1', '--minutes', value, '--yes'],
    /--minutes takes a number from 0\.1 to 240/,
  ]),
  ...['0', '65536', '22.5', 'ssh'].map((value): Row => [
    `--port ${value}`,
    () => ['forensics', 'open-memory-path', '--case', 'IR-1', '--port', value, '--yes'],
    /--port takes a whole number from 1 to 65535/,
  ]),
  ...['0', '91', '7.5', 'week'].map((value): Row => [
    `--lookback-days ${value}`,
    () => revoke('--lookback-days', value),
    /expected a whole number of days from 1 to 90/,
  ]),
];

const FILE_ROWS: Row[] = [
  [
    'a truncated inventory',
    () => ['scan', '--inventory', files.truncatedInventory as string],
    /is not valid JSON .*it may be truncated or corrupt/,
  ],
  [
    'a newer inventory',
    () => ['scan', '--inventory', files.newerInventory as string],
    /has version 2, but this Pyjamas reads version 1; collect it again/,
  ],
  [
    'an inventory with an unknown slice',
    () => ['scan', '--inventory', files.unknownSlice as string],
    /damaged: .*"global\.bogusSlice" is not a slice this Pyjamas knows/,
  ],
  [
    'an inventory with a regional slice in "global"',
    () => ['scan', '--inventory', files.regionalSliceInGlobal as string],
    /damaged: .*"global\.trails" is a regional slice/,
  ],
  [
    'an inventory slice without data',
    () => ['scan', '--inventory', files.sliceWithoutData as string],
    /damaged: .*"regional\.us-east-1\.vpcs" must be \{ "ok": true, "data": … \} or \{ "ok": false, "error"/,
  ],
  [
    'an inventory failed slice without its error',
    () => ['scan', '--inventory', files.failedSliceWithoutError as string],
    /damaged: .*"regional\.us-east-1\.vpcs" must be/,
  ],
  [
    'an inventory with a bad region key',
    () => ['scan', '--inventory', files.badRegionKey as string],
    /damaged: .*"regional\.\.\.\/etc" is not a region name/,
  ],
  [
    'a missing inventory',
    () => ['scan', '--inventory', '/nonexistent/inventory.json'],
    /cannot read inventory \/nonexistent\/inventory\.json/,
  ],
  [
    'an impossible mutelist expiry',
    () => scan('--mutelist', files.mutelistImpossibleDate as string),
    /rule 1 "expires" "2026-02-30T00:00:00Z" is not a date that exists: 2026-02 has no day 30/,
  ],
  [
    'an unreadable mutelist expiry',
    () => scan('--mutelist', files.mutelistBadDate as string),
    /rule 1 "expires" must be an ISO 8601 date or time such as 2026-01-31T12:00:00Z, got "next tuesday"/,
  ],
  [
    'a regex as a mutelist pattern',
    () => scan('--mutelist', files.mutelistBadPattern as string),
    /rule 1 field "checkId" "iam_\[a-z\]\+" may hold only .*and \* as a wildcard/,
  ],
  [
    'a mutelist region with spaces',
    () => scan('--mutelist', files.mutelistBadRegion as string),
    /rule 1 field "region" "eu west 1" may hold only/,
  ],
  [
    'a truncated mutelist',
    () => scan('--mutelist', files.mutelistNotJson as string),
    /mutelist .* is not valid JSON/,
  ],
  [
    'an unknown framework',
    () => scan('--compliance', 'cis-9.9'),
    /unknown framework "cis-9\.9"; choose one of/,
  ],
  ['an unknown check', () => scan('--checks', 'iam_no_such_check'), /iam_no_such_check/],
  ['an unknown excluded check', () => scan('--excluded-checks', 'nope'), /nope/],
  ['an unknown service', () => scan('--services', 'ftp'), /ftp/],
  ['an unknown severity', () => scan('--severity', 'urgent'), /urgent/],
  ['an unknown output format', () => scan('--output', 'pdf'), /Allowed choices are/],
  ['a bad --as-of', () => scan('--as-of', '2026-13-01'), /--as-of must be an ISO 8601 date/],
  [
    'an impossible --as-of',
    () => scan('--as-of', '2026-04-31'),
    /--as-of "2026-04-31" is not a date that exists/,
  ],
  [
    'compare-scans of a file that is not a report',
    () => ['compare-scans', files.notAReport as string, files.notAReport as string],
    /is not a Pyjamas JSON scan report \(pyjamas scan --output json\)/,
  ],
  [
    'compare-scans of an inventory',
    () => ['compare-scans', DEMO_INVENTORY, DEMO_INVENTORY],
    /is not a Pyjamas JSON scan report/,
  ],
  [
    'compare-scans of a newer report',
    () => ['compare-scans', files.newerReport as string, files.newerReport as string],
    /has report schema 2\.0\.0; this Pyjamas reads 1\.0\.0/,
  ],
  [
    'compare-scans of a truncated report',
    () => ['compare-scans', files.truncatedReport as string, files.truncatedReport as string],
    /cannot read scan report .*truncated-report\.json/,
  ],
];

describe.each([
  ['ids, names and ARNs', ID_ROWS],
  ['regions', REGION_ROWS],
  ['case ids', CASE_ROWS],
  ['numbers out of range', NUMBER_ROWS],
  ['input files, frameworks and checks', FILE_ROWS],
])('pyjamas refuses bad %s', (_, rows) => {
  test.each(rows)(
    '%s: exit 2, a message naming the problem, and no change in AWS',
    async (_what, args, message) => {
      // Prepare
      const argv = args();
      const regionIndex = argv.indexOf('--env-region');
      const envRegion = regionIndex >= 0 ? argv.splice(regionIndex, 2)[1] : undefined;
      const env = faults.proxy.env({
        ...moto.server.env,
        ...(envRegion ? { AWS_REGION: envRegion } : {}),
      });

      // Act
      const run = await runPyjamas(argv, env);

      // Assess
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/unexpected error/);
      expect(run.code).toBe(2);
      expect(mutatingRequests(faults.proxy.log).map(describeRequest)).toEqual([]);
    },
  );
});

test('a good command in dry run, the control, reaches moto through the proxy and changes nothing', async () => {
  // Act
  const run = await runPyjamas(
    ['isolate-instance', instanceId, '--case', 'IR-1', '--dry-run'],
    faults.proxy.env(moto.server.env),
  );

  // Assess
  expect(run.code).toBe(0);
  expect(faults.proxy.requestsOf('DescribeInstances').length).toBeGreaterThan(0);
  expect(mutatingRequests(faults.proxy.log).map(describeRequest)).toEqual([]);
});
