import { S3Client } from '@aws-sdk/client-s3';
import { AwsClients, type SdkClient, type SdkClientClass } from '../../lib/aws/clients';

/**
 * The client factory of this responder's runs. It differs from {@link AwsClients} in one way:
 * an S3 upload that carries a SHA-256 checksum also declares its algorithm.
 *
 * S3 refuses uploads into a bucket with an Object Lock default retention (the evidence bucket)
 * unless the request has a Content-MD5 or an `x-amz-sdk-checksum-algorithm` header, and the
 * SDK sends the latter only when `ChecksumAlgorithm` is set. The core `S3EvidenceStore` sets
 * `ChecksumSHA256` alone, so its uploads into a locked bucket fail with
 * MissingUploadObjectWithObjectLockHeaders. Once the store sets the algorithm itself, this class
 * can go.
 */
export class RevocationClients extends AwsClients {
  override get<C extends SdkClient>(ClientClass: SdkClientClass<C>, region: string): C {
    const client = super.get(ClientClass, region);
    if (client instanceof S3Client) {
      type Next = (args: { input: { ChecksumSHA256?: string; ChecksumAlgorithm?: string } }) => Promise<unknown>;
      client.middlewareStack.add(
        (next: Next) => async (args: Parameters<Next>[0]) => {
          if (args.input.ChecksumSHA256 && !args.input.ChecksumAlgorithm) args.input.ChecksumAlgorithm = 'SHA256';
          return next(args);
        },
        // Re-adding under the same name replaces the middleware, so repeated lookups add it once.
        { step: 'initialize', name: 'pyjamasDeclareChecksumAlgorithm', override: true },
      );
    }
    return client;
  }
}
