// Retention (database.retention), enforced in the background: a pass deletes what was
// received before its cutoff, oldest first, in batches of a few hundred rows, each batch
// its own short transaction. Between batches it sleeps in proportion to the time the batch
// took (a duty cycle), so a pass over a large backlog costs ingest a fixed small share of
// the event loop instead of one long stall: SQLite is synchronous, and a single
// DELETE of 50,000 rows would hold the loop — and every alert post — for its whole run.
//
// The store and the retention are read again before every batch, so a reload that moves
// database.path or changes retention takes effect mid-pass (a closed store ends the pass).
import type { AlertStore } from '../alert-store';
import { DutyCycledPass } from './duty-cycled-pass';

export type PrunedTable = 'alerts' | 'deliveries';

export interface PrunerOptions {
  /** Most rows per batch (one transaction); fewer when a batch outruns the step budget. */
  batch?: number;
  /** Share of wall time a pass may spend deleting while there is a backlog (0 < d ≤ 1). */
  dutyCycle?: number;
  onPruned?(table: PrunedTable, rows: number): void;
  onError?(err: Error): void;
  now?(): number;
}

export interface PruneTarget {
  store: AlertStore;
  retentionMs: number;
}

export class HistoryPruner extends DutyCycledPass {
  constructor(
    private readonly target: () => PruneTarget | null,
    private readonly opts: PrunerOptions = {},
  ) {
    // Up to 250 alerts (~2,000 index rows) a batch, fewer when that outruns the step budget
    // (duty-cycled-pass.ts), but not below half a batch: deleting an alert's terms writes
    // pages all over the term index, and 31 alerts a step cost 73 µs each where 250 cost 11
    // (a 500,000-alert database). A tenth of the loop would prune 50,000 rows in about 15 s
    // on a small machine, but when ingest keeps the loop busy that tenth is taken from
    // ingest. Retention is never urgent: 4 % of the loop prunes them in under a minute and
    // costs a saturated ingest under 5 % (bench/history).
    const batch = opts.batch ?? 250;
    super(batch, Math.min(1, Math.max(0.001, opts.dutyCycle ?? 0.04)), opts.onError, Math.ceil(batch / 2));
  }

  /** Deletes what was received before the cutoff, alerts first; settles with the rows removed.
   *  The store and the retention are read again before every batch. */
  protected async runPass(): Promise<number> {
    const now = (this.opts.now ?? Date.now)();
    let removed = 0;
    for (const table of ['alerts', 'deliveries'] as const) {
      const { done, drained } = await this.batches((size) => {
        const t = this.target();
        if (!t?.store.open) return null;
        const cutoff = now - t.retentionMs;
        const n = table === 'alerts' ? t.store.pruneAlertsBefore(cutoff, size) : t.store.pruneDeliveriesBefore(cutoff, size);
        if (n > 0) this.opts.onPruned?.(table, n);
        return n;
      });
      removed += done;
      if (!drained) return removed;
    }
    return removed;
  }
}
