import type { ConstraintRule } from './rule';
import { resourcesOf } from './synthesized-terraform';

/**
 * When Lambda deprecates each runtime the module could be tempted to use, from the Lambda
 * developer guide's runtime table. After that date the runtime gets no security patches, and
 * Lambda then blocks creating (later updating) functions on it.
 */
export const LAMBDA_RUNTIME_DEPRECATIONS: Readonly<Record<string, string>> = {
  'nodejs16.x': '2024-06-12',
  'nodejs18.x': '2025-09-01',
  'nodejs20.x': '2026-04-30',
  'nodejs22.x': '2027-04-30',
  'python3.8': '2024-10-14',
  'python3.9': '2025-12-15',
};

/** No function runs on a runtime that is deprecated as of the build date. */
export const lambdaRuntimeSupported: ConstraintRule = {
  id: 'lambda-runtime-supported',
  description: 'No Lambda function runs on a runtime that is deprecated as of the build date.',
  documentation: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
  check(document, context) {
    return resourcesOf(document, 'aws_lambda_function').flatMap(({ address, block }) => {
      const runtime = typeof block.runtime === 'string' ? block.runtime : undefined;
      const deprecated = runtime === undefined ? undefined : LAMBDA_RUNTIME_DEPRECATIONS[runtime];
      if (deprecated === undefined || new Date(`${deprecated}T00:00:00Z`) > context.asOf) return [];
      return [
        {
          rule: this.id,
          address,
          message: `runs on ${runtime}, deprecated since ${deprecated}: Lambda refuses new functions on it. Use a supported runtime (LAMBDA_RUNTIMES).`,
        },
      ];
    });
  },
};
