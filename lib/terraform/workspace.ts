import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the Terraform AWS provider is mirrored on the image, unless PYJAMAS_TF_PROVIDER_MIRROR says otherwise. */
export const DEFAULT_PROVIDER_MIRROR = '/opt/tf-plugins';

/** A terraform command that exited with an error. */
export class TerraformCommandError extends Error {
  override readonly name = 'TerraformCommandError';

  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly output: string,
  ) {
    super(`terraform ${command} exited with ${exitCode ?? 'a signal'}:\n${output.slice(-6000)}`);
  }
}

/** The terraform binary to run: PYJAMAS_TERRAFORM, or `terraform` on the PATH. */
export function findTerraform(): string {
  const binary = process.env.PYJAMAS_TERRAFORM ?? 'terraform';
  const probe = spawnSync(binary, ['version', '-json'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `terraform is not available (${binary}): install Terraform 1.x on the PATH or set PYJAMAS_TERRAFORM to its path`,
    );
  }
  return binary;
}

/**
 * The filesystem mirror that holds hashicorp/aws at `providerVersion` (the version the CDKTF
 * bindings were generated for), so that terraform init works without the registry.
 */
export function findProviderMirror(providerVersion: string): string {
  const mirror = process.env.PYJAMAS_TF_PROVIDER_MIRROR ?? DEFAULT_PROVIDER_MIRROR;
  const provider = join(mirror, 'registry.terraform.io', 'hashicorp', 'aws', providerVersion);
  if (!existsSync(provider)) {
    throw new Error(
      `the Terraform AWS provider ${providerVersion} is not mirrored at ${provider}: ` +
        'set PYJAMAS_TF_PROVIDER_MIRROR to the folder that holds registry.terraform.io/hashicorp/aws',
    );
  }
  return mirror;
}

/**
 * Writes a Terraform CLI configuration that installs hashicorp/aws from the local mirror and
 * never contacts the registry, and returns its path (for TF_CLI_CONFIG_FILE).
 */
export function writeOfflineCliConfig(folder: string, providerVersion: string): string {
  const mirror = findProviderMirror(providerVersion);
  mkdirSync(folder, { recursive: true });
  const path = join(folder, 'terraformrc');
  writeFileSync(
    path,
    [
      'provider_installation {',
      '  filesystem_mirror {',
      `    path    = ${JSON.stringify(mirror)}`,
      '    include = ["registry.terraform.io/hashicorp/aws"]',
      '  }',
      '  direct {',
      '    exclude = ["registry.terraform.io/hashicorp/aws"]',
      '  }',
      '}',
      'disable_checkpoint = true',
      '',
    ].join('\n'),
  );
  return path;
}

/** Environment for terraform runs: offline CLI config, no prompts, no checkpoint calls. */
export function offlineTerraformEnv(
  cliConfigFile: string,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
  return {
    ...inherited,
    TF_CLI_CONFIG_FILE: cliConfigFile,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    ...extra,
  };
}

/** Result of `terraform plan -detailed-exitcode`. */
export interface PlanResult {
  /** True when the plan shows no changes (exit code 0); false when it shows changes (exit code 2). */
  readonly noChanges: boolean;
  /** What terraform printed. */
  readonly output: string;
}

interface CommandResult {
  readonly exitCode: number | null;
  /** Standard output alone, for commands that print JSON. */
  readonly stdout: string;
  /** Standard output and error as they came. */
  readonly output: string;
}

/** Runs terraform commands in one synthesized stack folder. */
export class TerraformWorkspace {
  private readonly binary = findTerraform();

  /**
   * @param folder the stack folder holding `cdk.tf.json`
   * @param env environment of every terraform run, usually from {@link offlineTerraformEnv}
   * @param signal when aborted, the running terraform is killed (SIGTERM) and its command rejects
   */
  constructor(
    readonly folder: string,
    readonly env: Readonly<Record<string, string>>,
    private readonly signal?: AbortSignal,
  ) {}

  /** terraform init, from the mirror named in the CLI configuration. */
  async init(): Promise<void> {
    await this.run(['init', '-input=false', '-no-color']);
  }

  /** terraform validate; throws with the diagnostics when the configuration is invalid. */
  async validate(): Promise<void> {
    await this.run(['validate', '-no-color']);
  }

  /** terraform apply without asking. */
  async apply(): Promise<void> {
    await this.run(['apply', '-auto-approve', '-input=false', '-no-color']);
  }

  /** terraform plan -detailed-exitcode: tells whether what is deployed matches the configuration. */
  async plan(): Promise<PlanResult> {
    const { exitCode, output } = await this.exec([
      'plan',
      '-detailed-exitcode',
      '-input=false',
      '-no-color',
    ]);
    if (exitCode === 0 || exitCode === 2) return { noChanges: exitCode === 0, output };
    throw new TerraformCommandError('plan -detailed-exitcode', exitCode, output);
  }

  /** terraform destroy without asking. */
  async destroy(): Promise<void> {
    await this.run(['destroy', '-auto-approve', '-input=false', '-no-color']);
  }

  /** terraform output -json, as name → value. */
  async outputs(): Promise<Record<string, unknown>> {
    const { stdout } = await this.run(['output', '-json']);
    const outputs = JSON.parse(stdout) as Record<string, { value: unknown }>;
    return Object.fromEntries(
      Object.entries(outputs).map(([name, output]) => [name, output.value]),
    );
  }

  /** Addresses of everything in the state (`terraform state list`). */
  async stateAddresses(): Promise<string[]> {
    const { stdout } = await this.run(['state', 'list']);
    return stdout.split('\n').filter((line) => line.length > 0);
  }

  /**
   * terraform state rm: Terraform forgets the resources and leaves them as they are, e.g. a
   * bucket whose objects are under retention that cannot be shortened.
   */
  async forget(addresses: readonly string[]): Promise<void> {
    if (addresses.length === 0) return;
    await this.run(['state', 'rm', ...addresses]);
  }

  private async run(args: string[]): Promise<CommandResult> {
    const result = await this.exec(args);
    if (result.exitCode !== 0)
      throw new TerraformCommandError(args.join(' '), result.exitCode, result.output);
    return result;
  }

  private exec(args: string[]): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.binary, args, {
        cwd: this.folder,
        env: this.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        ...(this.signal ? { signal: this.signal } : {}),
      });
      let stdout = '';
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        output += chunk.toString();
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('error', reject);
      child.once('close', (exitCode) => resolve({ exitCode, stdout, output }));
    });
  }
}
