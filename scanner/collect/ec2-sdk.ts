import type * as Ec2Sdk from '@aws-sdk/client-ec2';

let loaded: Promise<typeof Ec2Sdk> | undefined;

/**
 * The EC2 SDK module, required at first use. It is by far the largest client (about 2 MB of code,
 * some 60 MB of memory once loaded), so a scan whose checks read no EC2 data never loads it. The
 * module is asked for once: every `import()` of a CommonJS module builds a fresh namespace object
 * with a copy of its thousands of exports, which a scan's dozens of EC2 reads would otherwise
 * repeat (about 35 MB of garbage at scale 10 of the benchmark).
 */
export function loadEc2Sdk(): Promise<typeof Ec2Sdk> {
  loaded ??= import('@aws-sdk/client-ec2');
  return loaded;
}
