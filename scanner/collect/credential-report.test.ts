import { parseCredentialReport } from './credential-report';

/** The header AWS writes today; the parser reads only the columns it needs, by name. */
const HEADER = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
].join(',');

const ROOT_ROW =
  '<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,2026-05-20T08:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
const ALICE_ROW =
  'alice,arn:aws:iam::123456789012:user/alice,2025-01-01T00:00:00+00:00,true,no_information,2025-01-02T00:00:00+00:00,N/A,false,true,2025-03-01T00:00:00+00:00,2026-05-30T12:00:00+00:00,us-east-1,s3,false,2025-02-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A';

describe('the credential report parser', () => {
  test('keeps the root row apart from the users', () => {
    const report = parseCredentialReport(
      [HEADER, ROOT_ROW, ALICE_ROW].join('\n'),
      '2026-06-01T00:00:00.000Z',
    );
    expect(report.generatedAt).toBe('2026-06-01T00:00:00.000Z');
    expect(report.users.map((user) => user.user)).toEqual(['alice']);
    expect(report.root).toMatchObject({
      user: '<root_account>',
      arn: 'arn:aws:iam::123456789012:root',
      mfaActive: true,
      passwordLastUsed: '2026-05-20T08:00:00.000Z',
    });
  });

  test('reads N/A, no_information and not_supported as null and dates as ISO strings', () => {
    const [alice] = parseCredentialReport([HEADER, ALICE_ROW].join('\n'), null).users;
    expect(alice).toEqual({
      user: 'alice',
      arn: 'arn:aws:iam::123456789012:user/alice',
      userCreationTime: '2025-01-01T00:00:00.000Z',
      passwordEnabled: true,
      passwordLastUsed: null,
      passwordLastChanged: '2025-01-02T00:00:00.000Z',
      mfaActive: false,
      accessKeys: [
        {
          active: true,
          lastRotated: '2025-03-01T00:00:00.000Z',
          lastUsedDate: '2026-05-30T12:00:00.000Z',
        },
        { active: false, lastRotated: '2025-02-01T00:00:00.000Z', lastUsedDate: null },
      ],
    });
    const root = parseCredentialReport([HEADER, ROOT_ROW].join('\n'), null).root;
    expect([
      root?.passwordEnabled,
      root?.passwordLastChanged,
      root?.accessKeys[0].lastRotated,
    ]).toEqual([false, null, null]);
  });

  test('reads a quoted field holding a comma, as in user names IAM allows', () => {
    const row = ALICE_ROW.replace(
      'alice,arn:aws:iam::123456789012:user/alice',
      '"ops,eu","arn:aws:iam::123456789012:user/ops,eu"',
    );
    const [user] = parseCredentialReport([HEADER, row].join('\r\n'), null).users;
    expect(user).toMatchObject({
      user: 'ops,eu',
      arn: 'arn:aws:iam::123456789012:user/ops,eu',
      passwordEnabled: true,
    });
  });

  test('rejects a row whose field count differs from the header, naming the row', () => {
    const short = ALICE_ROW.split(',').slice(0, -1).join(',');
    expect(() => parseCredentialReport([HEADER, ALICE_ROW, short].join('\n'), null)).toThrow(
      'credential report row 2 has 21 fields where the header has 22',
    );
  });

  test('tolerates columns it does not know, wherever they appear', () => {
    const header = `${HEADER},future_column`.replace('user,arn,', 'user,arn,added_column,');
    const row = `${ALICE_ROW},later`.replace('user/alice,', 'user/alice,extra,');
    const [user] = parseCredentialReport([header, row].join('\n'), null).users;
    expect(user).toMatchObject({
      user: 'alice',
      userCreationTime: '2025-01-01T00:00:00.000Z',
      accessKeys: [{ active: true }, { active: false }],
    });
  });

  test('rejects a report that lacks a column it needs, naming the column', () => {
    const header = HEADER.replace(',mfa_active', ',mfa');
    expect(() => parseCredentialReport([header, ALICE_ROW].join('\n'), null)).toThrow(
      'credential report has no "mfa_active" column',
    );
  });

  test('reads a report with a header only as no users and no root', () => {
    expect(parseCredentialReport(`${HEADER}\n`, null)).toEqual({
      generatedAt: null,
      users: [],
      root: null,
    });
  });
});

describe('an empty credential report', () => {
  test('has no users and no root row', () => {
    expect(parseCredentialReport('', null)).toEqual({ generatedAt: null, users: [], root: null });
  });
});
