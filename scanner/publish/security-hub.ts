import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { AwsClients } from '../../lib/aws/clients';
import { toAsffFinding } from '../report/asff';
import type { ScanReport } from '../report/report';

/** Security Hub takes at most 100 findings per BatchImportFindings call. */
export const SECURITY_HUB_BATCH = 100;
/** Times a finding Security Hub refused with a transient error is sent again. */
const RESENDS = 2;
/** FailedFindings error codes worth sending again; others (InvalidInput, …) will not change. */
const TRANSIENT = new Set(['ThrottlingException', 'InternalException', 'LimitExceededException']);

/** What Security Hub accepted of a report. */
export interface ImportResult {
  readonly accepted: number;
  readonly failed: number;
  /** Error code and message of each finding that stayed refused, by ASFF id. */
  readonly failures: readonly {
    readonly id: string;
    readonly code: string;
    readonly message: string;
  }[];
}

/**
 * Imports a report's findings into the Security Hub of `region` as ASFF, in batches of 100.
 * Throttled calls are retried by the SDK's adaptive retry; findings the batch answer lists as
 * failed with a transient code are sent again, up to twice. moto accepts every well-formed
 * finding and never answers partial failures.
 */
export async function importIntoSecurityHub(
  aws: AwsClients,
  region: string,
  report: ScanReport,
): Promise<ImportResult> {
  const client = aws.get(SecurityHubClient, region);
  let pending = report.findings.map((finding) => toAsffFinding(finding, report, region));
  let accepted = 0;
  const failures: { id: string; code: string; message: string }[] = [];
  for (let attempt = 0; attempt <= RESENDS && pending.length > 0; attempt++) {
    const again: typeof pending = [];
    for (let start = 0; start < pending.length; start += SECURITY_HUB_BATCH) {
      const batch = pending.slice(start, start + SECURITY_HUB_BATCH);
      const answer = await client.send(
        new BatchImportFindingsCommand({ Findings: batch as never }),
      );
      accepted += answer.SuccessCount ?? 0;
      for (const failure of answer.FailedFindings ?? []) {
        const code = failure.ErrorCode ?? 'Unknown';
        const finding = batch.find((candidate) => candidate.Id === failure.Id);
        if (finding && TRANSIENT.has(code) && attempt < RESENDS) again.push(finding);
        else failures.push({ id: failure.Id ?? '', code, message: failure.ErrorMessage ?? '' });
      }
    }
    pending = again;
  }
  return { accepted, failed: failures.length, failures };
}
