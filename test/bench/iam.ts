import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { IAM_CHECKS } from '../../scanner/checks/iam';
import { actionsOfService } from '../../scanner/iam/catalogue';
import type { IamGroup, IamRole, IamUser, ManagedPolicy } from '../../scanner/model/iam';
import type { PolicyStatement } from '../../scanner/model/policy';
import { runChecks } from '../../scanner/run';
import { ACCOUNT, NOW, inventoryOf } from '../fixtures/inventory';

/** The targets of issue 12, on two shared cores. */
const TARGETS: Readonly<Record<number, { seconds: number; megabytes?: number }>> = {
  1000: { seconds: 5, megabytes: 500 },
  10000: { seconds: 60 },
};
const MAX_STATEMENTS = 50;
const SERVICES = [
  's3',
  'ec2',
  'iam',
  'sts',
  'kms',
  'lambda',
  'dynamodb',
  'sqs',
  'sns',
  'logs',
  'cloudwatch',
  'ssm',
  'secretsmanager',
  'ecr',
  'ecs',
  'rds',
  'glue',
  'cloudformation',
  'codebuild',
  'sagemaker',
  'athena',
  'kinesis',
  'states',
  'events',
  'apigateway',
  'elasticloadbalancing',
  'autoscaling',
  'route53',
  'cloudtrail',
  'config',
];
const TRUSTED_SERVICES = [
  'ec2.amazonaws.com',
  'lambda.amazonaws.com',
  'ecs-tasks.amazonaws.com',
  'glue.amazonaws.com',
  'codebuild.amazonaws.com',
];

/** A deterministic generator, so every run judges the same account. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** An account of `principals` users and roles (half each) and twice as many policies. */
function generateAccount(principals: number) {
  const next = random(principals);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const actions = SERVICES.flatMap((service) => actionsOfService(service));
  const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
  const statement = (): PolicyStatement => {
    const roll = next();
    const action =
      roll < 0.7
        ? pick(actions)
        : roll < 0.85
          ? `${pick(SERVICES)}:Get*`
          : roll < 0.97
            ? `${pick(SERVICES)}:*`
            : pick(['iam:PassRole', 'iam:*', 'sts:AssumeRole']);
    const resource =
      next() < 0.5
        ? '*'
        : `arn:aws:${action.split(':')[0]}:*:${ACCOUNT}:app-${Math.floor(next() * 50)}/*`;
    const base: PolicyStatement =
      next() < 0.03
        ? { Effect: 'Allow', NotAction: [`${pick(SERVICES)}:*`], Resource: resource }
        : {
            Effect: next() < 0.08 ? 'Deny' : 'Allow',
            Action: [action, pick(actions)],
            Resource: resource,
          };
    return next() < 0.1
      ? { ...base, Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }
      : base;
  };
  const policies: ManagedPolicy[] = Array.from({ length: principals * 2 }, (_, index) => ({
    name: `policy-${index}`,
    arn: arn('policy', `policy-${index}`),
    awsManaged: false,
    attachmentCount: 1,
    defaultVersionId: 'v1',
    document: {
      Version: '2012-10-17',
      Statement:
        index % 200 === 0
          ? [{ Effect: 'Allow', Action: '*', Resource: '*' }]
          : Array.from({ length: 1 + Math.floor(next() * MAX_STATEMENTS) }, statement),
    },
  }));
  const attached = () =>
    Array.from({ length: 1 + Math.floor(next() * 4) }, () => {
      const policy = pick(policies);
      return { name: policy.name, arn: policy.arn };
    });
  const groups: IamGroup[] = Array.from({ length: Math.max(1, principals / 50) }, (_, index) => ({
    name: `group-${index}`,
    arn: arn('group', `group-${index}`),
    id: `AGPA${index}`,
    createDate: NOW.toISOString(),
    attachedPolicies: attached(),
    inlinePolicies: [],
  }));
  const users: IamUser[] = Array.from({ length: principals / 2 }, (_, index) => ({
    name: `user-${index}`,
    arn: arn('user', `user-${index}`),
    id: `AIDA${index}`,
    createDate: NOW.toISOString(),
    attachedPolicies: attached(),
    inlinePolicies:
      next() < 0.3 ? [{ name: 'inline', document: { Statement: [statement(), statement()] } }] : [],
    groups: [pick(groups).name],
    permissionsBoundaryArn: null,
  }));
  const trust = (): PolicyStatement =>
    next() < 0.5
      ? {
          Effect: 'Allow',
          Principal: { Service: pick(TRUSTED_SERVICES) },
          Action: 'sts:AssumeRole',
        }
      : {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: 'sts:AssumeRole',
        };
  const roles: IamRole[] = Array.from({ length: principals / 2 }, (_, index) => ({
    name: `role-${index}`,
    arn: arn('role', `role-${index}`),
    id: `AROA${index}`,
    createDate: NOW.toISOString(),
    attachedPolicies: attached(),
    inlinePolicies: [],
    assumeRolePolicy: { Statement: [trust()] },
    instanceProfileArns: next() < 0.3 ? [arn('instance-profile', `role-${index}`)] : [],
    permissionsBoundaryArn: null,
    lastUsed: NOW.toISOString(),
  }));
  return { users, groups, roles, policies };
}

/** In a fresh process: generate, analyse with every IAM check, print the figures as JSON. */
function worker(principals: number, findingsFile: string | undefined): void {
  const details = generateAccount(principals);
  const statements = details.policies.reduce(
    (sum, policy) => sum + policy.document.Statement.length,
    0,
  );
  const inventory = inventoryOf({
    global: {
      authorizationDetails: details,
      organizationPolicies: { guardrails: { ok: true, data: null } },
    },
  });
  const checks = IAM_CHECKS.filter((check) =>
    check.needs.every((need) => need === 'authorizationDetails' || need === 'organizationPolicies'),
  );
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const findings = runChecks(inventory, checks, { now: NOW });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const failed = findings.filter((finding) => finding.status === 'FAIL').length;
  // One finding a line, so two runs' files can be compared with `diff`.
  if (findingsFile)
    writeFileSync(findingsFile, findings.map((finding) => `${JSON.stringify(finding)}\n`).join(''));
  process.stdout.write(
    JSON.stringify({
      principals,
      policies: details.policies.length,
      statements,
      checks: checks.length,
      findings: findings.length,
      failed,
      seconds,
      cpuSeconds,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

/**
 * `npm run bench:iam [-- --principals 1000,10000] [--findings <prefix>]`: analysis time and peak
 * RSS per account size; with `--findings`, each size's findings go to `<prefix>-<size>.jsonl`.
 */
function main(argv: readonly string[]): void {
  const findingsAt = argv.indexOf('--findings');
  const findingsPrefix = findingsAt >= 0 ? argv[findingsAt + 1] : undefined;
  const index = argv.indexOf('--worker');
  if (index >= 0) return worker(Number(argv[index + 1]), findingsPrefix);
  const sizesAt = argv.indexOf('--principals');
  const sizes = (sizesAt >= 0 ? (argv[sizesAt + 1] ?? '') : '1000,10000').split(',').map(Number);
  // Shared cores make wall time a figure only next to the load it was measured under.
  process.stdout.write(
    `load average ${loadavg()
      .map((load) => load.toFixed(2))
      .join(', ')} on ${availableParallelism()} cores\n`,
  );
  for (const size of sizes) {
    const findingsArgs = findingsPrefix ? ['--findings', `${findingsPrefix}-${size}.jsonl`] : [];
    const run = spawnSync(
      process.execPath,
      [__filename, '--worker', String(size), ...findingsArgs],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      },
    );
    if (run.status !== 0) throw new Error(`the ${size}-principal run failed:\n${run.stderr}`);
    const figures = JSON.parse(run.stdout) as {
      policies: number;
      statements: number;
      checks: number;
      findings: number;
      failed: number;
      seconds: number;
      cpuSeconds: number;
      peakRssMb: number;
    };
    const target = TARGETS[size];
    process.stdout.write(
      [
        `${size} principals, ${figures.policies} policies, ${figures.statements} statements (${figures.checks} IAM permission checks)`,
        `  analysis time   ${figures.seconds.toFixed(2)} s${target ? ` (target < ${target.seconds} s)` : ''}`,
        `  CPU time        ${figures.cpuSeconds.toFixed(2)} s (one core; wall time above depends on the load)`,
        `  peak RSS        ${figures.peakRssMb} MB${target?.megabytes ? ` (target < ${target.megabytes} MB)` : ''}`,
        `  findings        ${figures.findings} (${figures.failed} failed)`,
        '',
      ].join('\n'),
    );
  }
}

main(process.argv.slice(2));
