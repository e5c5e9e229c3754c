import type { Clock } from './clock';
import { systemClock } from './clock';
import { Semaphore } from './concurrency';

/**
 * Reads of runs sharing one limiter that go on at once. A response's read is two waves of about
 * fifteen calls, so this keeps it near one connection pool's width (50 sockets).
 */
export const CONCURRENT_READS = 4;

/** A token bucket: `burst` calls at once, then `perSecond` calls per second. */
export interface BucketSpec {
  readonly burst: number;
  readonly perSecond: number;
}

/**
 * Client-side token buckets per API, so that many responses running at once in one process
 * stay inside AWS's own request buckets instead of being throttled and retried.
 *
 * @see https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html
 */
export class RateLimiter {
  private readonly state = new Map<
    string,
    { tokens: number; updatedAt: number; queue: Promise<void> }
  >();
  private readonly readers = new Semaphore(CONCURRENT_READS);

  constructor(
    private readonly buckets: { readonly [api: string]: BucketSpec },
    private readonly clock: Clock = systemClock,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /**
   * Runs one response's read (what it reads before it plans) beside at most
   * {@link CONCURRENT_READS} - 1 other reads of runs sharing this limiter, in the order the runs
   * asked. Fifty runs started together otherwise share the connections evenly, all finish their
   * reads late together, and no change goes out, so the request buckets sit full and unused,
   * until every read is done (4.7 s of a 24.8 s run of fifty isolations, against a 20 s floor).
   * In turns, the first runs change while later ones read.
   */
  read<T>(task: () => Promise<T>): Promise<T> {
    return this.readers.run(task);
  }

  /** Waits until a call of `api` fits its bucket; APIs without a bucket pass at once. */
  take(api: string): Promise<void> {
    const spec = this.buckets[api];
    if (!spec) return Promise.resolve();
    let bucket = this.state.get(api);
    if (!bucket) {
      bucket = {
        tokens: spec.burst,
        updatedAt: this.clock.now().getTime(),
        queue: Promise.resolve(),
      };
      this.state.set(api, bucket);
    }
    const current = bucket;
    // Callers queue per API so that tokens are handed out in arrival order.
    const turn = current.queue.then(async () => {
      for (;;) {
        const now = this.clock.now().getTime();
        current.tokens = Math.min(
          spec.burst,
          current.tokens + ((now - current.updatedAt) / 1000) * spec.perSecond,
        );
        current.updatedAt = now;
        if (current.tokens >= 1) {
          current.tokens -= 1;
          return;
        }
        await this.sleep(Math.ceil(((1 - current.tokens) / spec.perSecond) * 1000));
      }
    });
    current.queue = turn;
    return turn;
  }
}

/**
 * EC2 API request buckets of mutating calls the responders make in bulk (default account
 * limits; AWS may raise them per account).
 */
export const EC2_MUTATION_BUCKETS: { readonly [api: string]: BucketSpec } = {
  'ec2:ModifyNetworkInterfaceAttribute': { burst: 100, perSecond: 5 },
  'ec2:ModifyInstanceAttribute': { burst: 100, perSecond: 5 },
  'ec2:CreateSnapshots': { burst: 100, perSecond: 5 },
  'ec2:CreateSnapshot': { burst: 100, perSecond: 5 },
  'ec2:CreateTags': { burst: 100, perSecond: 10 },
  'ec2:AuthorizeSecurityGroupIngress': { burst: 50, perSecond: 5 },
  'ec2:AuthorizeSecurityGroupEgress': { burst: 50, perSecond: 5 },
  'ec2:RevokeSecurityGroupEgress': { burst: 50, perSecond: 5 },
  'ec2:CreateSecurityGroup': { burst: 50, perSecond: 5 },
};
