import { shellQuote } from '../../lib/shell';

/** Where the scratch volume shows up on the host and how the image is cut. */
export interface ScratchLayout {
  /** e.g. `vol-0123456789abcdef0`: Nitro guests name the NVMe device by it. */
  readonly volumeId: string;
  /** The device name it was attached as, e.g. `/dev/sdp` (Xen guests show `/dev/xvdp`). */
  readonly device: string;
  readonly partMiB: number;
}

/** The presigned URLs and hash the capture script is built from. */
export interface CaptureScriptInput extends ScratchLayout {
  readonly toolUrl: string;
  readonly toolSha256: string;
  /** Presigned PUT for the list of the parts' SHA-256. */
  readonly partListUrl: string;
  readonly maxParts: number;
}

/** The presigned GET of the upload grants the upload script is built from. */
export interface UploadScriptInput extends ScratchLayout {
  readonly grantsUrl: string;
}

/** Exit codes of the scripts, so that a failure in the record says which check stopped them. */
export const CAPTURE_EXIT = {
  toolMismatch: 3,
  noScratchDevice: 4,
  tooManyParts: 5,
  scratchNotBlank: 6,
} as const;

/**
 * Lines shared by both scripts: a working directory on tmpfs (`/run`, never the suspect's disks)
 * and the scratch device, found by its NVMe serial (the volume id without the dash) or its Xen
 * name, and refused unless it is a whole disk no suspect filesystem lives on.
 */
function scratchLines(layout: ScratchLayout, purpose: string): string[] {
  const serial = layout.volumeId.replace('-', '');
  const letter = layout.device.replace(/^\/dev\/(sd|xvd)/, '');
  const candidates = [
    `/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_${serial}`,
    `/dev/xvd${letter}`,
    `/dev/sd${letter}`,
  ];
  return [
    'set -euo pipefail',
    'umask 077',
    `work=$(mktemp -d /run/pyjamas-${purpose}.XXXXXX)`,
    `trap 'umount "$work/scratch" 2>/dev/null || true; rm -rf "$work"' EXIT`,
    "dev=''",
    `for attempt in $(seq 1 60); do for candidate in ${candidates.map(shellQuote).join(' ')}; do if [ -b "$candidate" ]; then dev=$(readlink -f "$candidate"); break 2; fi; done; sleep 5; done`,
    `[ -n "$dev" ] || { echo 'the scratch volume ${layout.volumeId} did not appear on the host' >&2; exit ${CAPTURE_EXIT.noScratchDevice}; }`,
    'mkdir "$work/scratch"',
  ];
}

/**
 * Phase one, on the suspect host through Run Command: put a filesystem on the scratch volume
 * (refusing a device that already holds one, so that a suspect disk is never formatted), fetch
 * AVML there through a presigned GET and refuse it unless its SHA-256 matches, capture memory
 * (compressed LiME) onto the scratch volume, hash every part of `partMiB` and upload that list
 * through a presigned PUT, write-once, with its Content-MD5 (S3 verifies it; Object Lock requires
 * a checksum; neither header is `x-amz-*`, so neither needs to be signed). Nothing
 * is written to the suspect's own volumes, and no AWS credentials reach the host.
 */
export function memoryCaptureCommands(input: CaptureScriptInput): string[] {
  const partBytes = input.partMiB * 1024 * 1024;
  return [
    ...scratchLines(input, 'capture'),
    `if blkid "$dev" >/dev/null 2>&1; then echo "$dev already holds a filesystem: it is not the blank scratch volume; refusing to format it" >&2; exit ${CAPTURE_EXIT.scratchNotBlank}; fi`,
    'mkfs.ext4 -q -F "$dev"',
    'mount -o noatime "$dev" "$work/scratch"',
    'image="$work/scratch/memory.lime"',
    `curl --fail --silent --show-error --max-time 600 --output "$work/scratch/avml" ${shellQuote(input.toolUrl)}`,
    `echo ${shellQuote(`${input.toolSha256}  `)}"$work/scratch/avml" | sha256sum --check --status || { echo 'the capture tool does not match its SHA-256; refusing to run it' >&2; exit ${CAPTURE_EXIT.toolMismatch}; }`,
    'chmod 700 "$work/scratch/avml"',
    '"$work/scratch/avml" --compress "$image"',
    'size=$(stat -c %s "$image")',
    `parts=$(( (size + ${partBytes} - 1) / ${partBytes} ))`,
    `if [ "$parts" -lt 1 ] || [ "$parts" -gt ${input.maxParts} ]; then echo "the image ($size bytes) needs $parts parts of ${input.partMiB} MiB, not 1 to ${input.maxParts}" >&2; exit ${CAPTURE_EXIT.tooManyParts}; fi`,
    `for n in $(seq 0 $((parts - 1))); do dd if="$image" bs=1M skip=$((n * ${input.partMiB})) count=${input.partMiB} status=none | openssl dgst -sha256 -binary | base64; done > "$work/scratch/part-sha256"`,
    `curl --fail --silent --show-error -H 'If-None-Match: *' -H "Content-MD5: $(openssl dgst -md5 -binary "$work/scratch/part-sha256" | base64)" --upload-file "$work/scratch/part-sha256" ${shellQuote(input.partListUrl)}`,
    'sync',
    'echo "captured $size bytes in $parts parts"',
  ];
}

/**
 * Phase two: fetch the grants (one line per part: number, SHA-256, presigned UploadPart URL
 * signed with that SHA-256 as its `x-amz-checksum-sha256` header) and upload every part from the
 * scratch volume. S3 refuses a part whose bytes do not match the signed checksum, so the host
 * can only upload the bytes it hashed in phase one.
 */
export function memoryUploadCommands(input: UploadScriptInput): string[] {
  return [
    ...scratchLines(input, 'upload'),
    'mount -o noatime "$dev" "$work/scratch"',
    'image="$work/scratch/memory.lime"',
    `curl --fail --silent --show-error --max-time 600 --output "$work/grants" ${shellQuote(input.grantsUrl)}`,
    `while read -r number checksum url; do dd if="$image" of="$work/scratch/part" bs=1M skip=$(( (number - 1) * ${input.partMiB} )) count=${input.partMiB} status=none; curl --fail --silent --show-error --retry 3 -H "x-amz-checksum-sha256: $checksum" --upload-file "$work/scratch/part" "$url" > /dev/null; done < "$work/grants"`,
    'rm -f "$work/scratch/part"',
    'echo "uploaded $(wc -l < "$work/grants") parts"',
  ];
}
