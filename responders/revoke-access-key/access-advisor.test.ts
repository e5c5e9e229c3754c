import { describeAccessAdvisor, type AccessAdvisorSection } from './access-advisor';

const used = (namespace: string) => ({
  namespace,
  name: namespace,
  lastAuthenticated: '2026-06-01T00:00:00.000Z',
});

describe('the operator line on access advisor', () => {
  test('names the services never used and those idle for 90 days', () => {
    const section: AccessAdvisorSection = {
      status: 'collected',
      services: [used('s3'), used('ec2'), used('kms'), used('iam')],
      neverUsed: ['kms', 'iam'],
      notUsedFor90Days: ['ec2'],
    };
    expect(describeAccessAdvisor(section)).toBe(
      "Access advisor: 3 of the 4 services granted to the key's owner unused for 90 days or more (never used: kms, iam; idle 90+ days: ec2).",
    );
  });

  test('counts the services beyond the tenth instead of naming them', () => {
    const namespaces = Array.from({ length: 12 }, (_, index) => `service-${index}`);
    const line = describeAccessAdvisor({
      status: 'collected',
      services: namespaces.map(used),
      neverUsed: namespaces,
      notUsedFor90Days: [],
    });
    expect(line).toContain('service-9 and 2 more)');
    expect(line).not.toContain('service-10');
  });

  test('says so when every granted service was used', () => {
    expect(
      describeAccessAdvisor({
        status: 'collected',
        services: [used('s3')],
        neverUsed: [],
        notUsedFor90Days: [],
      }),
    ).toBe("Access advisor: the key's owner used each of its 1 granted services within 90 days.");
  });

  test('says why when access advisor could not be read', () => {
    expect(describeAccessAdvisor({ status: 'unavailable', reason: 'denied' })).toBe(
      'Access advisor: unavailable (denied).',
    );
  });
});
