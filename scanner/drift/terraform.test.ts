import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../lib/errors';
import { refreshOnlyPlan } from './terraform';

describe('refreshOnlyPlan', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'pyjamas-drift-test-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  test('refuses a folder without a synthesized stack, naming where to point --stack', async () => {
    const refused = refreshOnlyPlan(folder);
    await expect(refused).rejects.toBeInstanceOf(UsageError);
    await expect(refused).rejects.toThrow(/holds no Terraform configuration.*cdktf\.out\/stacks/);
  });

  test('says terraform is not installed when the binary is missing', async () => {
    await writeFile(join(folder, 'cdk.tf.json'), '{}');
    const refused = refreshOnlyPlan(folder, { binary: join(folder, 'no-terraform') });
    await expect(refused).rejects.toBeInstanceOf(UsageError);
    await expect(refused).rejects.toThrow(/terraform is not installed/);
  });
});
