import type { PolicyStatement } from '../model/policy';
import { decide, type PolicyLayer, type Verdict } from './decide';
import type { Request, RequestContext } from './request';

const ACCOUNT = '123456789012';
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const USER_CONTEXT: RequestContext = new Map<string, string[] | null>([
  ['aws:username', ['alice']],
  ['aws:principalarn', [ALICE]],
  ['aws:principalaccount', [ACCOUNT]],
]);
const ROLE_CONTEXT: RequestContext = new Map<string, string[] | null>([
  ['aws:username', null],
  ['aws:principalaccount', [ACCOUNT]],
]);

const layer = (name: string, ...statements: PolicyStatement[]): PolicyLayer => ({
  name,
  policies: [{ label: `policy ${name}`, arn: null, document: { Statement: statements } }],
});
const identity = (...statements: PolicyStatement[]) => layer('identity policies', ...statements);
const allow = (
  Action: string | string[],
  Resource: string | string[] = '*',
  extra: Partial<PolicyStatement> = {},
): PolicyStatement => ({ Effect: 'Allow', Action, Resource, ...extra });
const deny = (
  Action: string | string[],
  Resource: string | string[] = '*',
  extra: Partial<PolicyStatement> = {},
): PolicyStatement => ({ Effect: 'Deny', Action, Resource, ...extra });
const on = (
  action: string,
  resource = '*',
  scope: Request['scope'] = 'all',
  context?: Record<string, string>,
): Request => ({ action, resource, scope, ...(context ? { context } : {}) });

const PASS_ROLE_TARGET = `arn:aws:iam::${ACCOUNT}:role/app-deploy-role`;

const CASES: [string, PolicyLayer[], Request, Verdict, RequestContext?][] = [
  [
    'Action * allows any action',
    [identity(allow('*'))],
    on('iam:PassRole', PASS_ROLE_TARGET),
    'allowed',
  ],
  ['Action *:* allows any action', [identity(allow('*:*'))], on('ec2:RunInstances'), 'allowed'],
  [
    'a service wildcard allows its actions',
    [identity(allow('iam:*'))],
    on('iam:PassRole', PASS_ROLE_TARGET),
    'allowed',
  ],
  [
    'a service wildcard does not reach other services',
    [identity(allow('iam:*'))],
    on('s3:GetObject'),
    'denied',
  ],
  [
    'a prefix wildcard allows the actions it names',
    [identity(allow('iam:Pass*'))],
    on('iam:PassRole', PASS_ROLE_TARGET),
    'allowed',
  ],
  [
    'a wildcard in the service part (*:Get*) is honoured',
    [identity(allow('*:Get*'))],
    on('s3:GetObject'),
    'allowed',
  ],
  ['*:Get* does not grant Put actions', [identity(allow('*:Get*'))], on('s3:PutObject'), 'denied'],
  [
    '? matches exactly one character',
    [identity(allow('iam:PassRol?'))],
    on('iam:PassRole', PASS_ROLE_TARGET),
    'allowed',
  ],
  [
    'actions match case-insensitively',
    [identity(allow('S3:getobject'))],
    on('s3:GetObject'),
    'allowed',
  ],
  [
    'NotAction allows what it does not name',
    [identity({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' })],
    on('iam:PassRole', PASS_ROLE_TARGET),
    'allowed',
  ],
  [
    'NotAction excludes what it names',
    [identity({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })],
    on('iam:PassRole', PASS_ROLE_TARGET),
    'denied',
  ],
  [
    'NotAction of a non-existent action excludes nothing (all actions)',
    [identity({ Effect: 'Allow', NotAction: 'prowler:action', Resource: '*' })],
    on('*:*'),
    'allowed',
  ],
  [
    'NotAction of a real action is not all actions',
    [identity({ Effect: 'Allow', NotAction: 'iam:PassRole', Resource: '*' })],
    on('*:*'),
    'denied',
  ],
  [
    'a resource pattern allows matching ARNs',
    [identity(allow('iam:PassRole', 'arn:aws:iam::*:role/app-*'))],
    on('iam:PassRole', PASS_ROLE_TARGET),
    'allowed',
  ],
  [
    'a resource pattern denies other ARNs',
    [identity(allow('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/other`))],
    on('iam:PassRole', PASS_ROLE_TARGET),
    'denied',
  ],
  [
    'a scoped resource does not cover every role',
    [identity(allow('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/app-*`))],
    on('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/*`),
    'denied',
  ],
  [
    'a scoped resource reaches some role',
    [identity(allow('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/app-*`))],
    on('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/*`, 'some'),
    'allowed',
  ],
  [
    'arn:aws:iam::*:role/* covers every role of the account',
    [identity(allow('iam:PassRole', 'arn:aws:iam::*:role/*'))],
    on('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/*`),
    'allowed',
  ],
  [
    'NotResource allows what it does not name',
    [identity({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:iam::*:role/app-*' })],
    on('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/admin`),
    'allowed',
  ],
  [
    'NotResource excludes what it names',
    [identity({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:iam::*:role/app-*' })],
    on('iam:PassRole', PASS_ROLE_TARGET),
    'denied',
  ],
  [
    'NotResource keeps a statement from covering all resources',
    [identity({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:iam::*:role/app-*' })],
    on('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/*`),
    'denied',
  ],
  [
    'an Allow with NotResource grants some of a family it only partly excludes',
    [identity({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:iam::*:role/app-*' })],
    on('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/*`, 'some'),
    'allowed',
  ],
  [
    'an Allow with NotResource listing several ARNs excludes each of them',
    [
      identity({
        Effect: 'Allow',
        Action: 's3:GetObject',
        NotResource: ['arn:aws:s3:::payroll/*', 'arn:aws:s3:::secrets/*'],
      }),
    ],
    on('s3:GetObject', 'arn:aws:s3:::secrets/key'),
    'denied',
  ],
  [
    'an Allow with NotResource grants everything outside the list',
    [
      identity({
        Effect: 'Allow',
        Action: 's3:GetObject',
        NotResource: ['arn:aws:s3:::payroll/*', 'arn:aws:s3:::secrets/*'],
      }),
    ],
    on('s3:GetObject', 'arn:aws:s3:::public/report.pdf'),
    'allowed',
  ],
  [
    'an Allow with NotResource of one bucket does not grant every object',
    [identity({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::payroll/*' })],
    on('s3:GetObject', 'arn:aws:s3:::*/*'),
    'denied',
  ],
  [
    'a Deny with NotResource blocks everything outside the list',
    [
      identity(
        allow('s3:*'),
        deny('s3:*', undefined, { Resource: undefined, NotResource: 'arn:aws:s3:::team/*' }),
      ),
    ],
    on('s3:GetObject', 'arn:aws:s3:::other/key'),
    'denied',
  ],
  [
    'a Deny with NotResource leaves what it lists allowed',
    [
      identity(
        allow('s3:*'),
        deny('s3:*', undefined, { Resource: undefined, NotResource: 'arn:aws:s3:::team/*' }),
      ),
    ],
    on('s3:GetObject', 'arn:aws:s3:::team/key'),
    'allowed',
  ],
  [
    'a Deny with NotResource keeps a principal from every object of every bucket',
    [
      identity(
        allow('s3:*'),
        deny('s3:*', undefined, { Resource: undefined, NotResource: 'arn:aws:s3:::team/*' }),
      ),
    ],
    on('s3:GetObject', 'arn:aws:s3:::*/*'),
    'denied',
  ],
  [
    'a Deny with NotResource still leaves some objects readable',
    [
      identity(
        allow('s3:*'),
        deny('s3:*', undefined, { Resource: undefined, NotResource: 'arn:aws:s3:::team/*' }),
      ),
    ],
    on('s3:GetObject', 'arn:aws:s3:::*/*', 'some'),
    'allowed',
  ],
  [
    'a Deny with NotResource that lists every match blocks nothing of it',
    [
      identity(
        allow('s3:*'),
        deny('s3:*', undefined, { Resource: undefined, NotResource: 'arn:aws:s3:::*' }),
      ),
    ],
    on('s3:ListBucket', 'arn:aws:s3:::team'),
    'allowed',
  ],
  [
    'a Deny with NotResource and a policy variable confines a user to its own prefix',
    [
      identity(
        allow('s3:GetObject'),
        deny('s3:GetObject', undefined, {
          Resource: undefined,
          NotResource: 'arn:aws:s3:::home/${aws:username}/*',
        }),
      ),
    ],
    on('s3:GetObject', 'arn:aws:s3:::home/bob/notes.txt'),
    'denied',
  ],
  [
    "a Deny with NotResource and a policy variable leaves the user's own prefix allowed",
    [
      identity(
        allow('s3:GetObject'),
        deny('s3:GetObject', undefined, {
          Resource: undefined,
          NotResource: 'arn:aws:s3:::home/${aws:username}/*',
        }),
      ),
    ],
    on('s3:GetObject', 'arn:aws:s3:::home/alice/notes.txt'),
    'allowed',
  ],
  [
    'an explicit Deny wins over Allow *',
    [identity(allow('*'), deny('iam:PassRole'))],
    on('iam:PassRole', PASS_ROLE_TARGET),
    'denied',
  ],
  [
    'a Deny on other resources leaves the request allowed',
    [identity(allow('*'), deny('iam:PassRole', 'arn:aws:iam::*:role/admin'))],
    on('iam:PassRole', PASS_ROLE_TARGET),
    'allowed',
  ],
  [
    'a Deny of part of the resources keeps "all" from holding',
    [identity(allow('*'), deny('iam:PassRole', 'arn:aws:iam::*:role/admin'))],
    on('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/*`),
    'denied',
  ],
  [
    'a Deny with NotAction denies what it does not name',
    [identity(allow('*'), { Effect: 'Deny', NotAction: 's3:*', Resource: '*' })],
    on('iam:PassRole', PASS_ROLE_TARGET),
    'denied',
  ],
  [
    'a Deny with NotAction spares what it names',
    [identity(allow('*'), { Effect: 'Deny', NotAction: 's3:*', Resource: '*' })],
    on('s3:GetObject'),
    'allowed',
  ],
  [
    'a conditional Deny is never assumed to block',
    [
      identity(
        allow('*'),
        deny('*', '*', { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }),
      ),
    ],
    on('iam:PassRole', PASS_ROLE_TARGET),
    'allowed',
  ],
  [
    'an Allow with an undecidable condition is conditional',
    [identity(allow('*', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }))],
    on('s3:GetObject'),
    'conditional',
  ],
  [
    'a decidable condition that holds allows',
    [
      identity(
        allow('iam:PassRole', '*', {
          Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
        }),
      ),
    ],
    on('iam:PassRole', PASS_ROLE_TARGET, 'all', { 'iam:PassedToService': 'lambda.amazonaws.com' }),
    'allowed',
  ],
  [
    'a decidable condition that fails denies',
    [
      identity(
        allow('iam:PassRole', '*', {
          Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
        }),
      ),
    ],
    on('iam:PassRole', PASS_ROLE_TARGET, 'all', { 'iam:PassedToService': 'ec2.amazonaws.com' }),
    'denied',
  ],
  [
    'StringLike and a negated operator are decided',
    [
      identity(
        allow('iam:PassRole', '*', {
          Condition: {
            StringLike: { 'iam:PassedToService': '*.amazonaws.com' },
            StringNotEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' },
          },
        }),
      ),
    ],
    on('iam:PassRole', PASS_ROLE_TARGET, 'all', { 'iam:PassedToService': 'glue.amazonaws.com' }),
    'allowed',
  ],
  [
    'ForAnyValue over a known key is decided',
    [
      identity(
        allow('s3:GetObject', '*', {
          Condition: {
            'ForAnyValue:StringEquals': { 'aws:PrincipalAccount': ['111111111111', ACCOUNT] },
          },
        }),
      ),
    ],
    on('s3:GetObject'),
    'allowed',
  ],
  [
    'a policy variable resolves to the user name',
    [identity(allow('iam:CreateAccessKey', 'arn:aws:iam::*:user/${aws:username}'))],
    on('iam:CreateAccessKey', ALICE),
    'allowed',
  ],
  [
    'a policy variable keeps other users out',
    [identity(allow('iam:CreateAccessKey', 'arn:aws:iam::*:user/${aws:username}'))],
    on('iam:CreateAccessKey', `arn:aws:iam::${ACCOUNT}:user/bob`),
    'denied',
  ],
  [
    'a variable the request lacks matches nothing (roles have no aws:username)',
    [identity(allow('s3:GetObject', 'arn:aws:s3:::home/${aws:username}/*'))],
    on('s3:GetObject', 'arn:aws:s3:::home/x/file'),
    'denied',
    ROLE_CONTEXT,
  ],
  [
    'a variable with a default uses the default',
    [identity(allow('s3:GetObject', "arn:aws:s3:::home/${aws:username, 'shared'}/*"))],
    on('s3:GetObject', 'arn:aws:s3:::home/shared/file'),
    'allowed',
    ROLE_CONTEXT,
  ],
  [
    'a variable that depends on the request is conditional',
    [identity(allow('s3:GetObject', 'arn:aws:s3:::home/${aws:PrincipalTag/team}/*'))],
    on('s3:GetObject', 'arn:aws:s3:::home/x/file'),
    'conditional',
  ],
  [
    'a permissions boundary caps an admin policy',
    [identity(allow('*')), layer('permissions boundary', allow('s3:*'))],
    on('iam:PassRole', PASS_ROLE_TARGET),
    'denied',
  ],
  [
    'a permissions boundary lets through what both allow',
    [identity(allow('*')), layer('permissions boundary', allow('s3:*'))],
    on('s3:GetObject'),
    'allowed',
  ],
  [
    'an SCP Deny blocks an administrator',
    [identity(allow('*')), layer('SCPs at r-root', allow('*'), deny('iam:PassRole'))],
    on('iam:PassRole', PASS_ROLE_TARGET),
    'denied',
  ],
  [
    'every SCP level must allow',
    [
      identity(allow('*')),
      layer('SCPs at r-root', allow('*')),
      layer('SCPs at ou-1', allow('s3:*')),
    ],
    on('ec2:RunInstances'),
    'denied',
  ],
  [
    'SCPs grant nothing by themselves',
    [identity(), layer('SCPs at r-root', allow('*'))],
    on('s3:GetObject'),
    'denied',
  ],
  [
    'a statement without Resource applies to nothing',
    [identity({ Effect: 'Allow', Action: '*' })],
    on('s3:GetObject'),
    'denied',
  ],
];

describe('decide', () => {
  test.each(CASES)('%s', (_name, layers, request, verdict, context = USER_CONTEXT) => {
    expect(decide(layers, request, context).verdict).toBe(verdict);
  });

  test('names the statements that decide, with their policy, index and Sid', () => {
    const decision = decide(
      [identity(allow('s3:*'), { ...deny('s3:GetObject'), Sid: 'NoReads' })],
      on('s3:GetObject'),
      USER_CONTEXT,
    );
    expect(decision.reason).toBe(
      'explicitly denied by statement 1 (Sid "NoReads") of policy identity policies',
    );
    expect(decision.allows.map((s) => s.statementIndex)).toEqual([0]);
    expect(decision.denies.map((s) => s.sid)).toEqual(['NoReads']);
  });

  test('keeps conditional Deny statements apart from those that block', () => {
    const decision = decide(
      [
        identity(
          allow('*'),
          deny('*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }),
        ),
      ],
      on('s3:GetObject'),
      USER_CONTEXT,
    );
    expect(decision.denies).toEqual([]);
    expect(decision.conditionalDenies).toHaveLength(1);
  });

  test('an RCP layer governs only the services RCPs support', () => {
    const rcp: PolicyLayer = { ...layer('RCPs at r-root', deny('*')), services: new Set(['s3']) };
    expect(decide([identity(allow('*')), rcp], on('s3:GetObject'), USER_CONTEXT).verdict).toBe(
      'denied',
    );
    expect(decide([identity(allow('*')), rcp], on('ec2:RunInstances'), USER_CONTEXT).verdict).toBe(
      'allowed',
    );
  });
});
