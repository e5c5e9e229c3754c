import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Token } from 'cdktf';
import type { Construct } from 'constructs';
import { parseScanSettings, resolveScanConfig } from '../../scanner/scan-config';
import { resourcesOfType, synthScope } from '../../test/helpers/cdktf-jest';
import {
  IncidentResponsePlumbing,
  type IncidentResponsePlumbingProps,
  type PlumbingRegion,
} from './incident-response-plumbing';

const VPC_A = 'vpc-0aaaaaaaaaaaaaaaa';
const VPC_B = 'vpc-0bbbbbbbbbbbbbbbb';

type RegionsBuilder = (scope: Construct) => PlumbingRegion[];

function twoRegions(scope: Construct): PlumbingRegion[] {
  new AwsProvider(scope, 'aws', { region: 'us-east-1' });
  const europe = new AwsProvider(scope, 'aws-eu-west-1', {
    region: 'eu-west-1',
    alias: 'eu-west-1',
  });
  return [
    { region: 'us-east-1', vpcs: [{ vpcId: VPC_A }] },
    { region: 'eu-west-1', provider: europe, vpcs: [{ vpcId: VPC_B, name: 'shared' }] },
  ];
}

function synthPlumbing(
  props: Partial<IncidentResponsePlumbingProps> = {},
  regions: RegionsBuilder = twoRegions,
): string {
  return synthScope(
    (scope) =>
      new IncidentResponsePlumbing(scope, 'plumbing', { regions: regions(scope), ...props }),
  );
}

/** Terraform addresses of one resource type without cdktf's hash suffix. */
function addresses(synthesized: string, type: string): string[] {
  const document = JSON.parse(synthesized) as { resource: Record<string, Record<string, unknown>> };
  return Object.keys(document.resource[type] ?? {})
    .map((address) => address.replace(/_[0-9A-F]{8}$/, ''))
    .sort();
}

describe('IncidentResponsePlumbing', () => {
  test('creates the account-wide parts once, with the default provider of the home region', () => {
    const synthesized = synthPlumbing();
    expect(addresses(synthesized, 'aws_cloudtrail')).toEqual(['plumbing_trail']);
    expect(addresses(synthesized, 'aws_s3_bucket')).toEqual([
      'plumbing_config-bucket',
      'plumbing_config-bucket_access-logs_bucket',
      'plumbing_evidence_access-logs_bucket',
      'plumbing_evidence_bucket',
    ]);
    expect(addresses(synthesized, 'aws_iam_instance_profile')).toEqual([
      'plumbing_forensic-profile_instance-profile',
      'plumbing_quarantine-profile_instance-profile',
    ]);
    for (const type of ['aws_cloudtrail', 'aws_s3_bucket', 'aws_iam_instance_profile']) {
      for (const resource of resourcesOfType(synthesized, type))
        expect(resource.provider).toBeUndefined();
    }
  });

  test('gives every region a GuardDuty detector and a Config recorder under its own provider', () => {
    const synthesized = synthPlumbing();
    expect(addresses(synthesized, 'aws_guardduty_detector')).toEqual([
      'plumbing_eu-west-1_guardduty_detector',
      'plumbing_us-east-1_guardduty_detector',
    ]);
    expect(addresses(synthesized, 'aws_config_configuration_recorder')).toEqual([
      'plumbing_eu-west-1_config_recorder',
      'plumbing_us-east-1_config_recorder',
    ]);
    expect(
      resourcesOfType(synthesized, 'aws_guardduty_detector')
        .map((detector) => String(detector.provider))
        .sort(),
    ).toEqual(['aws.eu-west-1', 'undefined']);
  });

  test('records global resources in the home region only, with one Config role for all regions', () => {
    const synthesized = synthPlumbing({ homeRegion: 'eu-west-1' });
    const recorders = resourcesOfType(synthesized, 'aws_config_configuration_recorder');
    const global = recorders.map(
      (recorder) =>
        `${String(recorder.provider)}: ${String((recorder.recording_group as { include_global_resource_types: boolean }).include_global_resource_types)}`,
    );
    expect(global.sort()).toEqual(['aws.eu-west-1: true', 'undefined: false']);
    expect(addresses(synthesized, 'aws_iam_role')).toContain('plumbing_eu-west-1_config_role');
    expect(
      addresses(synthesized, 'aws_iam_role').filter((address) => address.endsWith('config_role')),
    ).toHaveLength(1);
  });

  test('puts the account-wide parts on the home region provider', () => {
    const synthesized = synthPlumbing({ homeRegion: 'eu-west-1' });
    expect(resourcesOfType(synthesized, 'aws_cloudtrail')[0]?.provider).toBe('aws.eu-west-1');
  });

  test('gives every VPC isolation, untrack and forensic groups and a flow log, named after the VPC', () => {
    const synthesized = synthPlumbing();
    expect(addresses(synthesized, 'aws_security_group')).toEqual([
      'plumbing_eu-west-1_vpcs_shared_forensic_group',
      'plumbing_eu-west-1_vpcs_shared_isolation',
      'plumbing_eu-west-1_vpcs_shared_isolation_untrack',
      `plumbing_us-east-1_vpcs_${VPC_A}_forensic_group`,
      `plumbing_us-east-1_vpcs_${VPC_A}_isolation`,
      `plumbing_us-east-1_vpcs_${VPC_A}_isolation_untrack`,
    ]);
    expect(
      resourcesOfType(synthesized, 'aws_flow_log')
        .map((flowLog) => flowLog.vpc_id)
        .sort(),
    ).toEqual([VPC_A, VPC_B]);
  });

  test('sends trail, flow logs and GuardDuty findings of every region to the one evidence bucket, and Config to a bucket of its own without Object Lock', () => {
    const synthesized = synthPlumbing();
    const evidenceBucket = /^\$\{aws_s3_bucket\.plumbing_evidence_bucket_\w+\.(bucket|arn)\}$/;
    expect(resourcesOfType(synthesized, 'aws_cloudtrail')[0]?.s3_bucket_name).toMatch(
      evidenceBucket,
    );
    for (const flowLog of resourcesOfType(synthesized, 'aws_flow_log'))
      expect(flowLog.log_destination).toMatch(evidenceBucket);
    const configBucket = /^\$\{aws_s3_bucket\.plumbing_config-bucket_\w+\.bucket\}$/;
    const channels = resourcesOfType(synthesized, 'aws_config_delivery_channel');
    expect(channels).toHaveLength(2);
    for (const channel of channels) expect(channel.s3_bucket_name).toMatch(configBucket);
    const [configBucketResource] = resourcesOfType(synthesized, 'aws_s3_bucket').filter(
      (bucket) => bucket.bucket_prefix === 'pyjamas-config-',
    );
    expect(configBucketResource?.object_lock_enabled).toBeUndefined();
    const exports = resourcesOfType(synthesized, 'aws_guardduty_publishing_destination');
    expect(exports).toHaveLength(2);
    for (const destination of exports) expect(destination.destination_arn).toMatch(evidenceBucket);
  });

  test('exposes the ids responders need for each region and VPC', () => {
    synthScope((scope) => {
      const plumbing = new IncidentResponsePlumbing(scope, 'plumbing', {
        regions: twoRegions(scope),
      });
      expect(Object.keys(plumbing.regions)).toEqual(['us-east-1', 'eu-west-1']);
      expect(Object.keys(plumbing.regions['eu-west-1']?.vpcs ?? {})).toEqual(['shared']);
      expect(plumbing.regions['us-east-1']?.vpcs[VPC_A]).toEqual({
        vpcId: VPC_A,
        isolationGroupId: expect.any(String),
        untrackGroupId: expect.any(String),
        memoryCaptureGroupId: undefined,
        forensicGroupId: expect.any(String),
        flowLogId: expect.any(String),
      });
      expect(plumbing.evidence).toBe(plumbing.evidenceBucket);
    });
  });

  test('delivers to an existing evidence store instead of creating one', () => {
    const synthesized = synthPlumbing({
      evidenceDestination: {
        bucketName: 'central-evidence',
        bucketArn: 'arn:aws:s3:::central-evidence',
        kmsKeyArn: 'arn:aws:kms:us-east-1:999999999999:key/1',
        deliveryDependencies: [],
      },
    });
    expect(
      resourcesOfType(synthesized, 'aws_s3_bucket').map((bucket) => bucket.bucket_prefix),
    ).toEqual(['pyjamas-config-', 'pyjamas-config-access-logs-']);
    expect(resourcesOfType(synthesized, 'aws_cloudtrail')[0]).toMatchObject({
      s3_bucket_name: 'central-evidence',
      kms_key_id: 'arn:aws:kms:us-east-1:999999999999:key/1',
    });
  });

  test('leaves Config out when another tool records', () => {
    const synthesized = synthPlumbing({ config: { mode: 'off' }, automaticResponse: undefined });
    expect(resourcesOfType(synthesized, 'aws_config_configuration_recorder')).toEqual([]);
    expect(resourcesOfType(synthesized, 'aws_config_delivery_channel')).toEqual([]);
  });

  test('adopts the existing detector and recorder of every region without creating one', () => {
    const synthesized = synthPlumbing({
      guardDuty: { mode: 'adopt' },
      config: { mode: 'adopt', recorderName: 'aws-controltower-BaselineConfigRecorder' },
      automaticResponse: {},
    });
    for (const type of [
      'aws_guardduty_detector',
      'aws_guardduty_detector_feature',
      'aws_config_configuration_recorder',
      'aws_config_delivery_channel',
    ])
      expect(resourcesOfType(synthesized, type)).toEqual([]);
    const detectors = (
      JSON.parse(synthesized) as { data: { aws_guardduty_detector: Record<string, unknown> } }
    ).data.aws_guardduty_detector;
    expect(Object.keys(detectors)).toHaveLength(2);
    const exports = resourcesOfType(synthesized, 'aws_guardduty_publishing_destination');
    expect(exports.map((destination) => destination.detector_id)).toEqual([
      expect.stringMatching(/^\$\{data\.aws_guardduty_detector\./),
      expect.stringMatching(/^\$\{data\.aws_guardduty_detector\./),
    ]);
    expect(resourcesOfType(synthesized, 'aws_config_config_rule')).toHaveLength(3);
  });

  test('turns GuardDuty off: no detector, no export', () => {
    const synthesized = synthPlumbing({ guardDuty: { mode: 'off' } });
    expect(resourcesOfType(synthesized, 'aws_guardduty_detector')).toEqual([]);
    expect(resourcesOfType(synthesized, 'aws_guardduty_publishing_destination')).toEqual([]);
  });

  test("files the responses of an account that delivers to a central store there, naming the store's owner", () => {
    const synthesized = synthPlumbing({
      evidenceDestination: { ...central, accountId: '999999999999' },
      automaticResponse: {},
      scheduledScan: {},
    });
    expect(
      resourcesOfType(synthesized, 'aws_s3_bucket').filter((bucket) => bucket.object_lock_enabled),
    ).toEqual([]);
    const isolation = resourcesOfType(synthesized, 'aws_lambda_function').find(
      (fn) => fn.function_name === 'pyjamas-isolate-guardduty',
    );
    expect(
      (isolation?.environment as { variables: Record<string, string> }).variables,
    ).toMatchObject({
      PYJAMAS_EVIDENCE_BUCKET: 'b',
      PYJAMAS_EVIDENCE_BUCKET_OWNER: '999999999999',
    });
    const policy = resourcesOfType(synthesized, 'aws_iam_role_policy').find(
      (candidate) => candidate.name === 'isolate-ec2-instance',
    );
    const statements = (JSON.parse(policy?.policy as string) as { Statement: { Sid: string }[] })
      .Statement;
    expect(statements.find((statement) => statement.Sid === 'FileEvidence')).toMatchObject({
      Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
      Condition: { StringEquals: { 'aws:ResourceAccount': '999999999999' } },
    });
    expect(resourcesOfType(synthesized, 'aws_cloudtrail')[0]?.s3_bucket_name).toBe('b');
  });

  test('leaves GuardDuty plans and export alone when a delegated administrator manages them', () => {
    const synthesized = synthPlumbing({
      guardDuty: { manageProtections: false, exportFindings: false },
    });
    expect(resourcesOfType(synthesized, 'aws_guardduty_detector')).toHaveLength(2);
    expect(resourcesOfType(synthesized, 'aws_guardduty_detector_feature')).toEqual([]);
    expect(resourcesOfType(synthesized, 'aws_guardduty_publishing_destination')).toEqual([]);
  });

  test('passes the memory capture path of a VPC to its isolation groups', () => {
    const synthesized = synthPlumbing({}, () => [
      {
        region: 'us-east-1',
        vpcs: [
          { vpcId: VPC_A, memoryCapture: { endpointSecurityGroupIds: ['sg-0cccccccccccccccc'] } },
        ],
      },
    ]);
    expect(resourcesOfType(synthesized, 'aws_security_group').map((group) => group.name)).toContain(
      'pyjamas-memory-capture',
    );
  });

  test('relaxes preventDestroy on the evidence store for tests', () => {
    for (const bucket of resourcesOfType(
      synthPlumbing({ preventDestroy: false }),
      'aws_s3_bucket',
    )) {
      expect(bucket.lifecycle).toEqual({ prevent_destroy: false });
    }
  });

  describe('automatic response', () => {
    const responding = () => synthPlumbing({ automaticResponse: {}, scheduledScan: {} });
    const providerOf = (block: Record<string, unknown>) =>
      typeof block.provider === 'string' ? block.provider : 'home';

    test('is off unless asked for', () => {
      const synthesized = synthPlumbing();
      for (const type of [
        'aws_lambda_function',
        'aws_cloudwatch_event_rule',
        'aws_config_config_rule',
        'aws_ssm_document',
        'aws_sqs_queue',
      ])
        expect(resourcesOfType(synthesized, type)).toEqual([]);
    });

    test('deploys the responders and their triggers in every region under new ids, with the roles once', () => {
      const synthesized = responding();
      const functions = addresses(synthesized, 'aws_lambda_function');
      expect(functions).toEqual([
        'plumbing_eu-west-1_config-remediation_quarantine_evaluator_function',
        'plumbing_eu-west-1_responders_isolate-config_function',
        'plumbing_eu-west-1_responders_isolate-guardduty_function',
        'plumbing_eu-west-1_responders_revoke-config_function',
        'plumbing_eu-west-1_responders_revoke-guardduty_function',
        'plumbing_scheduled-scan_function',
        'plumbing_us-east-1_config-remediation_compromised-key_evaluator_function',
        'plumbing_us-east-1_config-remediation_quarantine_evaluator_function',
        'plumbing_us-east-1_responders_isolate-config_function',
        'plumbing_us-east-1_responders_isolate-guardduty_function',
        'plumbing_us-east-1_responders_revoke-config_function',
        'plumbing_us-east-1_responders_revoke-guardduty_function',
      ]);
      expect(
        resourcesOfType(synthesized, 'aws_lambda_function')
          .map(providerOf)
          .filter((provider) => provider === 'aws.eu-west-1'),
      ).toHaveLength(5);
      const roles = resourcesOfType(synthesized, 'aws_iam_role').map((role) => role.name as string);
      for (const name of [
        'pyjamas-isolate-responder',
        'pyjamas-revoke-responder',
        'pyjamas-config-remediation',
        'pyjamas-quarantine-rule',
        'pyjamas-scheduled-scan',
      ]) {
        expect(roles.filter((role) => role === name)).toHaveLength(1);
      }
    });

    test('routes GuardDuty findings in every region, and judges IAM users in the home region only', () => {
      const synthesized = responding();
      expect(
        resourcesOfType(synthesized, 'aws_cloudwatch_event_rule')
          .map((rule) => `${providerOf(rule)} ${String(rule.name)}`)
          .sort(),
      ).toEqual([
        'aws.eu-west-1 pyjamas-guardduty-isolate-instance',
        'aws.eu-west-1 pyjamas-guardduty-revoke-access-key',
        'home pyjamas-guardduty-isolate-instance',
        'home pyjamas-guardduty-revoke-access-key',
        'home pyjamas-scheduled-scan',
      ]);
      expect(
        resourcesOfType(synthesized, 'aws_config_config_rule')
          .map((rule) => `${providerOf(rule)} ${String(rule.name)}`)
          .sort(),
      ).toEqual([
        'aws.eu-west-1 pyjamas-quarantined-instance-isolated',
        'home pyjamas-compromised-key-inactive',
        'home pyjamas-quarantined-instance-isolated',
      ]);
      for (const rule of resourcesOfType(synthesized, 'aws_config_config_rule'))
        expect(rule.depends_on).toContainEqual(
          expect.stringMatching(/^aws_config_configuration_recorder_status\./),
        );
      expect(resourcesOfType(synthesized, 'aws_config_remediation_configuration')).toHaveLength(3);
    });

    test("tells the home alarm topic what each response did, and alarms on the topic of each function's region", () => {
      const synthesized = responding();
      const home = /^\$\{aws_sns_topic\.plumbing_trail_alarm-topic_\w+\.arn\}$/;
      for (const fn of resourcesOfType(synthesized, 'aws_lambda_function')) {
        const variables = (fn.environment as { variables: Record<string, string> }).variables;
        const topic = variables.PYJAMAS_NOTIFY_TOPIC_ARN ?? variables.PYJAMAS_REPORT_TOPIC_ARN;
        if (!String(fn.function_name).endsWith('-rule')) expect(topic).toMatch(home);
      }
      expect(addresses(synthesized, 'aws_sns_topic')).toEqual([
        'plumbing_eu-west-1_alarm-topic',
        'plumbing_trail_alarm-topic',
      ]);
      const alarms = resourcesOfType(synthesized, 'aws_cloudwatch_metric_alarm').filter(
        (alarm) => alarm.namespace !== 'CISBenchmark',
      );
      expect(alarms).toHaveLength(14);
      for (const alarm of alarms) {
        expect(alarm.alarm_actions).toEqual([
          expect.stringMatching(
            alarm.provider === 'aws.eu-west-1'
              ? /aws_sns_topic\.plumbing_eu-west-1_alarm-topic_/
              : /aws_sns_topic\.plumbing_trail_alarm-topic_/,
          ),
        ]);
      }
    });

    test("declares a dry run of the responders in the scheduled scan's settings, so its readiness check passes it", () => {
      const settingsOf = (synthesized: string) =>
        (
          resourcesOfType(synthesized, 'aws_lambda_function').find(
            (fn) => fn.function_name === 'pyjamas-scheduled-scan',
          )?.environment as { variables: Record<string, string> }
        ).variables.PYJAMAS_SCAN_SETTINGS;
      const dryRun = settingsOf(responding());
      expect(
        resolveScanConfig(parseScanSettings(dryRun ?? '', 'PYJAMAS_SCAN_SETTINGS')).config
          .respondersDeclaredDryRun,
      ).toBe(true);
      expect(
        settingsOf(synthPlumbing({ automaticResponse: { enforce: true }, scheduledScan: {} })),
      ).toBeUndefined();
      expect(settingsOf(synthPlumbing({ scheduledScan: {} }))).toBeUndefined();
    });

    test('is a dry run unless enforced, and leaves out what is turned off', () => {
      const enforced = synthPlumbing({
        automaticResponse: { enforce: true, guardDuty: false, configRemediation: false },
      });
      const variables = resourcesOfType(enforced, 'aws_lambda_function').map(
        (fn) => (fn.environment as { variables: Record<string, string> }).variables.PYJAMAS_ENFORCE,
      );
      expect(variables).toEqual(['true', 'true', 'true', 'true', 'true', 'true', 'true', 'true']);
      expect(resourcesOfType(enforced, 'aws_cloudwatch_event_rule')).toEqual([]);
      expect(resourcesOfType(enforced, 'aws_config_config_rule')).toEqual([]);
      expect(
        new Set(
          resourcesOfType(responding(), 'aws_lambda_function').map(
            (fn) =>
              (fn.environment as { variables: Record<string, string> }).variables.PYJAMAS_ENFORCE,
          ),
        ),
      ).toEqual(new Set(['false', undefined]));
    });

    test('files the scheduled scan in the evidence bucket from the home region', () => {
      const scan = resourcesOfType(responding(), 'aws_lambda_function').find(
        (fn) => fn.function_name === 'pyjamas-scheduled-scan',
      );
      expect(scan?.provider).toBeUndefined();
      expect(
        (scan?.environment as { variables: Record<string, string> }).variables
          .PYJAMAS_REPORT_BUCKET,
      ).toMatch(/^\$\{aws_s3_bucket\.plumbing_evidence_bucket_\w+\.bucket\}$/);
    });

    test('exposes the functions, rules and dead-letter queue of each region', () => {
      synthScope((scope) => {
        const plumbing = new IncidentResponsePlumbing(scope, 'plumbing', {
          regions: twoRegions(scope),
          automaticResponse: {},
        });
        expect(plumbing.regions['eu-west-1']?.automaticResponse).toEqual({
          functionNames: [
            expect.any(String),
            expect.any(String),
            expect.any(String),
            expect.any(String),
          ],
          configRuleNames: ['pyjamas-quarantined-instance-isolated'],
          deadLetterQueueArn: expect.any(String),
        });
        expect(plumbing.scheduledScan).toBeUndefined();
      });
    });
  });

  describe('with the forensic AMI', () => {
    const tools = {
      avml: { sha256: 'a'.repeat(64) },
      volatility3: { wheelSha256: 'b'.repeat(64) },
    };

    test('builds it and templates the workstation in the home region, in the forensic group of the VPC named', () => {
      const synthesized = synthPlumbing({
        homeRegion: 'eu-west-1',
        forensicAmi: {
          vpc: 'shared',
          subnetId: 'subnet-0aaaaaaaaaaaaaaaa',
          tools,
          workstationInstanceType: 'c6i.2xlarge',
        },
      });
      const groupId = expect.stringMatching(
        /^\$\{aws_security_group\.plumbing_eu-west-1_vpcs_shared_forensic_group_[0-9A-F]{8}\.id\}$/,
      );
      const [infrastructure] = resourcesOfType(
        synthesized,
        'aws_imagebuilder_infrastructure_configuration',
      );
      expect(infrastructure).toMatchObject({
        provider: 'aws.eu-west-1',
        security_group_ids: [groupId],
      });
      const [template] = resourcesOfType(synthesized, 'aws_launch_template');
      expect(template).toMatchObject({
        provider: 'aws.eu-west-1',
        instance_type: 'c6i.2xlarge',
        network_interfaces: [{ security_groups: [groupId] }],
      });
    });

    test('rejects a VPC that is not in the home region, naming the VPCs it could use', () => {
      expect(() =>
        synthPlumbing({
          forensicAmi: { vpc: 'shared', subnetId: 'subnet-0aaaaaaaaaaaaaaaa', tools },
        }),
      ).toThrow(
        /forensicAmi.vpc must name a VPC of the home region us-east-1 \(vpc-0aaaaaaaaaaaaaaaa\), got "shared"/,
      );
    });
  });

  const central = {
    bucketName: 'b',
    bucketArn: 'arn:aws:s3:::b',
    kmsKeyArn: 'k',
    deliveryDependencies: [],
  };
  const resolved = Token.asString({ Ref: 'vpc' });
  test.each<[string, Partial<IncidentResponsePlumbingProps>, RegionsBuilder, RegExp]>([
    ['no region', {}, () => [], /regions must list at least one region, got \[\]/],
    [
      'responders filing in a central store whose owner is not named',
      { evidenceDestination: central, automaticResponse: {} },
      twoRegions,
      /evidenceDestination must name its owner \(accountId\) when automaticResponse is on/,
    ],
    [
      'a malformed region',
      {},
      () => [{ region: 'europe' }],
      /regions must be a list of region names such as eu-west-1, got "europe"/,
    ],
    [
      'a region twice',
      {},
      () => [{ region: 'eu-west-1' }, { region: 'eu-west-1' }],
      /regions must list each region once/,
    ],
    [
      'a home region outside the regions',
      { homeRegion: 'us-west-2' },
      twoRegions,
      /homeRegion must be one of the regions \(us-east-1, eu-west-1\), got "us-west-2"/,
    ],
    [
      'two regions on the default provider',
      {},
      () => [{ region: 'eu-west-1' }, { region: 'us-east-1' }],
      /must give a provider for every region but one: these would all deploy to the default provider, got \["eu-west-1","us-east-1"\]/,
    ],
    [
      'a VPC resolved at deploy time without a name',
      {},
      () => [{ region: 'eu-west-1', vpcs: [{ vpcId: resolved }] }],
      /must give a name to each VPC whose id is not known at synth time/,
    ],
    [
      'a VPC name with capitals',
      {},
      () => [{ region: 'eu-west-1', vpcs: [{ vpcId: VPC_A, name: 'Prod' }] }],
      /vpcs of eu-west-1 must be named with lowercase letters, digits and hyphens, got "Prod"/,
    ],
    [
      'a VPC named twice',
      {},
      () => [
        {
          region: 'eu-west-1',
          vpcs: [
            { vpcId: VPC_A, name: 'prod' },
            { vpcId: VPC_B, name: 'prod' },
          ],
        },
      ],
      /vpcs of eu-west-1 must name each VPC once/,
    ],
    [
      'both evidence settings and an existing store',
      {
        evidence: { retentionDays: 30 },
        evidenceDestination: {
          bucketName: 'b',
          bucketArn: 'arn:aws:s3:::b',
          kmsKeyArn: 'k',
          deliveryDependencies: [],
        },
      },
      twoRegions,
      /evidence must be left out when evidenceDestination is given: the bucket already exists/,
    ],
    [
      'a bad name prefix',
      { namePrefix: 'PJ' },
      twoRegions,
      /IncidentResponsePlumbing: namePrefix must be 1 to 24 lowercase letters/,
    ],
    [
      'an unknown GuardDuty mode',
      { guardDuty: { mode: 'replace' as 'create' } },
      twoRegions,
      /IncidentResponsePlumbing: guardDuty.mode must be one of create, adopt, off, got "replace"/,
    ],
    [
      'protection plans on an adopted detector',
      { guardDuty: { mode: 'adopt', protections: { s3DataEvents: false } } },
      twoRegions,
      /guardDuty.protections must be left out when guardDuty.mode is adopt/,
    ],
    [
      'a findings export without a detector',
      { guardDuty: { mode: 'off', exportFindings: true } },
      twoRegions,
      /guardDuty.exportFindings must be left out when guardDuty.mode is off/,
    ],
    [
      'a recorder name without adopting',
      { config: { recorderName: 'default' } },
      twoRegions,
      /config.recorderName must be left out unless config.mode is 'adopt'/,
    ],
    [
      'Config remediation without a recorder',
      { config: { mode: 'off' }, automaticResponse: {} },
      twoRegions,
      /automaticResponse.configRemediation needs a Config recorder: set config.mode to 'create' or 'adopt', or configRemediation to false/,
    ],
  ])('rejects %s', (_case, props, regions, message) => {
    expect(() => synthPlumbing(props, regions)).toThrow(message);
  });
});
