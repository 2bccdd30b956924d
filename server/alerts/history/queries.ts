// The history API's reads: pages of alerts and of delivery attempts, newest first, with
// keyset paging — a page continues strictly after the last row the previous one returned,
// ordered by (time, id), so page 500 costs what page 1 costs, and rows inserted meanwhile
// (newer, hence before the first page) neither shift nor repeat a later page.
//
// Alerts: when the filter holds an equality (a label pair, the receiver, the status, the
// commit), the scan runs down one term's rows of alert_terms — the term with the fewest
// rows, judged by a bounded count — and every other equality is an index probe on the same
// key. Everything the index cannot say (!=, =~, !~, empty values, hash collisions) is
// checked on the decoded row. A call scans at most SCAN_CAP rows: a filter that matches
// little answers a short page with a cursor to go on, in bounded time.
import type Database from 'better-sqlite3';
import { matchesAll, type Matcher } from '../../config/matchers';
import type { CommitActivity, HistoryAlert, HistoryNotification } from '../../contract/history';
import type { Labels } from '../labels';
import { commitTerm, labelTerm, receiverTerm, statusTerm } from './terms';

export const MAX_PAGE = 1_000;
/** Rows one call may read before it answers with what it found and a cursor. */
export const SCAN_CAP = 10_000;
/** A term with more rows than this is as good a driver as any other. */
const DRIVER_PROBE = 2_000;

/** Where a page stops: the (time, id) of the last row it covered. */
export interface Cursor {
  at: number;
  id: number;
}

export interface HistoryFilter {
  /** Label matchers (alerts: the alert's labels; notifications: the group's labels). */
  matchers: readonly Matcher[];
  receiver?: string;
  /** A commit sha or a prefix of at least 7 hex digits. */
  commit?: string;
  /** Unix ms: from inclusive, to exclusive. */
  from?: number;
  to?: number;
  limit: number;
  cursor?: Cursor | null;
}

export interface AlertFilter extends HistoryFilter {
  status?: 'firing' | 'resolved';
}

export interface NotificationFilter extends HistoryFilter {
  status?: 'delivered' | 'failed';
  integration?: string;
}

export interface Page<T> {
  items: T[];
  next: Cursor | null;
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
  commit_sha: string | null;
  receivers: string | null;
}

interface DeliveryRow {
  id: number;
  group_key: string;
  group_labels: string | null;
  receiver: string;
  integration: string;
  attempt: number;
  ok: number;
  error: string | null;
  latency_ms: number;
  alerts: number;
  commit_sha: string | null;
  at: number;
}

const ALERT_COLUMNS = 'a.id, a.fingerprint, a.status, a.labels, a.annotations, a.starts_at, a.ends_at, a.received_at, a.commit_sha, a.receivers';

export class HistoryQueries {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  alerts(filter: AlertFilter): Page<HistoryAlert> {
    const terms = equalityTerms(filter);
    const driver = terms.length > 0 ? this.smallest(terms) : null;
    const others = terms.filter((t) => t !== driver);
    const sql =
      driver === null
        ? `SELECT ${ALERT_COLUMNS} FROM alerts a
           WHERE (a.received_at, a.id) < (?, ?) AND a.received_at >= ?
           ORDER BY a.received_at DESC, a.id DESC LIMIT ?`
        : // The keys first, from the index alone (other terms probed on the same key), then
          // the rows of the keys that passed: a row is read only for a likely match.
          `SELECT ${ALERT_COLUMNS} FROM (
             SELECT t.received_at, t.alert_id FROM alert_terms t
             WHERE t.term = ? AND (t.received_at, t.alert_id) < (?, ?) AND t.received_at >= ?
             ${others.map(() => 'AND EXISTS (SELECT 1 FROM alert_terms x WHERE x.term = ? AND x.received_at = t.received_at AND x.alert_id = t.alert_id)').join(' ')}
             ORDER BY t.received_at DESC, t.alert_id DESC LIMIT ?
           ) k JOIN alerts a ON a.id = k.alert_id
           ORDER BY k.received_at DESC, k.alert_id DESC`;
    const stmt = this.statement(sql);
    // Cheapest checks first; a row is decoded whole only once it matched.
    const keep = (row: AlertRow): HistoryAlert | null => {
      if (filter.status && row.status !== filter.status) return null;
      if (filter.commit && !row.commit_sha?.startsWith(filter.commit)) return null;
      const labels = JSON.parse(row.labels) as Record<string, string>;
      if (!matchesAll(filter.matchers, labels)) return null;
      const receivers = row.receivers ? (JSON.parse(row.receivers) as string[]) : [];
      if (filter.receiver !== undefined && !receivers.includes(filter.receiver)) return null;
      return toAlert(row, labels, receivers);
    };
    return scan(filter, (from, chunk) => stmt.all(...(driver === null ? [] : [driver]), from.at, from.id, filter.from ?? 0, ...others, chunk) as AlertRow[], (r) => ({ at: r.received_at, id: r.id }), keep);
  }

  notifications(filter: NotificationFilter): Page<HistoryNotification> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.receiver !== undefined) (where.push('d.receiver = ?'), args.push(filter.receiver));
    if (filter.status) (where.push('d.ok = ?'), args.push(filter.status === 'delivered' ? 1 : 0));
    if (filter.integration !== undefined) (where.push('d.integration = ?'), args.push(filter.integration));
    if (filter.commit) (where.push('substr(d.commit_sha, 1, ?) = ?'), args.push(filter.commit.length, filter.commit));
    // Group-label equalities are checked by SQLite on the JSON, so a row is decoded in
    // JavaScript only once it likely matches (label names are [a-zA-Z0-9_:], safe to quote).
    for (const m of filter.matchers) {
      if (m.op === '=' && m.value !== '' && /^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(m.name)) (where.push('json_extract(d.group_labels, ?) = ?'), args.push(`$."${m.name}"`, m.value));
    }
    const stmt = this.statement(
      `SELECT * FROM deliveries d
       WHERE (d.at, d.id) < (?, ?) AND d.at >= ? ${where.map((w) => `AND ${w}`).join(' ')}
       ORDER BY d.at DESC, d.id DESC LIMIT ?`,
    );
    const keep = (row: DeliveryRow): HistoryNotification | null => {
      const groupLabels = row.group_labels ? (JSON.parse(row.group_labels) as Record<string, string>) : {};
      return matchesAll(filter.matchers, groupLabels) ? toNotification(row, groupLabels) : null;
    };
    return scan(filter, (from, chunk) => stmt.all(from.at, from.id, filter.from ?? 0, ...args, chunk) as DeliveryRow[], (r) => ({ at: r.at, id: r.id }), keep);
  }

  /** The last `limit` alerts received, newest first (the routing impact replays them). */
  recentAlerts(limit: number): HistoryAlert[] {
    const stmt = this.statement(`SELECT ${ALERT_COLUMNS} FROM alerts a ORDER BY a.received_at DESC, a.id DESC LIMIT ?`);
    return (stmt.all(Math.max(0, Math.floor(limit))) as AlertRow[]).map((row) => toAlert(row));
  }

  /** Per commit: how many alerts its config routed and how many deliveries failed under it. */
  activity(commits: readonly string[]): CommitActivity[] {
    const alerts = this.statement('SELECT count(*) AS n FROM alert_terms t JOIN alerts a ON a.id = t.alert_id WHERE t.term = ? AND a.commit_sha = ?');
    const failed = this.statement('SELECT count(*) AS n FROM deliveries WHERE commit_sha = ? AND ok = 0');
    return commits.map((commit) => ({
      commit,
      alerts: (alerts.get(commitTerm(commit), commit) as { n: number }).n,
      failed_deliveries: (failed.get(commit) as { n: number }).n,
    }));
  }

  /** The term with the fewest rows (counted up to DRIVER_PROBE each). */
  private smallest(terms: readonly number[]): number {
    if (terms.length === 1) return terms[0]!;
    const probe = this.statement(`SELECT count(*) AS n FROM (SELECT 1 FROM alert_terms WHERE term = ? LIMIT ${DRIVER_PROBE})`);
    let best = terms[0]!;
    let bestCount = Infinity;
    for (const term of terms) {
      const n = (probe.get(term) as { n: number }).n;
      if (n < bestCount) [best, bestCount] = [term, n];
    }
    return best;
  }

  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) this.statements.set(sql, (stmt = this.db.prepare(sql)));
    return stmt;
  }
}

/** Reads chunks after the cursor until the page is full, the rows run out or SCAN_CAP. */
function scan<R, T>(filter: HistoryFilter, read: (from: Cursor, chunk: number) => R[], keyOf: (row: R) => Cursor, keep: (row: R) => T | null): Page<T> {
  const limit = filter.limit;
  const chunk = Math.min(Math.max(limit * 2, 200), 2_000);
  let from: Cursor = filter.cursor ?? { at: filter.to ?? Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER };
  if (filter.to !== undefined && from.at >= filter.to) from = { at: filter.to, id: 0 };
  const items: T[] = [];
  let scanned = 0;
  for (;;) {
    const rows = read(from, chunk);
    for (const row of rows) {
      scanned++;
      from = keyOf(row);
      const item = keep(row);
      if (item !== null && items.push(item) === limit) return { items, next: from };
    }
    if (rows.length < chunk) return { items, next: null };
    if (scanned >= SCAN_CAP) return { items, next: from };
  }
}

function equalityTerms(filter: AlertFilter): number[] {
  const terms = new Set<number>();
  // `name=""` also matches alerts without the label, which the index does not hold.
  for (const m of filter.matchers) if (m.op === '=' && m.value !== '') terms.add(labelTerm(m.name, m.value));
  if (filter.receiver !== undefined) terms.add(receiverTerm(filter.receiver));
  if (filter.status) terms.add(statusTerm(filter.status));
  if (filter.commit) terms.add(commitTerm(filter.commit));
  return [...terms];
}

function toAlert(row: AlertRow, labels?: Record<string, string>, receivers?: string[]): HistoryAlert {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    status: row.status,
    labels: labels ?? (JSON.parse(row.labels) as Labels as Record<string, string>),
    annotations: JSON.parse(row.annotations) as Record<string, string>,
    starts_at: row.starts_at,
    ends_at: row.ends_at,
    received_at: new Date(row.received_at).toISOString(),
    commit: row.commit_sha,
    receivers: receivers ?? (row.receivers ? (JSON.parse(row.receivers) as string[]) : []),
  };
}

function toNotification(row: DeliveryRow, groupLabels: Record<string, string>): HistoryNotification {
  return {
    id: row.id,
    group_key: row.group_key,
    group_labels: groupLabels,
    receiver: row.receiver,
    integration: row.integration,
    status: row.ok ? 'delivered' : 'failed',
    attempt: row.attempt,
    latency_ms: row.latency_ms,
    error: row.error,
    alerts: row.alerts,
    commit: row.commit_sha,
    at: new Date(row.at).toISOString(),
  };
}
