import {
  DescribeNetworkInterfacesCommand,
  DescribeSnapshotsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { ISOLATE_EC2_INSTANCE_ACTIONS } from '../../responders/isolate-ec2-instance/permissions';
import { runPyjamas } from '../helpers/cli';
import { useFaultProxy } from '../helpers/fault-proxy';
import { killerFor, type KilledRun } from '../helpers/kill-after';
import { useMotoServer } from '../helpers/moto-jest';
import { mutatingRequests, observedActions } from '../helpers/mutating-requests';
import {
  seedPlumbing,
  seedWebServer,
  type SeededInstance,
  type SeededPlumbing,
} from './isolate-ec2-instance.seed';

jest.setTimeout(120_000);

/**
 * `pyjamas isolate-instance` killed (SIGKILL) at every step boundary and run again. A clean run
 * of the seeded instance sends 17 mutating requests (the run start, 12 steps' calls including
 * the Auto Scaling minimum, the artifacts, the run record and the manifest); the test measures
 * the number on a clean run rather than assuming it, and kills a fresh instance's run right after
 * each of them is answered by moto, before the answer reaches the process. All boundaries run: on
 * two shared cores a boundary takes about five seconds (a seed, a killed run, a full run).
 */
const moto = useMotoServer();
const faults = useFaultProxy(() => moto.server.endpoint);
const ec2 = () => moto.client(EC2Client);
let plumbing: SeededPlumbing;
let killAfter: ReturnType<typeof killerFor>;
let boundaries = 0;

const isolate = (instanceId: string, caseId: string) => [
  'isolate-instance',
  instanceId,
  '--case',
  caseId,
  '--region',
  'us-east-1',
  '--yes',
];

beforeAll(async () => {
  plumbing = await seedPlumbing(moto);
  killAfter = killerFor(faults.proxy);
}, 60_000);

/** The state the responder must leave, read from moto. */
async function endState(web: SeededInstance) {
  const interfaces = await ec2().send(
    new DescribeNetworkInterfacesCommand({
      Filters: [{ Name: 'attachment.instance-id', Values: [web.instanceId] }],
    }),
  );
  const snapshots = await ec2().send(
    new DescribeSnapshotsCommand({
      OwnerIds: ['self'],
      Filters: [{ Name: 'volume-id', Values: [...web.volumeIds] }],
    }),
  );
  const perVolume = Object.fromEntries(web.volumeIds.map((volume) => [volume, 0]));
  for (const snapshot of snapshots.Snapshots ?? [])
    perVolume[snapshot.VolumeId as string] = (perVolume[snapshot.VolumeId as string] ?? 0) + 1;
  return {
    groups: (interfaces.NetworkInterfaces ?? []).map((eni) =>
      (eni.Groups ?? []).map((group) => group.GroupId),
    ),
    snapshotsPerVolume: perVolume,
  };
}

/** The run folders filed for the case, each with the names of its objects. */
async function caseRuns(caseId: string): Promise<Record<string, string[]>> {
  const answer = await moto
    .client(S3Client)
    .send(new ListObjectsV2Command({ Bucket: plumbing.bucket, Prefix: `cases/${caseId}/runs/` }));
  const runs: Record<string, string[]> = {};
  for (const object of answer.Contents ?? []) {
    const [runId, ...rest] = (object.Key as string)
      .slice(`cases/${caseId}/runs/`.length)
      .split('/');
    (runs[runId as string] ??= []).push(rest.join('/'));
  }
  return runs;
}

test('a clean run, the reference: contained, one snapshot per volume, within its permissions', async () => {
  // Prepare
  const web = await seedWebServer(moto, plumbing, 'clean');

  // Act
  const run = await runPyjamas(
    isolate(web.instanceId, 'IR-KILL-CLEAN'),
    faults.proxy.env(moto.server.env),
  );

  // Assess
  expect(run.stdout).toMatch(/^Outcome: succeeded/m);
  expect(run.code).toBe(0);
  boundaries = mutatingRequests(faults.proxy.log).length;
  expect(boundaries).toBeGreaterThan(10);
  expect(await endState(web)).toEqual({
    groups: [[plumbing.isolationGroupId], [plumbing.isolationGroupId]],
    snapshotsPerVolume: Object.fromEntries(web.volumeIds.map((volume) => [volume, 1])),
  });
  expect(
    observedActions(faults.proxy.log).filter(
      (action) => !(ISOLATE_EC2_INSTANCE_ACTIONS as readonly string[]).includes(action),
    ),
  ).toEqual([]);
});

test('killed after each mutating request and run again, the isolation completes with the clean end state and both attempts on record', async () => {
  expect(boundaries).toBeGreaterThan(0);
  for (let k = 1; k <= boundaries; k += 1) {
    // Prepare
    faults.proxy.reset();
    const web = await seedWebServer(moto, plumbing, `kill-${k}`);
    const caseId = `IR-KILL-${k}`;
    const env = faults.proxy.env(moto.server.env);

    // Act
    const killed: KilledRun = await killAfter(isolate(web.instanceId, caseId), env, k);
    const again = await runPyjamas(isolate(web.instanceId, caseId), env);

    // Assess
    const at = `killed after mutating request ${k} (${killed.answered.at(-1)?.action ?? killed.answered.at(-1)?.method})`;
    expect([at, killed.signal]).toEqual([at, 'SIGKILL']);
    expect([at, again.code, again.stdout.match(/^Outcome: \w+/m)?.[0]]).toEqual([
      at,
      0,
      'Outcome: succeeded',
    ]);
    expect([at, await endState(web)]).toEqual([
      at,
      {
        groups: [[plumbing.isolationGroupId], [plumbing.isolationGroupId]],
        snapshotsPerVolume: Object.fromEntries(web.volumeIds.map((volume) => [volume, 1])),
      },
    ]);
    // Two runs in one second do not sort by their ids: the rerun is the one its output names.
    const runs = await caseRuns(caseId);
    const rerun = /^Outcome: \w+ \(run (\S+)\)/m.exec(again.stdout)?.[1] ?? '';
    expect([at, Object.values(runs).map((objects) => objects.includes('run-start.json'))]).toEqual([
      at,
      [true, true],
    ]);
    expect([at, runs[rerun]?.includes('run-record.json')]).toEqual([at, true]);
    expect([
      at,
      observedActions(faults.proxy.log).filter(
        (action) => !(ISOLATE_EC2_INSTANCE_ACTIONS as readonly string[]).includes(action),
      ),
    ]).toEqual([at, []]);
  }
}, 300_000);
