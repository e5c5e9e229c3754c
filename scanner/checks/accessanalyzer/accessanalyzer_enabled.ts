import { defineCheck } from '../../model/check';
import { accountResource, fail, pass } from '../results';

/** Analyzer types that report access from outside the account or organization (zone of trust). */
const EXTERNAL_ACCESS_TYPES: ReadonlySet<string> = new Set(['ACCOUNT', 'ORGANIZATION']);

export default defineCheck({
  id: 'accessanalyzer_enabled',
  title: 'An active IAM Access Analyzer for external access exists in every region',
  service: 'accessanalyzer',
  severity: 'medium',
  resourceType: 'AwsAccount',
  risk: 'Without an external-access analyzer in a region, a bucket, key, role or queue shared with another account or the public there goes unnoticed, including one an intruder opened for exfiltration.',
  remediation:
    'Create an account or organization analyzer in each region: aws accessanalyzer create-analyzer --analyzer-name external --type ACCOUNT --region <region> (or ORGANIZATION from the delegated administrator).',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/what-is-access-analyzer.html',
    'https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ListAnalyzers.html',
  ],
  needs: ['analyzers'],
  evaluate: ({ analyzers }, ctx) =>
    ctx.regions.map((region) => {
      const account = accountResource(ctx, 'access-analyzer', region);
      const external = (analyzers[region] ?? []).filter((analyzer) =>
        EXTERNAL_ACCESS_TYPES.has(analyzer.type),
      );
      const active = external.find((analyzer) => analyzer.status === 'ACTIVE');
      if (active)
        return pass(
          account,
          `Access Analyzer ${active.name} (${active.type}) is active in ${region}.`,
        );
      if (external.length > 0)
        return fail(
          account,
          `No external-access analyzer is active in ${region}: ${external.map((analyzer) => `${analyzer.name} is ${analyzer.status}`).join(', ')}.`,
        );
      return fail(account, `No external-access analyzer exists in ${region}.`);
    }),
});
