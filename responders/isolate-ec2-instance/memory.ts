import { S3Client } from '@aws-sdk/client-s3';
import type { AwsClients } from '../../lib/aws/clients';
import { shellQuote } from '../../lib/shell';

/** What the memory-capture step records and its runner needs to sign the URLs. */
export interface MemoryCaptureInput {
  readonly bucket: string;
  readonly bucketRegion: string;
  /** The AVML binary in the evidence bucket. */
  readonly toolKey: string;
  readonly toolSha256: string;
  /** Where the image goes; its SHA-256, as computed on the host, goes to `<imageKey>.sha256`. */
  readonly imageKey: string;
  /** Validity of every presigned URL: long enough for the capture to finish, and no longer. */
  readonly urlExpirySeconds: number;
  /** How long the script may run on the host. */
  readonly executionTimeoutSeconds: number;
}

/** The presigned URLs and hash the script is built from. */
export interface CaptureScriptInput {
  readonly toolUrl: string;
  readonly toolSha256: string;
  readonly imageUrl: string;
  readonly hashUrl: string;
}

/**
 * The shell lines Run Command executes on the suspect host: fetch AVML through a presigned GET,
 * refuse it unless its SHA-256 matches, capture memory (compressed LiME), hash the image and
 * upload image and hash through presigned PUTs. No AWS credentials reach the host: each URL
 * allows one operation on one key until it expires.
 *
 * AVML writes the image to a file first, on the host's own disk: that overwrites free blocks
 * of the disk evidence, which is why the disk snapshots are started in the same run.
 */
export function memoryCaptureCommands(input: CaptureScriptInput): string[] {
  return [
    'set -euo pipefail',
    'umask 077',
    'work=$(mktemp -d /var/tmp/pyjamas-capture.XXXXXX)',
    `trap 'rm -rf "$work"' EXIT`,
    `curl --fail --silent --show-error --max-time 600 --output "$work/avml" ${shellQuote(input.toolUrl)}`,
    `echo ${shellQuote(`${input.toolSha256}  `)}"$work/avml" | sha256sum --check --status || { echo 'the capture tool does not match its SHA-256; refusing to run it' >&2; exit 3; }`,
    'chmod 700 "$work/avml"',
    '"$work/avml" --compress "$work/memory.lime"',
    `sha256sum "$work/memory.lime" | cut -d ' ' -f 1 > "$work/memory.lime.sha256"`,
    `curl --fail --silent --show-error --upload-file "$work/memory.lime" ${shellQuote(input.imageUrl)}`,
    `curl --fail --silent --show-error --upload-file "$work/memory.lime.sha256" ${shellQuote(input.hashUrl)}`,
  ];
}

/**
 * A SigV4 presigned S3 URL, signed with the client's own credentials, signer and endpoint rules
 * (so a custom endpoint such as an emulator is honoured).
 */
export async function presignedUrl(
  aws: AwsClients,
  region: string,
  request: {
    readonly method: 'GET' | 'PUT';
    readonly bucket: string;
    readonly key: string;
    readonly expiresIn: number;
  },
): Promise<string> {
  const client = aws.get(S3Client, region);
  const config = client.config as unknown as {
    endpointProvider(parameters: Record<string, unknown>): { url: URL };
    endpoint?: () => Promise<{ protocol: string; hostname: string; port?: number; path: string }>;
    forcePathStyle?: boolean;
    signer(authScheme?: unknown): Promise<{
      presign(request: unknown, options: { expiresIn: number }): Promise<PresignedRequest>;
    }>;
  };
  const custom = config.endpoint ? await config.endpoint() : undefined;
  const endpoint = custom
    ? `${custom.protocol}//${custom.hostname}${custom.port ? `:${custom.port}` : ''}${custom.path === '/' ? '' : custom.path}`
    : undefined;
  const { url } = config.endpointProvider({
    Bucket: request.bucket,
    Region: region,
    ForcePathStyle: config.forcePathStyle ?? false,
    UseFIPS: false,
    UseDualStack: false,
    Accelerate: false,
    ...(endpoint ? { Endpoint: endpoint } : {}),
  });
  const path = `${url.pathname.replace(/\/$/, '')}/${request.key.split('/').map(encodeURIComponent).join('/')}`;
  const host = url.port ? `${url.hostname}:${url.port}` : url.hostname;
  const signer = await config.signer({ name: 'sigv4', signingName: 's3', signingRegion: region });
  const signed = await signer.presign(
    {
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path,
      query: {},
      headers: { host },
    },
    { expiresIn: request.expiresIn },
  );
  const query = new URLSearchParams(signed.query as Record<string, string>).toString();
  return `${url.protocol}//${host}${path}?${query}`;
}

interface PresignedRequest {
  readonly query: Record<string, string | string[] | null>;
}
