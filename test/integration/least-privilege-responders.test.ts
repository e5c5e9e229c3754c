import { CreateLoginProfileCommand, IAMClient } from '@aws-sdk/client-iam';
import { seedCompromisedUser } from '../bench/revoke-seed';
import { runPyjamas, type CliRun } from '../helpers/cli';
import {
  DeployedPolicies,
  synthesizeCompleteExample,
  type DeployedRolePolicy,
} from '../helpers/deployed-policy';
import { useIamEnforcedMoto, type PrincipalEnv } from '../helpers/iam-enforced-moto';
import { MOTO_UNCHECKED_ACTIONS, allowedActions, withoutAction } from '../helpers/moto-iam';
import { seedPlumbing, seedWebServer, type SeededPlumbing } from './isolate-ec2-instance.seed';

/**
 * The responders signed as their deployed Lambda roles, on a moto that checks IAM: the roles'
 * policies are read from the synthesized Terraform of the complete example, not from the
 * permission constants. Each run gets a target of its own (a new instance, a new user), so a
 * run with one action removed starts from the same state as the full run.
 *
 * The removal tables cover the actions of the mutating steps, one run each: every step is one
 * AWS call, so the step that needs the removed action is the one that must fail. Removing a read
 * action stops the run before any step (a run that cannot read its target plans nothing), which
 * the scanner tests show per API; here it would add a run per read for no new kind of evidence,
 * so the reads are proven by the full run only (they all succeed under the deployed policy).
 */
jest.setTimeout(120_000);

const moto = useIamEnforcedMoto();
let policies: DeployedPolicies;
/** The module's plumbing, evidence bucket included, under the names the configuration gives. */
let plumbing: SeededPlumbing;

type RunOutput = {
  readonly record: {
    readonly outcome: string;
    readonly steps: readonly {
      readonly id: string;
      readonly action: string;
      readonly status: string;
      readonly error?: { readonly name: string; readonly message: string };
    }[];
  };
};

function parse(run: CliRun): RunOutput {
  try {
    return JSON.parse(run.stdout) as RunOutput;
  } catch {
    throw new Error(`pyjamas printed no JSON (exit ${run.code}):\n${run.stderr}\n${run.stdout}`);
  }
}

const stepActions = (output: RunOutput) => [
  ...new Set(output.record.steps.map((step) => step.action)),
];

/** The distinct failed steps' actions and errors, as `action error`. */
const failures = (output: RunOutput) => [
  ...new Set(
    output.record.steps
      .filter((step) => step.status === 'failed')
      .map((step) => `${step.action} ${step.error?.name ?? ''}`),
  ),
];

beforeAll(async () => {
  policies = new DeployedPolicies(synthesizeCompleteExample(), {
    partition: 'aws',
    accountId: '123456789012',
    region: 'us-east-1',
  });
  plumbing = await seedPlumbing(moto, policies.bucketName('evidence-bucket'));
}, 60_000);

describe('isolate-instance signed as the deployed isolation role', () => {
  /** The mutating calls of an isolation of an Auto Scaling, load-balanced instance. */
  const STEP_ACTIONS = [
    'autoscaling:UpdateAutoScalingGroup',
    'ec2:CreateTags',
    'ec2:ModifyInstanceAttribute',
    'autoscaling:EnterStandby',
    'elasticloadbalancing:DeregisterTargets',
    'ec2:ModifyNetworkInterfaceAttribute',
    'ec2:AssociateIamInstanceProfile',
    'ec2:CreateSnapshots',
  ];
  let role: DeployedRolePolicy;
  let env: PrincipalEnv;
  let instances = 0;

  const isolate = async (caseId: string): Promise<RunOutput> => {
    instances += 1;
    const web = await seedWebServer(moto, plumbing, `web${instances}`);
    const run = await runPyjamas(
      [
        'isolate-instance',
        web.instanceId,
        '--case',
        caseId,
        '--region',
        'us-east-1',
        '--yes',
        '--output',
        'json',
      ],
      env,
    );
    return parse(run);
  };

  beforeAll(async () => {
    role = policies.rolePolicy('isolate-ec2-instance');
    env = await moto.assumeRoleWithPolicy(role.roleName, role.policyName, role.document);
  });

  afterEach(async () => {
    await moto.putRolePolicy(role.roleName, role.policyName, role.document);
  });

  test('every step succeeds with the deployed policy', async () => {
    const output = await isolate('LP-ISOLATE');
    expect(failures(output)).toEqual([]);
    expect(output.record.outcome).toBe('succeeded');
    expect(stepActions(output)).toEqual(STEP_ACTIONS);
  });

  test('the deployed policy grants iam:PassRole, which moto never checks, so no run here can show it is needed', () => {
    expect(allowedActions(role.document)).toContain('iam:PassRole');
    expect(MOTO_UNCHECKED_ACTIONS['iam:PassRole']).toMatch(/not an API call/);
  });

  test.each(STEP_ACTIONS)('without %s, its step fails with AccessDenied', async (action) => {
    await moto.putRolePolicy(role.roleName, role.policyName, withoutAction(role.document, action));
    const output = await isolate(`LP-ISOLATE-${action.replace(/[^A-Za-z]/g, '')}`);
    // Evidence steps continue on failure (degraded); containment steps stop the run (failed).
    expect(['failed', 'degraded']).toContain(output.record.outcome);
    expect(failures(output)).toEqual([`${action} AccessDenied`]);
  });
});

describe('revoke-access-key signed as the deployed revocation role', () => {
  /** The mutating calls of a revocation of a console user's key; CloudTrail is evidence. */
  const STEP_ACTIONS = [
    'iam:UpdateAccessKey',
    'iam:PutUserPolicy',
    'iam:DeleteLoginProfile',
    'iam:TagUser',
    'cloudtrail:LookupEvents',
  ];
  let role: DeployedRolePolicy;
  let env: PrincipalEnv;
  let users = 0;

  const revoke = async (caseId: string): Promise<RunOutput> => {
    users += 1;
    const user = await seedCompromisedUser(moto.client(IAMClient), `user${users}`);
    await moto
      .client(IAMClient)
      .send(new CreateLoginProfileCommand({ UserName: user.userName, Password: 'Correct-h0rse!' }));
    const run = await runPyjamas(
      [
        'revoke-access-key',
        user.compromisedKey,
        '--case',
        caseId,
        '--regions',
        'us-east-1',
        '--delete-login-profile',
        '--yes',
        '--output',
        'json',
      ],
      env,
    );
    return parse(run);
  };

  beforeAll(async () => {
    role = policies.rolePolicy('revoke-access-key');
    env = await moto.assumeRoleWithPolicy(role.roleName, role.policyName, role.document);
  });

  afterEach(async () => {
    await moto.putRolePolicy(role.roleName, role.policyName, role.document);
  });

  test('every containment step succeeds with the deployed policy; only CloudTrail, which moto lacks, fails', async () => {
    const output = await revoke('LP-REVOKE');
    // moto 5.2.1 does not implement LookupEvents: it answers HTTP 500 once IAM allowed the call.
    expect(failures(output)).toEqual(['cloudtrail:LookupEvents UnrecognizedResponse']);
    expect(output.record.outcome).toBe('degraded');
    expect(stepActions(output)).toEqual(STEP_ACTIONS);
  });

  test.each(STEP_ACTIONS.filter((action) => action !== 'cloudtrail:LookupEvents'))(
    'without %s, its step fails with AccessDenied',
    async (action) => {
      await moto.putRolePolicy(
        role.roleName,
        role.policyName,
        withoutAction(role.document, action),
      );
      const output = await revoke(`LP-REVOKE-${action.replace(/[^A-Za-z]/g, '')}`);
      expect(output.record.outcome).toBe('failed');
      expect(failures(output)).toEqual([`${action} AccessDenied`]);
    },
  );

  test('without cloudtrail:LookupEvents, the evidence step fails with AccessDenied and containment still completes', async () => {
    await moto.putRolePolicy(
      role.roleName,
      role.policyName,
      withoutAction(role.document, 'cloudtrail:LookupEvents'),
    );
    const output = await revoke('LP-REVOKE-LookupEvents');
    expect(output.record.outcome).toBe('degraded');
    expect(failures(output)).toEqual(['cloudtrail:LookupEvents AccessDeniedException']);
  });
});
