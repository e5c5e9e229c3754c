import { Testing, type App, type TerraformStack } from 'cdktf';
import { checkAwsConstraints } from '../modules/constraints/index';
import { ADOPTABLE_SINGLETONS } from '../modules/incident-response-plumbing/incident-response-plumbing';
import { withTestApp } from '../test/helpers/cdktf-jest';
import { CompleteStack } from './complete/stack';
import { MinimalStack } from './minimal/stack';
import { OrganizationStack } from './organization/stack';

const EXAMPLES: [string, (app: App) => TerraformStack][] = [
  [
    'complete',
    (app) =>
      new CompleteStack(app, 'complete', {
        accountId: '111111111111',
        regions: [
          { region: 'us-east-1', defaultVpc: true },
          { region: 'eu-west-1', vpcIds: ['vpc-0aaaaaaaaaaaaaaaa'] },
        ],
        alarmEmailAddresses: ['soc@example.com'],
        forensicAmi: {
          vpc: 'default',
          subnetId: 'subnet-0aaaaaaaaaaaaaaaa',
          tools: { avml: { sha256: 'a'.repeat(64) }, volatility3: { wheelSha256: 'b'.repeat(64) } },
        },
      }),
  ],
  [
    'complete with its default forensic AMI and build network',
    (app) =>
      new CompleteStack(app, 'complete-default', {
        accountId: '111111111111',
        regions: [{ region: 'us-east-1', vpcNames: ['workloads'] }],
        alarmEmailAddresses: ['soc@example.com'],
      }),
  ],
  [
    'minimal',
    (app) =>
      new MinimalStack(app, 'minimal', {
        accountId: '111111111111',
        target: { region: 'eu-west-1', vpcIds: ['vpc-0aaaaaaaaaaaaaaaa'] },
      }),
  ],
  [
    'organization',
    (app) =>
      new OrganizationStack(app, 'organization', {
        regions: ['us-east-1', 'af-south-1'],
        security: { name: 'security', accountId: '111111111111' },
        members: [{ name: 'prod', accountId: '222222222222', defaultVpcs: true }],
      }),
  ],
  [
    'organization with an organization trail',
    (app) =>
      new OrganizationStack(app, 'organization-trail', {
        regions: ['us-east-1'],
        security: { name: 'security', accountId: '111111111111' },
        members: [{ name: 'prod', accountId: '222222222222', defaultVpcs: true }],
        organizationTrail: { organizationId: 'o-a1b2c3d4e5', managementAccountId: '333333333333' },
      }),
  ],
  [
    "organization with an organization trail from CloudTrail's delegated administrator",
    (app) =>
      new OrganizationStack(app, 'organization-delegated-trail', {
        regions: ['us-east-1'],
        security: { name: 'security', accountId: '111111111111' },
        members: [{ name: 'prod', accountId: '222222222222', defaultVpcs: true }],
        organizationTrail: {
          organizationId: 'o-a1b2c3d4e5',
          managementAccountId: '333333333333',
          delegatedAdministrator: 'security',
        },
      }),
  ],
];

describe('every example as synthesized for AWS', () => {
  test.each(EXAMPLES)('%s keeps every documented AWS constraint as of today', (_name, build) => {
    const synthesized = withTestApp((app) => Testing.synth(build(app)));
    expect(
      checkAwsConstraints(synthesized, { asOf: new Date(), adoptable: ADOPTABLE_SINGLETONS }).map(
        (violation) => `${violation.rule} ${violation.address}: ${violation.message}`,
      ),
    ).toEqual([]);
  });
});
