import { App } from 'cdktf';
import { OrganizationStack } from './stack';

const app = new App();
// Accounts and regions of the organization. Edit before deploying: the deployment role must
// exist in every account and trust the credentials cdktf runs with.
new OrganizationStack(app, 'pyjamas-organization', {
  regions: ['us-east-1', 'eu-west-1'],
  security: { name: 'security', accountId: '111111111111' },
  members: [
    { name: 'workloads-prod', accountId: '222222222222', defaultVpcs: true },
    { name: 'workloads-dev', accountId: '333333333333', defaultVpcs: true },
  ],
});
app.synth();
