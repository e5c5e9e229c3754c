import { CreateLoginProfileCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
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
 * AWS call, so the step that needs the removed action is the one that must fail; and
 * s3:PutObject, without which the run cannot file its evidence. Removing a read action stops the
 * run before any step (a run that cannot read its target plans nothing), which the scanner tests
 * show per API; here it would add a run per read (about 20 per responder) for no new kind of
 * evidence, so the reads are proven by the full runs only, where all of them succeed under the
 * deployed policy. Actions moto cannot check are in MOTO_UNCHECKED_ACTIONS with the reason.
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

/**
 * With s3:PutObject removed, the steps run but the record cannot be filed: the run must fail
 * loudly (exit code not 0, AccessDenied on stderr) and leave nothing of the case in the bucket.
 */
async function expectFilingDenied(
  role: DeployedRolePolicy,
  run: () => Promise<CliRun>,
  caseId: string,
): Promise<void> {
  await moto.putRolePolicy(
    role.roleName,
    role.policyName,
    withoutAction(role.document, 's3:PutObject'),
  );
  const result = await run();
  expect(result.code).not.toBe(0);
  expect(result.stderr).toMatch(/Access ?Denied/);
  const listed = await moto
    .client(S3Client)
    .send(new ListObjectsV2Command({ Bucket: plumbing.bucket, Prefix: `cases/${caseId}/` }));
  expect(listed.Contents ?? []).toEqual([]);
}

beforeAll(async () => {
  policies = new DeployedPolicies(synthesizeCompleteExample(), {
    partition: 'aws',
    accountId: '123456789012',
    region: 'us-east-1',
  });
  plumbing = await seedPlumbing(moto, policies.bucketName('evidence-bucket'));
}, 60_000);

describe('isolate-instance signed as the deployed isolation role', () => {
  /** The mutating calls of a hard-cut isolation of an Auto Scaling, load-balanced instance. */
  const STEP_ACTIONS = [
    'ec2:CreateTags',
    'ec2:ModifyInstanceAttribute',
    'autoscaling:DetachInstances',
    'elasticloadbalancing:DeregisterTargets',
    'ec2:ModifyNetworkInterfaceAttribute',
    'ec2:CreateNetworkAclEntry',
    'ec2:AssociateIamInstanceProfile',
    'ec2:CreateSnapshots',
  ];
  let role: DeployedRolePolicy;
  let env: PrincipalEnv;
  let instances = 0;

  const isolateRun = async (caseId: string): Promise<CliRun> => {
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
        '--nacl-hard-cut',
        '--yes',
        '--output',
        'json',
      ],
      env,
    );
    return run;
  };
  const isolate = async (caseId: string) => parse(await isolateRun(caseId));

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

  /**
   * Actions whose denial the responder answers by design rather than by stopping: leaving Auto
   * Scaling falls back to suspending the group's processes, and a denied interface move is undone
   * (proven with the fault proxy in isolate-ec2-instance-faults.test.ts). Every other mutating
   * action's removal must fail its own step.
   */
  const FALLS_BACK = new Set([
    'autoscaling:DetachInstances',
    'ec2:ModifyNetworkInterfaceAttribute',
  ]);

  test.each(STEP_ACTIONS.filter((action) => !FALLS_BACK.has(action)))(
    'without %s, its step fails with AccessDenied',
    async (action) => {
      await moto.putRolePolicy(
        role.roleName,
        role.policyName,
        withoutAction(role.document, action),
      );
      const output = await isolate(`LP-ISOLATE-${action.replace(/[^A-Za-z]/g, '')}`);
      // Evidence steps continue on failure (degraded); containment steps stop the run (failed).
      expect(['failed', 'degraded']).toContain(output.record.outcome);
      expect(failures(output)).toEqual([`${action} AccessDenied`]);
    },
  );

  test('without s3:PutObject, the run cannot file its evidence and says AccessDenied', async () => {
    await expectFilingDenied(
      role,
      () => isolateRun('LP-ISOLATE-PutObject'),
      'LP-ISOLATE-PutObject',
    );
  });
});

describe('revoke-access-key signed as the deployed revocation role', () => {
  /**
   * The mutating calls of a revocation of a console user's key that also denies a role's older
   * sessions; CloudTrail is evidence.
   */
  const STEP_ACTIONS = [
    'iam:UpdateAccessKey',
    'iam:PutUserPolicy',
    'iam:DeleteLoginProfile',
    'iam:PutRolePolicy',
    'iam:TagUser',
    'cloudtrail:LookupEvents',
  ];
  let role: DeployedRolePolicy;
  let env: PrincipalEnv;
  let users = 0;

  /**
   * Revokes a new user's key and the older sessions of `role`, by default a new role (a role
   * whose sessions are already revoked gets no new step).
   */
  const revokeRun = async (caseId: string, role?: string): Promise<CliRun> => {
    users += 1;
    const roleName = role ?? `workload-${users}`;
    if (!role)
      await moto.client(IAMClient).send(
        new CreateRoleCommand({
          RoleName: roleName,
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'ec2.amazonaws.com' },
                Action: 'sts:AssumeRole',
              },
            ],
          }),
        }),
      );
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
        '--revoke-role',
        roleName,
        '--yes',
        '--output',
        'json',
      ],
      env,
    );
    return run;
  };
  const revoke = async (caseId: string, role?: string) => parse(await revokeRun(caseId, role));

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
      expect(['failed', 'degraded']).toContain(output.record.outcome);
      expect(failures(output)).toEqual([`${action} AccessDenied`]);
    },
  );

  test("the deployed Deny keeps it off Pyjamas's own roles: revoking pyjamas-quarantine's sessions is AccessDenied", async () => {
    const output = await revoke('LP-REVOKE-OwnRole', 'pyjamas-quarantine');
    expect(output.record.outcome).toBe('failed');
    expect(failures(output)).toEqual(['iam:PutRolePolicy AccessDenied']);
  });

  test('without s3:PutObject, the run cannot file its evidence and says AccessDenied', async () => {
    await expectFilingDenied(role, () => revokeRun('LP-REVOKE-PutObject'), 'LP-REVOKE-PutObject');
  });

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
