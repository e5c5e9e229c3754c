import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../lib/errors';
import { hasPriorState, type PlanDocument } from './drift';

/** How to run Terraform on a stack. */
export interface TerraformRunOptions {
  /** The terraform binary. @default PYJAMAS_TERRAFORM, else `terraform` on the PATH */
  readonly binary?: string;
  /**
   * Environment of every run: the stack's own backend credentials and provider mirrors
   * (TF_CLI_CONFIG_FILE) come from here. @default process.env
   */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * `terraform plan -refresh-only` of a synthesized stack folder (`cdktf.out/stacks/<stack>`),
 * read back with `terraform show -json`: the stack's own backend and providers are used, and
 * nothing is written to the state (`-lock=false`, the plan file is thrown away).
 *
 * @throws UsageError when it cannot run: no stack there, no terraform, init or plan failing,
 *   or no state to compare with
 */
export async function refreshOnlyPlan(
  stack: string,
  options: TerraformRunOptions = {},
): Promise<PlanDocument> {
  if (!existsSync(join(stack, 'cdk.tf.json')) && !existsSync(join(stack, 'main.tf'))) {
    throw new UsageError(
      `${stack} holds no Terraform configuration (cdk.tf.json): point --stack at cdktf.out/stacks/<stack> after cdktf synth`,
    );
  }
  const env = { ...(options.env ?? process.env), TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  const binary = options.binary ?? process.env.PYJAMAS_TERRAFORM ?? 'terraform';
  const run = (args: readonly string[]) => terraform(binary, args, stack, env);
  if (!existsSync(join(stack, '.terraform'))) {
    await run(['init', '-input=false', '-no-color']).catch((error: unknown) => {
      if (error instanceof UsageError) throw error;
      throw new UsageError(
        `terraform init failed in ${stack}; drift needs the stack's backend and providers (for an offline mirror, set TF_CLI_CONFIG_FILE): ${message(error)}`,
        { cause: error },
      );
    });
  }
  const scratch = await mkdtemp(join(tmpdir(), 'pyjamas-drift-'));
  try {
    const planFile = join(scratch, 'refresh.tfplan');
    await run([
      'plan',
      '-refresh-only',
      '-input=false',
      '-lock=false',
      '-no-color',
      `-out=${planFile}`,
    ]).catch((error: unknown) => {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`terraform plan -refresh-only failed in ${stack}: ${message(error)}`, {
        cause: error,
      });
    });
    const shown = await run(['show', '-json', planFile]);
    const plan = JSON.parse(shown) as PlanDocument;
    if (!hasPriorState(plan)) {
      throw new UsageError(
        `no Terraform state for ${stack}: deploy it first (cdktf deploy), or point --stack at the stack that was deployed`,
      );
    }
    return plan;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function terraform(
  binary: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new UsageError(
              `terraform is not installed (${binary} not found): install Terraform 1.x on the PATH or set PYJAMAS_TERRAFORM`,
            )
          : error,
      ),
    );
    child.once('close', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`exit ${code}: ${(stderr || stdout).trim().slice(-1500)}`)),
    );
  });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
