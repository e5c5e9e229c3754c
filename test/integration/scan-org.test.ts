import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { OrganizationSummary } from '../../scanner/organization/summary';
import type { ScanReport } from '../../scanner/report/report';
import { runPyjamas, type CliRun } from '../helpers/cli';
import { useFaultProxy } from '../helpers/fault-proxy';
import { useMotoServer } from '../helpers/moto-jest';

jest.setTimeout(180_000);

/** moto's default account, which creates the organization and so is its management account. */
const MANAGEMENT = '123456789012';
const ROLE = 'OrganizationAccountAccessRole';

describe('pyjamas scan --org against an organization on moto', () => {
  const moto = useMotoServer();
  const faults = useFaultProxy(() => moto.server.endpoint);
  let dir: string;
  let members: Record<'workloads' | 'logs' | 'legacy' | 'closed', string>;
  let run: CliRun;
  /** The RoleArn of each AssumeRole the scan sent as pyjamas-scan (the proxy's log is cleared per test). */
  let assumedAccounts: string[];
  let summary: OrganizationSummary;
  const reports = new Map<string, ScanReport>();

  /** Gives one user two active access keys in `account`, signed by the assumed role there. */
  async function seedUser(account: string): Promise<void> {
    const env = moto.server.env;
    const iam =
      account === MANAGEMENT
        ? moto.client(IAMClient)
        : new IAMClient({
            region: 'us-east-1',
            endpoint: env.AWS_ENDPOINT_URL,
            maxAttempts: 1,
            credentials: await assumeInto(account),
          });
    await iam.send(new CreateUserCommand({ UserName: `keys-${account}` }));
    await iam.send(new CreateAccessKeyCommand({ UserName: `keys-${account}` }));
    await iam.send(new CreateAccessKeyCommand({ UserName: `keys-${account}` }));
    if (account !== MANAGEMENT) iam.destroy();
  }

  /** moto answers AssumeRole into any account id with keys that act in that account. */
  async function assumeInto(account: string) {
    const { Credentials } = await moto.client(STSClient).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${account}:role/${ROLE}`,
        RoleSessionName: 'seed',
      }),
    );
    return {
      accessKeyId: Credentials?.AccessKeyId ?? '',
      secretAccessKey: Credentials?.SecretAccessKey ?? '',
      sessionToken: Credentials?.SessionToken ?? '',
    };
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pyjamas-scan-org-'));
    const organizations = moto.client(OrganizationsClient);
    await organizations.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const create = async (name: string): Promise<string> => {
      // moto creates the account at once (AWS reports IN_PROGRESS first) and, as AWS does,
      // gives it an OrganizationAccountAccessRole that trusts the management account.
      const { CreateAccountStatus } = await organizations.send(
        new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }),
      );
      return CreateAccountStatus?.AccountId ?? '';
    };
    members = {
      workloads: await create('workloads'),
      logs: await create('logs'),
      legacy: await create('legacy'),
      closed: await create('closed'),
    };
    await organizations.send(new CloseAccountCommand({ AccountId: members.closed }));
    for (const account of [MANAGEMENT, members.workloads, members.logs, members.legacy])
      await seedUser(account);

    // moto lets AssumeRole into any role, existing or not, and checks no trust policy; AWS
    // answers AccessDenied for a missing role. The proxy answers so for the legacy account,
    // as AWS would if that account (joined by invitation) had no such role.
    faults.proxy.inject({
      match: (request) =>
        request.action === 'AssumeRole' &&
        (request.params.RoleArn ?? '').includes(`::${members.legacy}:`),
      fault: {
        kind: 'access-denied',
        message: `User: arn:aws:iam::${MANAGEMENT}:user/moto is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${members.legacy}:role/${ROLE}`,
      },
    });
    run = await runPyjamas(
      [
        'scan',
        '--org',
        '--regions',
        'us-east-1',
        '--checks',
        'iam_user_two_active_access_key',
        '--output',
        'json',
        '--output-dir',
        dir,
        '--account-concurrency',
        '2',
      ],
      faults.proxy.env(moto.server.env),
    );
    assumedAccounts = faults.proxy
      .requestsOf('AssumeRole')
      .filter((request) => request.params.RoleSessionName === 'pyjamas-scan')
      .map((request) => request.params.RoleArn?.split(':')[4] ?? '')
      .sort();
    summary = JSON.parse(
      await readFile(join(dir, 'organization-summary.json'), 'utf8'),
    ) as OrganizationSummary;
    for (const file of await readdir(dir)) {
      if (!file.startsWith('pyjamas-')) continue;
      const report = JSON.parse(await readFile(join(dir, file), 'utf8')) as ScanReport;
      reports.set(report.account, report);
    }
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('scans the management account and every member it can enter, and exits 1', () => {
    expect(run.stderr).not.toMatch(/Error:/);
    expect(run.code).toBe(1);
    expect(
      summary.accounts.map(({ account, status }) => [account.name || 'management', status]),
    ).toEqual(
      expect.arrayContaining([
        ['workloads', 'scanned'],
        ['logs', 'scanned'],
        ['legacy', 'not-entered'],
        ['closed', 'inactive'],
      ]),
    );
    expect(summary.accounts.find(({ account }) => account.id === MANAGEMENT)).toMatchObject({
      status: 'scanned',
      enteredAs: 'caller',
    });
    expect(summary.totals).toEqual({
      accounts: 5,
      scanned: 3,
      notEntered: 1,
      failed: 0,
      inactive: 1,
      failedFindings: 3,
    });
    expect([...reports.keys()].sort()).toEqual(
      [MANAGEMENT, members.workloads, members.logs].sort(),
    );
  });

  test("files each account's findings in its own report, each finding naming that account", () => {
    for (const account of [MANAGEMENT, members.workloads, members.logs]) {
      const findings = reports.get(account)?.findings ?? [];
      expect(
        findings.map((finding) => [finding.account, finding.resourceId, finding.status]),
      ).toEqual([[account, `keys-${account}`, 'FAIL']]);
      expect(findings[0]?.resourceArn).toBe(`arn:aws:iam::${account}:user/keys-${account}`);
    }
  });

  test('reports the account whose role cannot be assumed with AWS’s answer and what to check', () => {
    const legacy = summary.accounts.find(({ account }) => account.id === members.legacy);
    expect(legacy).toMatchObject({ status: 'not-entered' });
    const reason = legacy && 'reason' in legacy ? legacy.reason : '';
    expect(reason).toContain('sts:AssumeRole in us-east-1 answered AccessDenied');
    expect(reason).toContain(`check that role ${ROLE} exists in the account`);
    expect(run.stdout).toContain(`${members.legacy} legacy: not-entered`);
  });

  test('assumes the role only in members, as session pyjamas-scan', () => {
    expect(assumedAccounts).toEqual([members.workloads, members.logs, members.legacy].sort());
  });
});
