import { App } from 'cdktf';
import { MinimalStack } from './stack';

const app = new App();
// The region to protect and its VPCs. Edit before deploying.
new MinimalStack(app, 'pyjamas-minimal', { target: { region: 'us-east-1', defaultVpc: true } });
app.synth();
