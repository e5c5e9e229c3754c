import type { CompleteRegion } from './stack';

/** Regions the complete example protects; the first is the home region. Edit before deploying. */
export const REGIONS: CompleteRegion[] = [
  { region: 'us-east-1', defaultVpc: true },
  { region: 'eu-west-1', defaultVpc: true },
];
