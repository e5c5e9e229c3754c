import { DEMO_REGIONS, seedDemoAccount } from './seed';
import type { DemoStage } from './stage';

/**
 * Stage: seeds the emulated account with realistic misconfigurations for the scan to find.
 * This build seeds them through the SDK; it does not yet deploy the complete example with
 * terraform.
 */
export const SEED_STAGE: DemoStage = {
  title: 'seed an emulated account',
  proves:
    'the account below is a plain AWS API (moto_server on loopback): nothing here needs an AWS account.',
  async run({ aws, say }) {
    say(
      `Seeding a demo account (${DEMO_REGIONS.join(', ')}) with realistic misconfigurations through the AWS SDK...`,
    );
    await seedDemoAccount(aws);
  },
};
