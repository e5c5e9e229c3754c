import { UsageError } from '../lib/errors';
import { inventoryOf, runCheck } from '../test/fixtures/inventory';
import { dbInstance } from '../test/fixtures/rds';
import publicDatabases from './checks/rds/rds_instance_no_public_access';
import { matchMuteRule, parseMutelist } from './mutelist';
import { runChecks } from './run';

const finding = {
  checkId: 'ec2_securitygroup_no_ipv4_internet_ingress_to_admin_ports',
  region: 'eu-west-1',
  resourceArn: 'arn:aws:ec2:eu-west-1:1:security-group/sg-1',
  resourceId: 'sg-1',
};
const now = new Date('2026-06-01T00:00:00Z');

describe('parseMutelist', () => {
  test('reads rules with their optional fields', () => {
    const list = parseMutelist(
      '{"rules":[{"checkId":"ec2_*","region":"eu-*","resource":"sg-1","reason":"bastion","expires":"2026-12-31"}]}',
      'm.json',
    );
    expect(list.rules).toEqual([
      {
        checkId: 'ec2_*',
        region: 'eu-*',
        resource: 'sg-1',
        reason: 'bastion',
        expires: '2026-12-31',
      },
    ]);
  });

  test.each([
    ['not JSON', '{', /m\.json is not valid JSON/],
    ['no rules array', '{}', /must be an object with a "rules" array/],
    ['a rule without checkId', '{"rules":[{"reason":"x"}]}', /rule 1 needs a "checkId"/],
    ['a rule without reason', '{"rules":[{"checkId":"x"}]}', /rule 1 needs a "reason"/],
    [
      'a bad expiry',
      '{"rules":[{"checkId":"x","reason":"y","expires":"soon"}]}',
      /rule 1 "expires" must be an ISO 8601/,
    ],
    [
      'an invalid resource regex',
      '{"rules":[{"checkId":"x","reason":"y","resourceRegex":"db:(dev"}]}',
      /rule 1 "resourceRegex" is not a valid regular expression/,
    ],
    [
      'a tag pattern without "="',
      '{"rules":[{"checkId":"x","reason":"y","tags":["env"]}]}',
      /tag pattern "env" must have the form "key=value"/,
    ],
    [
      'tags that are not an array',
      '{"rules":[{"checkId":"x","reason":"y","tags":"env=dev"}]}',
      /"tags" must be a non-empty array/,
    ],
    [
      'a numeric region',
      '{"rules":[{"checkId":"x","reason":"y","region":3}]}',
      /field "region" must be a string/,
    ],
    [
      'an expiry that does not exist',
      '{"rules":[{"checkId":"x","reason":"y","expires":"2026-02-30"}]}',
      /rule 1 "expires" "2026-02-30" is not a date that exists/,
    ],
    [
      'a regular expression as check pattern',
      '{"rules":[{"checkId":"iam_.+","reason":"y"}]}',
      /field "checkId" "iam_\.\+" may hold only lower-case letters, digits, "_" and \* as a wildcard/,
    ],
    [
      'a region pattern with spaces',
      '{"rules":[{"checkId":"x","reason":"y","region":"eu west"}]}',
      /field "region" "eu west" may hold only lower-case letters, digits, "-"/,
    ],
  ])('rejects %s with a usage error naming the problem', (_, text, message) => {
    expect(() => parseMutelist(text, 'm.json')).toThrow(message);
    expect(() => parseMutelist(text, 'm.json')).toThrow(UsageError);
  });
});

describe('matchMuteRule', () => {
  test.each([
    [{ checkId: 'ec2_*', reason: 'r' }, true],
    [{ checkId: 'ec2_*', region: 'us-*', reason: 'r' }, false],
    [{ checkId: '*', resource: 'sg-1', reason: 'r' }, true],
    [{ checkId: '*', resource: '*:security-group/sg-*', reason: 'r' }, true],
    [{ checkId: 'iam_*', reason: 'r' }, false],
    [{ checkId: '*', reason: 'r', expires: '2026-05-31' }, false],
  ])('rule %j matches: %s', (rule, expected) => {
    expect(matchMuteRule({ rules: [rule] }, finding, now) !== undefined).toBe(expected);
  });

  test('treats regular-expression characters in patterns literally', () => {
    expect(
      matchMuteRule({ rules: [{ checkId: 'ec2.securitygroup*', reason: 'r' }] }, finding, now),
    ).toBeUndefined();
  });
});

describe('matchMuteRule on tags and resource patterns', () => {
  const database = {
    checkId: 'rds_instance_no_public_access',
    region: 'us-east-1',
    resourceArn: 'arn:aws:rds:us-east-1:123456789012:db:dev-orders',
    resourceId: 'dev-orders',
    tags: { env: 'dev', team: 'payments' },
  };

  test.each([
    [['env=dev'], true],
    [['env=d*', 'team=pay*'], true],
    [['env=dev', 'team=search'], false],
    [['owner=*'], false],
    [['*=payments'], true],
  ])('tags %j match: %s', (tags, expected) => {
    const rules = [{ checkId: 'rds_*', tags, reason: 'r' }];
    expect(matchMuteRule({ rules }, database, now) !== undefined).toBe(expected);
  });

  test('never mutes a finding without tags by a tag rule', () => {
    const rules = [{ checkId: '*', tags: ['env=*'], reason: 'r' }];
    expect(matchMuteRule({ rules }, finding, now)).toBeUndefined();
  });

  test.each([
    [':db:(dev|test)-', true],
    ['^arn:aws:rds:[^:]+:\\d+:db:prod-', false],
  ])('resource regex %s matches the ARN: %s', (resourceRegex, expected) => {
    const rules = [{ checkId: '*', resourceRegex, reason: 'r' }];
    expect(matchMuteRule({ rules }, database, now) !== undefined).toBe(expected);
  });

  test('parses tags and a resource regex into the rule', () => {
    const list = parseMutelist(
      '{"rules":[{"checkId":"rds_*","tags":["env=dev"],"resourceRegex":"db:dev-","reason":"sandbox"}]}',
      'm.json',
    );
    expect(list.rules).toEqual([
      { checkId: 'rds_*', tags: ['env=dev'], resourceRegex: 'db:dev-', reason: 'sandbox' },
    ]);
  });

  test('mutes a scan finding by the tags its collector read', () => {
    const inventory = inventoryOf({
      regional: {
        'us-east-1': {
          dbInstances: [
            dbInstance('dev-orders', { publiclyAccessible: true, tags: { env: 'dev' } }),
            dbInstance('orders', { publiclyAccessible: true, tags: { env: 'prod' } }),
          ],
        },
      },
    });
    const mutelist = parseMutelist(
      '{"rules":[{"checkId":"rds_*","tags":["env=dev"],"reason":"sandbox"}]}',
      'm.json',
    );
    const findings = runChecks(inventory, [publicDatabases], { now, mutelist });
    expect(findings.map((f) => [f.resourceId, f.status, f.muted])).toEqual([
      ['dev-orders', 'FAIL', true],
      ['orders', 'FAIL', false],
    ]);
    expect(runCheck(publicDatabases, inventory).every((f) => !f.muted)).toBe(true);
  });
});
