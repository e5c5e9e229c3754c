import type { PolicyStatement } from '../model/policy';
import { decide, decideFamily, type PolicyLayer } from './decide';
import type { RequestContext } from './request';
import { resourceFamily } from './statement';

const ACCOUNT = '123456789012';
const user = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;
const MEMBERS = [
  user('alice'),
  user('bob'),
  user('admins/carol'),
  user('admins/dave'),
  user('erin'),
  // A member the family's pattern does not name (another partition): decided on its own.
  `arn:aws-cn:iam::${ACCOUNT}:user/frank`,
];
const FAMILY = resourceFamily(`arn:aws:iam::${ACCOUNT}:user/*`, MEMBERS);
const ALICE_CONTEXT: RequestContext = new Map<string, string[] | null>([
  ['aws:username', ['alice']],
  ['aws:principalarn', [user('alice')]],
]);

const layers = (...statements: PolicyStatement[]): PolicyLayer[] => [
  {
    name: 'identity policies',
    policies: [{ label: 'policy team', arn: null, document: { Statement: statements } }],
  },
];

const CASES: [string, PolicyLayer[], Record<string, string>?][] = [
  ['an allow on every user', layers({ Effect: 'Allow', Action: 'iam:*', Resource: '*' })],
  [
    'an allow on a path, a deny on one user',
    layers(
      { Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: user('admins/*') },
      { Effect: 'Deny', Action: 'iam:CreateAccessKey', Resource: user('admins/dave') },
    ),
  ],
  [
    'a policy variable naming the principal itself',
    layers({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: user('${aws:username}') }),
  ],
  [
    'a variable the request lacks, beside a NotResource allow',
    layers(
      {
        Effect: 'Allow',
        Action: 'iam:CreateAccessKey',
        Resource: user('${aws:PrincipalTag/team}'),
      },
      { Effect: 'Allow', Action: 'iam:*', NotResource: [user('b*'), user('admins/*')] },
    ),
  ],
  [
    'a pattern that overlaps the family but names none of its members',
    layers(
      {
        Effect: 'Allow',
        Action: 'iam:CreateAccessKey',
        Resource: `arn:aws:iam:*:${ACCOUNT}:app-1/*`,
      },
      {
        Effect: 'Deny',
        Action: 'iam:*',
        Resource: user('erin'),
        Condition: { Bool: { 'x:y': 'true' } },
      },
    ),
  ],
  [
    'request keys that decide a condition',
    layers({
      Effect: 'Allow',
      Action: 'iam:CreateAccessKey',
      Resource: user('a*'),
      Condition: { StringEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' } },
    }),
    { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
  ],
];

describe('decideFamily', () => {
  // Rows as objects: jest reads a callback with more parameters than a row has as async.
  const rows = CASES.map(([name, policy, keys]) => ({ name, policy, keys }));
  it.each(rows)('gives each member what deciding it alone gives: $name', ({ policy, keys }) => {
    const family = decideFamily(policy, 'iam:CreateAccessKey', FAMILY, ALICE_CONTEXT, keys);
    for (const arn of MEMBERS) {
      const alone = decide(
        policy,
        {
          action: 'iam:CreateAccessKey',
          resource: arn,
          scope: 'all',
          ...(keys ? { context: keys } : {}),
        },
        ALICE_CONTEXT,
      );
      expect({ arn, decision: family.exceptions.get(arn) ?? family.common }).toEqual({
        arn,
        decision: alone,
      });
    }
  });

  it('decides members alike in their matching statements once, leaving them out of the exceptions', () => {
    const family = decideFamily(
      layers({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: user('admins/*') }),
      'iam:CreateAccessKey',
      FAMILY,
      ALICE_CONTEXT,
    );
    expect([...family.exceptions.keys()].sort()).toEqual([
      user('admins/carol'),
      user('admins/dave'),
    ]);
    expect(family.exceptions.get(user('admins/carol'))).toBe(
      family.exceptions.get(user('admins/dave')),
    );
    expect(family.common?.verdict).toBe('denied');
  });
});
