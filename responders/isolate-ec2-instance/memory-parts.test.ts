import { UsageError } from '../../lib/errors';
import { S3_MULTIPART, planCaptureParts } from './memory-parts';

describe('planCaptureParts', () => {
  test('cuts a small instance into parts of 64 MiB on a scratch volume that holds the image and one part', () => {
    expect(planCaptureParts(16_384, 'm5.xlarge')).toEqual({
      boundMiB: 17_460,
      partMiB: 64,
      maxParts: 273,
      scratchGiB: 19,
    });
  });

  test.each([
    ['r6i.32xlarge', 1_048_576],
    ['x2iedn.32xlarge', 4_194_304],
    ['u-3tb1.56xlarge', 3_145_728],
  ])('grows the parts of %s so that the image never needs more than 10,000', (type, memoryMiB) => {
    const parts = planCaptureParts(memoryMiB, type);
    expect(parts.maxParts).toBeLessThanOrEqual(S3_MULTIPART.maxParts);
    expect(parts.partMiB * parts.maxParts).toBeGreaterThanOrEqual(parts.boundMiB);
    expect(parts.partMiB).toBeLessThanOrEqual(S3_MULTIPART.maxPartMiB);
  });

  test('refuses an instance whose image could exceed the largest object S3 stores', () => {
    expect(() => planCaptureParts(6 * 1024 * 1024, 'u-6tb1.112xlarge')).toThrow(
      /largest object S3 stores/,
    );
  });

  test.each([undefined, 0, Number.NaN])('refuses an unknown memory size (%p)', (memoryMiB) => {
    expect(() => planCaptureParts(memoryMiB, 'm5.large')).toThrow(UsageError);
  });
});
