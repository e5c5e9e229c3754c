import { join } from 'node:path';
import { App, type TerraformStack } from 'cdktf';
import providerPackage from '@cdktf/provider-aws/package.json';

/** Version of hashicorp/aws that the pinned @cdktf/provider-aws bindings were generated for. */
export const AWS_PROVIDER_VERSION = providerPackage.cdktf.provider.version;

/**
 * Synthesizes the stack that `build` adds to a fresh app into `outdir`, and returns the stack's
 * folder: the one holding `cdk.tf.json`, where terraform runs.
 */
export function synthesizeStack(outdir: string, build: (app: App) => TerraformStack): string {
  const app = new App({ outdir });
  const stack = build(app);
  app.synth();
  return join(outdir, 'stacks', stack.node.id);
}
