// Alert history on one SQLite database (better-sqlite3, synchronous). The store only reads
// and writes; opening, migrating and checking a database file is alert-db.ts.
import type Database from 'better-sqlite3';
import type { Labels } from './labels';
import type { HistoryAlert, HistoryNotification } from '../contract/history';
import { type AlertRow, HistoryQueries } from './history/queries';
import { termsOf } from './history/terms';
import { type Adoption, walCheckpointer } from '../wal-checkpoint/client';

/** Index rows written by one INSERT statement (3 parameters each; SQLite allows 32,766). */
const TERMS_PER_STATEMENT = 100;

export interface StoredAlert {
  /** Assigned by the database; absent on alerts not stored yet. */
  id?: number;
  fingerprint: string;
  status: 'firing' | 'resolved';
  labels: Labels;
  annotations: Labels;
  /** RFC 3339 timestamps, as Alertmanager writes them. */
  startsAt: string;
  endsAt: string | null;
  /** When the service received the alert (RFC 3339); defaults to now on insert. */
  receivedAt?: string;
  /** The config commit whose route tree routed it (null: a file not in git, or unknown). */
  commit?: string | null;
  /** The receivers the route tree chose. */
  receivers?: readonly string[];
}

/** One attempt to deliver a notification. */
export interface DeliveryAttempt {
  groupKey: string;
  receiver: string;
  integration: string;
  attempt: number;
  ok: boolean;
  error?: string;
  latencyMs: number;
  alerts: number;
  commit: string | null;
  at: number;
  /** The group's labels (what the notification's group_by picked). */
  groupLabels?: Labels;
}


export class AlertStore {
  private readonly insertOne: Database.Statement;
  private readonly insertMany: (alerts: readonly StoredAlert[], now: number) => number[];
  private readonly insertDeliveries: (rows: readonly DeliveryAttempt[]) => number[];
  private readonly indexBatch: (batch: number) => number;
  private readonly countDeliveries: Database.Statement<[]>;
  // better-sqlite3's typings leave result rows untyped; each read below casts to its row type.
  private readonly countAll: Database.Statement<[]>;
  private readonly newest: Database.Statement<[number]>;
  private readonly pruneAlerts: (cutoff: number, batch: number) => number;
  private readonly pruneDeliveries: Database.Statement<[number, number]>;
  private readonly selectOne: Database.Statement<[]>;
  private queries_: HistoryQueries | null = null;

  /** Hands the database's checkpoints back before it closes (wal-checkpoint/client.ts). */
  private readonly checkpoints: Adoption;

  constructor(private readonly db: Database.Database) {
    this.checkpoints = walCheckpointer().adopt(db);
    this.insertOne = db.prepare(
      `INSERT INTO alerts (fingerprint, status, labels, annotations, starts_at, ends_at, received_at, commit_sha, receivers)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // One transaction per batch: a webhook post of 100 alerts is one fsync, not 100. The
    // term index is not written here: it costs several times the row itself, and ingest
    // must not wait on it (history/indexer.ts writes it behind).
    this.insertMany = db.transaction((alerts: readonly StoredAlert[], now: number) => {
      const ids: number[] = [];
      for (const a of alerts) {
        const parsed = a.receivedAt ? Date.parse(a.receivedAt) : now;
        const received = Number.isFinite(parsed) ? parsed : now;
        const id = this.insertOne.run(a.fingerprint, a.status, JSON.stringify(a.labels), JSON.stringify(a.annotations), a.startsAt, a.endsAt, received, a.commit ?? null, JSON.stringify(a.receivers ?? [])).lastInsertRowid;
        ids.push(Number(id));
      }
      return ids;
    });
    this.indexBatch = indexer(db);
    const insertDelivery = db.prepare(
      `INSERT INTO deliveries (group_key, receiver, integration, attempt, ok, error, latency_ms, alerts, commit_sha, at, group_labels)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertDeliveries = db.transaction((rows: readonly DeliveryAttempt[]) => {
      return rows.map((d) => Number(insertDelivery.run(d.groupKey, d.receiver, d.integration, d.attempt, d.ok ? 1 : 0, d.error ?? null, d.latencyMs, d.alerts, d.commit, d.at, JSON.stringify(d.groupLabels ?? {})).lastInsertRowid));
    });
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
    return alerts.length > 0 ? this.insertMany(alerts, now) : [];
  }

  count(): number {
    return (this.countAll.get() as { n: number }).n;
  }

  /** Stores the attempts in one transaction; returns their ids, in order. */
  recordDeliveries(rows: readonly DeliveryAttempt[]): number[] {
    return rows.length > 0 ? this.insertDeliveries(rows) : [];
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
    return this.pruneAlerts(cutoff, batch);
  }

  /** Deletes at most `batch` delivery attempts made before `cutoff`; returns how many. */
  pruneDeliveriesBefore(cutoff: number, batch: number): number {
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

/** The term index's writer: the alerts after history_index.indexed_to, in id order; their
 *  index rows sorted by key and written TERMS_PER_STATEMENT to a statement, so the index's
 *  pages are touched in sequence and the call overhead is paid once per chunk. */
function indexer(db: Database.Database): (batch: number) => number {
  const next = db.prepare<[number, number]>('SELECT id, status, labels, receivers, received_at, commit_sha FROM alerts WHERE id > ? ORDER BY id LIMIT ?');
  const watermark = db.prepare('SELECT indexed_to FROM history_index');
  const advance = db.prepare<[number]>('UPDATE history_index SET indexed_to = ?');
  const one = db.prepare('INSERT OR IGNORE INTO alert_terms (term, received_at, alert_id) VALUES (?, ?, ?)');
  const many = db.prepare(`INSERT OR IGNORE INTO alert_terms (term, received_at, alert_id) VALUES ${Array(TERMS_PER_STATEMENT).fill('(?, ?, ?)').join(', ')}`);
  return db.transaction((batch: number) => {
    const from = (watermark.get() as { indexed_to: number }).indexed_to;
    const rows = next.all(from, batch) as Array<{ id: number; status: string; labels: string; receivers: string | null; received_at: number; commit_sha: string | null }>;
    if (rows.length === 0) return 0;
    const keys: Array<[number, number, number]> = [];
    for (const row of rows) {
      const receivers = row.receivers ? (JSON.parse(row.receivers) as string[]) : [];
      for (const term of termsOf({ labels: JSON.parse(row.labels) as Labels, receivers, status: row.status, commit: row.commit_sha })) keys.push([term, row.received_at, row.id]);
    }
    keys.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
    let i = 0;
    for (; i + TERMS_PER_STATEMENT <= keys.length; i += TERMS_PER_STATEMENT) many.run(keys.slice(i, i + TERMS_PER_STATEMENT).flat());
    for (const [term, at, id] of keys.slice(i)) one.run(term, at, id);
    advance.run(rows[rows.length - 1]!.id);
    return rows.length;
  });
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
