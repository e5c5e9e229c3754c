import type { IamRole, IamUser, ManagedPolicy } from '../model/iam';
import type { PolicyStatement } from '../model/policy';
import {
  ADMIN_STATEMENT,
  authorizationDetails,
  iamRole,
  iamUser,
  managedPolicy,
  policyDocument,
} from '../../test/fixtures/resources';
import { ACCOUNT } from '../../test/fixtures/inventory';
import { iamGroup, inlinePolicy } from '../../test/fixtures/iam-checks';
import { AccountAnalysis } from './analysis';
import { ESCALATION_METHODS, type EscalationMethod } from './escalation-methods';
import { buildPermissionModel } from './principals';

const ADMIN = managedPolicy('AdministratorAccess', {
  awsManaged: true,
  document: policyDocument(ADMIN_STATEMENT),
});
const trusting = (principal: Record<string, string>) =>
  policyDocument({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' });
const ACCOUNT_TRUST = trusting({ AWS: `arn:aws:iam::${ACCOUNT}:root` });
const grant = (action: string, resource = '*'): PolicyStatement => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
});

type Variant = 'spread' | 'missing' | 'harmless-passrole';

/** An account in which `mallory` holds the method's actions (spread across two policies). */
function accountFor(method: EscalationMethod, variant: Variant) {
  const kind = method.principals?.[0] ?? 'user';
  const actions = method.steps.map((step) => step.action);
  const held = variant === 'missing' ? actions.slice(0, -1) : actions;
  // Methods on other users are granted on bob alone: on `*` they would reach mallory itself,
  // making it admin-equivalent, which the self-escalation check reports instead.
  const onTarget = method.target === 'user' ? `arn:aws:iam::${ACCOUNT}:user/bob` : '*';
  const statements = held.map((action) =>
    action === 'iam:PassRole' && variant === 'harmless-passrole'
      ? grant(action, `arn:aws:iam::${ACCOUNT}:role/harmless`)
      : grant(action, onTarget),
  );
  const [first, ...rest] = statements;
  const spreadPolicy = managedPolicy('mallory-extra', { document: policyDocument(...rest) });
  const appPolicy = managedPolicy('app', {
    document: policyDocument(grant('s3:ListAllMyBuckets')),
  });
  const policies: ManagedPolicy[] = [ADMIN, spreadPolicy, appPolicy];
  const users: IamUser[] = [];
  const roles: IamRole[] = [];
  const groups = [
    iamGroup('devs'),
    iamGroup('admins', { attachedPolicies: [{ name: ADMIN.name, arn: ADMIN.arn }] }),
  ];
  const attached = [
    ...(rest.length > 0 ? [{ name: spreadPolicy.name, arn: spreadPolicy.arn }] : []),
    { name: appPolicy.name, arn: appPolicy.arn },
  ];
  const inline = first ? [inlinePolicy('mallory-first', first)] : [];
  let boundaryArn: string | null = null;
  let identityInline = inline;
  let identityAttached = attached;
  if (method.target === 'own-boundary') {
    // Without its boundary mallory would be administrator; the boundary lets the method through.
    const boundary = managedPolicy('mallory-boundary', {
      document: policyDocument(grant('s3:*'), ...statements),
      attachmentCount: 0,
    });
    policies.push(boundary);
    boundaryArn = boundary.arn;
    identityInline = [inlinePolicy('everything', ADMIN_STATEMENT)];
    identityAttached = [];
  }
  const mallory =
    kind === 'user'
      ? iamUser('mallory', {
          inlinePolicies: identityInline,
          attachedPolicies: identityAttached,
          groups: ['devs'],
          permissionsBoundaryArn: boundaryArn,
        })
      : iamRole('mallory', {
          inlinePolicies: identityInline,
          attachedPolicies: identityAttached,
          assumeRolePolicy: trusting({ Service: 'ec2.amazonaws.com' }),
          permissionsBoundaryArn: boundaryArn,
        });
  (kind === 'user' ? users : roles).push(mallory as never);
  users.push(
    iamUser('root-admin', { attachedPolicies: [{ name: ADMIN.name, arn: ADMIN.arn }] }),
    iamUser('bob'),
  );
  roles.push(
    iamRole('ops', { assumeRolePolicy: ACCOUNT_TRUST }),
    iamRole('admin-role', {
      assumeRolePolicy: ACCOUNT_TRUST,
      attachedPolicies: [{ name: ADMIN.name, arn: ADMIN.arn }],
    }),
  );
  if (method.service) {
    const profile = (name: string) => [`arn:aws:iam::${ACCOUNT}:instance-profile/${name}`];
    roles.push(
      iamRole('admin-svc', {
        assumeRolePolicy: trusting({ Service: method.service }),
        attachedPolicies: [{ name: ADMIN.name, arn: ADMIN.arn }],
        instanceProfileArns: profile('admin-svc'),
      }),
      iamRole('harmless', {
        assumeRolePolicy: trusting({ Service: method.service }),
        instanceProfileArns: profile('harmless'),
      }),
    );
  }
  // CreatePolicyVersion needs a customer-managed policy attached to mallory: `app` is.
  const analysis = new AccountAnalysis(
    buildPermissionModel(
      authorizationDetails({ users, roles, groups, policies }),
      undefined,
      ACCOUNT,
      'aws',
    ),
  );
  const principal = analysis.model.byArn.get(mallory.arn);
  if (!principal) throw new Error('mallory missing');
  return { analysis, principal };
}

function methodsFound(method: EscalationMethod, variant: Variant): string[] {
  const { analysis, principal } = accountFor(method, variant);
  const paths =
    method.category === 'self-escalation'
      ? analysis.selfEscalation(principal)
      : analysis.escalation(principal);
  return paths.map((path) => path.method.id);
}

describe('privilege-escalation methods', () => {
  test.each(ESCALATION_METHODS.map((method) => [method.id, method] as const))(
    '%s is found when its actions are spread across two policies',
    (_id, method) => {
      expect(methodsFound(method, 'spread')).toContain(method.id);
    },
  );

  test.each(ESCALATION_METHODS.map((method) => [method.id, method] as const))(
    '%s is not found when one of its actions is missing',
    (_id, method) => {
      expect(methodsFound(method, 'missing')).not.toContain(method.id);
    },
  );

  test.each(
    ESCALATION_METHODS.filter((method) => method.service).map(
      (method) => [method.id, method] as const,
    ),
  )('%s is not found when iam:PassRole is scoped to a harmless role', (_id, method) => {
    expect(methodsFound(method, 'harmless-passrole')).not.toContain(method.id);
  });

  test('a path names the principal, the method, the statements granting each action and the role reached', () => {
    const method = ESCALATION_METHODS.find((candidate) => candidate.id === 'ec2-run-instances');
    if (!method) throw new Error('method missing');
    const { analysis, principal } = accountFor(method, 'spread');
    const [path] = analysis
      .escalation(principal)
      .filter((candidate) => candidate.method.id === method.id);
    expect(path?.target.arn).toBe(`arn:aws:iam::${ACCOUNT}:role/admin-svc`);
    expect(path?.reached).toBe('administrator as role admin-svc');
    expect(path?.steps.map((step) => [step.action, step.decision.allows[0]?.policy])).toEqual([
      ['iam:PassRole', 'inline policy mallory-first'],
      ['ec2:RunInstances', 'managed policy mallory-extra'],
    ]);
  });

  test('a passed role must trust the service: an administrator role only EC2 may assume is no Lambda path', () => {
    const method = ESCALATION_METHODS.find(
      (candidate) => candidate.id === 'lambda-create-function-invoke',
    );
    if (!method) throw new Error('method missing');
    const { analysis, principal } = accountFor(
      { ...method, service: 'ec2.amazonaws.com' },
      'spread',
    );
    const lambdaOnly = analysis
      .escalation(principal)
      .filter((path) => path.method.id === method.id);
    expect(lambdaOnly.map((path) => path.target.name)).toEqual([]);
  });

  test.each(
    ESCALATION_METHODS.filter((method) => method.category !== 'self-escalation').map(
      (method) => [method.id, method] as const,
    ),
  )(
    'the escalation summary with %s counts every path and keeps the first in the same order',
    (_id, method) => {
      const { analysis, principal } = accountFor(method, 'spread');
      const paths = analysis.escalation(principal);
      const summary = analysis.escalationSummary(principal, 1);
      expect(summary.count).toBe(paths.length);
      expect(summary.shown).toEqual(paths.slice(0, 1));
      expect(summary.allConditional).toBe(paths.every((path) => path.conditional));
    },
  );

  test('the escalation summary lists no more paths than asked for', () => {
    const method = ESCALATION_METHODS.find(
      (candidate) => candidate.id === 'iam-attach-role-policy-assume-role',
    );
    if (!method) throw new Error('method missing');
    const { analysis, principal } = accountFor(method, 'spread');
    const paths = analysis.escalation(principal);
    expect(paths.length).toBeGreaterThan(2);
    const summary = analysis.escalationSummary(principal, 2);
    expect(summary.count).toBe(paths.length);
    expect(summary.shown).toEqual(paths.slice(0, 2));
  });
});
