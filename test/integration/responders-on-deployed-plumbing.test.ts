import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateSecurityGroupCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  ListAccessKeysCommand,
} from '@aws-sdk/client-iam';
import { CompleteStack } from '../../examples/complete/stack';
import { AWS_PROVIDER_VERSION, synthesizeStack } from '../../examples/terraform-stack';
import { runPyjamas } from '../helpers/cli';
import { useMotoServer } from '../helpers/moto-jest';
import {
  offlineTerraformEnv,
  TerraformWorkspace,
  writeOfflineCliConfig,
} from '../../lib/terraform/workspace';

// The responders against the plumbing the module deploys, not plumbing seeded by hand.
//
// Emulator gap, kept honest rather than worked around: moto 5.2.1 evaluates a bucket policy
// without any request context (moto/s3/models.py get_permission passes no condition values to
// moto/iam/access_control.py), and a statement whose condition it cannot evaluate counts as a
// denial. The evidence bucket's DenyInsecureTransport and DenyCaseEvidenceOverwrites statements
// therefore refuse every PutObject under cases/ on moto, over HTTP and over HTTPS alike (a Deny
// conditioned on aws:SecureTransport=true refuses plain HTTP there too), so serving moto over
// TLS would not change the outcome. On AWS the same requests (TLS, If-None-Match) are allowed.
// What this test proves on moto is the path the issue reproduced: the deployed bucket refuses
// the record, containment still completes, the record is kept in the local case folder, the
// output says so first with the AWS code, and the exit code says degraded (1), not "could not
// run" (2).
describe('the responders against the complete example deployed to moto', () => {
  const moto = useMotoServer();
  const work = mkdtempSync(join(tmpdir(), 'pyjamas-deployed-'));
  const cli = (args: string[]) => runPyjamas(args, moto.server.env, undefined, work);

  beforeAll(async () => {
    const folder = synthesizeStack(
      join(work, 'cdktf.out'),
      (app) =>
        new CompleteStack(app, 'pyjamas-complete', {
          regions: [{ region: 'us-east-1', defaultVpc: true }],
          emulatorEndpoint: moto.server.endpoint,
          preventDestroy: false,
          localStatePath: join(work, 'terraform.tfstate'),
        }),
    );
    const workspace = new TerraformWorkspace(
      folder,
      offlineTerraformEnv(writeOfflineCliConfig(work, AWS_PROVIDER_VERSION), moto.server.env),
    );
    await workspace.init();
    await workspace.apply();
  }, 600_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('isolate-instance contains the instance and keeps the record the bucket refused', async () => {
    const ec2 = moto.client(EC2Client);
    const subnet = (
      await ec2.send(
        new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }),
      )
    ).Subnets?.[0];
    const workload = await ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: 'web',
        Description: 'web',
        VpcId: subnet?.VpcId,
      }),
    );
    const launched = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12345678',
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        NetworkInterfaces: [
          {
            DeviceIndex: 0,
            SubnetId: subnet?.SubnetId,
            Groups: [workload.GroupId as string],
          },
        ],
      }),
    );
    const instanceId = launched.Instances?.[0]?.InstanceId as string;

    const run = await cli([
      'isolate-instance',
      instanceId,
      '--case',
      'IR-77',
      '--region',
      'us-east-1',
      '--yes',
    ]);

    expect(run.stderr).not.toMatch(/unexpected error/);
    expect(run.stderr).toMatch(
      /^pyjamas: EVIDENCE: s3:\/\/pyjamas-evidence-\S+ refused cases\/IR-77\/runs\/\S+\/run-start\.json \(s3:PutObject in us-east-1 answered AccessDenied/m,
    );
    const outcome = run.stdout.slice(run.stdout.indexOf('EVIDENCE'));
    expect(outcome).toMatch(
      /^EVIDENCE NOT IN THE EVIDENCE BUCKET: it is kept in file:\/\/pyjamas-evidence instead\.\n/,
    );
    expect(outcome).toMatch(/\nOutcome: degraded/);
    expect(run.code).toBe(1);
    const isolation = await ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: 'tag:pyjamas:component', Values: ['isolation-security-group'] },
          { Name: 'vpc-id', Values: [subnet?.VpcId as string] },
        ],
      }),
    );
    const interfaces = await ec2.send(
      new DescribeNetworkInterfacesCommand({
        Filters: [{ Name: 'attachment.instance-id', Values: [instanceId] }],
      }),
    );
    expect(
      interfaces.NetworkInterfaces?.map((eni) => eni.Groups?.map((group) => group.GroupId)),
    ).toEqual([[isolation.SecurityGroups?.[0]?.GroupId]]);
    const local = await cli(['evidence', 'verify', '--case', 'IR-77', '--no-evidence-bucket']);
    expect(local.stdout).toContain('Every SHA-256 matches and the manifest chain is intact.');
    expect(local.code).toBe(0);
  }, 180_000);

  test('revoke-access-key deactivates the key and keeps the record the bucket refused', async () => {
    const iam = moto.client(IAMClient);
    await iam.send(new CreateUserCommand({ UserName: 'mallory' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'mallory' }))).AccessKey
      ?.AccessKeyId as string;

    const run = await cli([
      'revoke-access-key',
      key,
      '--case',
      'IR-78',
      '--region',
      'us-east-1',
      '--regions',
      'us-east-1',
      '--yes',
    ]);

    expect(run.stderr).not.toMatch(/unexpected error/);
    expect(run.stdout).toMatch(/^EVIDENCE NOT IN THE EVIDENCE BUCKET/m);
    expect(run.code).toBe(1);
    const keys = await iam.send(new ListAccessKeysCommand({ UserName: 'mallory' }));
    expect(keys.AccessKeyMetadata?.map((metadata) => metadata.Status)).toEqual(['Inactive']);
    const local = await cli(['evidence', 'verify', '--case', 'IR-78', '--no-evidence-bucket']);
    expect(local.code).toBe(0);
  }, 180_000);
});
