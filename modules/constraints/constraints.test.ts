import { SYNTHESIZED_MISTAKES } from '../../test/fixtures/synthesized-mistakes';
import { ADOPTABLE_SINGLETONS } from '../incident-response-plumbing/incident-response-plumbing';
import { AWS_CONSTRAINTS, checkAwsConstraints } from './index';
import type { ConstraintContext } from './rule';

/** A day after Node.js 20's end of life, when this suite was written. */
const CONTEXT: ConstraintContext = {
  asOf: new Date('2026-12-07T00:00:00Z'),
  adoptable: ADOPTABLE_SINGLETONS,
};

function violations(document: object, context: ConstraintContext = CONTEXT): string[] {
  return checkAwsConstraints(JSON.stringify(document), context).map(
    (violation) => `${violation.rule} ${violation.address}: ${violation.message}`,
  );
}

describe('the AWS constraint suite', () => {
  test('has one hand-built mistake for every rule, and every rule links the AWS page that states it', () => {
    expect(SYNTHESIZED_MISTAKES.map((mistake) => mistake.rule).sort()).toEqual(
      AWS_CONSTRAINTS.map((rule) => rule.id).sort(),
    );
    for (const rule of AWS_CONSTRAINTS)
      expect(rule.documentation).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });

  test.each(SYNTHESIZED_MISTAKES.map((mistake) => [mistake.rule, mistake]))(
    '%s fails the shape the module had before and passes its correction',
    (rule, { mistake, fixed }) => {
      const found = violations(mistake);
      expect(found).not.toEqual([]);
      for (const violation of found) expect(violation.startsWith(`${rule} `)).toBe(true);
      expect(violations(fixed)).toEqual([]);
    },
  );

  test('judges runtimes by the build date: nodejs22.x passes today and fails after its deprecation', () => {
    const document = { resource: { aws_lambda_function: { fn: { runtime: 'nodejs22.x' } } } };
    expect(violations(document)).toEqual([]);
    expect(violations(document, { ...CONTEXT, asOf: new Date('2027-05-01T00:00:00Z') })).toEqual([
      expect.stringMatching(/nodejs22\.x, deprecated since 2027-04-30/),
    ]);
  });

  test('fails a single-per-region resource that the module cannot adopt', () => {
    const document = { resource: { aws_guardduty_detector: { home: { enable: true } } } };
    expect(violations(document)).toEqual([]);
    expect(violations(document, { ...CONTEXT, adoptable: {} })).toEqual([
      expect.stringMatching(/no way to adopt an existing one/),
    ]);
  });

  test("fails a member's listing limited to a prefix of every account, and a read of every account's objects", () => {
    const policy = JSON.stringify({
      Statement: [
        {
          Sid: 'List',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::222222222222:root' },
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::central',
          Condition: { StringLike: { 's3:prefix': ['cases/*'] } },
        },
        {
          Sid: 'Read',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::222222222222:root' },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::central/cases/*',
        },
      ],
    });
    expect(violations({ resource: { aws_s3_bucket_policy: { central: { policy } } } })).toEqual([
      expect.stringMatching(/^account-grants-scoped .*statement Read lets 222222222222 reach/),
      expect.stringMatching(
        /^account-listings-scoped .*statement List lets 222222222222 list cases\/\*/,
      ),
    ]);
  });

  test("lets members read the shared tools/ prefix, and never write it or read another account's objects with it", () => {
    const policy = (actions: string[]) =>
      JSON.stringify({
        Statement: [
          {
            Sid: 'Tools',
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::222222222222:root' },
            Action: actions,
            Resource: 'arn:aws:s3:::central/tools/*',
          },
        ],
      });
    const document = (actions: string[]) => ({
      resource: { aws_s3_bucket_policy: { central: { policy: policy(actions) } } },
    });
    expect(violations(document(['s3:GetObject']))).toEqual([]);
    expect(violations(document(['s3:GetObject', 's3:PutObject']))).toEqual([
      expect.stringMatching(/^account-grants-scoped .*statement Tools lets 222222222222 reach/),
    ]);
  });

  test('exempts the public parameters under /aws/service/ from the SSM rule', () => {
    const document = {
      resource: {
        aws_launch_template: {
          t: {
            image_id:
              'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
          },
        },
      },
    };
    expect(violations(document)).toEqual([]);
  });

  test('asks CloudWatch into the key of an alarm topic, and the delivery service into the key of a bucket', () => {
    const key = (services: string[]) => ({
      policy: JSON.stringify({
        Statement: services.map((service) => ({
          Effect: 'Allow',
          Principal: { Service: service },
        })),
      }),
    });
    const document = (services: string[]) => ({
      resource: {
        aws_kms_key: { k: key(services) },
        aws_sns_topic: { t: { kms_master_key_id: '${aws_kms_key.k.arn}' } },
        aws_cloudwatch_metric_alarm: { a: { alarm_actions: ['${aws_sns_topic.t.arn}'] } },
        aws_s3_bucket: { b: {} },
        aws_s3_bucket_server_side_encryption_configuration: {
          b: {
            bucket: '${aws_s3_bucket.b.id}',
            rule: [
              {
                apply_server_side_encryption_by_default: {
                  kms_master_key_id: '${aws_kms_key.k.arn}',
                },
              },
            ],
          },
        },
        aws_flow_log: { f: { log_destination: '${aws_s3_bucket.b.arn}' } },
      },
    });
    expect(violations(document([]))).toEqual([
      expect.stringMatching(
        /^kms-key-allows-writer aws_flow_log\.f: .*delivery\.logs\.amazonaws\.com/,
      ),
      expect.stringMatching(
        /^kms-key-allows-writer aws_cloudwatch_metric_alarm\.a: .*cloudwatch\.amazonaws\.com/,
      ),
    ]);
    expect(
      violations(document(['delivery.logs.amazonaws.com', 'cloudwatch.amazonaws.com'])),
    ).toEqual([]);
  });
});
