import type { CompleteForensicAmi, CompleteRegion } from './stack';

/** The account the complete example deploys to; every provider refuses any other. Edit before deploying. */
export const ACCOUNT_ID: string | undefined = undefined;

/**
 * Who is told of security alarms, responses and forensic AMI builds. Without an address, synth
 * warns: subscribe a pager, chat or ticketing endpoint to the alarm topic another way.
 */
export const ALARM_EMAIL_ADDRESSES: string[] = [];

/**
 * Regions the complete example protects; the first is the home region. Edit before deploying:
 * name each region's VPCs by their `Name` tag (`vpcNames`, looked up at plan time), list them by
 * id (`vpcIds`), or add `defaultVpc: true` where a default VPC exists (CIS-hardened accounts have
 * none).
 */
export const REGIONS: CompleteRegion[] = [
  { region: 'us-east-1', vpcNames: ['workloads'] },
  { region: 'eu-west-1', vpcNames: ['workloads'] },
];

/**
 * The weekly forensic AMI, its SSM parameter and the workstation template. By default they go
 * into a build network the stack creates in the home region (a private subnet behind a NAT
 * gateway, which costs by the hour) with the Ubuntu archive's signed tools only. Add AVML and
 * Volatility 3 with the SHA-256 of copies you checked (`tools: { avml: { sha256: '…' },
 * volatility3: { wheelSha256: '…' } }`), build in a private subnet of your own that already
 * routes out (`vpc: 'workloads', subnetId: 'subnet-…'`), or set it to false for none. See
 * docs/module.md.
 */
export const FORENSIC_AMI: CompleteForensicAmi | false = {};
