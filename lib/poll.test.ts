import { pollUntil } from './poll';

function recorder() {
  const pauses: number[] = [];
  return { pauses, sleep: (ms: number) => (pauses.push(ms), Promise.resolve()) };
}

describe('pollUntil', () => {
  test('returns the first settled read without pausing', async () => {
    const { pauses, sleep } = recorder();
    await expect(
      pollUntil(
        () => Promise.resolve(3),
        (n) => n === 3,
        { sleep },
      ),
    ).resolves.toBe(3);
    expect(pauses).toEqual([]);
  });

  test('reads again after doubling pauses capped at the maximum, until the value settles', async () => {
    const { pauses, sleep } = recorder();
    let reads = 0;
    const value = await pollUntil(
      () => Promise.resolve((reads += 1)),
      (n) => n === 5,
      { attempts: 6, firstDelayMs: 100, maxDelayMs: 300, sleep },
    );
    expect(value).toBe(5);
    expect(pauses).toEqual([100, 200, 300, 300]);
  });

  test('gives up after the last attempt and returns what it read last', async () => {
    const { pauses, sleep } = recorder();
    let reads = 0;
    await expect(
      pollUntil(
        () => Promise.resolve((reads += 1)),
        () => false,
        { attempts: 3, sleep },
      ),
    ).resolves.toBe(3);
    expect(pauses).toEqual([1000, 2000]);
  });
});
