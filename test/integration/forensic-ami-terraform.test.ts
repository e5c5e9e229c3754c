import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ForensicAmiPipeline } from '../../modules/forensic-ami-pipeline/forensic-ami-pipeline';
import { ForensicBuildNetwork } from '../../modules/forensic-build-network/forensic-build-network';
import { ForensicWorkstationTemplate } from '../../modules/forensic-workstation-template/forensic-workstation-template';
import { useOfflineTerraformCliConfig } from '../helpers/cdktf-jest';
import { synthesizeStack } from '../../examples/terraform-stack';

/**
 * The pipeline is validated, never applied: moto 5.2.1 has no Image Builder backend (every
 * imagebuilder call answers HTTP 500), so `terraform validate` against the real provider schema
 * is the strongest offline check of its five resources. The launch template is also applied to
 * moto, in forensic-workstation-template.test.ts.
 */
describe('the forensic AMI pipeline and workstation template as Terraform', () => {
  const work = mkdtempSync(join(tmpdir(), 'pyjamas-forensic-ami-'));
  useOfflineTerraformCliConfig(work);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('a stack holding both, and the default pipeline in its build network, is valid Terraform that initialises from the offline provider mirror', () => {
    const outdir = join(work, 'cdktf.out');
    synthesizeStack(outdir, (app) => {
      const stack = new TerraformStack(app, 'forensic-ami');
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      // The default deploy: the archive's tools only, in a build network of its own.
      const network = new ForensicBuildNetwork(stack, 'build-network');
      new ForensicAmiPipeline(stack, 'default-forensic-ami', {
        subnetId: network.privateSubnetId,
        securityGroupIds: [network.buildSecurityGroupId],
        namePrefix: 'default',
      });
      const pipeline = new ForensicAmiPipeline(stack, 'forensic-ami', {
        subnetId: 'subnet-0123456789abcdef0',
        securityGroupIds: ['sg-0123456789abcdef0'],
        tools: { avml: { sha256: 'a'.repeat(64) }, volatility3: { wheelSha256: 'b'.repeat(64) } },
        logs: {
          bucketName: 'build-logs-bucket',
          kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        },
      });
      new ForensicWorkstationTemplate(stack, 'forensic-workstation-template', {
        subnetId: 'subnet-0123456789abcdef0',
        securityGroupIds: ['sg-0123456789abcdef0'],
        instanceProfileArn:
          'arn:aws:iam::123456789012:instance-profile/pyjamas-forensic-workstation',
        amiParameterName: pipeline.amiParameterName,
      });
      return stack;
    });
    expect(outdir).toBeValidTerraform();
  }, 180_000);
});
