// Alert history on one SQLite database (better-sqlite3, synchronous). The store only reads
// and writes; opening, migrating and checking a database file is alert-db.ts.
import type Database from 'better-sqlite3';
import type { Labels } from './labels';
import type { HistoryAlert, HistoryNotification } from '../contract/history';
import { type AlertRow, HistoryQueries } from './history/queries';
import { termsOf } from './history/terms';
import { termIndexWriter } from './history/index-writer';
import { type DeliveryAttempt, type RowWriter, type StoredAlert, type WrittenBatch, historyRowWriter } from './history/row-writer';
import { type Adoption, walCheckpointer } from '../wal-checkpoint/client';

export type { DeliveryAttempt, StoredAlert, WrittenBatch } from './history/row-writer';

export class AlertStore {
  private readonly rows: RowWriter;
  private readonly indexBatch: (batch: number) => number;
  private readonly countDeliveries: Database.Statement<[]>;
  // better-sqlite3's typings leave result rows untyped; each read below casts to its row type.
  private readonly countAll: Database.Statement<[]>;
  private readonly newest: Database.Statement<[number]>;
  private readonly pruneAlerts: (cutoff: number, batch: number) => number;
  private readonly pruneDeliveries: Database.Statement<[number, number]>;
  private readonly anyAlertBefore: Database.Statement<[number]>;
  private readonly anyDeliveryBefore: Database.Statement<[number]>;
  private readonly selectOne: Database.Statement<[]>;
  private queries_: HistoryQueries | null = null;

  /** Hands the database's checkpoints back before it closes (wal-checkpoint/client.ts). */
  private readonly checkpoints: Adoption;

  constructor(private readonly db: Database.Database) {
    this.checkpoints = walCheckpointer().adopt(db);
    this.rows = historyRowWriter(db);
    this.indexBatch = termIndexWriter(db);
    this.countDeliveries = db.prepare('SELECT count(*) AS n FROM deliveries');
    this.countAll = db.prepare('SELECT count(*) AS n FROM alerts');
    this.newest = db.prepare('SELECT * FROM alerts ORDER BY received_at DESC, id DESC LIMIT ?');
    // Oldest first, a bounded batch at a time (history/pruner.ts yields between batches);
    // an alert's terms are found again from its own row, by the index's key.
    const oldest = db.prepare<[number, number]>('SELECT id, status, labels, receivers, received_at, commit_sha FROM alerts WHERE received_at < ? ORDER BY received_at, id LIMIT ?');
    const deleteTerm = db.prepare('DELETE FROM alert_terms WHERE term = ? AND received_at = ? AND alert_id = ?');
    const deleteAlert = db.prepare('DELETE FROM alerts WHERE id = ?');
    this.pruneAlerts = db.transaction((cutoff: number, batch: number) => {
      const rows = oldest.all(cutoff, batch) as Array<{ id: number; status: string; labels: string; receivers: string | null; received_at: number; commit_sha: string | null }>;
      for (const row of rows) {
        const receivers = row.receivers ? (JSON.parse(row.receivers) as string[]) : [];
        for (const term of termsOf({ labels: JSON.parse(row.labels) as Labels, receivers, status: row.status, commit: row.commit_sha })) deleteTerm.run(term, row.received_at, row.id);
        deleteAlert.run(row.id);
      }
      return rows.length;
    });
    this.pruneDeliveries = db.prepare('DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries WHERE at < ? ORDER BY at LIMIT ?)');
    // A prune with nothing to delete must not write: a DELETE takes the write lock even when
    // it matches nothing, and waits for it behind the history thread's batches — on the event
    // loop, at every reload's commit (a reload under ingest took 2.29 ms of it, 2.00 without
    // the DELETE). A read never waits (WAL).
    this.anyAlertBefore = db.prepare('SELECT 1 FROM alerts WHERE received_at < ? LIMIT 1').pluck();
    this.anyDeliveryBefore = db.prepare('SELECT 1 FROM deliveries WHERE at < ? LIMIT 1').pluck();
    this.selectOne = db.prepare('SELECT 1 AS ok');
  }

  /** The database file this store writes to. */
  get path(): string {
    return this.db.name;
  }

  get open(): boolean {
    return this.db.open;
  }

  /** Stores the alerts in one transaction; returns their ids, in order. */
  insert(alerts: readonly StoredAlert[], now: number = Date.now()): number[] {
    return this.rows.alerts(alerts, now);
  }

  /** Stores one batch of the history writer, alerts and attempts in one transaction (the
   *  writer's sink when there is no history thread). */
  write(alerts: readonly StoredAlert[], attempts: readonly DeliveryAttempt[]): WrittenBatch {
    return this.rows.batch(alerts, attempts);
  }

  count(): number {
    return (this.countAll.get() as { n: number }).n;
  }

  /** Stores the attempts in one transaction; returns their ids, in order. */
  recordDeliveries(rows: readonly DeliveryAttempt[]): number[] {
    return this.rows.attempts(rows);
  }

  deliveryCount(): number {
    return (this.countDeliveries.get() as { n: number }).n;
  }

  /** Newest first. */
  recent(limit: number): StoredAlert[] {
    return (this.newest.all(Math.max(0, Math.floor(limit))) as AlertRow[]).map(fromRow);
  }

  /** Writes the term index of the next `batch` alerts not indexed yet, in one transaction;
   *  returns how many it indexed (0: the index is complete). */
  indexNext(batch: number): number {
    return this.indexBatch(batch);
  }

  /** The history API's reads on this database. */
  get queries(): HistoryQueries {
    return (this.queries_ ??= new HistoryQueries(this.db));
  }

  /** Deletes at most `batch` alerts (and their index rows) received before `cutoff` (unix
   *  ms), oldest first, in one transaction; returns how many went. */
  pruneAlertsBefore(cutoff: number, batch: number): number {
    if (this.anyAlertBefore.get(cutoff) === undefined) return 0;
    return this.pruneAlerts(cutoff, batch);
  }

  /** Deletes at most `batch` delivery attempts made before `cutoff`; returns how many. */
  pruneDeliveriesBefore(cutoff: number, batch: number): number {
    if (this.anyDeliveryBefore.get(cutoff) === undefined) return 0;
    return this.pruneDeliveries.run(cutoff, batch).changes;
  }

  /** Deletes every alert received more than `olderThanMs` before `now` (in batches, without
   *  yielding: tests and tools; the service prunes with history/pruner.ts); returns how many. */
  prune(olderThanMs: number, now: number = Date.now()): number {
    let total = 0;
    for (let n; (n = this.pruneAlertsBefore(now - olderThanMs, 1_000)) > 0; ) total += n;
    while (this.pruneDeliveriesBefore(now - olderThanMs, 1_000) > 0);
    return total;
  }

  /** Throws when the database cannot answer a query. */
  ping(): void {
    if ((this.selectOne.get() as { ok: number } | undefined)?.ok !== 1) throw new Error(`database ${this.path} did not answer "select 1"`);
  }

  close(): void {
    if (!this.db.open) return;
    this.checkpoints.release();
    this.db.close();
  }
}

/** A stored alert as the history API and the event stream show it. No copies: the row's
 *  label and annotation objects are the engine's, never changed after they are read. */
export function toHistoryAlert(id: number, a: StoredAlert): HistoryAlert {
  return {
    id,
    fingerprint: a.fingerprint,
    status: a.status,
    labels: a.labels,
    annotations: a.annotations,
    starts_at: a.startsAt,
    ends_at: a.endsAt,
    received_at: a.receivedAt ?? new Date().toISOString(),
    commit: a.commit ?? null,
    receivers: (a.receivers ?? []) as string[],
  };
}

export function toHistoryNotification(id: number, d: DeliveryAttempt): HistoryNotification {
  return {
    id,
    group_key: d.groupKey,
    group_labels: d.groupLabels ?? {},
    receiver: d.receiver,
    integration: d.integration,
    status: d.ok ? 'delivered' : 'failed',
    attempt: d.attempt,
    latency_ms: d.latencyMs,
    error: d.error ?? null,
    alerts: d.alerts,
    commit: d.commit,
    at: new Date(d.at).toISOString(),
  };
}

function fromRow(row: AlertRow): StoredAlert {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    status: row.status,
    labels: JSON.parse(row.labels) as Labels,
    annotations: JSON.parse(row.annotations) as Labels,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    receivedAt: new Date(row.received_at).toISOString(),
    commit: row.commit_sha,
    receivers: row.receivers ? (JSON.parse(row.receivers) as string[]) : [],
  };
}
