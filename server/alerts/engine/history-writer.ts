// Every received alert and every delivery attempt goes to the history database, batched:
// rows queue in memory and are written together, so a burst of posts costs one write, not
// one per alert, and ingest never waits on the disk. Rows wait up to FLUSH_AFTER_MS for
// company: with one alert per request a per-turn flush was one transaction per alert, the
// largest single cost of such a request (bench/ingest, CPU profile); a full batch
// (FLUSH_AT_ROWS) is written on the next turn. The
// store is looked up at write time, so a reload that moves database.path (storage swaps
// its store) sends later rows to the new file; rows queued while no store is open wait.
// Once written, rows are handed to `onStored` (the live alert event stream) with their ids.
import type { AlertStore, DeliveryAttempt, StoredAlert } from '../alert-store';

/** Rows kept while no store can take them; beyond that the oldest are dropped, counted. */
const MAX_QUEUED = 100_000;
/** How long a row may wait for others to share its transaction. */
export const FLUSH_AFTER_MS = 5;
/** Rows that are written on the next turn without waiting. */
export const FLUSH_AT_ROWS = 1_000;

export class HistoryWriter {
  private alerts: StoredAlert[] = [];
  private attempts: DeliveryAttempt[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private immediate: ReturnType<typeof setImmediate> | null = null;
  /** Rows dropped because the queue was full or the store refused them. */
  dropped = 0;

  constructor(
    private readonly store: () => AlertStore | null,
    private readonly onError: (err: Error) => void = () => undefined,
    private readonly onStored?: (stored: { alerts: ReadonlyArray<{ id: number; row: StoredAlert }>; attempts: ReadonlyArray<{ id: number; row: DeliveryAttempt }> }) => void,
  ) {}

  alert(row: StoredAlert): void {
    this.alerts.push(row);
    this.schedule();
  }

  attempt(row: DeliveryAttempt): void {
    this.attempts.push(row);
    this.schedule();
  }

  /** Writes what is queued now (also called on shutdown). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = this.immediate = null;
    const store = this.store();
    if (!store?.open) return this.trim();
    const alerts = this.alerts;
    const attempts = this.attempts;
    this.alerts = [];
    this.attempts = [];
    let alertIds: number[];
    let attemptIds: number[];
    try {
      alertIds = store.insert(alerts);
      attemptIds = store.recordDeliveries(attempts);
    } catch (err) {
      this.dropped += alerts.length + attempts.length;
      this.onError(err as Error);
      return;
    }
    this.onStored?.({ alerts: alerts.map((row, i) => ({ id: alertIds[i]!, row })), attempts: attempts.map((row, i) => ({ id: attemptIds[i]!, row })) });
  }

  private schedule(): void {
    if (this.immediate) return;
    if (this.alerts.length + this.attempts.length >= FLUSH_AT_ROWS) {
      this.immediate = setImmediate(() => this.flush());
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), FLUSH_AFTER_MS);
    // Shutdown flushes explicitly; a pending write must not keep the process alive.
    this.timer.unref?.();
  }

  private trim(): void {
    const over = this.alerts.length + this.attempts.length - MAX_QUEUED;
    if (over <= 0) return;
    const fromAlerts = Math.min(over, this.alerts.length);
    this.alerts.splice(0, fromAlerts);
    this.attempts.splice(0, over - fromAlerts);
    this.dropped += over;
  }
}
