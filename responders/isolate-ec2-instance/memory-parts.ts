import { UsageError } from '../../lib/errors';

/** S3's multipart limits (S3 user guide, "Amazon S3 multipart upload limits"). */
export const S3_MULTIPART = {
  maxParts: 10_000,
  minPartMiB: 5,
  maxPartMiB: 5 * 1024,
  /** The largest object S3 stores. */
  maxObjectMiB: 5 * 1024 * 1024,
} as const;

/**
 * Smallest part this capture uses: large enough that a small instance needs a few dozen
 * requests, small enough that a part is a minute of upload on a slow path.
 */
export const MIN_CAPTURE_PART_MIB = 64;

/** How the image of one instance is cut into parts, and how big its scratch volume is. */
export interface CapturePartPlan {
  /** What the image can weigh at most, in MiB. */
  readonly boundMiB: number;
  /** Every part but the last has exactly this size. */
  readonly partMiB: number;
  /** The most parts the image can need, at most {@link S3_MULTIPART.maxParts}. */
  readonly maxParts: number;
  /** Size of the scratch volume the image is written to: the image and one part's working room. */
  readonly scratchGiB: number;
}

/**
 * The upper bound of an AVML image of `memoryMiB` of memory: compressed LiME (snappy framing)
 * is never more than a hair larger than the memory itself (an incompressible chunk is stored as
 * it is, with an 8-byte header per 64 KiB), and the kernel can map slightly more physical RAM
 * than the instance type's nominal size; 5% and 256 MiB cover both with room to spare.
 */
export function imageBoundMiB(memoryMiB: number): number {
  return Math.ceil(memoryMiB * 1.05) + 256;
}

/**
 * Sizes the parts of the capture of an instance with `memoryMiB` of memory (DescribeInstanceTypes
 * `MemoryInfo.SizeInMiB`) so that the image fits in S3's 10,000 parts whatever its size: parts
 * of at least {@link MIN_CAPTURE_PART_MIB}, grown to the bound divided by 10,000. Pure.
 *
 * @throws UsageError when the memory size is unknown or an image could exceed S3's largest object
 */
export function planCaptureParts(
  memoryMiB: number | undefined,
  instanceType: string,
): CapturePartPlan {
  if (memoryMiB === undefined || !Number.isFinite(memoryMiB) || memoryMiB <= 0)
    throw new UsageError(
      `the memory size of instance type ${instanceType} is unknown (DescribeInstanceTypes gave no MemoryInfo): the capture cannot size its upload`,
    );
  const boundMiB = imageBoundMiB(memoryMiB);
  if (boundMiB > S3_MULTIPART.maxObjectMiB)
    throw new UsageError(
      `an image of ${instanceType} (${Math.round(memoryMiB / 1024)} GiB of memory) can exceed the largest object S3 stores (5 TiB): capture it with a tool that splits the image`,
    );
  const partMiB = Math.max(MIN_CAPTURE_PART_MIB, Math.ceil(boundMiB / S3_MULTIPART.maxParts));
  const maxParts = Math.ceil(boundMiB / partMiB);
  return {
    boundMiB,
    partMiB,
    maxParts,
    scratchGiB: Math.ceil((boundMiB + partMiB) / 1024) + 1,
  };
}
