import type { PolicyStatement } from '../model/policy';
import { authorizationDetails, iamUser } from '../../test/fixtures/resources';
import { ACCOUNT } from '../../test/fixtures/inventory';
import { inlinePolicy } from '../../test/fixtures/iam-checks';
import { AccountAnalysis } from './analysis';
import { buildPermissionModel } from './principals';

const USERS = `arn:aws:iam::${ACCOUNT}:user/*`;

/** The analysis of an account where `helpdesk` holds these statements, beside bob and carol. */
function analysisOf(...statements: PolicyStatement[]) {
  const analysis = new AccountAnalysis(
    buildPermissionModel(
      authorizationDetails({
        users: [
          iamUser('helpdesk', { inlinePolicies: [inlinePolicy('p', ...statements)] }),
          iamUser('bob'),
          iamUser('carol'),
        ],
      }),
      undefined,
      ACCOUNT,
      'aws',
    ),
  );
  const helpdesk = analysis.model.byArn.get(`arn:aws:iam::${ACCOUNT}:user/helpdesk`);
  if (!helpdesk) throw new Error('helpdesk is missing');
  return { analysis, helpdesk };
}

const keys = (Resource: string, extra: Partial<PolicyStatement> = {}): PolicyStatement => ({
  Effect: 'Allow',
  Action: 'iam:CreateAccessKey',
  Resource,
  ...extra,
});

describe('AccountAnalysis.familyGrant', () => {
  test('one decision for every user when the grant covers them all, even under conditions', () => {
    const { analysis, helpdesk } = analysisOf(
      keys('*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }),
    );
    const grant = analysis.familyGrant(helpdesk, 'iam:CreateAccessKey', USERS);
    expect(grant.kind).toBe('uniform');
    expect(grant.kind === 'uniform' && grant.decision.verdict).toBe('conditional');
  });

  test('none when no statement reaches any user', () => {
    const { analysis, helpdesk } = analysisOf(keys(`arn:aws:iam::${ACCOUNT}:role/*`));
    expect(analysis.familyGrant(helpdesk, 'iam:CreateAccessKey', USERS).kind).toBe('none');
  });

  test('mixed when a statement reaches some users only, so each is decided on its own', () => {
    const { analysis, helpdesk } = analysisOf(keys(`arn:aws:iam::${ACCOUNT}:user/b*`));
    expect(analysis.familyGrant(helpdesk, 'iam:CreateAccessKey', USERS).kind).toBe('mixed');
  });

  test('mixed when a Deny carves some users out of a grant on all of them', () => {
    const { analysis, helpdesk } = analysisOf(keys('*'), {
      Effect: 'Deny',
      Action: 'iam:CreateAccessKey',
      Resource: `arn:aws:iam::${ACCOUNT}:user/c*`,
    });
    expect(analysis.familyGrant(helpdesk, 'iam:CreateAccessKey', USERS).kind).toBe('mixed');
  });

  test('mixed for a policy variable: the user itself only', () => {
    const { analysis, helpdesk } = analysisOf(
      keys(`arn:aws:iam::${ACCOUNT}:user/\${aws:username}`),
    );
    expect(analysis.familyGrant(helpdesk, 'iam:CreateAccessKey', USERS).kind).toBe('mixed');
  });
});
