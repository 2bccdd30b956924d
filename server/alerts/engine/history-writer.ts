// Every received alert and every delivery attempt goes to the history database, batched:
// rows queue in memory and are written together, so a burst of posts costs one write, not
// one per alert, and ingest never waits on the disk. Rows wait up to FLUSH_AFTER_MS for
// company: with one alert per request a per-turn flush was one transaction per alert, the
// largest single cost of such a request (bench/ingest, CPU profile); a full batch
// (FLUSH_AT_ROWS) is written on the next turn. The
// sink is looked up at write time, so a reload that moves database.path (storage swaps
// its store) sends later rows to the new file; rows queued while no store is open wait.
// The service's sink is the history thread (server/history-thread/): the event loop only
// hands it the batch.
// Once written, rows are handed to `onStored` (the live alert event stream) with their ids.
import type { DeliveryAttempt, StoredAlert, WrittenBatch } from '../alert-store';

/** Where batches go: the live store on the event loop, or the history thread's connection to
 *  it (reloaders/storage.ts `historySink`). */
export interface HistorySink {
  readonly open: boolean;
  /** Stores a batch: its ids now, or later from another thread. */
  write(alerts: readonly StoredAlert[], attempts: readonly DeliveryAttempt[], opts: { wait?: boolean }): WrittenBatch | Promise<WrittenBatch>;
}

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
    private readonly sink: () => HistorySink | null,
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

  /**
   * Writes what is queued now, to the sink current now. On the history thread the ids (and
   * so `onStored`) come later; `wait` (shutdown, a store swap: the last batch for that
   * database) returns only once the batch is stored.
   */
  flush(opts: { wait?: boolean } = {}): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = this.immediate = null;
    const sink = this.sink();
    if (!sink?.open) return this.trim();
    const alerts = this.alerts;
    const attempts = this.attempts;
    if (alerts.length + attempts.length === 0) return;
    this.alerts = [];
    this.attempts = [];
    let written: WrittenBatch | Promise<WrittenBatch>;
    try {
      written = sink.write(alerts, attempts, opts);
    } catch (err) {
      return this.failed(alerts.length + attempts.length, err as Error);
    }
    if (written instanceof Promise) {
      written.then(
        (ids) => this.stored(alerts, attempts, ids),
        (err: Error) => this.failed(alerts.length + attempts.length, err),
      );
    } else this.stored(alerts, attempts, written);
  }

  private stored(alerts: StoredAlert[], attempts: DeliveryAttempt[], ids: WrittenBatch): void {
    this.onStored?.({ alerts: alerts.map((row, i) => ({ id: ids.alertIds[i]!, row })), attempts: attempts.map((row, i) => ({ id: ids.attemptIds[i]!, row })) });
  }

  private failed(rows: number, err: Error): void {
    this.dropped += rows;
    this.onError(err);
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
