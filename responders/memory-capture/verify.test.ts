import type { MemoryFinishDescription } from './description';
import { checkFinished } from './verify';

const after = (overrides: Partial<MemoryFinishDescription> = {}): MemoryFinishDescription => ({
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
  imageKey: 'cases/IR-42/memory/i-0123456789abcdef0/a.lime',
  sealed: { versionId: 'v1', checksumSha256: 'c2hh-3' },
  captureGroupIds: ['sg-capture'],
  interfaces: [{ networkInterfaceId: 'eni-1', groupIds: ['sg-isolation'] }],
  ...overrides,
});

describe('checkFinished', () => {
  test('passes once the image is sealed with a version and a composite checksum, and the capture is cleaned up', () => {
    expect(checkFinished(after()).every((result) => result.ok)).toBe(true);
  });

  test.each([
    [
      'the capture group is still on an interface',
      { interfaces: [{ networkInterfaceId: 'eni-1', groupIds: ['sg-capture'] }] },
      'capture group detached',
    ],
    ['the image has no version', { sealed: { checksumSha256: 'c2hh-3' } }, 'image sealed by S3'],
    [
      'the checksum is not the composite S3 computes',
      { sealed: { versionId: 'v1', checksumSha256: 'c2hh' } },
      'image sealed by S3',
    ],
    [
      'the scratch volume remains',
      { scratch: { volumeId: 'vol-scratch', state: 'available' } },
      'scratch volume deleted',
    ],
  ])('fails when %s', (_name, overrides, check) => {
    expect(checkFinished(after(overrides)).find((result) => result.check === check)?.ok).toBe(
      false,
    );
  });

  test('checks nothing while the capture runs', () => {
    expect(checkFinished(after({ capture: { commandId: 'c', status: 'InProgress' } }))).toEqual([]);
  });
});
