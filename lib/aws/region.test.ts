import { UsageError } from '../errors';
import { resolveHomeRegion, usableRegions } from './region';

describe('usableRegions', () => {
  const answer = [
    { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
    { RegionName: 'af-south-1', OptInStatus: 'not-opted-in' },
    { RegionName: 'ap-east-1', OptInStatus: 'opted-in' },
    { RegionName: 'cn-north-1' },
    { RegionName: 'us-gov-west-1' },
    { RegionName: 'eu-west-1' },
    {},
  ];

  test('keeps the regions of the partition that are enabled, sorted', () => {
    expect(usableRegions(answer, 'aws')).toEqual(['ap-east-1', 'eu-west-1', 'us-east-1']);
  });

  test('keeps only the regions of another partition when the caller is there', () => {
    expect(usableRegions(answer, 'aws-cn')).toEqual(['cn-north-1']);
    expect(usableRegions(answer, 'aws-us-gov')).toEqual(['us-gov-west-1']);
  });
});

describe('resolveHomeRegion', () => {
  const saved = process.env.AWS_REGION;
  afterEach(() => {
    if (saved === undefined) delete process.env.AWS_REGION;
    else process.env.AWS_REGION = saved;
  });

  test('takes AWS_REGION when it is a region name', async () => {
    process.env.AWS_REGION = 'eu-west-3';
    await expect(resolveHomeRegion({})).resolves.toBe('eu-west-3');
  });

  test('refuses an AWS_REGION that is not a region name, naming it and --region', async () => {
    process.env.AWS_REGION = 'us-east-1a';
    const resolving = resolveHomeRegion({});
    await expect(resolving).rejects.toThrow(UsageError);
    await expect(resolving).rejects.toThrow(/AWS_REGION "us-east-1a" .*give --region/);
  });
});
