import {
  GetUserPolicyCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListPolicyVersionsCommand,
  ListUserPoliciesCommand,
  ListUserTagsCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { runPyjamas, type CliRun } from '../helpers/cli';
import { useMotoServer } from '../helpers/moto-jest';
import { seedCompromisedUser, seedEvidenceBucket, type SeededUser } from '../bench/revoke-seed';

/**
 * `pyjamas revoke-access-key` against moto 5.2.1, through the built CLI.
 *
 * moto does not implement CloudTrail LookupEvents (it answers HTTP 500), so every CloudTrail
 * evidence step fails there: the runs are "degraded" and the extract is recorded as unavailable,
 * which is what these tests check. The extraction itself is unit-tested with aws-sdk-client-mock
 * (responders/revoke-access-key/cloudtrail.test.ts). moto's sts:GetAccessKeyInfo names the
 * caller's account for any key, so keys of other accounts are unit-tested too (read.test.ts).
 */
const moto = useMotoServer();
const BUCKET = 'pyjamas-evidence-test';
const REGIONS = ['--regions', 'us-east-1,eu-west-1'];
let alice: SeededUser;
let bob: SeededUser;

const iam = () => moto.client(IAMClient);
const s3 = () => moto.client(S3Client);
const revoke = (key: string, caseId: string, ...extra: string[]): Promise<CliRun> =>
  runPyjamas(['revoke-access-key', key, '--case', caseId, ...extra], moto.server.env);

async function keyStatuses(user: SeededUser): Promise<Record<string, string>> {
  const answer = await iam().send(new ListAccessKeysCommand({ UserName: user.userName }));
  return Object.fromEntries(
    (answer.AccessKeyMetadata ?? []).map((key) => [key.AccessKeyId ?? '', key.Status ?? '']),
  );
}

async function revocationPolicy(userName: string): Promise<string> {
  const answer = await iam().send(
    new GetUserPolicyCommand({ UserName: userName, PolicyName: 'pyjamas-revoke-older-sessions' }),
  );
  return decodeURIComponent(answer.PolicyDocument ?? '');
}

async function caseObjects(caseId: string): Promise<string[]> {
  const answer = await s3().send(
    new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `cases/${caseId}/` }),
  );
  return (answer.Contents ?? []).map((object) => object.Key ?? '').sort();
}

async function json(key: string): Promise<Record<string, unknown>> {
  const answer = await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return JSON.parse(await (answer.Body?.transformToString() ?? Promise.resolve('{}'))) as Record<
    string,
    unknown
  >;
}

beforeAll(async () => {
  alice = await seedCompromisedUser(iam(), 'alice');
  bob = await seedCompromisedUser(iam(), 'bob');
  // Bob's inline policies are nearly full: his revocation has to go into a managed policy.
  await iam().send(
    new PutUserPolicyCommand({
      UserName: 'bob',
      PolicyName: 'many-buckets',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: Array.from({ length: 70 }, (_, n) => `arn:aws:s3:::bucket-${n}/*`),
          },
        ],
      }),
    }),
  );
  await seedEvidenceBucket(s3(), BUCKET);
}, 60_000);

describe('pyjamas revoke-access-key on moto', () => {
  test('rejects a malformed key id before any AWS call', async () => {
    const run = await runPyjamas(
      ['revoke-access-key', 'AKIA-NOT-A-KEY', '--case', 'IR-1', '--yes'],
      { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('access key id "AKIA-NOT-A-KEY" is not valid');
  });

  test('a dry run prints the plan, with an evidence step for every enabled region, and changes nothing', async () => {
    const run = await revoke(alice.compromisedKey, 'IR-7', '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `deactivate-access-key-${alice.compromisedKey.toLowerCase()}  [iam:UpdateAccessKey]`,
    );
    expect(run.stdout).toContain('collect-cloudtrail-events-ap-southeast-2');
    expect(run.stdout).toContain('Outcome: dry-run');
    expect(await keyStatuses(alice)).toEqual({
      [alice.compromisedKey]: 'Active',
      [alice.otherKey]: 'Active',
    });
  });

  test('refuses to change anything without --yes when no terminal can confirm', async () => {
    const run = await revoke(alice.compromisedKey, 'IR-7', ...REGIONS);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('refusing to change AWS without --yes');
    expect(await keyStatuses(alice)).toEqual({
      [alice.compromisedKey]: 'Active',
      [alice.otherKey]: 'Active',
    });
  });

  test('deactivates the key, denies older sessions, leaves the other key and policy alone, and files the evidence', async () => {
    const run = await revoke(alice.compromisedKey, 'IR-7', '--yes', ...REGIONS);
    // Containment is done; only the CloudTrail steps failed (moto), so the run is degraded, exit 0.
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Outcome: degraded');
    expect(run.stderr).toContain('containment is done, but 2 evidence step(s) failed');

    expect(await keyStatuses(alice)).toEqual({
      [alice.compromisedKey]: 'Inactive',
      [alice.otherKey]: 'Active',
    });
    const deny = JSON.parse(await revocationPolicy('alice')) as {
      Statement: {
        Effect: string;
        Action: string;
        Condition: { DateLessThan: Record<string, string> };
      }[];
    };
    expect(deny.Statement[0]).toMatchObject({ Effect: 'Deny', Action: '*' });
    expect(deny.Statement[0]?.Condition.DateLessThan['aws:TokenIssueTime']).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    expect(
      (await iam().send(new ListUserPoliciesCommand({ UserName: 'alice' }))).PolicyNames?.sort(),
    ).toEqual(['pyjamas-revoke-older-sessions', alice.policyName]);
    expect((await iam().send(new ListUserTagsCommand({ UserName: 'alice' }))).Tags).toEqual([
      { Key: 'pyjamas:case-id', Value: 'IR-7' },
      { Key: 'pyjamas:status', Value: 'key-revoked' },
    ]);

    const objects = await caseObjects('IR-7');
    expect(objects.map((key) => key.replace(/runs\/[^/]+\//, 'runs/<run>/'))).toEqual([
      'cases/IR-7/manifests/000000.json',
      'cases/IR-7/runs/<run>/artifacts/blast-radius.json',
      'cases/IR-7/runs/<run>/artifacts/cloudtrail-events.json',
      'cases/IR-7/runs/<run>/artifacts/pre-state.json',
      'cases/IR-7/runs/<run>/run-record.json',
      'cases/IR-7/runs/<run>/run-start.json',
    ]);
    const runFolder = (objects[1] ?? '').replace(/artifacts\/.*$/, '');
    const record = await json(`${runFolder}run-record.json`);
    expect(record).toMatchObject({
      responder: 'revoke-access-key',
      caseId: 'IR-7',
      outcome: 'degraded',
      trigger: { source: 'cli' },
    });
    const extract = await json(`${runFolder}artifacts/cloudtrail-events.json`);
    expect(extract).toMatchObject({
      accessKeyId: alice.compromisedKey,
      collected: 0,
      unavailable: 2,
    });
    expect(extract.regions).toEqual([
      {
        region: 'us-east-1',
        status: 'unavailable',
        reason: expect.stringMatching(/^UnrecognizedResponse: /),
      },
      {
        region: 'eu-west-1',
        status: 'unavailable',
        reason: expect.stringMatching(/^UnrecognizedResponse: /),
      },
    ]);
    const preState = await json(`${runFolder}artifacts/pre-state.json`);
    expect(JSON.stringify(preState)).not.toMatch(/SecretAccessKey/i);
    // moto has no access advisor: the section says why, and the rest of the blast radius stands.
    expect(await json(`${runFolder}artifacts/blast-radius.json`)).toMatchObject({
      status: 'collected',
      accessAdvisor: {
        status: 'unavailable',
        reason: expect.stringMatching(
          /^iam:GenerateServiceLastAccessedDetails failed \(/,
        ) as unknown,
      },
    });
  });

  test('pyjamas evidence verify re-hashes the case and finds it intact', async () => {
    const run = await runPyjamas(['evidence', 'verify', '--case', 'IR-7'], moto.server.env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Every SHA-256 matches and the manifest chain is intact.');
  });

  test('a second run changes nothing: no change step, the same revocation time', async () => {
    const before = await revocationPolicy('alice');
    const run = await revoke(alice.compromisedKey, 'IR-7', '--yes', '--output', 'json', ...REGIONS);
    expect(run.code).toBe(0);
    const { record } = JSON.parse(run.stdout) as { record: { steps: { action: string }[] } };
    expect(record.steps.map((step) => step.action)).toEqual([
      'cloudtrail:LookupEvents',
      'cloudtrail:LookupEvents',
    ]);
    expect(await revocationPolicy('alice')).toBe(before);
    expect(await keyStatuses(alice)).toEqual({
      [alice.compromisedKey]: 'Inactive',
      [alice.otherKey]: 'Active',
    });
    expect((await caseObjects('IR-7')).filter((key) => key.includes('/manifests/'))).toHaveLength(
      2,
    );
  });

  test('falls back to a managed policy when the inline ones are full, and adds no policy version on a rerun', async () => {
    const first = await revoke(
      bob.compromisedKey,
      'IR-8',
      '--yes',
      '--deactivate-other-keys',
      ...REGIONS,
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('[iam:CreatePolicy]');
    expect(await keyStatuses(bob)).toEqual({
      [bob.compromisedKey]: 'Inactive',
      [bob.otherKey]: 'Inactive',
    });
    const arn = 'arn:aws:iam::123456789012:policy/pyjamas/pyjamas-revoke-older-sessions-bob';
    expect(
      (await iam().send(new ListAttachedUserPoliciesCommand({ UserName: 'bob' }))).AttachedPolicies,
    ).toEqual([{ PolicyName: 'pyjamas-revoke-older-sessions-bob', PolicyArn: arn }]);

    const second = await revoke(
      bob.compromisedKey,
      'IR-8',
      '--yes',
      '--deactivate-other-keys',
      ...REGIONS,
    );
    expect(second.code).toBe(0);
    expect(second.stdout).not.toMatch(/\[iam:/);
    expect(
      (await iam().send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions?.map(
        (version) => version.VersionId,
      ),
    ).toEqual(['v1']);
  });
});
