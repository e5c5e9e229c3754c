import { join } from 'node:path';
import {
  AddRoleToInstanceProfileCommand,
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { runPyjamas } from '../helpers/cli';
import { useMotoScan } from '../helpers/moto-scan';

jest.setTimeout(180_000);

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const document = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

const CHECKS = [
  'iam_principal_no_administrator_access',
  'iam_principal_no_self_escalation',
  'iam_principal_no_privilege_escalation_path',
  'iam_principal_no_passrole_any_role',
  'iam_principal_services_used_90_days',
];

interface JsonAnswer {
  readonly principal: { readonly arn: string };
  readonly decision: {
    readonly verdict: string;
    readonly allows: readonly { readonly policy: string }[];
    readonly denies: readonly { readonly policy: string }[];
  };
}

/**
 * The excessive-permission checks through the CLI on a moto account built through the SDK:
 * an administrator through a group, one through a NotAction allow, an escalation assembled
 * from two harmless-looking policies, an administrator policy capped by a boundary (on a role:
 * moto has no PutUserPermissionsBoundary) and a read-only user; then `iam can` and `iam who-can` on the same account, live and offline.
 * moto does not evaluate IAM policies itself (every request is allowed), so the verdicts are
 * Pyjamas' alone; and it has no IAM access advisor (GenerateServiceLastAccessedDetails), so
 * the unused-services check can only report ERROR here.
 */
describe('pyjamas scan and iam queries of the excessive-permission analysis', () => {
  const suite = useMotoScan({
    prefix: 'pyjamas-iam-',
    region: REGION,
    checks: CHECKS,
    async arrange(aws) {
      const iam = aws.get(IAMClient, REGION);
      const policy = async (name: string, ...statements: object[]) =>
        iam.send(
          new CreatePolicyCommand({ PolicyName: name, PolicyDocument: document(...statements) }),
        );
      await policy('full-admin', { Effect: 'Allow', Action: '*', Resource: '*' });
      await policy('pass-roles', { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' });
      await policy('run-instances', {
        Effect: 'Allow',
        Action: ['ec2:RunInstances', 'ec2:Describe*'],
        Resource: '*',
      });
      await policy('read-only', {
        Effect: 'Allow',
        Action: ['ec2:Describe*', 's3:ListAllMyBuckets', 'iam:Get*', 'iam:List*'],
        Resource: '*',
      });

      await iam.send(new CreateGroupCommand({ GroupName: 'admins' }));
      await iam.send(
        new AttachGroupPolicyCommand({
          GroupName: 'admins',
          PolicyArn: arn('policy', 'full-admin'),
        }),
      );
      for (const name of ['alice', 'notaction', 'mallory', 'reader'])
        await iam.send(new CreateUserCommand({ UserName: name }));
      await iam.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName: 'alice' }));
      // An Allow whose NotAction names no real action excludes nothing: it is Action "*".
      await iam.send(
        new PutUserPolicyCommand({
          UserName: 'notaction',
          PolicyName: 'everything-but',
          PolicyDocument: document({ Effect: 'Allow', NotAction: 'prowler:action', Resource: '*' }),
        }),
      );
      for (const name of ['pass-roles', 'run-instances'])
        await iam.send(
          new AttachUserPolicyCommand({ UserName: 'mallory', PolicyArn: arn('policy', name) }),
        );
      // moto has no PutUserPermissionsBoundary: the boundary-capped principal is a role.
      await iam.send(
        new CreateRoleCommand({
          RoleName: 'capped',
          AssumeRolePolicyDocument: document({
            Effect: 'Allow',
            Principal: { Service: 'lambda.amazonaws.com' },
            Action: 'sts:AssumeRole',
          }),
          PermissionsBoundary: arn('policy', 'read-only'),
        }),
      );
      await iam.send(
        new AttachRolePolicyCommand({ RoleName: 'capped', PolicyArn: arn('policy', 'full-admin') }),
      );
      await iam.send(
        new AttachUserPolicyCommand({ UserName: 'reader', PolicyArn: arn('policy', 'read-only') }),
      );

      // An administrator role EC2 may assume, with an instance profile: what mallory can launch.
      await iam.send(
        new CreateRoleCommand({
          RoleName: 'ec2-admin',
          AssumeRolePolicyDocument: document({
            Effect: 'Allow',
            Principal: { Service: 'ec2.amazonaws.com' },
            Action: 'sts:AssumeRole',
          }),
        }),
      );
      await iam.send(
        new AttachRolePolicyCommand({
          RoleName: 'ec2-admin',
          PolicyArn: arn('policy', 'full-admin'),
        }),
      );
      await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ec2-admin' }));
      await iam.send(
        new AddRoleToInstanceProfileCommand({
          InstanceProfileName: 'ec2-admin',
          RoleName: 'ec2-admin',
        }),
      );
    },
    extraArgs: (dir) => ['--save-inventory', join(dir, 'inventory.json')],
  });

  const status = (checkId: string, principal: string) =>
    suite.report.findings.find((f) => f.checkId === checkId && f.resourceId === principal)?.status;
  const message = (checkId: string, principal: string) =>
    suite.report.findings.find((f) => f.checkId === checkId && f.resourceId === principal)
      ?.message ?? '';

  test('full administrator however granted: through a group, through NotAction, as a role; not when a boundary caps it', () => {
    const check = 'iam_principal_no_administrator_access';
    expect(status(check, 'alice')).toBe('FAIL');
    expect(message(check, 'alice')).toContain('via group admins');
    expect(status(check, 'notaction')).toBe('FAIL');
    expect(status(check, 'ec2-admin')).toBe('FAIL');
    expect(status(check, 'capped')).toBe('PASS');
    expect(status(check, 'mallory')).toBe('PASS');
    expect(status(check, 'reader')).toBe('PASS');
  });

  test('the escalation assembled from two policies is found as a path naming both; the capped and read-only users have none', () => {
    const check = 'iam_principal_no_privilege_escalation_path';
    expect(status(check, 'mallory')).toBe('FAIL');
    const path = message(check, 'mallory');
    expect(path).toContain('ec2-run-instances');
    expect(path).toContain('managed policy pass-roles');
    expect(path).toContain('managed policy run-instances');
    expect(path).toContain('administrator as role ec2-admin');
    expect(status(check, 'capped')).toBe('PASS');
    expect(status(check, 'reader')).toBe('PASS');
    expect(status('iam_principal_no_passrole_any_role', 'mallory')).toBe('FAIL');
    expect(status('iam_principal_no_passrole_any_role', 'reader')).toBe('PASS');
  });

  test('neither the boundary-capped role nor the read-only user can make itself administrator', () => {
    expect(status('iam_principal_no_self_escalation', 'capped')).toBe('PASS');
    expect(status('iam_principal_no_self_escalation', 'reader')).toBe('PASS');
  });

  test('unused services: moto has no IAM access advisor, so the check reports ERROR rather than a verdict', () => {
    const findings = suite.report.findings.filter(
      (f) => f.checkId === 'iam_principal_services_used_90_days',
    );
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map((f) => f.status)).toEqual(findings.map(() => 'ERROR'));
  });

  test('iam can: allowed with the deciding policy, denied by the boundary', async () => {
    const passRole = await runPyjamas(
      [
        'iam',
        'can',
        arn('user', 'mallory'),
        'iam:PassRole',
        arn('role', 'ec2-admin'),
        '--output',
        'json',
      ],
      suite.moto.server.env,
    );
    expect(passRole.code).toBe(0);
    const allowed = JSON.parse(passRole.stdout) as JsonAnswer;
    expect(allowed.decision.verdict).toBe('allowed');
    expect(allowed.decision.allows.map((s) => s.policy)).toContain('managed policy pass-roles');

    const capped = await runPyjamas(
      ['iam', 'can', arn('role', 'capped'), 'iam:CreateUser', '--output', 'json'],
      suite.moto.server.env,
    );
    expect(capped.code).toBe(0);
    const denied = JSON.parse(capped.stdout) as JsonAnswer;
    expect(denied.decision.verdict).toBe('denied');
    expect(denied.decision.allows.map((s) => s.policy)).toContain('managed policy full-admin');

    const console = await runPyjamas(
      ['iam', 'can', arn('user', 'reader'), 'iam:CreateAccessKey', arn('user', 'alice')],
      suite.moto.server.env,
    );
    expect(console.stdout).toContain(`DENIED  ${arn('user', 'reader')}  iam:CreateAccessKey`);
  });

  test('iam who-can lists every principal that can, live and from the saved inventory alike', async () => {
    const args = [
      'iam',
      'who-can',
      'iam:CreateAccessKey',
      arn('user', 'reader'),
      '--output',
      'json',
    ];
    const live = await runPyjamas(args, suite.moto.server.env);
    expect(live.code).toBe(0);
    const principals = (JSON.parse(live.stdout) as { principals: JsonAnswer[] }).principals.map(
      (answer) => answer.principal.arn,
    );
    expect(principals.sort()).toEqual(
      [arn('role', 'ec2-admin'), arn('user', 'alice'), arn('user', 'notaction')].sort(),
    );
    const offline = await runPyjamas([...args, '--inventory', join(suite.dir, 'inventory.json')]);
    expect(offline.code).toBe(0);
    expect(JSON.parse(offline.stdout)).toEqual(JSON.parse(live.stdout));
  });
});
