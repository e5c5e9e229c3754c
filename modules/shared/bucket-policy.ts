import type { PolicyStatement } from './policy-document';

/**
 * Denies every request to the bucket and its objects that does not use TLS, for every principal.
 * This exact shape (Principal "*", Action "s3:*", Bool aws:SecureTransport "false") is what the
 * CIS benchmark and the scanner's secure-transport check look for.
 */
export function denyInsecureTransport(bucketArn: string): PolicyStatement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}
