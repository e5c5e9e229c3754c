import { UsageError } from '../../lib/errors';

const CASE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * Checks a case id before any AWS call: it becomes part of tags and evidence object keys.
 *
 * @throws UsageError explaining the allowed form
 */
export function validateCaseId(caseId: unknown): string {
  if (typeof caseId !== 'string' || !CASE_ID.test(caseId)) {
    throw new UsageError(
      `case id ${JSON.stringify(caseId ?? '')} is not valid: use 1 to 63 letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. IR-2026-042)`,
    );
  }
  return caseId;
}
