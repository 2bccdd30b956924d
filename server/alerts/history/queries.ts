// The history API's reads: pages of alerts and of delivery attempts, newest first, with
// keyset paging — a page continues strictly after the last row the previous one returned,
// ordered by (time, id), so page 500 costs what page 1 costs, and rows inserted meanwhile
// (newer, hence before the first page) neither shift nor repeat a later page.
//
// Alerts: when the filter holds an equality (a label pair, the receiver, the status, the
// commit), the scan runs down one term's rows of alert_terms — the term with the fewest
// rows, judged by a bounded count — and every other equality is an index probe on the same
// key. Everything the index cannot say (!=, =~, !~, empty values, hash collisions) is
// checked on the decoded row. The index is written behind ingest (indexer.ts), so the
// newest alerts may not be in it yet: they are scanned (from the first one not indexed)
// and merged with the index's rows, in order. A call scans at most SCAN_CAP rows: a filter
// that matches little answers a short page with a cursor to go on, in bounded time.
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

/** A row of the `alerts` table as SQLite returns it (the store reads it too). */
export interface AlertRow {
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
    const keyOf = (r: AlertRow): Cursor => ({ at: r.received_at, id: r.id });
    const since = filter.from ?? 0;
    const terms = equalityTerms(filter);
    if (terms.length === 0) {
      const all = this.statement(
        `SELECT ${ALERT_COLUMNS} FROM alerts a
         WHERE (a.received_at, a.id) < (?, ?) AND a.received_at >= ?
         ORDER BY a.received_at DESC, a.id DESC LIMIT ?`,
      );
      return scan(filter, [(from, chunk) => all.all(from.at, from.id, since, chunk) as AlertRow[]], keyOf, keep);
    }
    const driver = this.smallest(terms);
    const others = terms.filter((t) => t !== driver);
    // The keys first, from the index alone (other terms probed on the same key), then the
    // rows of the keys that passed: a row is read only for a likely match.
    const indexed = this.statement(
      `SELECT ${ALERT_COLUMNS} FROM (
         SELECT t.received_at, t.alert_id FROM alert_terms t
         WHERE t.term = ? AND (t.received_at, t.alert_id) < (?, ?) AND t.received_at >= ?
         ${others.map(() => 'AND EXISTS (SELECT 1 FROM alert_terms x WHERE x.term = ? AND x.received_at = t.received_at AND x.alert_id = t.alert_id)').join(' ')}
         ORDER BY t.received_at DESC, t.alert_id DESC LIMIT ?
       ) k JOIN alerts a ON a.id = k.alert_id
       ORDER BY k.received_at DESC, k.alert_id DESC`,
    );
    const sources = [(from: Cursor, chunk: number) => indexed.all(driver, from.at, from.id, since, ...others, chunk) as AlertRow[]];
    const tail = this.unindexed();
    if (tail) {
      // Alerts arrive in time order, so the rows after the index are the newest: scanning
      // from the first of them down to the cursor reads only them.
      const rows = this.statement(
        `SELECT ${ALERT_COLUMNS} FROM alerts a
         WHERE a.id > ? AND (a.received_at, a.id) < (?, ?) AND a.received_at >= ?
         ORDER BY a.received_at DESC, a.id DESC LIMIT ?`,
      );
      sources.push((from, chunk) => rows.all(tail.after, from.at, from.id, Math.max(since, tail.from), chunk) as AlertRow[]);
    }
    return scan(filter, sources, keyOf, keep);
  }

  /** The alerts the term index does not cover yet: ids after `after`, received from `from`. */
  private unindexed(): { after: number; from: number } | null {
    const after = (this.statement('SELECT indexed_to FROM history_index').get() as { indexed_to: number }).indexed_to;
    const first = this.statement('SELECT received_at FROM alerts WHERE id > ? ORDER BY id LIMIT 1').get(after) as { received_at: number } | undefined;
    return first ? { after, from: first.received_at } : null;
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
    return scan(filter, [(from, chunk) => stmt.all(from.at, from.id, filter.from ?? 0, ...args, chunk) as DeliveryRow[]], (r) => ({ at: r.at, id: r.id }), keep);
  }

  /** The last `limit` alerts received, newest first (the routing impact replays them). */
  recentAlerts(limit: number): HistoryAlert[] {
    const stmt = this.statement(`SELECT ${ALERT_COLUMNS} FROM alerts a ORDER BY a.received_at DESC, a.id DESC LIMIT ?`);
    return (stmt.all(Math.max(0, Math.floor(limit))) as AlertRow[]).map((row) => toAlert(row));
  }

  /** Per commit: how many alerts its config routed and how many deliveries failed under it. */
  activity(commits: readonly string[]): CommitActivity[] {
    const indexed = this.statement('SELECT count(*) AS n FROM alert_terms t JOIN alerts a ON a.id = t.alert_id WHERE t.term = ? AND a.commit_sha = ?');
    const after = this.statement('SELECT count(*) AS n FROM alerts WHERE id > ? AND commit_sha = ?');
    const failed = this.statement('SELECT count(*) AS n FROM deliveries WHERE commit_sha = ? AND ok = 0');
    const indexedTo = (this.statement('SELECT indexed_to FROM history_index').get() as { indexed_to: number }).indexed_to;
    return commits.map((commit) => ({
      commit,
      alerts: (indexed.get(commitTerm(commit), commit) as { n: number }).n + (after.get(indexedTo, commit) as { n: number }).n,
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

/**
 * A page from one or more sources, each newest first (the index and the rows not indexed
 * yet). Each source reads chunks after the cursor until it has a page of matches, runs out,
 * or has used its share of SCAN_CAP. A source that stopped early has looked at everything
 * down to where it stopped, no further: the matches at or above the highest such stop are
 * complete and in order; the page is the newest `limit` of them, and the next one starts
 * below its last row, or below that stop.
 */
function scan<R, T>(filter: HistoryFilter, sources: ReadonlyArray<(from: Cursor, chunk: number) => R[]>, keyOf: (row: R) => Cursor, keep: (row: R) => T | null): Page<T> {
  const limit = filter.limit;
  const chunk = Math.min(Math.max(limit * 2, 200), 2_000);
  let start: Cursor = filter.cursor ?? { at: filter.to ?? Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER };
  if (filter.to !== undefined && start.at >= filter.to) start = { at: filter.to, id: 0 };
  const found: Array<{ item: T; key: Cursor }> = [];
  let frontier: Cursor | null = null;
  for (const read of sources) {
    let from = start;
    let scanned = 0;
    let matched = 0;
    for (let more = true; more; ) {
      const rows = read(from, chunk);
      for (const row of rows) {
        scanned++;
        from = keyOf(row);
        const item = keep(row);
        if (item !== null && (found.push({ item, key: from }), ++matched === limit)) break;
      }
      const cut = matched === limit || (rows.length === chunk && scanned >= SCAN_CAP / sources.length);
      if (cut && (frontier === null || after(from, frontier))) frontier = from;
      more = !cut && rows.length === chunk;
    }
  }
  const complete = found.filter((f) => frontier === null || !after(frontier, f.key)).sort((a, b) => (after(a.key, b.key) ? -1 : 1));
  const items = complete.slice(0, limit);
  const next = items.length === limit ? items[limit - 1]!.key : frontier;
  return { items: items.map((f) => f.item), next };
}

/** Whether `a` comes after `b` in (time, id) order, i.e. is newer. */
function after(a: Cursor, b: Cursor): boolean {
  return a.at > b.at || (a.at === b.at && a.id > b.id);
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
