/*
 * What the case's own records say this responder made for an instance. Tags on EC2 objects are no
 * proof: anyone with ec2:CreateTags can put `pyjamas:case-id` on a snapshot of a volume they
 * control, or `pyjamas:memory-scratch-for` on a suspect disk (which the capture would then format
 * and the snapshots would leave out). Only what the case's manifests name is reused.
 */
import { describeAwsError } from '../../lib/aws/errors';
import {
  caseManifestsPrefix,
  caseRunsPrefix,
  manifestSequence,
  type EvidenceManifest,
} from '../core/custody-chain';
import { isVersionedStore, sha256Hex, type EvidenceStore } from '../core/evidence';
import type { RunRecord, RunStart } from '../core/record';
import type { Step, StepRecord } from '../core/step';
import type { InstanceDescription } from './description';

/** What runs made for the instance, as their step records say. */
export interface MadeForInstance {
  readonly snapshots: readonly { readonly snapshotId: string; readonly volumeId: string }[];
  readonly captureCommandIds: readonly string[];
  readonly scratchVolumeIds: readonly string[];
  /** Upload commands `forensics finish-memory-capture` sent (its records, not the isolation's). */
  readonly uploadCommandIds?: readonly string[];
  /** Multipart uploads of a memory image `forensics finish-memory-capture` started, in order. */
  readonly memoryUploads?: readonly { readonly key: string; readonly uploadId: string }[];
}

/**
 * A run whose start is sealed in the case but whose record is not: killed, timed out, or still
 * going. What it was about to snapshot may exist with no step record naming it.
 */
export interface InterruptedRun {
  readonly runId: string;
  readonly startedAt: string;
  /**
   * False when no manifest names the start (a run killed before it sealed anything): the
   * write-once object is still there, but anyone who may write the bucket could have put it, so
   * only snapshots taken within {@link UNSEALED_START_WINDOW_MS} of it are reused.
   */
  readonly sealed: boolean;
  /** The volumes its plan snapshots (CreateSnapshots of the instance, CreateSnapshot of one). */
  readonly snapshotVolumeIds: readonly string[];
}

/** How long after an unsealed run start a snapshot may be taken and still be that run's. */
export const UNSEALED_START_WINDOW_MS = 15 * 60 * 1000;

/** What the case's sealed records say about one instance. */
export interface InstanceRecords extends MadeForInstance {
  /** Runs started on the instance without a record of how they ended. */
  readonly interrupted: readonly InterruptedRun[];
  /** Volumes the instance had when a run read it (its pre-state): those that outlive it are still evidence. */
  readonly volumeIds: readonly string[];
  /** Records that could not be read or do not match their manifest, in words. */
  readonly problems: readonly string[];
}

/** Nothing on record. */
export const NO_RECORDS: InstanceRecords = {
  snapshots: [],
  captureCommandIds: [],
  scratchVolumeIds: [],
  uploadCommandIds: [],
  memoryUploads: [],
  volumeIds: [],
  interrupted: [],
  problems: [],
};

const DONE = new Set(['done', 'already-done']);

/** The snapshots, capture and upload commands and scratch volumes the steps of one run made. */
export function madeBySteps(steps: readonly StepRecord[]): MadeForInstance {
  const snapshots: { snapshotId: string; volumeId: string }[] = [];
  const captureCommandIds: string[] = [];
  const scratchVolumeIds: string[] = [];
  const uploadCommandIds: string[] = [];
  const memoryUploads: { key: string; uploadId: string }[] = [];
  for (const step of steps) {
    if (!DONE.has(step.status)) continue;
    const output = step.output ?? {};
    if (step.action === 'ec2:CreateSnapshots') {
      const byVolume = (output.snapshotsByVolume ?? {}) as Record<string, unknown>;
      for (const [volumeId, snapshotId] of Object.entries(byVolume))
        if (typeof snapshotId === 'string' && snapshotId && volumeId)
          snapshots.push({ snapshotId, volumeId });
    } else if (step.action === 'ec2:CreateSnapshot') {
      if (typeof output.SnapshotId === 'string' && typeof step.input.VolumeId === 'string')
        snapshots.push({ snapshotId: output.SnapshotId, volumeId: step.input.VolumeId });
    } else if (step.action === 'ssm:SendCommand' && step.id === 'start-memory-capture') {
      if (typeof output.CommandId === 'string') captureCommandIds.push(output.CommandId);
    } else if (step.action === 'ssm:SendCommand' && step.id === 'send-memory-upload') {
      if (typeof output.CommandId === 'string') uploadCommandIds.push(output.CommandId);
    } else if (step.action === 'ec2:CreateVolume' && step.id === 'create-memory-scratch-volume') {
      if (typeof output.VolumeId === 'string') scratchVolumeIds.push(output.VolumeId);
    } else if (step.id === 'create-memory-upload') {
      if (typeof output.UploadId === 'string' && typeof step.input.Key === 'string')
        memoryUploads.push({ key: step.input.Key, uploadId: output.UploadId });
    }
  }
  return { snapshots, captureCommandIds, scratchVolumeIds, uploadCommandIds, memoryUploads };
}

/** Both, without repeats. */
export function mergeMade(a: MadeForInstance, b: MadeForInstance): MadeForInstance {
  const snapshots = new Map(
    [...a.snapshots, ...b.snapshots].map((snapshot) => [snapshot.snapshotId, snapshot]),
  );
  return {
    snapshots: [...snapshots.values()],
    captureCommandIds: [...new Set([...a.captureCommandIds, ...b.captureCommandIds])],
    scratchVolumeIds: [...new Set([...a.scratchVolumeIds, ...b.scratchVolumeIds])],
    uploadCommandIds: [...new Set([...(a.uploadCommandIds ?? []), ...(b.uploadCommandIds ?? [])])],
    memoryUploads: [...(a.memoryUploads ?? []), ...(b.memoryUploads ?? [])].filter(
      (upload, index, all) =>
        all.findIndex((other) => other.uploadId === upload.uploadId) === index,
    ),
  };
}

/**
 * Reads the runs of `responder` (one or several) on `instanceId` that the case's manifests name, in every store
 * (the evidence bucket and the local case folder the CLI falls back to), each record at the
 * version and SHA-256 its manifest names. Never throws: a store or record that cannot be read is
 * a problem in words, and what it would have named is simply not reused (snapshotted again),
 * since evidence must never wait on the record of earlier evidence.
 */
export async function readInstanceRecords(
  stores: readonly EvidenceStore[],
  caseId: string,
  responder: string | readonly string[],
  instanceId: string,
): Promise<InstanceRecords> {
  const responders = typeof responder === 'string' ? [responder] : responder;
  const perStore = await Promise.all(
    stores.map((store) => readStore(store, caseId, responders, instanceId)),
  );
  return perStore.reduce(
    (all, one) => ({
      ...mergeMade(all, one),
      volumeIds: [...new Set([...all.volumeIds, ...one.volumeIds])],
      interrupted: [
        ...all.interrupted,
        ...one.interrupted.filter(
          (run) => !all.interrupted.some((known) => known.runId === run.runId),
        ),
      ],
      problems: [...all.problems, ...one.problems],
    }),
    NO_RECORDS,
  );
}

async function readStore(
  store: EvidenceStore,
  caseId: string,
  responders: readonly string[],
  instanceId: string,
): Promise<InstanceRecords> {
  const problems: string[] = [];
  let manifests: EvidenceManifest[];
  try {
    const keys = (await store.list(caseManifestsPrefix(caseId))).filter(
      (key) => manifestSequence(key) !== undefined,
    );
    manifests = await Promise.all(
      keys.map(async (key) => JSON.parse(decode(await store.get(key))) as EvidenceManifest),
    );
  } catch (error) {
    return {
      ...NO_RECORDS,
      problems: [
        `the case's manifests in ${store.location} could not be read (${describeAwsError(error)}): nothing made by earlier runs is reused`,
      ],
    };
  }
  const entries = manifests.flatMap((manifest) =>
    (manifest.artifacts ?? []).filter(
      (artifact) =>
        artifact.key.endsWith('/run-record.json') || artifact.key.endsWith('/run-start.json'),
    ),
  );
  const records = await Promise.all(
    entries.map(async (entry): Promise<RunRecord | RunStart | undefined> => {
      try {
        const body =
          isVersionedStore(store) && entry.versionId
            ? (await store.read(entry.key, entry.versionId)).body
            : await store.get(entry.key);
        if (sha256Hex(body) !== entry.sha256) {
          problems.push(
            `${store.location}/${entry.key} does not match the SHA-256 its manifest names: not trusted`,
          );
          return undefined;
        }
        return JSON.parse(decode(body)) as RunRecord | RunStart;
      } catch (error) {
        problems.push(
          `${store.location}/${entry.key} could not be read (${describeAwsError(error)})`,
        );
        return undefined;
      }
    }),
  );
  let made: MadeForInstance = NO_RECORDS;
  const volumeIds = new Set<string>();
  const ours = records.filter(
    (record): record is RunRecord | RunStart =>
      record !== undefined &&
      responders.includes(record.responder) &&
      record.target?.id === instanceId,
  );
  const ended = new Set(ours.filter((record) => 'steps' in record).map((record) => record.runId));
  const named = new Set(entries.map((entry) => entry.key));
  const unsealed = await unsealedStarts(store, caseId, named, problems);
  const interrupted = [
    ...ours
      .filter((record): record is RunStart => 'plan' in record && !ended.has(record.runId))
      .map((start) => interruptedRun(start, true)),
    ...unsealed
      .filter((start) => responders.includes(start.responder) && start.target?.id === instanceId)
      .filter((start) => !ended.has(start.runId))
      .map((start) => interruptedRun(start, false)),
  ];
  for (const record of ours) {
    if ('steps' in record && Array.isArray(record.steps))
      made = mergeMade(made, madeBySteps(record.steps));
    if ('preState' in record) {
      const preState = record.preState as Partial<InstanceDescription> | undefined;
      for (const volume of preState?.volumes ?? [])
        if (typeof volume.volumeId === 'string') volumeIds.add(volume.volumeId);
    }
  }
  return { ...made, volumeIds: [...volumeIds], interrupted, problems };
}

/**
 * Run starts in the store that no manifest names: a run killed after it filed its start and
 * before it sealed its record leaves one. Never throws: what cannot be read is a problem.
 */
async function unsealedStarts(
  store: EvidenceStore,
  caseId: string,
  named: ReadonlySet<string>,
  problems: string[],
): Promise<RunStart[]> {
  try {
    const keys = (await store.list(caseRunsPrefix(caseId))).filter(
      (key) => key.endsWith('/run-start.json') && !named.has(key),
    );
    const starts = await Promise.all(
      keys.map(async (key) => JSON.parse(decode(await store.get(key))) as RunStart),
    );
    return starts.filter((start) => typeof start.runId === 'string' && 'plan' in start);
  } catch (error) {
    problems.push(
      `the case's unsealed run starts in ${store.location} could not be read (${describeAwsError(error)})`,
    );
    return [];
  }
}

/** The volumes an interrupted run's plan snapshots, as its pre-state and step inputs name them. */
function interruptedRun(start: RunStart, sealed: boolean): InterruptedRun {
  const preState = start.preState as Partial<InstanceDescription> | undefined;
  const volumes = (preState?.volumes ?? []).filter((volume) => typeof volume.volumeId === 'string');
  const snapshotVolumeIds = new Set<string>();
  const plan: readonly Step[] = Array.isArray(start.plan) ? start.plan : [];
  for (const step of plan) {
    const input = step.input as Record<string, unknown>;
    if (step.action === 'ec2:CreateSnapshot' && typeof input.VolumeId === 'string')
      snapshotVolumeIds.add(input.VolumeId);
    if (step.action !== 'ec2:CreateSnapshots') continue;
    const spec = (input.InstanceSpecification ?? {}) as {
      ExcludeBootVolume?: boolean;
      ExcludeDataVolumeIds?: string[];
    };
    for (const volume of volumes)
      if (
        !(volume.boot && spec.ExcludeBootVolume) &&
        !spec.ExcludeDataVolumeIds?.includes(volume.volumeId)
      )
        snapshotVolumeIds.add(volume.volumeId);
  }
  return {
    runId: start.runId,
    startedAt: start.startedAt,
    sealed,
    snapshotVolumeIds: [...snapshotVolumeIds],
  };
}

function decode(body: Uint8Array): string {
  return new TextDecoder().decode(body);
}
