import { PatientRetryStrategy, type RetryPolicy } from './retry-strategy';

const POLICY: RetryPolicy = {
  maxAttempts: 4,
  unrecognizedMaxAttempts: 2,
  callDeadlineMs: 10_000,
  throttlingBaseMs: 500,
  transientBaseMs: 100,
  maxDelayMs: 2_000,
};

/** A strategy on a hand-moved clock whose jitter always draws `draw`. */
function strategyAt(draw: number, policy: RetryPolicy = POLICY) {
  const clock = { now: 1_000_000 };
  const strategy = new PatientRetryStrategy(
    policy,
    () => clock.now,
    () => draw,
  );
  return { strategy, clock };
}

describe('PatientRetryStrategy', () => {
  test('waits with full jitter from the throttling base, doubling per retry up to the cap', async () => {
    // Prepare
    const { strategy } = strategyAt(0.999);
    let token = await strategy.acquireInitialRetryToken();
    const delays: number[] = [];

    // Act
    for (let retry = 0; retry < 3; retry += 1) {
      token = await strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' });
      delays.push(token.getRetryDelay());
    }

    // Assess
    expect(delays).toEqual([499, 999, 1998]);
    expect(token.getRetryCount()).toBe(3);
  });

  test('backs off from the shorter transient base after a server error or a dropped connection', async () => {
    // Prepare
    const { strategy } = strategyAt(0.5);
    const token = await strategy.acquireInitialRetryToken();

    // Act
    const next = await strategy.refreshRetryTokenForRetry(token, { errorType: 'TRANSIENT' });

    // Assess
    expect(next.getRetryDelay()).toBe(50);
  });

  test('refuses a retry once the attempts are spent, so the call fails with its last error', async () => {
    // Prepare
    const { strategy } = strategyAt(0);
    let token = await strategy.acquireInitialRetryToken();
    for (let retry = 0; retry < POLICY.maxAttempts - 1; retry += 1) {
      token = await strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' });
    }

    // Act
    const refused = strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' });

    // Assess
    await expect(refused).rejects.toThrow('no attempts left');
  });

  test('gives up sooner on an HTTP error that is not an AWS error document, such as an emulator page', async () => {
    // Prepare
    const { strategy } = strategyAt(0);
    const unparseable = Object.assign(new SyntaxError('Deserialization error: <html>'), {
      $metadata: { httpStatusCode: 500 },
    });
    const dropped = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const first = await strategy.acquireInitialRetryToken();

    // Act
    const second = await strategy.refreshRetryTokenForRetry(first, {
      errorType: 'TRANSIENT',
      error: unparseable,
    });
    const refused = strategy.refreshRetryTokenForRetry(second, {
      errorType: 'TRANSIENT',
      error: unparseable,
    });
    const droppedAgain = await strategy.refreshRetryTokenForRetry(second, {
      errorType: 'TRANSIENT',
      error: dropped,
    });

    // Assess
    await expect(refused).rejects.toThrow('no attempts left');
    expect(droppedAgain.getRetryCount()).toBe(2);
  });

  test('refuses a retry whose wait would end past the call deadline', async () => {
    // Prepare
    const { strategy, clock } = strategyAt(0.999);
    const token = await strategy.acquireInitialRetryToken();
    clock.now += POLICY.callDeadlineMs - 100;

    // Act
    const refused = strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' });

    // Assess
    await expect(refused).rejects.toThrow('the call deadline would pass');
  });

  test('never retries a client error such as AccessDenied', async () => {
    // Prepare
    const { strategy } = strategyAt(0);
    const token = await strategy.acquireInitialRetryToken();

    // Act
    const refused = strategy.refreshRetryTokenForRetry(token, { errorType: 'CLIENT_ERROR' });

    // Assess
    await expect(refused).rejects.toThrow('not retryable');
  });

  test('waits at least as long as the service asks in Retry-After, within the cap', async () => {
    // Prepare
    const { strategy, clock } = strategyAt(0);
    const token = await strategy.acquireInitialRetryToken();

    // Act
    const next = await strategy.refreshRetryTokenForRetry(token, {
      errorType: 'THROTTLING',
      retryAfterHint: new Date(clock.now + 1_500),
    });

    // Assess
    expect(next.getRetryDelay()).toBe(1_500);
  });

  test('keeps retrying however many calls were throttled before: there is no shared quota to run dry', async () => {
    // Prepare
    const { strategy } = strategyAt(0);

    // Act
    const retried = await Promise.all(
      Array.from({ length: 1_000 }, async () => {
        const token = await strategy.acquireInitialRetryToken();
        return strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING' });
      }),
    );

    // Assess
    expect(retried.every((token) => token.getRetryCount() === 1)).toBe(true);
  });
});
