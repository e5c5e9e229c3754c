import { AccessAnalyzerClient, paginateListAnalyzers } from '@aws-sdk/client-accessanalyzer';
import type { Analyzer } from '../model/accessanalyzer';
import type { RegionalCollector } from './collector';

/**
 * Every analyzer of a region, of every type. A refusal (AccessDenied, or a region where the
 * service is not offered) fails the slice, so the check reports ERROR rather than "none".
 * moto 5.2.1 does not implement IAM Access Analyzer.
 */
export const analyzers: RegionalCollector<'analyzers'> = {
  scope: 'regional',
  apis: ['access-analyzer:ListAnalyzers'],
  async collect(ctx, region) {
    const client = ctx.aws.get(AccessAnalyzerClient, region);
    const found: Analyzer[] = [];
    for await (const page of paginateListAnalyzers({ client }, {}))
      for (const analyzer of page.analyzers ?? [])
        found.push({
          arn: analyzer.arn ?? '',
          name: analyzer.name ?? '',
          type: analyzer.type ?? '',
          status: analyzer.status ?? '',
        });
    return found;
  },
};
