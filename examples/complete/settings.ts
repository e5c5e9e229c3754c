import type { PlumbingForensicAmi } from '../../modules/incident-response-plumbing/incident-response-plumbing';
import type { CompleteRegion } from './stack';

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
 * The weekly forensic AMI and the workstation template, or none. To build it, set it to the
 * home region's VPC (`'workloads'` here), a private subnet of that VPC with a route to the tools'
 * download addresses, and the SHA-256 of the AVML binary and of the Volatility 3 wheel, taken
 * from copies you checked: `{ vpc: 'workloads', subnetId: 'subnet-…', tools: { avml: { sha256:
 * '…' }, volatility3: { wheelSha256: '…' } } }`. See docs/module.md.
 */
export const FORENSIC_AMI: PlumbingForensicAmi | undefined = undefined;
