// The term index (alert_terms), written behind ingest. Indexing an alert costs several
// times storing it (one index row per label pair, receiver, status and commit, at scattered
// places in the B-tree), so the history writer stores rows only, and this loop indexes what
// was stored since, in batches, each its own short transaction, sleeping between batches in
// proportion to the time a batch took: under a flood of alerts the index falls behind
// instead of slowing ingest down, and catches up when the flood ends. Until then the
// queries scan the rows it has not reached (queries.ts), so nothing is missing from a page.
import type { AlertStore } from '../alert-store';

export interface IndexerOptions {
  /** Alerts per batch (one transaction). */
  batch?: number;
  /** Share of wall time the indexer may take while it has a backlog (0 < d ≤ 1). */
  dutyCycle?: number;
  onError?(err: Error): void;
}

export class HistoryIndexer {
  private readonly batch: number;
  private readonly dutyCycle: number;
  private pass: Promise<number> | null = null;
  private stopped = false;

  constructor(
    private readonly store: () => AlertStore | null,
    private readonly opts: IndexerOptions = {},
  ) {
    // A tenth of the loop: a flood of alerts loses at most that to indexing (bench/ingest),
    // and an idle service indexes 1,000 alerts in a few ms of every ~50.
    this.batch = opts.batch ?? 1_000;
    this.dutyCycle = Math.min(1, Math.max(0.01, opts.dutyCycle ?? 0.1));
  }

  /** Indexes until the index is complete, unless a pass is running already; settles with
   *  how many alerts the pass indexed. */
  run(): Promise<number> {
    this.stopped = false;
    return (this.pass ??= this.runPass().finally(() => (this.pass = null)));
  }

  stop(): void {
    this.stopped = true;
  }

  get running(): boolean {
    return this.pass !== null;
  }

  private async runPass(): Promise<number> {
    let indexed = 0;
    for (;;) {
      const store = this.store();
      if (this.stopped || !store?.open) return indexed;
      const started = performance.now();
      let n: number;
      try {
        n = store.indexNext(this.batch);
      } catch (err) {
        this.opts.onError?.(err as Error);
        return indexed;
      }
      indexed += n;
      if (n < this.batch) return indexed;
      const took = performance.now() - started;
      await new Promise<void>((resolve) => setTimeout(resolve, Math.max(1, (took * (1 - this.dutyCycle)) / this.dutyCycle)).unref());
    }
  }
}
