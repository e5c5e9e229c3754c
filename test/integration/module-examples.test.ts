import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App, TerraformStack } from 'cdktf';
import { CompleteStack } from '../../examples/complete/stack';
import { MinimalStack } from '../../examples/minimal/stack';
import { OrganizationStack } from '../../examples/organization/stack';
import '../helpers/cdktf-jest';
import { synthesizeStack } from '../helpers/cdktf-synth';
import { findTerraform, writeOfflineCliConfig } from '../helpers/terraform';

const EXAMPLES: [string, (app: App) => TerraformStack][] = [
  ['complete', (app) => new CompleteStack(app, 'complete', { regions: [{ region: 'us-east-1', defaultVpc: true }, { region: 'eu-west-1', vpcIds: ['vpc-0aaaaaaaaaaaaaaaa'] }] })],
  ['minimal', (app) => new MinimalStack(app, 'minimal', { target: { region: 'eu-west-1', vpcIds: ['vpc-0aaaaaaaaaaaaaaaa'] } })],
  [
    'organization',
    (app) =>
      new OrganizationStack(app, 'organization', {
        regions: ['us-east-1', 'eu-west-1'],
        security: { name: 'security', accountId: '111111111111' },
        members: [{ name: 'prod', accountId: '222222222222', defaultVpcs: true }],
      }),
  ],
];

describe('the examples as deployed to AWS', () => {
  const work = mkdtempSync(join(tmpdir(), 'pyjamas-examples-'));
  let previousCliConfig: string | undefined;

  beforeAll(() => {
    findTerraform();
    previousCliConfig = process.env.TF_CLI_CONFIG_FILE;
    // cdktf's toBeValidTerraform runs terraform init and validate with this process's environment.
    process.env.TF_CLI_CONFIG_FILE = writeOfflineCliConfig(work);
    process.env.CHECKPOINT_DISABLE = '1';
  });

  afterAll(() => {
    if (previousCliConfig === undefined) delete process.env.TF_CLI_CONFIG_FILE;
    else process.env.TF_CLI_CONFIG_FILE = previousCliConfig;
    rmSync(work, { recursive: true, force: true });
  });

  test.each(EXAMPLES)('%s is valid Terraform that initialises from the offline provider mirror', (name, build) => {
    const outdir = join(work, name);
    synthesizeStack(outdir, build);
    expect(outdir).toBeValidTerraform();
  }, 60_000);
});
