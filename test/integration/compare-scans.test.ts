import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import type { Variance } from '../../scanner/diff/variance';
import { runPyjamas } from '../helpers/cli';
import { useMotoServer } from '../helpers/moto-jest';

jest.setTimeout(120_000);

const CHECK = 'ec2_securitygroup_no_ipv4_internet_ingress_to_admin_ports';
const open = (port: number) => [
  { IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
];

describe('pyjamas compare-scans on two scans of moto with a change in between', () => {
  const moto = useMotoServer();
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pyjamas-compare-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  const scan = (name: string) =>
    runPyjamas(
      [
        'scan',
        '--regions',
        'us-east-1',
        '--checks',
        `${CHECK},vpc_flow_logs_enabled`,
        '--output',
        'json',
        '--output-file',
        join(dir, name),
      ],
      moto.server.env,
    );

  test('lists the new failures, the regressions among them, and nothing that was already failing', async () => {
    const ec2 = moto.client(EC2Client, 'us-east-1');
    const { Vpcs = [] } = await ec2.send(new DescribeVpcsCommand({}));
    const VpcId = Vpcs[0]?.VpcId;
    const group = async (GroupName: string) =>
      (await ec2.send(new CreateSecurityGroupCommand({ GroupName, Description: GroupName, VpcId })))
        .GroupId ?? '';
    const alreadyOpen = await group('already-open');
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: alreadyOpen, IpPermissions: open(22) }),
    );
    const closed = await group('closed');
    await scan('before.json');

    // Between the scans: a closed group is opened to RDP, and a new group arrives open to SSH.
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: closed, IpPermissions: open(3389) }),
    );
    const arrived = await group('arrived-open');
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: arrived, IpPermissions: open(22) }),
    );
    await scan('after.json');

    const json = await runPyjamas(
      ['compare-scans', join(dir, 'before.json'), join(dir, 'after.json'), '--output', 'json'],
      moto.server.env,
    );
    expect(json.stderr).toBe('');
    expect(json.code).toBe(1);
    const variance = JSON.parse(json.stdout) as Variance;
    expect(
      variance.newFailures.map((change) => `${change.checkId} ${change.resourceId}`).sort(),
    ).toEqual([`${CHECK} ${arrived}`, `${CHECK} ${closed}`].sort());
    expect(
      variance.regressed.map((change) => [change.resourceId, change.before, change.after]),
    ).toEqual([[closed, 'PASS', 'FAIL']]);
    expect(variance.counts['still-failing']).toBeGreaterThanOrEqual(1);
    expect(variance.newFailures.map((change) => change.resourceId)).not.toContain(alreadyOpen);
    const cis = variance.compliance.find((framework) => framework.framework === 'cis-aws-7.0');
    expect(cis).toMatchObject({ regressed: [], improved: [] });

    const text = await runPyjamas(
      ['compare-scans', join(dir, 'before.json'), join(dir, 'after.json')],
      moto.server.env,
    );
    expect(text.stdout).toMatch(/2 new \(1 passed before\)/);
    expect(text.stdout).toMatch(
      new RegExp(`Regressed \\(passed before\\)\\n.*${CHECK}.*${closed}`),
    );
  });
});
