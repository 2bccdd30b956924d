// The term index (alert_terms), written behind ingest. Indexing an alert costs several
// times storing it (one index row per label pair, receiver, status and commit, at scattered
// places in the B-tree), so the history writer stores rows only, and this loop indexes what
// was stored since, in batches, each its own short transaction, sleeping between batches in
// proportion to the time a batch took: under a flood of alerts the index falls behind
// instead of slowing ingest down, and catches up when the flood ends. Until then the
// queries scan the rows it has not reached (queries.ts), so nothing is missing from a page.
import { DutyCycledPass } from './duty-cycled-pass';

/** What the indexer writes to: the service's store, or the index thread's own connection. */
export interface IndexTarget {
  readonly open: boolean;
  /** Indexes the next `batch` alerts not indexed yet, in one transaction; returns how many. */
  indexNext(batch: number): number;
}

export interface IndexerOptions {
  /** Most alerts per batch (one transaction); fewer when a batch outruns the step budget. */
  batch?: number;
  /** Share of wall time the indexer may take while it has a backlog (0 < d ≤ 1). */
  dutyCycle?: number;
  onError?(err: Error): void;
}

export class HistoryIndexer extends DutyCycledPass {
  constructor(
    private readonly store: () => IndexTarget | null,
    opts: IndexerOptions = {},
  ) {
    // A tenth of the loop: a flood of alerts loses at most that to indexing (bench/ingest),
    // and an idle service indexes in steps of about 2 ms (100–1,000 alerts, by their cost).
    super(opts.batch ?? 1_000, Math.min(1, Math.max(0.01, opts.dutyCycle ?? 0.1)), opts.onError);
  }

  /** Indexes until the index is complete; settles with how many alerts the pass indexed. */
  protected async runPass(): Promise<number> {
    return (
      await this.batches((size) => {
        const store = this.store();
        return store?.open ? store.indexNext(size) : null;
      })
    ).done;
  }
}
