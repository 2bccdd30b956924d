// The history's rows (tables alerts and deliveries) as written, apart from the store so the
// history thread (server/history-thread/) runs the same statements on its own connection as
// the event loop does when that thread is not there.
import type Database from 'better-sqlite3';
import type { Labels } from '../labels';

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

/** The ids a batch's rows were stored under, in order. */
export interface WrittenBatch {
  alertIds: number[];
  attemptIds: number[];
}

export interface RowWriter {
  /** Stores the alerts in one transaction; returns their ids, in order. */
  alerts(alerts: readonly StoredAlert[], now?: number): number[];
  /** Stores the attempts in one transaction; returns their ids, in order. */
  attempts(rows: readonly DeliveryAttempt[]): number[];
  /** A history writer's batch: both, in one IMMEDIATE transaction (it waits for the write
   *  lock up front, as the connection's busy timeout allows). */
  batch(alerts: readonly StoredAlert[], attempts: readonly DeliveryAttempt[], now?: number): WrittenBatch;
}

export function historyRowWriter(db: Database.Database): RowWriter {
  const insertAlert = db.prepare(
    `INSERT INTO alerts (fingerprint, status, labels, annotations, starts_at, ends_at, received_at, commit_sha, receivers)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDelivery = db.prepare(
    `INSERT INTO deliveries (group_key, receiver, integration, attempt, ok, error, latency_ms, alerts, commit_sha, at, group_labels)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // One transaction per batch: a webhook post of 100 alerts is one commit, not 100. The
  // term index is not written here: it costs several times the row itself, and ingest must
  // not wait on it (indexer.ts writes it behind).
  const alerts = db.transaction((rows: readonly StoredAlert[], now: number) => {
    const ids: number[] = [];
    for (const a of rows) {
      const parsed = a.receivedAt ? Date.parse(a.receivedAt) : now;
      const received = Number.isFinite(parsed) ? parsed : now;
      ids.push(Number(insertAlert.run(a.fingerprint, a.status, JSON.stringify(a.labels), JSON.stringify(a.annotations), a.startsAt, a.endsAt, received, a.commit ?? null, JSON.stringify(a.receivers ?? [])).lastInsertRowid));
    }
    return ids;
  });
  const attempts = db.transaction((rows: readonly DeliveryAttempt[]) =>
    rows.map((d) => Number(insertDelivery.run(d.groupKey, d.receiver, d.integration, d.attempt, d.ok ? 1 : 0, d.error ?? null, d.latencyMs, d.alerts, d.commit, d.at, JSON.stringify(d.groupLabels ?? {})).lastInsertRowid)),
  );
  const both = db.transaction((a: readonly StoredAlert[], d: readonly DeliveryAttempt[], now: number): WrittenBatch => ({
    alertIds: a.length > 0 ? alerts(a, now) : [],
    attemptIds: d.length > 0 ? attempts(d) : [],
  }));
  return {
    alerts: (rows, now = Date.now()) => (rows.length > 0 ? alerts(rows, now) : []),
    attempts: (rows) => (rows.length > 0 ? attempts(rows) : []),
    batch: (a, d, now = Date.now()) => both.immediate(a, d, now),
  };
}
