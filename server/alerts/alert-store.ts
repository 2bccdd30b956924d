// Alert history on one SQLite database (better-sqlite3, synchronous). The store only reads
// and writes; opening, migrating and checking a database file is alert-db.ts.
import type Database from 'better-sqlite3';
import type { Labels } from './labels';

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
}

interface AlertRow {
  id: number;
  fingerprint: string;
  status: 'firing' | 'resolved';
  labels: string;
  annotations: string;
  starts_at: string;
  ends_at: string | null;
  received_at: number;
}

export class AlertStore {
  private readonly insertOne: Database.Statement;
  private readonly insertMany: (alerts: readonly StoredAlert[], now: number) => void;
  private readonly insertDeliveries: (rows: readonly DeliveryAttempt[]) => void;
  private readonly countDeliveries: Database.Statement<[]>;
  // better-sqlite3's typings leave result rows untyped; each read below casts to its row type.
  private readonly countAll: Database.Statement<[]>;
  private readonly newest: Database.Statement<[number]>;
  private readonly deleteBefore: Database.Statement<[number]>;
  private readonly selectOne: Database.Statement<[]>;

  constructor(private readonly db: Database.Database) {
    this.insertOne = db.prepare(
      `INSERT INTO alerts (fingerprint, status, labels, annotations, starts_at, ends_at, received_at, commit_sha)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // One transaction per batch: a webhook post of 100 alerts is one fsync, not 100.
    this.insertMany = db.transaction((alerts: readonly StoredAlert[], now: number) => {
      for (const a of alerts) {
        const received = a.receivedAt ? Date.parse(a.receivedAt) : now;
        this.insertOne.run(a.fingerprint, a.status, JSON.stringify(a.labels), JSON.stringify(a.annotations), a.startsAt, a.endsAt, Number.isFinite(received) ? received : now, a.commit ?? null);
      }
    });
    const insertDelivery = db.prepare(
      `INSERT INTO deliveries (group_key, receiver, integration, attempt, ok, error, latency_ms, alerts, commit_sha, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertDeliveries = db.transaction((rows: readonly DeliveryAttempt[]) => {
      for (const d of rows) insertDelivery.run(d.groupKey, d.receiver, d.integration, d.attempt, d.ok ? 1 : 0, d.error ?? null, d.latencyMs, d.alerts, d.commit, d.at);
    });
    this.countDeliveries = db.prepare('SELECT count(*) AS n FROM deliveries');
    this.countAll = db.prepare('SELECT count(*) AS n FROM alerts');
    this.newest = db.prepare('SELECT * FROM alerts ORDER BY received_at DESC, id DESC LIMIT ?');
    this.deleteBefore = db.prepare('DELETE FROM alerts WHERE received_at < ?');
    this.selectOne = db.prepare('SELECT 1 AS ok');
  }

  /** The database file this store writes to. */
  get path(): string {
    return this.db.name;
  }

  get open(): boolean {
    return this.db.open;
  }

  insert(alerts: readonly StoredAlert[], now: number = Date.now()): void {
    if (alerts.length > 0) this.insertMany(alerts, now);
  }

  count(): number {
    return (this.countAll.get() as { n: number }).n;
  }

  recordDeliveries(rows: readonly DeliveryAttempt[]): void {
    if (rows.length > 0) this.insertDeliveries(rows);
  }

  deliveryCount(): number {
    return (this.countDeliveries.get() as { n: number }).n;
  }

  /** Newest first. */
  recent(limit: number): StoredAlert[] {
    return (this.newest.all(Math.max(0, Math.floor(limit))) as AlertRow[]).map(fromRow);
  }

  /** Deletes alerts received more than `olderThanMs` before `now`; returns how many. */
  prune(olderThanMs: number, now: number = Date.now()): number {
    return this.deleteBefore.run(now - olderThanMs).changes;
  }

  /** Throws when the database cannot answer a query. */
  ping(): void {
    if ((this.selectOne.get() as { ok: number } | undefined)?.ok !== 1) throw new Error(`database ${this.path} did not answer "select 1"`);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
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
  };
}
