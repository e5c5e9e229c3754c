import {
  AttachVolumeCommand,
  CreateSecurityGroupCommand,
  CreateVolumeCommand,
  DescribeNetworkInterfacesCommand,
  DescribeVolumesCommand,
  EC2Client,
  ModifyNetworkInterfaceAttributeCommand,
} from '@aws-sdk/client-ec2';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SSMClient, SendCommandCommand } from '@aws-sdk/client-ssm';
import { createHash } from 'node:crypto';
import { AwsClients } from '../../lib/aws/clients';
import { fixedClock } from '../../lib/clock';
import { PLUMBING_COMPONENTS, PLUMBING_TAG_KEY } from '../../lib/plumbing-tags';
import { appendManifest } from '../../responders/core/custody-chain';
import { S3EvidenceStore } from '../../responders/core/evidence';
import type { StepRecord } from '../../responders/core/step';
import { partListKey } from '../../responders/isolate-ec2-instance/memory';
import { memoryCaptureComment } from '../../responders/isolate-ec2-instance/memory-steps';
import { runPyjamas } from '../helpers/cli';
import { useMotoServer } from '../helpers/moto-jest';
import { seedPlumbing, seedWebServer } from './isolate-ec2-instance.seed';

const CASE = 'IR-60';

interface JsonRun {
  readonly plan: { readonly steps: readonly { readonly id: string }[] };
  readonly record: {
    readonly outcome: string;
    readonly steps: readonly StepRecord[];
    readonly verification: readonly { readonly check: string; readonly ok: boolean }[];
  };
}

// What moto cannot do, and how this test stands in for it:
// - `isolate-instance --capture-memory` cannot start a capture on moto (no
//   DescribeInstanceInformation, no SSM agent), so the isolation's run record naming the scratch
//   volume and the capture command is a recorded fixture, filed in the case's chain as respond
//   files it; the volume, the interfaces' groups and the capture command itself are real moto
//   objects.
// - moto runs no Run Command script and reports every command `Success` at once: the host's side
//   (AVML's part list, the upload of each part through its grant) is played by this test.
// Everything else — records read by id, the multipart upload, the grants, the completion, the
// clean-up and the verification — goes through the CLI against moto.
describe('pyjamas forensics finish-memory-capture against moto', () => {
  const moto = useMotoServer({ resetBetweenTests: true });

  test('uploads from the recorded scratch volume, resumes after the host has uploaded, seals the image and cleans up', async () => {
    // Prepare: an isolated instance whose capture ended, as the isolation left it
    const plumbing = await seedPlumbing(moto);
    const web = await seedWebServer(moto, plumbing, 'web', {
      autoScaling: false,
      targetGroup: false,
    });
    const ec2 = moto.client(EC2Client);
    const captureGroupId = (
      await ec2.send(
        new CreateSecurityGroupCommand({
          GroupName: 'pyjamas-memory-capture',
          Description: 'HTTPS to the SSM and S3 endpoints',
          VpcId: plumbing.vpcId,
          TagSpecifications: [
            {
              ResourceType: 'security-group',
              Tags: [
                { Key: PLUMBING_TAG_KEY, Value: PLUMBING_COMPONENTS.memoryCaptureSecurityGroup },
              ],
            },
          ],
        }),
      )
    ).GroupId as string;
    const interfaces = await ec2.send(
      new DescribeNetworkInterfacesCommand({
        Filters: [{ Name: 'attachment.instance-id', Values: [web.instanceId] }],
      }),
    );
    for (const eni of interfaces.NetworkInterfaces ?? [])
      await ec2.send(
        new ModifyNetworkInterfaceAttributeCommand({
          NetworkInterfaceId: eni.NetworkInterfaceId,
          Groups: [plumbing.isolationGroupId, captureGroupId],
        }),
      );
    const scratchId = (
      await ec2.send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 1 }))
    ).VolumeId as string;
    await ec2.send(
      new AttachVolumeCommand({
        VolumeId: scratchId,
        InstanceId: web.instanceId,
        Device: '/dev/sdp',
      }),
    );
    const captureId = (
      await moto.client(SSMClient).send(
        new SendCommandCommand({
          InstanceIds: [web.instanceId],
          DocumentName: 'AWS-RunShellScript',
          Comment: memoryCaptureComment(CASE),
          Parameters: { commands: ['true'] },
        }),
      )
    ).Command?.CommandId as string;
    const aws = new AwsClients({ env: moto.server.env, maxAttempts: 2 });
    const store = new S3EvidenceStore(aws, plumbing.bucket, 'us-east-1', {
      clock: fixedClock('2026-01-31T12:00:00Z'),
      expectedOwner: '123456789012',
    });
    const done = (id: string, action: StepRecord['action'], output: object): StepRecord => ({
      id,
      action,
      region: 'us-east-1',
      reason: 'recorded',
      input: {},
      status: 'done',
      output: { ...output },
    });
    const target = {
      type: 'AwsEc2Instance',
      id: web.instanceId,
      arn: `arn:aws:ec2:us-east-1:123456789012:instance/${web.instanceId}`,
      region: 'us-east-1',
      account: '123456789012',
    };
    const record = await store.put(
      `cases/${CASE}/runs/isolation-1/run-record.json`,
      new TextEncoder().encode(
        JSON.stringify({
          responder: 'isolate-ec2-instance',
          target,
          steps: [
            done('create-memory-scratch-volume', 'ec2:CreateVolume', { VolumeId: scratchId }),
            done('start-memory-capture', 'ssm:SendCommand', { CommandId: captureId }),
          ],
        }),
      ),
      'application/json',
    );
    await appendManifest(store, {
      caseId: CASE,
      runId: 'isolation-1',
      artifacts: [record],
      clock: fixedClock('2026-01-31T12:00:00Z'),
    });
    // The host's side of phase one: the part list AVML's script files beside the image.
    const imageKey = `cases/${CASE}/memory/${web.instanceId}/20260131T120000Z.lime`;
    const parts = [Buffer.alloc(5 * 1024 * 1024, 7), Buffer.from('tail of the image')];
    const sha = (data: Buffer) => createHash('sha256').update(data).digest('base64');
    const s3 = moto.client(S3Client);
    await s3.send(
      new PutObjectCommand({
        Bucket: plumbing.bucket,
        Key: partListKey(imageKey),
        Body: `${parts.map(sha).join('\n')}\n`,
      }),
    );
    const argv = [
      'forensics',
      'finish-memory-capture',
      '--case',
      CASE,
      '--instance',
      web.instanceId,
      '--region',
      'us-east-1',
      '--yes',
      '--output',
      'json',
    ];

    // Act: moto says the upload script succeeded, but no part has arrived
    const first = await runPyjamas(argv, moto.server.env);

    // Assess: the upload was opened and granted, completing it was refused, nothing was removed
    expect(first.code).toBe(1);
    const refused = JSON.parse(first.stdout) as JsonRun;
    expect(refused.record.steps.map((step) => [step.id, step.status])).toEqual([
      ['create-memory-upload', 'done'],
      ['file-upload-grants', 'done'],
      ['send-memory-upload', 'done'],
      ['complete-memory-upload', 'failed'],
      ...(interfaces.NetworkInterfaces ?? []).map((eni) => [
        `detach-memory-capture-group-${eni.NetworkInterfaceId ?? ''}`,
        'not-run',
      ]),
      ['detach-memory-scratch-volume', 'not-run'],
      ['delete-memory-scratch-volume', 'not-run'],
    ]);
    expect(refused.record.steps[3]?.error?.message).toMatch(/S3 holds 0 parts/);

    // The host: every part through its grant, with the checksum the grant was signed with
    const grants = await (
      await s3.send(
        new GetObjectCommand({
          Bucket: plumbing.bucket,
          Key: refused.record.steps[1]?.output?.Key as string,
        }),
      )
    ).Body?.transformToString();
    for (const [number, checksum, url] of (grants ?? '')
      .trim()
      .split('\n')
      .map((line) => line.split(' '))) {
      const answer = await fetch(url as string, {
        method: 'PUT',
        headers: { 'x-amz-checksum-sha256': checksum as string },
        body: parts[Number(number) - 1],
      });
      expect(answer.status).toBe(200);
    }

    // Act again: the run resumes from the upload its own record names
    const second = await runPyjamas(argv, moto.server.env);

    // Assess: completed from the parts S3 holds, then the capture group and the scratch volume go
    expect(second.stderr).not.toMatch(/error/i);
    const sealed = JSON.parse(second.stdout) as JsonRun;
    expect(sealed.plan.steps.map((step) => step.id)).toEqual([
      'complete-memory-upload',
      ...(interfaces.NetworkInterfaces ?? []).map(
        (eni) => `detach-memory-capture-group-${eni.NetworkInterfaceId ?? ''}`,
      ),
      'detach-memory-scratch-volume',
      'delete-memory-scratch-volume',
    ]);
    const completed = sealed.record.steps[0];
    expect(completed?.output).toMatchObject({ Parts: 2, VersionId: expect.any(String) });
    const after = await ec2.send(
      new DescribeNetworkInterfacesCommand({
        Filters: [{ Name: 'attachment.instance-id', Values: [web.instanceId] }],
      }),
    );
    expect(
      (after.NetworkInterfaces ?? []).map((eni) => (eni.Groups ?? []).map((g) => g.GroupId)),
    ).toEqual((after.NetworkInterfaces ?? []).map(() => [plumbing.isolationGroupId]));
    const volumes = await ec2.send(
      new DescribeVolumesCommand({ Filters: [{ Name: 'volume-id', Values: [scratchId] }] }),
    );
    expect(volumes.Volumes ?? []).toEqual([]);
    expect(sealed.record.steps.every((step) => step.status === 'done')).toBe(true);
    expect(sealed.record.outcome).toBe('succeeded');
    // AWS answers CompleteMultipartUpload with the composite checksum S3 computed from the parts
    // it verified (`<base64>-<parts>`), which the record keeps (memory-capture/runners.test.ts).
    // moto 5.2.1 answers without a checksum and its HeadObject reports one without the `-<parts>`
    // suffix, so the check that the image is sealed (which requires that form, see
    // verify.test.ts) is the one check moto fails, and with it the exit code.
    expect(
      sealed.record.verification.filter((result) => !result.ok).map((result) => result.check),
    ).toEqual(['image sealed by S3']);
    expect(second.code).toBe(1);
  }, 180_000);
});
