import type { VerificationResult } from './record';
import { SETTLE_DELAYS_MS, SETTLE_RESERVE_MS, settleVerification } from './verify-settle';

const pass: VerificationResult = { check: 'snapshots filed under the case', ok: true, detail: '3' };
const miss: VerificationResult = { ...pass, ok: false, detail: 'no snapshot for vol-1' };

/** A read that answers `answers` in turn (the last one from then on), and a sleep that only counts. */
function scripted(...answers: (VerificationResult[] | Error)[]) {
  const slept: number[] = [];
  let reads = 0;
  const read = () => {
    const answer = answers[Math.min(reads, answers.length - 1)] as VerificationResult[] | Error;
    reads += 1;
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return {
    read,
    slept,
    reads: () => reads,
    sleep: (ms: number) => {
      slept.push(ms);
      return Promise.resolve();
    },
  };
}

describe('settleVerification', () => {
  test('a verification that passes at once is read once', async () => {
    const script = scripted([pass]);
    expect(await settleVerification(script.read, { sleep: script.sleep })).toEqual([pass]);
    expect(script.slept).toEqual([]);
  });

  test('a slow read is not a failed check: it is read again, backing off, until it passes', async () => {
    const script = scripted([miss], [miss], [pass]);
    expect(await settleVerification(script.read, { sleep: script.sleep })).toEqual([pass]);
    expect(script.slept).toEqual([500, 1_000]);
  });

  test('waits are bounded: seven reads over 31.5 s, then the last results say how long', async () => {
    const script = scripted([miss]);
    const results = await settleVerification(script.read, { sleep: script.sleep });
    expect(script.slept).toEqual([...SETTLE_DELAYS_MS]);
    expect(script.reads()).toBe(7);
    expect(results).toEqual([
      { ...miss, detail: 'no snapshot for vol-1 (still so after 7 reads over 31.5 s)' },
    ]);
  });

  test('a read that throws is retried; the last error is thrown when no read succeeds', async () => {
    const flaky = scripted(new Error('RequestLimitExceeded'), [pass]);
    expect(await settleVerification(flaky.read, { sleep: flaky.sleep })).toEqual([pass]);
    const broken = scripted(new Error('AccessDenied'));
    await expect(
      settleVerification(broken.read, { sleep: broken.sleep, delaysMs: [1, 2] }),
    ).rejects.toThrow('AccessDenied');
    expect(broken.reads()).toBe(3);
  });

  test('no wait starts that would leave less than the reserve for filing the record', async () => {
    const script = scripted([miss]);
    let left = SETTLE_RESERVE_MS + 2_000;
    await settleVerification(script.read, {
      sleep: (ms) => {
        left -= ms;
        return script.sleep(ms);
      },
      remainingMs: () => left,
    });
    // 500 and 1000 fit before the reserve; 2000 more would eat into it.
    expect(script.slept).toEqual([500, 1_000]);
  });
});
