import 'cdktf/lib/testing/adapters/jest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing, TerraformStack, type App } from 'cdktf';
import type { Construct } from 'constructs';
import { AWS_PROVIDER_VERSION } from '../../examples/terraform-stack';
import { findTerraform, writeOfflineCliConfig } from '../../lib/terraform/workspace';

Testing.setupJest();

/** One synthesized Terraform resource or data source configuration, keyed by snake_case names. */
export type SynthesizedBlock = Record<string, unknown>;

/**
 * Runs `build` with a testing app whose output folder is removed afterwards. cdktf's own
 * `Testing.app()` creates a `cdktf.outdir.*` folder under the system temp folder for every app
 * and never removes it.
 */
export function withTestApp<T>(build: (app: App) => T): T {
  const outdir = mkdtempSync(join(tmpdir(), 'pyjamas-synth-'));
  try {
    return build(Testing.app({ outdir }));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Synthesizes whatever `build` adds to a fresh stack and returns the Terraform JSON text. */
export function synthScope(build: (scope: Construct) => void): string {
  return withTestApp((app) => {
    const stack = new TerraformStack(app, 'stack');
    build(stack);
    return Testing.synth(stack);
  });
}

/** Every resource of one Terraform type in a synthesized stack, in document order. */
export function resourcesOfType(synthesized: string, type: string): SynthesizedBlock[] {
  const document = JSON.parse(synthesized) as {
    resource?: Record<string, Record<string, SynthesizedBlock>>;
  };
  return Object.values(document.resource?.[type] ?? {});
}

/** The only resource of one Terraform type; fails when there is none or more than one. */
export function onlyResourceOfType(synthesized: string, type: string): SynthesizedBlock {
  const found = resourcesOfType(synthesized, type);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
  return found[0] as SynthesizedBlock;
}

/** A policy statement as read back from synthesized JSON. */
export interface SynthesizedStatement {
  Sid: string;
  Effect: string;
  Principal?: unknown;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

/** Parses the policy document held in `attribute` of a synthesized resource. */
export function policyStatements(
  block: SynthesizedBlock,
  attribute = 'policy',
): SynthesizedStatement[] {
  const text = block[attribute];
  if (typeof text !== 'string') throw new Error(`the resource has no ${attribute} string`);
  return (JSON.parse(text) as { Statement: SynthesizedStatement[] }).Statement;
}

/** The statement with the given Sid; fails when the policy has none. */
export function statementWithSid(
  statements: SynthesizedStatement[],
  sid: string,
): SynthesizedStatement {
  const found = statements.find((statement) => statement.Sid === sid);
  if (!found)
    throw new Error(`no statement ${sid} among ${statements.map((s) => s.Sid).join(', ')}`);
  return found;
}

/**
 * Points this process's TF_CLI_CONFIG_FILE at an offline CLI configuration written to `folder`
 * for the calling test file, and restores it afterwards: cdktf's toBeValidTerraform runs
 * terraform init and validate with this process's environment.
 */
export function useOfflineTerraformCliConfig(folder: string): void {
  let previous: string | undefined;
  beforeAll(() => {
    findTerraform();
    previous = process.env.TF_CLI_CONFIG_FILE;
    process.env.TF_CLI_CONFIG_FILE = writeOfflineCliConfig(folder, AWS_PROVIDER_VERSION);
    process.env.CHECKPOINT_DISABLE = '1';
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.TF_CLI_CONFIG_FILE;
    else process.env.TF_CLI_CONFIG_FILE = previous;
  });
}
