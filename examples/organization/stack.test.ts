import { Testing } from 'cdktf';
import {
  policyStatements,
  resourcesOfType,
  statementWithSid,
  withTestApp,
} from '../../test/helpers/cdktf-jest';
import { OrganizationStack, type OrganizationStackOptions } from './stack';

const OPTIONS: OrganizationStackOptions = {
  regions: ['us-east-1', 'eu-west-1'],
  security: { name: 'security', accountId: '111111111111' },
  members: [
    { name: 'prod', accountId: '222222222222', vpcIds: { 'eu-west-1': ['vpc-0aaaaaaaaaaaaaaaa'] } },
  ],
};

function synthOrganization(options: Partial<OrganizationStackOptions> = {}): string {
  return withTestApp((app) =>
    Testing.synth(new OrganizationStack(app, 'organization', { ...OPTIONS, ...options })),
  );
}

describe('the organization example', () => {
  test('assumes the deployment role of each account through a provider alias per account and region', () => {
    const providers = (
      JSON.parse(synthOrganization()) as {
        provider: { aws: { alias: string; region: string; assume_role: { role_arn: string }[] }[] };
      }
    ).provider.aws;
    expect(
      providers.map((provider) => [
        provider.alias,
        provider.region,
        provider.assume_role[0]?.role_arn,
      ]),
    ).toEqual([
      [
        'security-us-east-1',
        'us-east-1',
        'arn:aws:iam::111111111111:role/OrganizationAccountAccessRole',
      ],
      [
        'security-eu-west-1',
        'eu-west-1',
        'arn:aws:iam::111111111111:role/OrganizationAccountAccessRole',
      ],
      [
        'prod-us-east-1',
        'us-east-1',
        'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole',
      ],
      [
        'prod-eu-west-1',
        'eu-west-1',
        'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole',
      ],
    ]);
  });

  test("creates the central evidence bucket in the security account, where each member's responders file under its own id", () => {
    const synthesized = synthOrganization();
    const buckets = resourcesOfType(synthesized, 'aws_s3_bucket').filter(
      (bucket) => bucket.object_lock_enabled,
    );
    expect(buckets.map((bucket) => bucket.provider)).toEqual(['aws.security-us-east-1']);
    const policy = resourcesOfType(synthesized, 'aws_s3_bucket_policy').find((candidate) =>
      String(candidate.policy).includes('DeliveryAccountsWriteEvidence'),
    );
    expect(
      statementWithSid(policyStatements(policy ?? {}), 'DeliveryAccountsWriteEvidence').Principal,
    ).toEqual({
      AWS: [
        expect.stringMatching(
          /^arn:\$\{data\.aws_partition\.security_evidence_context_partition_\w+\.partition\}:iam::222222222222:root$/,
        ),
      ],
    });
    const memberFunctions = resourcesOfType(synthesized, 'aws_lambda_function').filter(
      (fn) =>
        fn.provider === 'aws.prod-us-east-1' && /-(isolate|revoke)-/.test(String(fn.function_name)),
    );
    expect(memberFunctions.length).toBeGreaterThan(0);
    for (const fn of memberFunctions)
      expect((fn.environment as { variables: Record<string, string> }).variables).toMatchObject({
        PYJAMAS_EVIDENCE_BUCKET: expect.stringMatching(
          /^\$\{aws_s3_bucket\.security_evidence_bucket_\w+\.bucket\}$/,
        ),
        PYJAMAS_EVIDENCE_BUCKET_OWNER: expect.stringMatching(
          /^\$\{data\.aws_caller_identity\.security_evidence_context_\w+\.account_id\}$/,
        ),
      });
  });

  test('offers an organization trail from the management account, into the central bucket that lets it write under the organization id', () => {
    const synthesized = synthOrganization({
      organizationTrail: { organizationId: 'o-a1b2c3d4e5', managementAccountId: '999999999999' },
    });
    const trail = resourcesOfType(synthesized, 'aws_cloudtrail').find(
      (candidate) => candidate.is_organization_trail === true,
    );
    expect(trail).toMatchObject({
      provider: 'aws.management-us-east-1',
      s3_bucket_name: expect.stringMatching(/security_evidence_bucket_/),
    });
    const providers = (
      JSON.parse(synthesized) as {
        provider: { aws: { alias?: string; allowed_account_ids?: string[] }[] };
      }
    ).provider.aws;
    expect(providers.find((provider) => provider.alias === 'management-us-east-1')).toMatchObject({
      allowed_account_ids: ['999999999999'],
    });
    const policy = resourcesOfType(synthesized, 'aws_s3_bucket_policy').find((candidate) =>
      String(candidate.policy).includes('DeliveryAccountsWriteEvidence'),
    );
    expect(
      statementWithSid(policyStatements(policy ?? {}), 'CloudTrailWrites').Resource,
    ).toContainEqual(expect.stringMatching(/\/AWSLogs\/o-a1b2c3d4e5\/\*$/));
  });

  test("creates the organization trail with the delegated administrator's provider when one is named", () => {
    const synthesized = synthOrganization({
      organizationTrail: {
        organizationId: 'o-a1b2c3d4e5',
        managementAccountId: '999999999999',
        delegatedAdministrator: 'security',
      },
    });
    expect(
      resourcesOfType(synthesized, 'aws_cloudtrail').find(
        (candidate) => candidate.is_organization_trail === true,
      )?.provider,
    ).toBe('aws.security-us-east-1');
    expect(() =>
      synthOrganization({
        organizationTrail: {
          organizationId: 'o-a1b2c3d4e5',
          managementAccountId: '999999999999',
          delegatedAdministrator: 'audit',
        },
      }),
    ).toThrow(
      /organizationTrail.delegatedAdministrator must name an account of this stack \(security, prod\), got "audit"/,
    );
  });

  test('sends the trail of every account to the central bucket', () => {
    const trails = resourcesOfType(synthOrganization(), 'aws_cloudtrail');
    expect(trails.map((trail) => [trail.provider, trail.s3_bucket_name])).toEqual([
      [
        'aws.prod-us-east-1',
        expect.stringMatching(/^\$\{aws_s3_bucket\.security_evidence_bucket_\w+\.bucket\}$/),
      ],
      [
        'aws.security-us-east-1',
        expect.stringMatching(/^\$\{aws_s3_bucket\.security_evidence_bucket_\w+\.bucket\}$/),
      ],
    ]);
  });

  test('protects the VPCs listed for each member and region', () => {
    const flowLogs = resourcesOfType(synthOrganization(), 'aws_flow_log');
    expect(flowLogs.map((flowLog) => [flowLog.provider, flowLog.vpc_id])).toEqual([
      ['aws.prod-eu-west-1', 'vpc-0aaaaaaaaaaaaaaaa'],
    ]);
  });

  test('delivers Config of every account to the central Config bucket, never to the Object Lock bucket', () => {
    const channels = resourcesOfType(synthOrganization(), 'aws_config_delivery_channel');
    expect(
      channels
        .map((channel) => [channel.provider, channel.s3_bucket_name])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual(
      [
        'aws.prod-eu-west-1',
        'aws.prod-us-east-1',
        'aws.security-eu-west-1',
        'aws.security-us-east-1',
      ].map((provider) => [
        provider,
        expect.stringMatching(/^\$\{aws_s3_bucket\.security_config-bucket_\w+\.bucket\}$/),
      ]),
    );
  });

  test('limits the GuardDuty rules of every account to its own findings', () => {
    const rules = resourcesOfType(synthOrganization(), 'aws_cloudwatch_event_rule').filter((rule) =>
      String(rule.name).startsWith('pyjamas-guardduty-'),
    );
    expect(rules).toHaveLength(8);
    for (const rule of rules) {
      const pattern = JSON.parse(String(rule.event_pattern)) as {
        account: string[];
        detail: { accountId: string[] };
      };
      expect(pattern.account).toEqual([expect.stringMatching(/^\$\{data\.aws_caller_identity\./)]);
      expect(pattern.detail.accountId).toEqual(pattern.account);
    }
  });

  test('pins every provider to its account and builds the role ARNs in the partition given', () => {
    const providers = (
      JSON.parse(synthOrganization({ partition: 'aws-us-gov' })) as {
        provider: {
          aws: { allowed_account_ids: string[]; assume_role: { role_arn: string }[] }[];
        };
      }
    ).provider.aws;
    for (const provider of providers) {
      const [account] = provider.allowed_account_ids;
      expect(provider.assume_role[0]?.role_arn).toBe(
        `arn:aws-us-gov:iam::${account}:role/OrganizationAccountAccessRole`,
      );
    }
    expect(() => synthOrganization({ partition: 'aws-eu' })).toThrow(
      /OrganizationStack: partition must be one of aws, aws-cn, aws-us-gov, got "aws-eu"/,
    );
  });

  test('responds automatically and scans on a schedule in every account, members filing their reports in the central bucket', () => {
    const synthesized = synthOrganization();
    const providers = (type: string) =>
      [
        ...new Set(resourcesOfType(synthesized, type).map((resource) => String(resource.provider))),
      ].sort();
    const everyAccount = [
      'aws.prod-eu-west-1',
      'aws.prod-us-east-1',
      'aws.security-eu-west-1',
      'aws.security-us-east-1',
    ];
    expect(providers('aws_lambda_function')).toEqual(everyAccount);
    expect(providers('aws_config_config_rule')).toEqual(everyAccount);
    expect(
      resourcesOfType(synthesized, 'aws_lambda_function')
        .filter((fn) => fn.function_name === 'pyjamas-scheduled-scan')
        .map((fn) => fn.provider),
    ).toEqual(['aws.prod-us-east-1', 'aws.security-us-east-1']);
    const scans = resourcesOfType(synthesized, 'aws_lambda_function')
      .filter((fn) => fn.function_name === 'pyjamas-scheduled-scan')
      .map((fn) => (fn.environment as { variables: Record<string, string> }).variables);
    const centralBucket = scans[1]?.PYJAMAS_REPORT_BUCKET;
    expect(scans).toEqual([
      expect.objectContaining({
        PYJAMAS_REPORT_BUCKET: centralBucket,
        // The security account's id, as its provider reads it.
        PYJAMAS_REPORT_BUCKET_OWNER: expect.stringMatching(
          /^\$\{data\.aws_caller_identity\.security_[^}]+\.account_id\}$/,
        ),
      }),
      expect.not.objectContaining({ PYJAMAS_REPORT_BUCKET_OWNER: expect.anything() }),
    ]);
  });

  test('rejects two accounts with the same name', () => {
    expect(() =>
      synthOrganization({ members: [{ name: 'security', accountId: '222222222222' }] }),
    ).toThrow(
      /OrganizationStack: members must give every account its own name, got \["security","security"\]/,
    );
  });
});
