import type { CredentialReport, CredentialReportKey, CredentialReportUser } from '../model/iam';

const ROOT_USER = '<root_account>';

/**
 * Parses the CSV of iam:GetCredentialReport.
 *
 * AWS writes `N/A`, `no_information` or `not_supported` where a date does not apply; those
 * become null. Columns are found by header name, so added columns do not break parsing.
 *
 * @throws Error naming the line when a row does not match the header
 */
export function parseCredentialReport(csv: string, generatedAt: string | null): CredentialReport {
  if (csv.trim() === '') return { generatedAt, users: [], root: null };
  const rows = parseCsv(csv.trim());
  const header = rows.shift() ?? [];
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`credential report has no "${name}" column`);
    return index;
  };
  const at = {
    user: column('user'),
    arn: column('arn'),
    created: column('user_creation_time'),
    passwordEnabled: column('password_enabled'),
    passwordLastUsed: column('password_last_used'),
    passwordLastChanged: column('password_last_changed'),
    mfaActive: column('mfa_active'),
    key1Active: column('access_key_1_active'),
    key1Rotated: column('access_key_1_last_rotated'),
    key1Used: column('access_key_1_last_used_date'),
    key2Active: column('access_key_2_active'),
    key2Rotated: column('access_key_2_last_rotated'),
    key2Used: column('access_key_2_last_used_date'),
  };
  const users: CredentialReportUser[] = [];
  let root: CredentialReportUser | null = null;
  rows.forEach((cells, index) => {
    if (cells.length !== header.length) {
      throw new Error(
        `credential report row ${index + 1} has ${cells.length} fields where the header has ${header.length}`,
      );
    }
    const cell = (i: number): string => cells[i] ?? '';
    const key = (active: number, rotated: number, used: number): CredentialReportKey => ({
      active: cell(active) === 'true',
      lastRotated: dateOrNull(cell(rotated)),
      lastUsedDate: dateOrNull(cell(used)),
    });
    const row: CredentialReportUser = {
      user: cell(at.user),
      arn: cell(at.arn),
      userCreationTime: dateOrNull(cell(at.created)),
      passwordEnabled: cell(at.passwordEnabled) === 'true',
      passwordLastUsed: dateOrNull(cell(at.passwordLastUsed)),
      passwordLastChanged: dateOrNull(cell(at.passwordLastChanged)),
      mfaActive: cell(at.mfaActive) === 'true',
      accessKeys: [
        key(at.key1Active, at.key1Rotated, at.key1Used),
        key(at.key2Active, at.key2Rotated, at.key2Used),
      ],
    };
    if (row.user === ROOT_USER) root = row;
    else users.push(row);
  });
  return { generatedAt, users, root };
}

function dateOrNull(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += char;
    }
  }
  row.push(field);
  rows.push(row);
  return rows;
}
