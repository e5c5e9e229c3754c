import { allSettledOrFirstError, mapWithLimit } from './concurrency';

describe('allSettledOrFirstError', () => {
  test('resolves every value in input order when all succeed', async () => {
    await expect(
      allSettledOrFirstError([Promise.resolve(1), Promise.resolve('two')]),
    ).resolves.toEqual([1, 'two']);
  });

  test('rejects with the first failure in input order only after the slower calls have settled', async () => {
    let slowSettled = false;
    const slow = new Promise<string>((resolve) =>
      setTimeout(() => {
        slowSettled = true;
        resolve('late');
      }, 20),
    );
    const error = await allSettledOrFirstError([
      slow,
      Promise.reject(new Error('first')),
      Promise.reject(new Error('second')),
    ]).catch((caught: unknown) => caught);
    expect(error).toEqual(new Error('first'));
    expect(slowSettled).toBe(true);
  });
});

describe('mapWithLimit', () => {
  test('never has more calls in flight than the limit and keeps the input order', async () => {
    let inFlight = 0;
    let peak = 0;
    const result = await mapWithLimit([1, 2, 3, 4, 5], 2, async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return n * 10;
    });
    expect(result).toEqual([10, 20, 30, 40, 50]);
    expect(peak).toBe(2);
  });
});
