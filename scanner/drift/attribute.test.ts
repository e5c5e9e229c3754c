import { attributeDrift, type ChangeLookup, type LastChange } from './attribute';
import type { DriftedResource } from './drift';

const resource = (identifiers: string[], region?: string): DriftedResource => ({
  address: 'aws_security_group.isolation',
  type: 'aws_security_group',
  change: 'changed',
  identifiers,
  attributes: [{ path: 'ingress', expected: [], actual: [{}] }],
  ...(region ? { region } : {}),
});

function fakeLookup(answers: Record<string, LastChange>): ChangeLookup & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    lastChange(region, name) {
      asked.push(`${region} ${name}`);
      return Promise.resolve(answers[name] ?? { none: true });
    },
  };
}

const change = {
  event: 'AuthorizeSecurityGroupIngress',
  time: '2026-12-07T10:00:00.000Z',
  principal: 'arn:aws:iam::123456789012:user/mallory',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  sourceIp: '203.0.113.9',
};

describe('attributeDrift', () => {
  test('names the principal of the newest change, trying the id before the name and ARN', async () => {
    const lookup = fakeLookup({ 'pyjamas-isolation': { found: change } });
    const [attributed] = await attributeDrift(
      [resource(['sg-0aaa', 'pyjamas-isolation', 'arn:sg'], 'eu-west-1')],
      lookup,
      'us-east-1',
    );
    expect(attributed?.who).toEqual(change);
    expect(lookup.asked).toEqual(['eu-west-1 sg-0aaa', 'eu-west-1 pyjamas-isolation']);
  });

  test('says who is unknown, and why, when CloudTrail cannot be read', async () => {
    const lookup = fakeLookup({
      'sg-0aaa': { unavailable: 'CloudTrail LookupEvents unavailable in us-east-1: AccessDenied' },
    });
    const [attributed] = await attributeDrift([resource(['sg-0aaa', 'name'])], lookup, 'us-east-1');
    expect(attributed?.who).toEqual({
      unknown: 'CloudTrail LookupEvents unavailable in us-east-1: AccessDenied',
    });
    expect(lookup.asked).toEqual(['us-east-1 sg-0aaa']);
  });

  test('says no event names the resource when CloudTrail has none', async () => {
    const [attributed] = await attributeDrift([resource(['sg-0aaa'])], fakeLookup({}), 'us-east-1');
    expect(attributed?.who).toEqual({
      unknown: 'no CloudTrail event names this resource in the last 90 days',
    });
  });

  test('asks nothing for a resource without identifiers', async () => {
    const lookup = fakeLookup({});
    const [attributed] = await attributeDrift([resource([])], lookup, 'us-east-1');
    expect(attributed?.who).toEqual({ unknown: 'the state holds no id, name or ARN to look up' });
    expect(lookup.asked).toEqual([]);
  });
});
