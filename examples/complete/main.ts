import { App } from 'cdktf';
import { CompleteStack, type CompleteRegion } from './stack';

/** Regions to protect; the first is the home region. Edit before deploying. */
const REGIONS: CompleteRegion[] = [
  { region: 'us-east-1', defaultVpc: true },
  { region: 'eu-west-1', defaultVpc: true },
];

const app = new App();
new CompleteStack(app, 'pyjamas-complete', { regions: REGIONS });
app.synth();
