import type * as Ec2Sdk from '@aws-sdk/client-ec2';

/**
 * The EC2 SDK module, required at first use. It is by far the largest client (about 2 MB of code,
 * some 60 MB of memory once loaded), so a scan whose checks read no EC2 data never loads it.
 */
export function loadEc2Sdk(): Promise<typeof Ec2Sdk> {
  return import('@aws-sdk/client-ec2');
}
