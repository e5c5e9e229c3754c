import { describeAwsError } from '../../lib/aws/errors';
import type { Clock } from '../../lib/clock';
import { appendManifest, type ChainHead } from './custody-chain';
import { storedKey, type EvidenceStore, type StoredArtifact } from './evidence';
import type { CustodyNote } from './record';

/** Where a run's evidence ended up. */
export interface FiledEvidence {
  /** The store holding the run, e.g. `s3://bucket`. */
  readonly location: string;
  /**
   * The run's manifest, i.e. the chain head it created, as the store holds it (under
   * `cases/<account>/` when the store is one account's part of a shared bucket).
   */
  readonly manifestKey: string;
  readonly head: ChainHead;
  /** The evidence bucket that refused the record, when it was kept in the fallback instead. */
  readonly refusedBy?: string;
}

/** One object of the run, rendered when it is written (again, after a move to the fallback). */
interface Entry {
  readonly key: string;
  readonly render: () => Uint8Array;
  readonly contentType: string;
}

/**
 * Files one run's objects and then its manifest, moving everything to a fallback store the
 * moment the evidence bucket refuses a write (a bucket policy, a KMS key policy, a bucket owned by
 * someone else): the record is never lost because the bucket said no. Objects already in the
 * bucket stay there (they are write-once) and are written again, complete, to the fallback.
 * Without a fallback (a Lambda function, whose /tmp dies with it), the objects are kept in memory
 * so the caller can still say what happened, and {@link problems} says that nothing was filed.
 * Nothing here throws: every refusal becomes a problem in words.
 */
export class RunFiling {
  private store: EvidenceStore | undefined;
  private readonly entries: Entry[] = [];
  private readonly stored = new Map<string, StoredArtifact>();
  private refused: string | undefined;
  private readonly refusals: string[] = [];

  constructor(
    private readonly primary: EvidenceStore,
    private readonly fallback: EvidenceStore | undefined,
    /** Told of each refusal as it happens, e.g. to warn on the terminal at once. */
    private readonly onProblem?: (problem: string) => void,
  ) {
    this.store = primary;
  }

  /** Each refusal and where the record went instead, in words; empty while all goes well. */
  get problems(): readonly string[] {
    return this.refusals;
  }

  /** Where the record is kept and why, for the records themselves. */
  custody(): CustodyNote {
    const store = this.store ?? this.primary;
    return {
      store: this.store ? store.location : 'nowhere: no store accepted the record',
      ...(this.store?.protection ? { protection: this.store.protection } : {}),
      ...(this.refused ? { refusedBy: this.refused } : {}),
      problems: [...this.refusals],
    };
  }

  /** Files one object of the run now. */
  async file(key: string, render: () => Uint8Array, contentType: string): Promise<void> {
    this.entries.push({ key, render, contentType });
    await this.settle();
  }

  /**
   * Writes the run's manifest onto the case's chain, after every object is in the store.
   *
   * @returns where the evidence is, or undefined when no store accepted it
   */
  async seal(caseId: string, runId: string, clock: Clock): Promise<FiledEvidence | undefined> {
    await this.settle();
    while (this.store) {
      const store = this.store;
      try {
        const { head } = await appendManifest(store, {
          caseId,
          runId,
          artifacts: this.entries.map((entry) => this.stored.get(entry.key) as StoredArtifact),
          clock,
        });
        return {
          location: store.location,
          manifestKey: storedKey(store, head.key),
          head,
          ...(this.refused ? { refusedBy: this.refused } : {}),
        };
      } catch (error) {
        this.refuse(`the manifest of run ${runId}`, error);
        await this.settle();
      }
    }
    return undefined;
  }

  /** Makes sure every object so far is in the current store, moving on at each refusal. */
  private async settle(): Promise<void> {
    while (this.store) {
      const missing = this.entries.find((entry) => !this.stored.has(entry.key));
      if (!missing) return;
      try {
        this.stored.set(
          missing.key,
          await this.store.put(missing.key, missing.render(), missing.contentType),
        );
      } catch (error) {
        this.refuse(missing.key, error);
      }
    }
  }

  private refuse(what: string, error: unknown): void {
    const refusing = this.store as EvidenceStore;
    const next = this.fallback && refusing !== this.fallback ? this.fallback : undefined;
    if (refusing === this.primary) this.refused = refusing.location;
    this.stored.clear();
    this.store = next;
    const problem =
      `${refusing.location} refused ${what} (${describeAwsError(error)}); ` +
      (next
        ? `the whole record is kept in ${next.location} instead: copy it to immutable storage`
        : 'the evidence was NOT filed anywhere: the run record below is the only copy');
    this.refusals.push(problem);
    this.onProblem?.(problem);
  }
}
