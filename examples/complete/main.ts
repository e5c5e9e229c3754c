import { App } from 'cdktf';
import { FORENSIC_AMI, REGIONS } from './settings';
import { CompleteStack } from './stack';

const app = new App();
// PYJAMAS_EMULATOR_ENDPOINT deploys to a local moto_server instead of AWS, to try the plumbing out.
new CompleteStack(app, 'pyjamas-complete', {
  regions: REGIONS,
  forensicAmi: FORENSIC_AMI,
  emulatorEndpoint: process.env.PYJAMAS_EMULATOR_ENDPOINT,
});
app.synth();
