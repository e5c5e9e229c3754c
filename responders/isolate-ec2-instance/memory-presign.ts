import { S3Client } from '@aws-sdk/client-s3';
import type { AwsClients } from '../../lib/aws/clients';

/** One presigned request: what S3 is asked to allow, and for how long. */
export interface PresignRequest {
  readonly method: 'GET' | 'PUT';
  readonly bucket: string;
  readonly key: string;
  readonly expiresIn: number;
  /**
   * The account that must own the bucket. It goes into the signed query string as
   * `x-amz-expected-bucket-owner`, in lower case: S3 enforces the expected owner of a presigned
   * request when it comes either as a signed header or as that lower-case query parameter
   * (aws/aws-sdk-go-v2#2508), and only the query parameter keeps the URL whole, so the host's
   * `curl` sends no extra header. It is covered by the signature, so the host cannot drop it.
   * moto ignores it.
   */
  readonly expectedOwner: string;
  /** Query parameters that are part of the operation, e.g. `partNumber` and `uploadId`. */
  readonly query?: Readonly<Record<string, string>>;
  /**
   * `x-amz-*` headers the request must carry with exactly these values. S3 refuses a presigned
   * request with an `x-amz-*` header left out of the signature ("There were headers present in
   * the request which were not signed"), and verifies a checksum only when it comes as a header,
   * so these stay headers (not hoisted into the query) and are signed. moto checks neither.
   */
  readonly signedHeaders?: Readonly<Record<string, string>>;
  /** One signing time for a batch of URLs, so that they share every query parameter but the signature. */
  readonly signingDate?: Date;
}

/**
 * A SigV4 presigned S3 URL, signed with the client's own credentials, signer and endpoint rules
 * (so a custom endpoint such as an emulator is honoured). The payload is `UNSIGNED-PAYLOAD`, as
 * S3 expects of a presigned request whose body the signer never sees.
 */
export async function presignedUrl(
  aws: AwsClients,
  region: string,
  request: PresignRequest,
): Promise<string> {
  const client = aws.get(S3Client, region);
  const config = client.config as unknown as {
    endpointProvider(parameters: Record<string, unknown>): { url: URL };
    endpoint?: () => Promise<{ protocol: string; hostname: string; port?: number; path: string }>;
    forcePathStyle?: boolean;
    signer(authScheme?: unknown): Promise<{
      presign(
        request: unknown,
        options: { expiresIn: number; unhoistableHeaders?: Set<string>; signingDate?: Date },
      ): Promise<PresignedRequest>;
    }>;
  };
  const custom = config.endpoint ? await config.endpoint() : undefined;
  // The SDK applies AWS_ENDPOINT_URL(_S3) per request rather than into `config.endpoint`.
  const endpoint = custom
    ? `${custom.protocol}//${custom.hostname}${custom.port ? `:${custom.port}` : ''}${custom.path === '/' ? '' : custom.path}`
    : (process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL);
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
  const kept = Object.keys(request.signedHeaders ?? {}).map((name) => name.toLowerCase());
  const signed = await signer.presign(
    {
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path,
      query: { ...request.query, 'x-amz-expected-bucket-owner': request.expectedOwner },
      headers: {
        host,
        'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
        ...request.signedHeaders,
      },
    },
    {
      expiresIn: request.expiresIn,
      ...(kept.length > 0 ? { unhoistableHeaders: new Set(kept) } : {}),
      ...(request.signingDate ? { signingDate: request.signingDate } : {}),
    },
  );
  const query = new URLSearchParams(signed.query as Record<string, string>).toString();
  return `${url.protocol}//${host}${path}?${query}`;
}

interface PresignedRequest {
  readonly query: Record<string, string | string[] | null>;
}
