import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteBucketPolicyCommand,
  DeleteObjectsCommand,
  ListBucketsCommand,
  ListObjectVersionsCommand,
  PutBucketLoggingCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  CloudTrailClient,
  GetTrailStatusCommand,
  StopLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  AuthorizeSecurityGroupIngressCommand,
  DeleteFlowLogsCommand,
  DescribeFlowLogsCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  ConfigServiceClient,
  DescribeConfigRulesCommand,
  DescribeConfigurationRecorderStatusCommand,
} from '@aws-sdk/client-config-service';
import {
  GetFunctionConfigurationCommand,
  GetFunctionEventInvokeConfigCommand,
  LambdaClient,
} from '@aws-sdk/client-lambda';
import {
  GetDetectorCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  UpdateDetectorCommand,
} from '@aws-sdk/client-guardduty';
import { CompleteStack, EMULATOR_GAPS, type CompleteRegion } from '../../examples/complete/stack';
import { PYJAMAS_IR_READINESS } from '../../scanner/compliance/pyjamas-ir-readiness';
import type { DriftReport } from '../../scanner/drift/format';
import type { ScanReport } from '../../scanner/report/report';
import { AWS_PROVIDER_VERSION, synthesizeStack } from '../../examples/terraform-stack';
import { runPyjamas } from '../helpers/cli';
import { useMotoServer } from '../helpers/moto-jest';
import {
  offlineTerraformEnv,
  TerraformWorkspace,
  writeOfflineCliConfig,
} from '../../lib/terraform/workspace';

/** Two regions, each with moto's default VPC: the multi-region path is exercised end to end. */
const REGIONS: CompleteRegion[] = [
  { region: 'us-east-1', defaultVpc: true },
  { region: 'eu-west-1', defaultVpc: true },
];

describe('the complete example deployed to moto', () => {
  const moto = useMotoServer();
  const work = mkdtempSync(join(tmpdir(), 'pyjamas-module-'));
  let workspace: TerraformWorkspace;

  /** Writes the stack's Terraform JSON; the same folder and state file every time. */
  function synthesize(preventDestroy: boolean): string {
    return synthesizeStack(
      join(work, 'cdktf.out'),
      (app) =>
        new CompleteStack(app, 'pyjamas-complete', {
          regions: REGIONS,
          emulatorEndpoint: moto.server.endpoint,
          preventDestroy,
          localStatePath: join(work, 'terraform.tfstate'),
        }),
    );
  }

  beforeAll(() => {
    const folder = synthesize(true);
    workspace = new TerraformWorkspace(
      folder,
      offlineTerraformEnv(writeOfflineCliConfig(work, AWS_PROVIDER_VERSION), moto.server.env),
    );
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /**
   * Scans both regions into `name` with settings that turn the unauthorized-resources controls
   * on, so the readiness framework is judged whole.
   */
  async function scan(name: string): Promise<ScanReport> {
    const settings = join(work, 'settings.json');
    writeFileSync(
      settings,
      JSON.stringify({
        createdSince: '2026-01-01T00:00:00Z',
        expectedCreators: ['arn:aws:iam::123456789012:user/terraform'],
      }),
    );
    const reportPath = join(work, name);
    const run = await runPyjamas(
      [
        'scan',
        '--regions',
        REGIONS.map(({ region }) => region).join(','),
        '--config',
        settings,
        '--output',
        'json',
        '--output-file',
        reportPath,
      ],
      moto.server.env,
    );
    expect(run.stderr).toMatch(/Report written to/);
    return JSON.parse(readFileSync(reportPath, 'utf8')) as ScanReport;
  }
  /** The clean scan, compared with the one after tampering. */
  let clean: ScanReport;

  test('initialises from the offline provider mirror and validates', async () => {
    await workspace.init();
    await workspace.validate();
  }, 180_000);

  test('applies every resource moto supports, in both regions', async () => {
    await workspace.apply();
    const types = (await workspace.stateAddresses()).map((address) => address.split('.')[0]);
    const count = (type: string) => types.filter((candidate) => candidate === type).length;
    expect({
      trails: count('aws_cloudtrail'),
      buckets: count('aws_s3_bucket'),
      metricAlarms: count('aws_cloudwatch_metric_alarm'),
      instanceProfiles: count('aws_iam_instance_profile'),
      guardDutyDetectors: count('aws_guardduty_detector'),
      configRecorders: count('aws_config_configuration_recorder_status'),
      flowLogs: count('aws_flow_log'),
      securityGroups: count('aws_security_group'),
      functions: count('aws_lambda_function'),
      onFailureQueues: count('aws_lambda_function_event_invoke_config'),
      deadLetterQueues: count('aws_sqs_queue'),
      eventRules: count('aws_cloudwatch_event_rule'),
      configRules: count('aws_config_config_rule'),
      documents: count('aws_ssm_document'),
      topics: count('aws_sns_topic'),
    }).toEqual({
      trails: 1,
      // evidence and Config buckets, each with its access log bucket
      buckets: 4,
      // 15 CIS alarms, an error alarm per function, a dead-letter alarm per region
      metricAlarms: 29,
      instanceProfiles: 2,
      guardDutyDetectors: 2,
      configRecorders: 2,
      flowLogs: 2,
      securityGroups: 6,
      // per region 4 responders and the quarantine rule's evaluator; the key rule's evaluator and the scan at home
      functions: 12,
      onFailureQueues: 8,
      deadLetterQueues: 2,
      eventRules: 5,
      configRules: 3,
      documents: 3,
      topics: 2,
    });
    for (const gap of EMULATOR_GAPS) expect(types).not.toContain(gap.resource);
  }, 600_000);

  test('plans no changes right after the apply', async () => {
    const plan = await workspace.plan();
    if (!plan.noChanges)
      throw new Error(`the second plan wants changes:\n${plan.output.slice(-8000)}`);
  }, 240_000);

  test('leaves the trail logging, and GuardDuty and Config running in every region', async () => {
    const outputs = await workspace.outputs();
    const trail = await moto
      .client(CloudTrailClient)
      .send(new GetTrailStatusCommand({ Name: String(outputs.trail_arn) }));
    expect(trail.IsLogging).toBe(true);
    for (const { region } of REGIONS) {
      const guardDuty = moto.client(GuardDutyClient, region);
      const [detectorId] = (await guardDuty.send(new ListDetectorsCommand({}))).DetectorIds ?? [];
      expect(
        (await guardDuty.send(new GetDetectorCommand({ DetectorId: detectorId }))).Status,
      ).toBe('ENABLED');
      const recorders = await moto
        .client(ConfigServiceClient, region)
        .send(new DescribeConfigurationRecorderStatusCommand({}));
      expect(recorders.ConfigurationRecordersStatus?.map((recorder) => recorder.recording)).toEqual(
        [true],
      );
    }
  });

  test('deploys the responders dry-run in every region, telling the home topic, with failures queued and the Config rules judging', async () => {
    const outputs = await workspace.outputs();
    const europe = moto.client(LambdaClient, 'eu-west-1');
    const isolation = await europe.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'pyjamas-isolate-guardduty' }),
    );
    expect(isolation).toMatchObject({ Runtime: 'nodejs22.x', Handler: 'index.guardDutyHandler' });
    expect(isolation.Environment?.Variables).toMatchObject({
      PYJAMAS_ENFORCE: 'false',
      PYJAMAS_NOTIFY_TOPIC_ARN: outputs.alarm_topic_arn,
      PYJAMAS_EVIDENCE_BUCKET: outputs.evidence_bucket_name,
    });
    const onFailure = await europe.send(
      new GetFunctionEventInvokeConfigCommand({ FunctionName: 'pyjamas-isolate-guardduty' }),
    );
    expect(onFailure.DestinationConfig?.OnFailure?.Destination).toBe(
      'arn:aws:sqs:eu-west-1:123456789012:pyjamas-response-dlq',
    );
    const rules = await moto.client(ConfigServiceClient).send(new DescribeConfigRulesCommand({}));
    expect(
      rules.ConfigRules?.map((rule) => `${rule.ConfigRuleName} ${rule.Source?.Owner}`).sort(),
    ).toEqual([
      'pyjamas-compromised-key-inactive CUSTOM_LAMBDA',
      'pyjamas-quarantined-instance-isolated CUSTOM_LAMBDA',
    ]);
  });

  test('satisfies the scanner: trail, GuardDuty, flow logs, Config, the evidence bucket and the isolation groups pass', async () => {
    const report = await scan('report.json');
    clean = report;
    const plumbingChecks = [
      'cloudtrail_multi_region_enabled',
      'cloudtrail_log_file_validation_enabled',
      'cloudtrail_kms_encryption_enabled',
      'cloudtrail_logs_s3_bucket_access_logging_enabled',
      'guardduty_is_enabled',
      'vpc_flow_logs_enabled',
      'config_recorder_all_regions_enabled',
      'readiness_evidence_bucket_present',
      'readiness_evidence_bucket_object_lock_compliance',
      'readiness_evidence_bucket_policy_protects_evidence',
      'readiness_evidence_bucket_versioning_enabled',
      'readiness_evidence_bucket_kms_encrypted',
      'readiness_isolation_security_groups_present',
    ];
    const judged = report.findings.filter((finding) => plumbingChecks.includes(finding.checkId));
    expect(
      judged
        .filter((finding) => finding.status !== 'PASS')
        .map(
          (finding) => `${finding.checkId} ${finding.region} ${finding.status}: ${finding.message}`,
        ),
    ).toEqual([]);
    expect(new Set(judged.map((finding) => finding.checkId))).toEqual(new Set(plumbingChecks));
    // MFA delete can only be turned on by the root user with its MFA device, never by Terraform:
    // no module can satisfy that control, and the scan rightly fails it.
    const buckets = report.findings.filter(
      (finding) =>
        finding.checkId.startsWith('s3_bucket_') && finding.checkId !== 's3_bucket_no_mfa_delete',
    );
    // At least the evidence and access-log buckets were judged, so the claim below is not empty.
    expect(new Set(buckets.map((finding) => finding.resourceId)).size).toBeGreaterThanOrEqual(2);
    expect(
      buckets
        .filter((finding) => finding.status !== 'PASS')
        .map((finding) => `${finding.checkId} ${finding.resourceId}: ${finding.message}`),
    ).toEqual([]);
  }, 120_000);

  test('finds exactly what was changed behind its back: pyjamas drift and the scanner both', async () => {
    const quiet = await runPyjamas(['drift', '--stack', workspace.folder], workspace.env);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toMatch(/^No drift: every resource/);
    expect(quiet.code).toBe(0);

    // An attacker's first moves: open the isolation group, stop the trail, delete a flow log,
    // turn GuardDuty off.
    const ec2 = moto.client(EC2Client, 'us-east-1');
    const { SecurityGroups: isolation = [] } = await ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [{ Name: 'tag:pyjamas:component', Values: ['isolation-security-group'] }],
      }),
    );
    expect(isolation).toHaveLength(1);
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: isolation[0]?.GroupId,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
        ],
      }),
    );
    const outputs = await workspace.outputs();
    await moto
      .client(CloudTrailClient)
      .send(new StopLoggingCommand({ Name: String(outputs.trail_arn) }));
    const { FlowLogs: flowLogs = [] } = await ec2.send(new DescribeFlowLogsCommand({}));
    expect(flowLogs.length).toBeGreaterThan(0);
    await ec2.send(new DeleteFlowLogsCommand({ FlowLogIds: [flowLogs[0]?.FlowLogId ?? ''] }));
    const guardDuty = moto.client(GuardDutyClient, 'us-east-1');
    const [detectorId] = (await guardDuty.send(new ListDetectorsCommand({}))).DetectorIds ?? [];
    await guardDuty.send(new UpdateDetectorCommand({ DetectorId: detectorId, Enable: false }));

    const drift = await runPyjamas(
      ['drift', '--stack', workspace.folder, '--output', 'json'],
      workspace.env,
    );
    expect(drift.code).toBe(1);
    const report = JSON.parse(drift.stdout) as DriftReport;
    const summary = report.drifted
      .map(
        (resource) =>
          `${resource.type} ${resource.region ?? '?'} ${resource.change} ${resource.attributes.map((attribute) => attribute.path).join(',')}`,
      )
      .sort();
    expect(summary).toEqual([
      'aws_cloudtrail us-east-1 changed enable_logging',
      'aws_flow_log us-east-1 deleted ',
      'aws_guardduty_detector us-east-1 changed enable',
      'aws_security_group us-east-1 changed ingress',
    ]);
    // moto has no LookupEvents: nobody can be named, and the report says why.
    for (const resource of report.drifted) {
      expect(resource.who).toEqual({
        unknown: expect.stringMatching(/^CloudTrail LookupEvents unavailable in us-east-1/),
      });
    }
    const console = await runPyjamas(['drift', '--stack', workspace.folder], workspace.env);
    expect(console.stdout).toMatch(/4 resources of .* drifted/);
    expect(console.stdout).toMatch(/who: unknown \(CloudTrail LookupEvents unavailable/);

    // The readiness framework, judged from the live account as the scheduled scan does: the
    // findings that fail now and did not before are the four changes and nothing else. The
    // stopped trail was the one multi-region trail, so it leaves both regions unlogged (two
    // findings, one change).
    const tampered = await scan('tampered.json');
    const readiness = new Set(PYJAMAS_IR_READINESS.controls.flatMap((control) => control.checks));
    const key = (finding: ScanReport['findings'][number]) =>
      `${finding.checkId} ${finding.region} ${finding.resourceId}`;
    const bad = (finding: ScanReport['findings'][number]) =>
      finding.status === 'FAIL' || finding.status === 'ERROR';
    const badBefore = new Set(clean.findings.filter(bad).map(key));
    const newlyFailing = tampered.findings
      .filter(
        (finding) => readiness.has(finding.checkId) && bad(finding) && !badBefore.has(key(finding)),
      )
      .map((finding) => `${finding.status} ${key(finding)}`)
      .sort();
    const vpc = flowLogs[0]?.ResourceId ?? '';
    const isolatedVpc = isolation[0]?.VpcId ?? '';
    expect(newlyFailing).toEqual(
      [
        `FAIL guardduty_is_enabled us-east-1 ${detectorId}`,
        `FAIL readiness_isolation_security_groups_present us-east-1 ${isolatedVpc}`,
        'FAIL readiness_trail_logging_with_validation eu-west-1 123456789012',
        'FAIL readiness_trail_logging_with_validation us-east-1 123456789012',
        `FAIL vpc_flow_logs_enabled us-east-1 ${vpc}`,
      ].sort(),
    );
    // moto has no LookupEvents: who created what since createdSince cannot be judged, and says so.
    const creators = tampered.findings.filter(
      (finding) => finding.checkId === 'cloudtrail_new_resources_by_expected_creators',
    );
    expect(creators.map((finding) => `${finding.region} ${finding.status}`).sort()).toEqual([
      'eu-west-1 ERROR',
      'global ERROR',
      'us-east-1 ERROR',
    ]);
    for (const finding of creators)
      expect(finding.message).toMatch(/^CloudTrail LookupEvents unavailable in /);
  }, 300_000);

  test('destroys everything once preventDestroy is relaxed', async () => {
    synthesize(false);
    // moto writes real server access logs into the log bucket, and S3 deletes only empty buckets.
    await emptyBuckets(moto.client(S3Client));
    await workspace.destroy();
    expect(await workspace.stateAddresses()).toEqual([]);
  }, 300_000);
});

/**
 * Turns access logging off, so that terraform's own reads during destroy add no new log objects,
 * and deletes every object version. The bucket policies go first: they deny object requests
 * without TLS, which moto enforces, and its endpoint is plain HTTP.
 */
async function emptyBuckets(s3: S3Client): Promise<void> {
  const buckets = (await s3.send(new ListBucketsCommand({}))).Buckets ?? [];
  for (const bucket of buckets) {
    await s3.send(new PutBucketLoggingCommand({ Bucket: bucket.Name, BucketLoggingStatus: {} }));
    await s3.send(new DeleteBucketPolicyCommand({ Bucket: bucket.Name }));
  }
  for (const bucket of buckets) {
    for (;;) {
      const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket.Name }));
      const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map(
        ({ Key, VersionId }) => ({ Key, VersionId }),
      );
      if (objects.length === 0) break;
      const { Errors } = await s3.send(
        new DeleteObjectsCommand({ Bucket: bucket.Name, Delete: { Objects: objects } }),
      );
      if (Errors?.length)
        throw new Error(`cannot empty ${bucket.Name}: ${JSON.stringify(Errors.slice(0, 3))}`);
    }
  }
}
