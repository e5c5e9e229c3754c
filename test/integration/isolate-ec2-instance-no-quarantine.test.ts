import {
  AssociateIamInstanceProfileCommand,
  DescribeIamInstanceProfileAssociationsCommand,
  DescribeNetworkInterfacesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  DeleteInstanceProfileCommand,
  IAMClient,
  RemoveRoleFromInstanceProfileCommand,
} from '@aws-sdk/client-iam';
import { runPyjamas } from '../helpers/cli';
import { useMotoServer } from '../helpers/moto-jest';
import { seedPlumbing, seedWebServer } from './isolate-ec2-instance.seed';

jest.setTimeout(120_000);

// The most common real case: the module is not deployed, so there is no quarantine profile.
describe('pyjamas isolate-instance without a quarantine profile', () => {
  const moto = useMotoServer({ resetBetweenTests: true });

  test('isolates the network anyway, disassociates the instance profile and says so', async () => {
    // Prepare
    const plumbing = await seedPlumbing(moto);
    const web = await seedWebServer(moto, plumbing, 'web');
    const iam = moto.client(IAMClient);
    await iam.send(
      new RemoveRoleFromInstanceProfileCommand({
        InstanceProfileName: 'pyjamas-quarantine',
        RoleName: 'pyjamas-quarantine',
      }),
    );
    await iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'pyjamas-quarantine' }));
    // moto 5.2.1 does not give an Auto Scaling instance its launch template's profile.
    await moto.client(EC2Client).send(
      new AssociateIamInstanceProfileCommand({
        InstanceId: web.instanceId,
        IamInstanceProfile: { Name: 'web-app' },
      }),
    );

    // Act
    const run = await runPyjamas(
      ['isolate-instance', web.instanceId, '--case', 'IR-88', '--region', 'us-east-1', '--yes'],
      moto.server.env,
    );

    // Assess
    expect(run.stderr).not.toMatch(/does not exist/);
    expect(run.stdout).toMatch(/done +disassociate-instance-profile/);
    expect(run.stdout).toMatch(/No quarantine instance profile in the account .* disassociated/);
    const interfaces = await moto.client(EC2Client).send(
      new DescribeNetworkInterfacesCommand({
        Filters: [{ Name: 'attachment.instance-id', Values: [web.instanceId] }],
      }),
    );
    expect(
      (interfaces.NetworkInterfaces ?? []).map((eni) => (eni.Groups ?? []).map((g) => g.GroupId)),
    ).toEqual([[plumbing.isolationGroupId], [plumbing.isolationGroupId]]);
    const associations = await moto.client(EC2Client).send(
      new DescribeIamInstanceProfileAssociationsCommand({
        Filters: [{ Name: 'instance-id', Values: [web.instanceId] }],
      }),
    );
    expect(
      (associations.IamInstanceProfileAssociations ?? []).filter(
        (association) => association.State === 'associated',
      ),
    ).toEqual([]);
    expect(run.stdout).toMatch(/ok +no instance profile/);
    expect(run.code).toBe(0);
  });
});
