import { UsageError } from '../../lib/errors';

const CASE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
/** An AWS account id: a member's evidence lives under `cases/<account>/` in the central bucket. */
const ACCOUNT_ID = /^\d{12}$/;

/**
 * Checks a case id before any AWS call: it becomes part of tags and evidence object keys. Twelve
 * digits are refused: a member account's evidence lives under `cases/<account>/`, so such a
 * case's keys could not be told from another account's.
 *
 * @throws UsageError explaining the allowed form
 */
export function validateCaseId(caseId: unknown): string {
  if (typeof caseId !== 'string' || !CASE_ID.test(caseId)) {
    throw new UsageError(
      `case id ${JSON.stringify(caseId ?? '')} is not valid: use 1 to 63 letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. IR-2026-042)`,
    );
  }
  if (ACCOUNT_ID.test(caseId)) {
    throw new UsageError(
      `case id ${JSON.stringify(caseId)} is not valid: 12 digits look like an account id, and in an organization's evidence bucket cases/${caseId}/ is where account ${caseId} keeps its cases; add a letter or a separator (e.g. IR-${caseId})`,
    );
  }
  return caseId;
}
