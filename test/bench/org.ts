import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsClients, type AwsClientsOptions } from '../../lib/aws/clients';
import { startMotoServer, type MotoServer } from '../../lib/emulator/moto-server';
import { packageRoot } from '../../lib/package-root';
import type { OrganizationSummary } from '../../scanner/organization/summary';

const REGION = 'us-east-1';

/**
 * `npm run bench:org -- [--accounts N] [--account-concurrency C] [--concurrency R]`: makes an
 * organization of N accounts on moto (default 20: the management account and N-1 members, each
 * with a user holding two keys and an open security group), runs `pyjamas scan --org` on it with
 * every check in one region, and prints wall time and peak RSS (GNU time) with the load average.
 */
async function main(argv: readonly string[]): Promise<void> {
  const option = (name: string, fallback: string) => {
    const index = argv.indexOf(name);
    return index >= 0 ? (argv[index + 1] ?? fallback) : fallback;
  };
  const accounts = Number(option('--accounts', '20'));
  const accountConcurrency = option('--account-concurrency', '4');
  const concurrency = option('--concurrency', '10');
  if (!Number.isInteger(accounts) || accounts < 1)
    throw new Error('--accounts takes a whole number of at least 1');
  if (!existsSync('/usr/bin/time')) throw new Error('bench:org needs GNU time at /usr/bin/time');
  const cli = join(packageRoot(), 'dist', 'cli', 'main.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build`);

  const server = await startMotoServer();
  const dir = await mkdtemp(join(tmpdir(), 'pyjamas-bench-org-'));
  try {
    const seedStart = performance.now();
    await seedOrganization(server, accounts);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const { seconds, maxRssMb, code } = await timedScan(server.env, cli, [
      'scan',
      '--org',
      '--regions',
      REGION,
      '--output',
      'json',
      '--output-dir',
      dir,
      '--account-concurrency',
      accountConcurrency,
      '--concurrency',
      concurrency,
    ]);
    const summary = JSON.parse(
      await readFile(join(dir, 'organization-summary.json'), 'utf8'),
    ) as OrganizationSummary;
    process.stdout.write(
      [
        `organization of ${accounts} accounts on moto, every check, region ${REGION} (seeded in ${seedSeconds.toFixed(1)} s)`,
        `  pyjamas scan --org  ${seconds.toFixed(2)} s wall, peak RSS ${maxRssMb} MB, exit ${code}`,
        `  accounts at once    ${accountConcurrency}, requests in flight per account ${concurrency}`,
        `  accounts            ${summary.totals.scanned} scanned, ${summary.totals.notEntered} not entered, ${summary.totals.failed} failed; ${summary.totals.failedFindings} failed findings`,
        `  load (uptime)       ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`,
        '',
      ].join('\n'),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
    await server.stop();
  }
}

/** The organization, and in each account a user with two keys and SSH open to the world. */
async function seedOrganization(server: MotoServer, accounts: number): Promise<void> {
  const base: AwsClientsOptions = { env: server.env, maxAttempts: 2 };
  const management = new AwsClients(base);
  Object.assign(process.env, server.env);
  try {
    const organizations = management.get(OrganizationsClient, REGION);
    await organizations.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    await seedAccount(management);
    for (let index = 1; index < accounts; index += 1) {
      const { CreateAccountStatus } = await organizations.send(
        new CreateAccountCommand({
          AccountName: `member-${index}`,
          Email: `member-${index}@example.com`,
        }),
      );
      const id = CreateAccountStatus?.AccountId ?? '';
      const { Credentials } = await management.get(STSClient, REGION).send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${id}:role/OrganizationAccountAccessRole`,
          RoleSessionName: 'bench-seed',
        }),
      );
      const member = new AwsClients({
        ...base,
        credentials: () =>
          Promise.resolve({
            accessKeyId: Credentials?.AccessKeyId ?? '',
            secretAccessKey: Credentials?.SecretAccessKey ?? '',
            sessionToken: Credentials?.SessionToken ?? '',
          }),
      });
      try {
        await seedAccount(member);
      } finally {
        member.destroy();
      }
    }
  } finally {
    management.destroy();
  }
}

async function seedAccount(aws: AwsClients): Promise<void> {
  const iam = aws.get(IAMClient, REGION);
  await iam.send(new CreateUserCommand({ UserName: 'bench-keys' }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'bench-keys' }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'bench-keys' }));
  const ec2 = aws.get(EC2Client, REGION);
  const { GroupId } = await ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'bench-ssh', Description: 'SSH from anywhere' }),
  );
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId,
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      ],
    }),
  );
}

function timedScan(
  env: Readonly<Record<string, string>>,
  cli: string,
  args: readonly string[],
): Promise<{ seconds: number; maxRssMb: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      '/usr/bin/time',
      ['-f', 'pyjamas-bench %e %M', process.execPath, cli, ...args],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      // Exit 1 is the seeded failures; 2 means the scan could not run.
      const match = /pyjamas-bench ([\d.]+) (\d+)/.exec(err);
      if ((code !== 0 && code !== 1) || !match) {
        reject(new Error(`pyjamas scan --org exited with ${code}: ${err.trim().slice(-2000)}`));
        return;
      }
      resolve({ seconds: Number(match[1]), maxRssMb: Math.round(Number(match[2]) / 1024), code });
    });
  });
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(
      `bench:org failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
