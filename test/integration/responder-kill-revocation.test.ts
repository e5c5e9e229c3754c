import {
  IAMClient,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListUserPoliciesCommand,
  ListUserTagsCommand,
} from '@aws-sdk/client-iam';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { REVOKE_ACCESS_KEY_ACTIONS } from '../../responders/revoke-access-key/permissions';
import { seedCompromisedUser, seedEvidenceBucket, type SeededUser } from '../bench/revoke-seed';
import { runPyjamas } from '../helpers/cli';
import { useFaultProxy } from '../helpers/fault-proxy';
import { killerFor, type KilledRun } from '../helpers/kill-after';
import { useMotoServer } from '../helpers/moto-jest';
import { mutatingRequests, observedActions } from '../helpers/mutating-requests';

jest.setTimeout(120_000);

/**
 * `pyjamas revoke-access-key` killed (SIGKILL) right after each of its mutating requests is
 * answered by moto, before the answer reaches the process, and run again. The number of mutating
 * requests is measured on a clean run, not assumed (the run start, the key's deactivation, the
 * deny policy, the user's tags, the artifacts, the run record and the manifest). To keep the file
 * near a minute, the boundaries are sampled deterministically from the clean run: after the run
 * start (the first), after each IAM change (the containment steps), and after the manifest (the
 * last); the S3 puts between them (artifacts, run record) are covered by the isolation kill test,
 * which files its evidence through the same code (responders/core/respond.ts).
 *
 * moto does not implement CloudTrail LookupEvents (HTTP 500), so every run is "degraded": the
 * containment is complete and only the evidence extract is unavailable, as in
 * revoke-access-key.test.ts.
 */
const moto = useMotoServer();
const faults = useFaultProxy(() => moto.server.endpoint);
const iam = () => moto.client(IAMClient);
const BUCKET = 'pyjamas-evidence-kill';
const REVOCATION_POLICY = 'pyjamas-revoke-older-sessions';
const PERMITTED: readonly string[] = REVOKE_ACCESS_KEY_ACTIONS;
let killAfter: ReturnType<typeof killerFor>;
/** The 1-based indexes of the mutating requests to kill after, chosen on the clean run. */
let boundaries: number[] = [];

const revoke = (key: string, caseId: string) => [
  'revoke-access-key',
  key,
  '--case',
  caseId,
  '--regions',
  'us-east-1',
  '--yes',
];

beforeAll(async () => {
  await seedEvidenceBucket(moto.client(S3Client), BUCKET);
  killAfter = killerFor(faults.proxy);
}, 60_000);

/** The state the responder must leave, read from moto. */
async function endState(user: SeededUser) {
  const keys = await iam().send(new ListAccessKeysCommand({ UserName: user.userName }));
  const inline = await iam().send(new ListUserPoliciesCommand({ UserName: user.userName }));
  const attached = await iam().send(
    new ListAttachedUserPoliciesCommand({ UserName: user.userName }),
  );
  const tags = await iam().send(new ListUserTagsCommand({ UserName: user.userName }));
  return {
    keys: Object.fromEntries(
      (keys.AccessKeyMetadata ?? []).map((key) => [key.AccessKeyId as string, key.Status]),
    ),
    inlinePolicies: [...(inline.PolicyNames ?? [])].sort(),
    attachedPolicies: (attached.AttachedPolicies ?? []).map((policy) => policy.PolicyName),
    tags: tags.Tags,
  };
}

/** The clean end state of `user`'s revocation on case `caseId`. */
const revoked = (user: SeededUser, caseId: string) => ({
  keys: { [user.compromisedKey]: 'Inactive', [user.otherKey]: 'Active' },
  inlinePolicies: [REVOCATION_POLICY, user.policyName].sort(),
  attachedPolicies: [],
  tags: [
    { Key: 'pyjamas:case-id', Value: caseId },
    { Key: 'pyjamas:status', Value: 'key-revoked' },
  ],
});

/** The run folders filed for the case, by run id, each with the names of its objects. */
async function caseRuns(caseId: string): Promise<Record<string, string[]>> {
  const prefix = `cases/${caseId}/runs/`;
  const answer = await moto
    .client(S3Client)
    .send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  const runs: Record<string, string[]> = {};
  for (const object of answer.Contents ?? []) {
    const [runId, ...rest] = (object.Key as string).slice(prefix.length).split('/');
    (runs[runId as string] ??= []).push(rest.join('/'));
  }
  return runs;
}

const outsidePermissions = () =>
  observedActions(faults.proxy.log).filter((action) => !PERMITTED.includes(action));

test('a clean run, the reference: key revoked, one deny policy, within its permissions', async () => {
  // Prepare
  const user = await seedCompromisedUser(iam(), 'clean');

  // Act
  const run = await runPyjamas(
    revoke(user.compromisedKey, 'IR-KILL-CLEAN'),
    faults.proxy.env(moto.server.env),
  );

  // Assess
  expect(run.stdout).toMatch(/^Outcome: degraded/m);
  expect(run.code).toBe(0);
  const mutating = mutatingRequests(faults.proxy.log);
  expect(mutating.length).toBeGreaterThan(5);
  boundaries = mutating
    .map((entry, index) => ({ entry, k: index + 1 }))
    .filter(({ entry, k }) => k === 1 || k === mutating.length || entry.service === 'iam')
    .map(({ k }) => k);
  expect(mutating.filter((entry) => entry.service === 'iam').map((entry) => entry.action)).toEqual([
    'UpdateAccessKey',
    'PutUserPolicy',
    'TagUser',
  ]);
  expect(await endState(user)).toEqual(revoked(user, 'IR-KILL-CLEAN'));
  expect(outsidePermissions()).toEqual([]);
});

test('killed after the run start, each IAM change and the manifest, and run again, the revocation completes with the clean end state and both attempts on record', async () => {
  expect(boundaries).toHaveLength(5);
  for (const k of boundaries) {
    // Prepare
    faults.proxy.reset();
    const user = await seedCompromisedUser(iam(), `kill-${k}`);
    const caseId = `IR-KILL-${k}`;
    const env = faults.proxy.env(moto.server.env);

    // Act
    const killed: KilledRun = await killAfter(revoke(user.compromisedKey, caseId), env, k);
    const again = await runPyjamas(revoke(user.compromisedKey, caseId), env);

    // Assess
    const last = killed.answered.at(-1);
    const at = `killed after mutating request ${k} (${last?.action ?? last?.api})`;
    expect([at, killed.signal]).toEqual([at, 'SIGKILL']);
    expect([at, again.code, again.stdout.match(/^Outcome: \w+/m)?.[0]]).toEqual([
      at,
      0,
      'Outcome: degraded',
    ]);
    expect([at, await endState(user)]).toEqual([at, revoked(user, caseId)]);
    // Two runs in one second do not sort by their ids: the rerun is the one its output names.
    const runs = await caseRuns(caseId);
    const rerun = /^Outcome: \w+ \(run (\S+)\)/m.exec(again.stdout)?.[1] ?? '';
    expect([at, Object.values(runs).map((objects) => objects.includes('run-start.json'))]).toEqual([
      at,
      [true, true],
    ]);
    expect([at, runs[rerun]?.includes('run-record.json')]).toEqual([at, true]);
    expect([at, outsidePermissions()]).toEqual([at, []]);
  }
}, 300_000);
