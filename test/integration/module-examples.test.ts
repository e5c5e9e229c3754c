import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App, TerraformStack } from 'cdktf';
import { CompleteStack } from '../../examples/complete/stack';
import { MinimalStack } from '../../examples/minimal/stack';
import { OrganizationStack } from '../../examples/organization/stack';
import { useOfflineTerraformCliConfig } from '../helpers/cdktf-jest';
import { synthesizeStack } from '../../examples/terraform-stack';

const EXAMPLES: [string, (app: App) => TerraformStack][] = [
  [
    'complete with the forensic AMI',
    (app) =>
      new CompleteStack(app, 'complete', {
        regions: [
          { region: 'us-east-1', defaultVpc: true },
          { region: 'eu-west-1', vpcIds: ['vpc-0aaaaaaaaaaaaaaaa'] },
        ],
        forensicAmi: {
          vpc: 'default',
          subnetId: 'subnet-0aaaaaaaaaaaaaaaa',
          tools: { avml: { sha256: 'a'.repeat(64) }, volatility3: { wheelSha256: 'b'.repeat(64) } },
        },
      }),
  ],
  [
    'minimal',
    (app) =>
      new MinimalStack(app, 'minimal', {
        target: { region: 'eu-west-1', vpcIds: ['vpc-0aaaaaaaaaaaaaaaa'] },
      }),
  ],
  [
    'organization',
    (app) =>
      new OrganizationStack(app, 'organization', {
        regions: ['us-east-1', 'eu-west-1'],
        security: { name: 'security', accountId: '111111111111' },
        members: [{ name: 'prod', accountId: '222222222222', defaultVpcs: true }],
      }),
  ],
  [
    "organization with a trail from CloudTrail's delegated administrator",
    (app) =>
      new OrganizationStack(app, 'organization-trail', {
        regions: ['us-east-1'],
        security: { name: 'security', accountId: '111111111111' },
        members: [{ name: 'prod', accountId: '222222222222' }],
        organizationTrail: {
          organizationId: 'o-a1b2c3d4e5',
          managementAccountId: '333333333333',
          delegatedAdministrator: 'security',
        },
      }),
  ],
];

describe('the examples as deployed to AWS', () => {
  const work = mkdtempSync(join(tmpdir(), 'pyjamas-examples-'));
  useOfflineTerraformCliConfig(work);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test.each(EXAMPLES)(
    '%s is valid Terraform that initialises from the offline provider mirror',
    (name, build) => {
      const outdir = join(work, name.replace(/\W+/g, '-'));
      synthesizeStack(outdir, build);
      expect(outdir).toBeValidTerraform();
    },
    60_000,
  );
});
