import { deployCompleteExample, describeDeployment, DEPLOY_REGIONS } from './deployment';
import { DEMO_REGIONS, seedDemoAccount } from './seed';
import type { DemoStage } from './stage';

/**
 * Stage: seeds an emulated account with workloads and realistic misconfigurations, then deploys
 * the complete example into it with terraform apply of the synthesized stack.
 */
export const DEPLOY_STAGE: DemoStage = {
  title: 'deploy the complete example',
  proves:
    'the response plumbing is ordinary Terraform: the CDKTF stack synthesizes and applies with the pinned AWS provider, against a plain AWS API (moto_server on loopback), no AWS account needed.',
  async run(context) {
    context.say(
      `Seeding an account (${DEMO_REGIONS.join(', ')}) with workloads and realistic misconfigurations through the AWS SDK...`,
    );
    await seedDemoAccount(context.aws);
    context.say(
      `Synthesizing examples/complete for ${DEPLOY_REGIONS.map((target) => target.region).join(', ')} and running terraform init + apply (AWS provider from the offline mirror)...`,
    );
    context.deployment = await deployCompleteExample(
      context.workFolder,
      context.emulator,
      context.signal,
    );
    for (const line of describeDeployment(context.deployment.addresses)) context.say(line);
    context.say(`Terraform stack: ${context.deployment.workspace.folder}`);
  },
};
