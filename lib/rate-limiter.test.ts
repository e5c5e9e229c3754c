import type { Clock } from './clock';
import { CONCURRENT_READS, RateLimiter } from './rate-limiter';

/** A clock that only moves when the limiter sleeps. */
function virtualTime() {
  let now = 0;
  const sleeps: number[] = [];
  const clock: Clock = { now: () => new Date(now) };
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    now += ms;
  };
  return { clock, sleep, sleeps, elapsed: () => now };
}

describe('RateLimiter', () => {
  test('lets a burst through at once, then paces calls at the refill rate', async () => {
    const time = virtualTime();
    const limiter = new RateLimiter(
      { 'ec2:ModifyNetworkInterfaceAttribute': { burst: 100, perSecond: 5 } },
      time.clock,
      time.sleep,
    );
    await Promise.all(
      Array.from({ length: 100 }, () => limiter.take('ec2:ModifyNetworkInterfaceAttribute')),
    );
    expect(time.elapsed()).toBe(0);
    await Promise.all(
      Array.from({ length: 10 }, () => limiter.take('ec2:ModifyNetworkInterfaceAttribute')),
    );
    expect(time.elapsed()).toBe(2000);
  });

  test('does not delay APIs without a bucket', async () => {
    const time = virtualTime();
    const limiter = new RateLimiter(
      { 'ec2:CreateTags': { burst: 1, perSecond: 1 } },
      time.clock,
      time.sleep,
    );
    await Promise.all(Array.from({ length: 50 }, () => limiter.take('iam:UpdateAccessKey')));
    expect(time.sleeps).toEqual([]);
  });

  test('keeps separate buckets per API', async () => {
    const time = virtualTime();
    const limiter = new RateLimiter(
      { a: { burst: 1, perSecond: 1 }, b: { burst: 1, perSecond: 1 } },
      time.clock,
      time.sleep,
    );
    await Promise.all([limiter.take('a'), limiter.take('b')]);
    expect(time.elapsed()).toBe(0);
  });

  test('lets a few reads go on at once and starts the others in the order they asked', async () => {
    const limiter = new RateLimiter({});
    const started: number[] = [];
    const finish: Array<() => void> = [];
    const reads = Array.from({ length: CONCURRENT_READS + 2 }, (_, index) =>
      limiter.read(
        () =>
          new Promise<number>((resolve) => {
            started.push(index);
            finish.push(() => resolve(index));
          }),
      ),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(Array.from({ length: CONCURRENT_READS }, (_, index) => index));
    finish[0]?.();
    finish[1]?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started.slice(CONCURRENT_READS)).toEqual([CONCURRENT_READS, CONCURRENT_READS + 1]);
    for (const done of finish.slice(2)) done();
    await expect(Promise.all(reads)).resolves.toEqual(
      Array.from({ length: CONCURRENT_READS + 2 }, (_, index) => index),
    );
  });
});
