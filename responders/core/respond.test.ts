import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lib/aws/clients';
import { fixedClock } from '../../lib/clock';
import { CONCURRENT_READS, RateLimiter } from '../../lib/rate-limiter';
import { FakeVersionedStore } from '../../test/fixtures/versioned-store';
import { LocalEvidenceStore, type EvidenceStore } from './evidence';
import type { RunStart } from './record';
import { respond, type Responder } from './respond';
import type { Plan, StepRunner } from './step';
import { verifyCaseEvidence } from './verify-evidence';

const sts = mockClient(STSClient);
const aws = new AwsClients({ env: {} });
const clock = fixedClock('2026-06-01T00:00:00Z');

const PLAN: Plan = {
  responder: 'test',
  caseId: 'IR-1',
  target: { type: 'AwsEc2Instance', id: 'i-1', arn: 'arn', region: 'us-east-1', account: '1' },
  steps: [
    {
      id: 'tag-i-1',
      reason: 'tag it',
      action: 'ec2:CreateTags',
      region: 'us-east-1',
      input: { Resources: ['i-1'] },
    },
  ],
  notes: [],
};

function responder(
  runner: StepRunner,
  overrides: Partial<Responder<{ groups: string[] }>> = {},
): Responder<{ groups: string[] }> {
  return {
    name: 'test',
    describe: async () => ({ groups: ['sg-original'] }),
    plan: () => PLAN,
    runners: { 'ec2:CreateTags': runner },
    verify: async () => [{ check: 'tagged', ok: true, detail: 'yes' }],
    artifacts: () => [{ name: 'pre-state.json', body: '{}', contentType: 'application/json' }],
    ...overrides,
  };
}

const run = (
  target: Responder<{ groups: string[] }>,
  evidence: EvidenceStore,
  fallback?: EvidenceStore,
) =>
  respond(target, {
    aws,
    clock,
    dryRun: false,
    trigger: { source: 'cli' },
    region: 'us-east-1',
    evidence,
    ...(fallback ? { fallbackEvidence: fallback } : {}),
  });

function refusing(): FakeVersionedStore {
  const bucket = new FakeVersionedStore();
  bucket.put = () =>
    Promise.reject(
      Object.assign(new Error('UnknownError'), {
        name: 'Unknown',
        $metadata: { httpStatusCode: 403 },
      }),
    );
  return bucket;
}

beforeEach(() => {
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Arn: 'arn:aws:iam::1:user/responder' });
});

describe('respond', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'pyjamas-respond-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('files the original state and the plan before the first step is sent', async () => {
    const bucket = new FakeVersionedStore();
    let filedBefore: string[] = [];
    const response = await run(
      responder(async () => {
        filedBefore = await bucket.list('cases/IR-1/');
        return {};
      }),
      bucket,
    );
    expect(filedBefore).toEqual([`cases/IR-1/runs/${response.record.runId}/run-start.json`]);
    const start = JSON.parse(
      new TextDecoder().decode(await bucket.get(filedBefore[0] as string)),
    ) as RunStart;
    expect(start).toMatchObject({
      format: 'pyjamas-run-start',
      preState: { groups: ['sg-original'] },
      plan: PLAN.steps,
      actor: 'arn:aws:iam::1:user/responder',
    });
    expect(response.record.outcome).toBe('succeeded');
    expect(response.evidence?.head).toMatchObject({ caseId: 'IR-1', sequence: 0 });
    await expect(verifyCaseEvidence(bucket, 'IR-1')).resolves.toMatchObject({
      ok: true,
      artifacts: 3,
    });
  });

  test('runs sharing a limiter read in turns: later runs wait while the first ones read', async () => {
    const limiter = new RateLimiter({});
    const reading: number[] = [];
    let mostAtOnce = 0;
    const runs = Array.from({ length: CONCURRENT_READS * 2 }, (_, index) =>
      respond(
        responder(async () => ({}), {
          describe: async () => {
            reading.push(index);
            mostAtOnce = Math.max(mostAtOnce, reading.length);
            await new Promise((resolve) => setTimeout(resolve, 5));
            reading.splice(reading.indexOf(index), 1);
            return { groups: [] };
          },
        }),
        { aws, clock, dryRun: true, trigger: { source: 'cli' }, region: 'us-east-1', limiter },
      ),
    );
    await Promise.all(runs);
    expect(mostAtOnce).toBe(CONCURRENT_READS);
  });

  test('a bucket that refuses the record makes the run degraded and keeps it in the fallback', async () => {
    const local = new LocalEvidenceStore(root);
    const response = await run(
      responder(async () => ({})),
      refusing(),
      local,
    );
    expect(response.record.outcome).toBe('degraded');
    expect(response.evidence).toMatchObject({
      location: local.location,
      refusedBy: 's3://fake-evidence',
    });
    expect(response.evidenceProblems).toEqual([
      expect.stringMatching(
        /refused .*run-start\.json \(AccessDenied: HTTP 403 without an error document/,
      ),
    ]);
    const record = JSON.parse(
      new TextDecoder().decode(
        await local.get(`cases/IR-1/runs/${response.record.runId}/run-record.json`),
      ),
    ) as { outcome: string; custody: { refusedBy: string } };
    expect(record).toMatchObject({
      outcome: 'degraded',
      custody: { refusedBy: 's3://fake-evidence' },
    });
  });

  test('a failed containment step stays failed when the evidence is refused too', async () => {
    const response = await run(
      responder(() =>
        Promise.reject(Object.assign(new Error('no'), { name: 'UnauthorizedOperation' })),
      ),
      refusing(),
      new LocalEvidenceStore(root),
    );
    expect(response.record.outcome).toBe('failed');
  });

  test('a verification or artifact that throws is recorded, never thrown', async () => {
    const response = await run(
      responder(async () => ({}), {
        verify: () =>
          Promise.reject(Object.assign(new Error('slow'), { name: 'RequestLimitExceeded' })),
        artifacts: () => Promise.reject(new Error('console output unavailable')),
      }),
      new FakeVersionedStore(),
    );
    expect(response.record.verification).toEqual([
      {
        check: 'verification',
        ok: false,
        detail: 'the target could not be read back: RequestLimitExceeded: slow',
      },
    ]);
    expect(response.record.outcome).toBe('degraded');
    expect(response.record.notes).toEqual([
      "The run's artifacts could not be gathered: console output unavailable.",
    ]);
  });
});
