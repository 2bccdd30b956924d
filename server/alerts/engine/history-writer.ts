// Every received alert and every delivery attempt goes to the history database, batched:
// rows queue in memory and are written in one transaction per event-loop turn, so a burst
// of posts costs one write, not one per alert, and ingest never waits on the disk. The
// store is looked up at write time, so a reload that moves database.path (storage swaps
// its store) sends later rows to the new file; rows queued while no store is open wait.
// Once written, rows are handed to `onStored` (the live alert event stream) with their ids.
import type { AlertStore, DeliveryAttempt, StoredAlert } from '../alert-store';

/** Rows kept while no store can take them; beyond that the oldest are dropped, counted. */
const MAX_QUEUED = 100_000;

export class HistoryWriter {
  private alerts: StoredAlert[] = [];
  private attempts: DeliveryAttempt[] = [];
  private scheduled = false;
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
    this.scheduled = false;
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
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
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
