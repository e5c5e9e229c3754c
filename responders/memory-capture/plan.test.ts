import { UsageError } from '../../lib/errors';
import type { MemoryFinishDescription } from './description';
import { planFinishCapture } from './plan';

const imageKey = 'cases/IR-42/memory/i-0123456789abcdef0/20260131T120000Z.lime';

function finished(overrides: Partial<MemoryFinishDescription> = {}): MemoryFinishDescription {
  return {
    caseId: 'IR-42',
    region: 'us-east-1',
    account: '123456789012',
    instanceId: 'i-0123456789abcdef0',
    bucket: 'evidence',
    bucketRegion: 'us-east-1',
    expectedOwner: '123456789012',
    partMiB: 64,
    maxParts: 273,
    capture: { commandId: 'cmd-capture', status: 'Success' },
    imageKey,
    partListVersionId: 'v-list',
    reportedParts: 3,
    scratch: {
      volumeId: 'vol-scratch',
      state: 'in-use',
      attachedTo: 'i-0123456789abcdef0',
      device: '/dev/sdp',
    },
    captureGroupIds: ['sg-capture'],
    interfaces: [{ networkInterfaceId: 'eni-1', groupIds: ['sg-isolation', 'sg-capture'] }],
    ...overrides,
  };
}

const ids = (description: MemoryFinishDescription) =>
  planFinishCapture(description, { uploadTimeoutSeconds: 3600 }).steps.map((step) => step.id);

describe('planFinishCapture', () => {
  test('uploads, completes, then detaches the capture group and removes the scratch volume', () => {
    const plan = planFinishCapture(finished(), { uploadTimeoutSeconds: 3600 });
    expect(plan.steps.map((step) => step.id)).toEqual([
      'create-memory-upload',
      'file-upload-grants',
      'send-memory-upload',
      'complete-memory-upload',
      'detach-memory-capture-group-eni-1',
      'detach-memory-scratch-volume',
      'delete-memory-scratch-volume',
    ]);
    const byId = Object.fromEntries(plan.steps.map((step) => [step.id, step.input]));
    expect(byId['file-upload-grants']).toMatchObject({
      ImageKey: imageKey,
      UploadId: { $fromStep: 'create-memory-upload', path: 'UploadId' },
      ExpiresInSeconds: 4200,
      MinValidSeconds: 3600,
      PartListKey: `${imageKey}.part-sha256`,
      PartListVersionId: 'v-list',
    });
    expect(byId['complete-memory-upload']).toMatchObject({
      Operation: 'CompleteMultipartUpload',
      CommandId: { $fromStep: 'send-memory-upload', path: 'CommandId' },
    });
    expect(byId['detach-memory-capture-group-eni-1']).toEqual({
      NetworkInterfaceId: 'eni-1',
      Groups: ['sg-isolation'],
    });
  });

  test('every S3 step names the bucket owner, and the upload signs the grants the grants step filed', () => {
    const plan = planFinishCapture(finished(), { uploadTimeoutSeconds: 3600 });
    const s3Steps = plan.steps.filter((step) => step.action === 's3:PutObject');
    expect(s3Steps.map((step) => step.input.ExpectedBucketOwner)).toEqual([
      '123456789012',
      '123456789012',
      '123456789012',
    ]);
    expect(plan.steps.find((step) => step.id === 'send-memory-upload')?.input).toMatchObject({
      MemoryUpload: {
        expectedOwner: '123456789012',
        grantsKey: { $fromStep: 'file-upload-grants', path: 'Key' },
      },
    });
  });

  test('waits for an upload still running instead of starting another', () => {
    expect(
      ids(
        finished({
          upload: { commandId: 'cmd-upload', status: 'InProgress' },
          openUploadId: 'up-1',
        }),
      ).slice(0, 1),
    ).toEqual(['complete-memory-upload']);
  });

  test('only cleans up once the image is sealed', () => {
    expect(ids(finished({ sealed: { versionId: 'v1', checksumSha256: 'x-3' } }))).toEqual([
      'detach-memory-capture-group-eni-1',
      'detach-memory-scratch-volume',
      'delete-memory-scratch-volume',
    ]);
  });

  test('plans nothing while the capture runs', () => {
    const plan = planFinishCapture(
      finished({ capture: { commandId: 'cmd-capture', status: 'InProgress' } }),
      { uploadTimeoutSeconds: 3600 },
    );
    expect(plan.steps).toEqual([]);
    expect(plan.notes.join('\n')).toMatch(/InProgress: run this command again/);
    expect(plan.notes.join('\n')).not.toMatch(/--stop/);
  });

  test('names the stop as the next step once the capture has ended', () => {
    const plan = planFinishCapture(finished(), { uploadTimeoutSeconds: 3600 });
    expect(plan.notes.at(-1)).toMatch(
      /^Next, once the image is sealed: pyjamas isolate-instance i-0123456789abcdef0 --case IR-42 --stop stops the instance, the real hard cut/,
    );
  });

  test.each([
    ['a failed capture', { capture: { commandId: 'cmd-capture', status: 'Failed' } }],
    [
      'a malformed part list',
      { partListProblem: 'line 2 of the part list is not a base64 SHA-256' },
    ],
  ])('after %s detaches the capture group and keeps the scratch volume', (_name, overrides) => {
    expect(ids(finished(overrides))).toEqual([
      'detach-memory-capture-group-eni-1',
      'detach-memory-scratch-volume',
    ]);
  });

  test.each([
    [
      'no record names a capture',
      { capture: undefined },
      /no record of case IR-42 names a memory capture on i-0123456789abcdef0/,
    ],
    ['the bucket is in another region', { bucketRegion: 'eu-west-1' }, /bucket is in eu-west-1/],
  ])('is refused when %s', (_name, overrides, message) => {
    expect(() => ids(finished(overrides))).toThrow(UsageError);
    expect(() => ids(finished(overrides))).toThrow(message);
  });
});
