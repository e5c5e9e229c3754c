import { App } from 'cdktf';
import { ACCOUNT_ID, ALARM_EMAIL_ADDRESSES, FORENSIC_AMI, REGIONS } from './settings';
import { CompleteStack } from './stack';

const app = new App();
// PYJAMAS_EMULATOR_ENDPOINT deploys to a local moto_server instead of AWS, to try the plumbing out.
new CompleteStack(app, 'pyjamas-complete', {
  accountId: ACCOUNT_ID,
  regions: REGIONS,
  alarmEmailAddresses: ALARM_EMAIL_ADDRESSES,
  forensicAmi: FORENSIC_AMI,
  emulatorEndpoint: process.env.PYJAMAS_EMULATOR_ENDPOINT,
});
app.synth();
