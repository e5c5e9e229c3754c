import { App } from 'cdktf';
import { REGIONS } from './settings';
import { CompleteStack } from './stack';

const app = new App();
new CompleteStack(app, 'pyjamas-complete', { regions: REGIONS });
app.synth();
