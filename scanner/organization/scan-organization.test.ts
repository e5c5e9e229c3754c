import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients, type CredentialProvider } from '../../lib/aws/clients';
import { fixedClock } from '../../lib/clock';
import { UsageError } from '../../lib/errors';
import { defineCheck } from '../model/check';
import type { ScanReport } from '../report/report';
import { evaluateInventory } from '../scan';
import { scanOrganization, type OrganizationScanOptions } from './scan-organization';

const organizations = mockClient(OrganizationsClient);
const sts = mockClient(STSClient);

const MANAGEMENT = '111111111111';
const MEMBER = '222222222222';
const DENIED = '333333333333';
const SUSPENDED = '444444444444';

/** One finding per account, so the test sees whose report a finding landed in. */
const ACCOUNT_CHECK = defineCheck({
  id: 'test_account_seen',
  title: 'The account was read',
  service: 'account',
  severity: 'low',
  resourceType: 'AwsAccount',
  risk: 'None: the test only sees whose report the finding lands in.',
  needs: [],
  remediation: 'None.',
  references: [],
  evaluate: (_input, ctx) => [
    {
      status: 'PASS',
      resource: {
        region: 'global',
        type: 'AwsAccount',
        id: ctx.account,
        arn: `arn:aws:account::${ctx.account}:account`,
      },
      message: `Account ${ctx.account} was read.`,
    },
  ],
});

const managementKeys: CredentialProvider = () =>
  Promise.resolve({ accessKeyId: `AKIA${MANAGEMENT}`, secretAccessKey: 'secret' });

function answerAsTheSigner(): void {
  // Each client signs with its own credentials; the account is read back from the key id,
  // as STS answers GetCallerIdentity for whoever signed.
  sts.on(GetCallerIdentityCommand).callsFake(async (_input, getClient) => {
    const config = getClient().config as { credentials: CredentialProvider };
    const { accessKeyId } = await config.credentials();
    const account = accessKeyId.slice(4);
    return { Account: account, Arn: `arn:aws:sts::${account}:assumed-role/r/pyjamas-scan` };
  });
  sts.on(AssumeRoleCommand).callsFake((input: { RoleArn: string }) => {
    const account = input.RoleArn.split(':')[4] ?? '';
    if (account === DENIED) {
      throw Object.assign(
        new Error(
          `User is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`,
        ),
        { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } },
      );
    }
    return {
      Credentials: {
        AccessKeyId: `ASIA${account}`,
        SecretAccessKey: 'secret',
        SessionToken: 'token',
        Expiration: new Date('2026-12-01T01:00:00Z'),
      },
    };
  });
}

function options(overrides: Partial<OrganizationScanOptions> = {}): {
  options: OrganizationScanOptions;
  reports: ScanReport[];
} {
  const reports: ScanReport[] = [];
  return {
    reports,
    options: {
      caller: new AwsClients({ credentials: managementKeys, maxAttempts: 1, env: {} }),
      callerClientOptions: { credentials: managementKeys, maxAttempts: 1, env: {} },
      homeRegion: 'us-east-1',
      roleName: 'OrganizationAccountAccessRole',
      selection: {},
      accountConcurrency: 2,
      requestConcurrency: 5,
      checks: [ACCOUNT_CHECK],
      regions: ['us-east-1'],
      clock: fixedClock('2026-12-01T00:00:00Z'),
      judge: (inventory) =>
        evaluateInventory(inventory, { checks: [ACCOUNT_CHECK], toolVersion: 'test' }),
      file: (report) => {
        reports.push(report);
        return Promise.resolve([`pyjamas-${report.account}.json`]);
      },
      ...overrides,
    },
  };
}

describe('scanOrganization', () => {
  beforeEach(() => {
    organizations.reset();
    sts.reset();
    organizations.on(DescribeOrganizationCommand).resolves({
      Organization: { Id: 'o-abc123', MasterAccountId: MANAGEMENT },
    });
    organizations
      .on(ListAccountsCommand)
      .resolvesOnce({
        Accounts: [
          { Id: MANAGEMENT, Name: 'management', State: 'ACTIVE' },
          { Id: MEMBER, Name: 'workloads', State: 'ACTIVE' },
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({
        Accounts: [
          { Id: DENIED, Name: 'legacy', Status: 'ACTIVE' },
          { Id: SUSPENDED, Name: 'sandbox', State: 'SUSPENDED' },
        ],
      });
    answerAsTheSigner();
  });
  afterAll(() => {
    organizations.restore();
    sts.restore();
  });

  test('scans each active account as itself and records the refused and suspended ones with the reason', async () => {
    const { options: scan, reports } = options();
    const summary = await scanOrganization(scan);

    expect(summary.accounts.map(({ account, status }) => [account.id, status])).toEqual([
      [MANAGEMENT, 'scanned'],
      [MEMBER, 'scanned'],
      [DENIED, 'not-entered'],
      [SUSPENDED, 'inactive'],
    ]);
    const denied = summary.accounts.find(({ account }) => account.id === DENIED);
    expect(denied).toMatchObject({
      reason: expect.stringContaining(
        'AccessDenied: User is not authorized to perform: sts:AssumeRole',
      ) as unknown,
    });
    expect(denied).toMatchObject({
      reason: expect.stringContaining(
        'check that role OrganizationAccountAccessRole exists',
      ) as unknown,
    });
    expect(
      reports
        .map((report) => [report.account, report.findings.map((finding) => finding.account)])
        .sort(),
    ).toEqual([
      [MANAGEMENT, [MANAGEMENT]],
      [MEMBER, [MEMBER]],
    ]);
    expect(summary).toMatchObject({
      organizationId: 'o-abc123',
      managementAccount: MANAGEMENT,
      callerAccount: MANAGEMENT,
      totals: { accounts: 4, scanned: 2, notEntered: 1, failed: 0, inactive: 1 },
    });
  });

  test('reads the signed-in account with its own keys and assumes the role only in members', async () => {
    const { options: scan } = options();
    const summary = await scanOrganization(scan);

    expect(
      sts
        .commandCalls(AssumeRoleCommand)
        .map((call) => call.args[0].input.RoleArn)
        .sort(),
    ).toEqual([
      `arn:aws:iam::${MEMBER}:role/OrganizationAccountAccessRole`,
      `arn:aws:iam::${DENIED}:role/OrganizationAccountAccessRole`,
    ]);
    expect(summary.accounts[0]).toMatchObject({ status: 'scanned', enteredAs: 'caller' });
    expect(summary.accounts[1]).toMatchObject({ status: 'scanned', enteredAs: 'assumed-role' });
  });

  test('scans only the accounts selected, and no more accounts at once than allowed', async () => {
    let running = 0;
    let most = 0;
    const { options: scan } = options({
      accountConcurrency: 1,
      selection: { excludedAccounts: [DENIED] },
      file: async (report) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return [`pyjamas-${report.account}.json`];
      },
    });
    const summary = await scanOrganization(scan);

    expect(summary.accounts.map(({ account }) => account.id)).toEqual([
      MANAGEMENT,
      MEMBER,
      SUSPENDED,
    ]);
    expect(most).toBe(1);
  });

  test('records an account whose scan cannot run as failed and still scans the rest', async () => {
    const { options: scan } = options({
      judge: (inventory) => {
        if (inventory.account === MEMBER) throw new Error('disk full');
        return evaluateInventory(inventory, { checks: [ACCOUNT_CHECK], toolVersion: 'test' });
      },
    });
    const summary = await scanOrganization(scan);

    expect(summary.accounts.find(({ account }) => account.id === MEMBER)).toMatchObject({
      status: 'failed',
      reason: 'disk full',
    });
    expect(summary.totals.scanned).toBe(1);
  });

  test('tells a caller outside any organization to sign in to its management account', async () => {
    organizations
      .on(DescribeOrganizationCommand)
      .rejects(
        Object.assign(new Error('not in use'), { name: 'AWSOrganizationsNotInUseException' }),
      );
    const { options: scan } = options();
    await expect(scanOrganization(scan)).rejects.toThrow(UsageError);
  });
});
