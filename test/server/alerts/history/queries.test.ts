// The history queries: filters (label matchers, status, receiver, commit, time range), pages
// newest first, keyset cursors that stay put while alerts keep arriving, and the per-commit
// activity the History page shows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAlertDatabase } from '../../../../server/alerts/alert-db';
import { AlertStore, type DeliveryAttempt, type StoredAlert } from '../../../../server/alerts/alert-store';
import { type AlertFilter, type Cursor, SCAN_CAP } from '../../../../server/alerts/history/queries';
import { parseMatchers } from '../../../../server/config/matchers';
import type { HistoryAlert } from '../../../../server/contract/history';

let dir: string;
let store: AlertStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hotconf-history-'));
  store = new AlertStore(openAlertDatabase(join(dir, 'alerts.db')));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const T0 = Date.parse('2026-01-01T00:00:00Z');
const SHA_A = 'a'.repeat(40);
const SHA_B = 'b'.repeat(40);

/** Alert i: received at T0 + i s; alertname cycles over 5, team over 3, status every 4th resolved. */
function alertAt(i: number, over: Partial<StoredAlert> = {}): StoredAlert {
  const team = `t${i % 3}`;
  return {
    fingerprint: `fp${i}`,
    status: i % 4 === 0 ? 'resolved' : 'firing',
    labels: { alertname: `A${i % 5}`, team, instance: `host-${i}` },
    annotations: {},
    startsAt: new Date(T0).toISOString(),
    endsAt: null,
    receivedAt: new Date(T0 + i * 1000).toISOString(),
    commit: i < 50 ? SHA_A : SHA_B,
    receivers: [`team-${team}`],
    ...over,
  };
}

/** How much of the term index is written when a query runs: it is written behind ingest,
 *  and a query must give the same answer whatever it covers. */
type IndexMode = 'indexed' | 'half indexed' | 'not indexed';
let mode: IndexMode = 'indexed';

function fill(n: number): void {
  store.insert(Array.from({ length: n }, (_, i) => alertAt(i)));
  if (mode === 'indexed') while (store.indexNext(1_000) > 0);
  if (mode === 'half indexed') store.indexNext(Math.floor(n / 2));
}

const filter = (over: Partial<AlertFilter> & { match?: string } = {}): AlertFilter => {
  const { match, ...rest } = over;
  return { matchers: match ? parseMatchers(match) : [], limit: 1000, ...rest };
};

/** Every alert the filter matches, by following cursors to the end. */
function walk(f: AlertFilter): HistoryAlert[] {
  const all: HistoryAlert[] = [];
  let cursor: Cursor | null = null;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = store.queries.alerts({ ...f, cursor });
    all.push(...page.items);
    if (!page.next) return all;
    cursor = page.next;
  }
  throw new Error('the cursor never ended');
}

const ids = (alerts: HistoryAlert[]) => alerts.map((a) => Number(a.fingerprint.slice(2)));

describe.each<IndexMode>(['indexed', 'half indexed', 'not indexed'])('history queries: alerts (%s)', (m) => {
  beforeEach(() => (mode = m));

  it('answers newest first, with every stored field', () => {
    fill(3);
    const { items, next } = store.queries.alerts(filter());
    expect(ids(items)).toEqual([2, 1, 0]);
    expect(next).toBeNull();
    expect(items[0]).toMatchObject({ status: 'firing', labels: { alertname: 'A2', team: 't2', instance: 'host-2' }, commit: SHA_A, receivers: ['team-t2'], received_at: new Date(T0 + 2000).toISOString() });
  });

  it('filters by label matchers of every kind, AND-ed', () => {
    fill(60);
    const expected = (pred: (i: number) => boolean) => Array.from({ length: 60 }, (_, i) => 59 - i).filter(pred);
    expect(ids(walk(filter({ match: 'alertname="A1"' })))).toEqual(expected((i) => i % 5 === 1));
    expect(ids(walk(filter({ match: 'alertname="A1",team="t0"' })))).toEqual(expected((i) => i % 5 === 1 && i % 3 === 0));
    expect(ids(walk(filter({ match: 'alertname!="A1"' })))).toEqual(expected((i) => i % 5 !== 1));
    expect(ids(walk(filter({ match: 'instance=~"host-1.*"' })))).toEqual(expected((i) => String(i).startsWith('1')));
    expect(ids(walk(filter({ match: '{alertname="A2", instance!~"host-[0-4].*"}' })))).toEqual(expected((i) => i % 5 === 2 && !/^[0-4]/.test(String(i))));
    // name="" also matches alerts without the label, which no index term holds.
    expect(ids(walk(filter({ match: 'missing=""' })))).toHaveLength(60);
    expect(walk(filter({ match: 'alertname="nope"' }))).toEqual([]);
  });

  it('filters by status, receiver, commit (a 7-digit prefix is enough) and time range', () => {
    fill(60);
    expect(walk(filter({ status: 'resolved' })).every((a) => a.status === 'resolved')).toBe(true);
    expect(walk(filter({ status: 'resolved' }))).toHaveLength(15);
    expect(ids(walk(filter({ receiver: 'team-t1' })))).toEqual(Array.from({ length: 60 }, (_, i) => 59 - i).filter((i) => i % 3 === 1));
    expect(walk(filter({ receiver: 'team-t1', status: 'firing' })).every((a) => a.receivers.includes('team-t1') && a.status === 'firing')).toBe(true);
    expect(walk(filter({ commit: SHA_A.slice(0, 7) }))).toHaveLength(50);
    expect(walk(filter({ commit: SHA_B }))).toHaveLength(10);
    // from inclusive, to exclusive, on the time the service received each alert.
    expect(ids(walk(filter({ from: T0 + 10_000, to: T0 + 20_000 })))).toEqual([19, 18, 17, 16, 15, 14, 13, 12, 11, 10]);
    expect(ids(walk(filter({ from: T0 + 10_000, to: T0 + 20_000, match: 'team="t0"' })))).toEqual([18, 15, 12]);
  });

  it('pages in order with no gap or repeat, whatever the page size and filter', () => {
    fill(250);
    for (const f of [filter(), filter({ match: 'team="t2"' }), filter({ match: 'instance=~"host-.*5"' }), filter({ status: 'firing', receiver: 'team-t0' })]) {
      const whole = ids(store.queries.alerts({ ...f, limit: 1000 }).items);
      for (const limit of [1, 7, 100]) expect(ids(walk({ ...f, limit }))).toEqual(whole);
    }
  });

  it('keeps its place while newer alerts arrive: the next page continues where the last ended', () => {
    fill(100);
    const first = store.queries.alerts(filter({ limit: 30 }));
    store.insert(Array.from({ length: 40 }, (_, i) => alertAt(100 + i)));
    const second = store.queries.alerts(filter({ limit: 30, cursor: first.next }));
    expect(ids(first.items)).toEqual(Array.from({ length: 30 }, (_, i) => 99 - i));
    expect(ids(second.items)).toEqual(Array.from({ length: 30 }, (_, i) => 69 - i));
    // Alerts received in the same millisecond are told apart by id.
    const at = new Date(T0 + 500_000).toISOString();
    store.insert(Array.from({ length: 5 }, (_, i) => alertAt(1000 + i, { receivedAt: at })));
    const tied = walk(filter({ limit: 2, from: T0 + 500_000 }));
    expect(ids(tied)).toEqual([1004, 1003, 1002, 1001, 1000]);
  });

  it('scans a bounded number of rows per call: a rare match answers a short page with a cursor', () => {
    const n = SCAN_CAP + 500;
    store.insert([alertAt(n, { labels: { alertname: 'Common', instance: 'needle' }, receivedAt: new Date(T0 - 1000).toISOString() })]);
    store.insert(Array.from({ length: n }, (_, i) => alertAt(i, { labels: { alertname: 'Common', instance: `h${i}` } })));
    const first = store.queries.alerts(filter({ match: 'instance=~"need.*"' }));
    expect(first.items).toEqual([]);
    expect(first.next).not.toBeNull();
    expect(ids(walk(filter({ match: 'instance=~"need.*"' })))).toEqual([n]);
  });
});

describe('history queries: notifications and activity', () => {
  beforeEach(() => (mode = 'half indexed'));

  const attempt = (i: number, over: Partial<DeliveryAttempt> = {}): DeliveryAttempt => ({
    groupKey: `{}:{alertname="A${i % 2}"}`,
    groupLabels: { alertname: `A${i % 2}` },
    receiver: i % 2 ? 'pager' : 'chat',
    integration: 'webhook/0',
    attempt: 1,
    ok: i % 3 !== 0,
    ...(i % 3 === 0 ? { error: 'HTTP 500' } : {}),
    latencyMs: 12,
    alerts: 1,
    commit: i < 10 ? SHA_A : SHA_B,
    at: T0 + i * 1000,
    ...over,
  });

  it('filters attempts by receiver, status, integration, commit, group labels and time, newest first', () => {
    store.recordDeliveries(Array.from({ length: 20 }, (_, i) => attempt(i)));
    const q = (over: object) => store.queries.notifications({ matchers: [], limit: 100, ...over }).items;
    expect(q({}).map((n) => n.at)).toEqual(Array.from({ length: 20 }, (_, i) => new Date(T0 + (19 - i) * 1000).toISOString()));
    expect(q({ receiver: 'pager' }).every((n) => n.receiver === 'pager')).toBe(true);
    expect(q({ status: 'failed' })).toHaveLength(7);
    expect(q({ status: 'failed' })[0]).toMatchObject({ status: 'failed', error: 'HTTP 500', receiver: 'chat', attempt: 1, latency_ms: 12, group_labels: { alertname: 'A0' } });
    expect(q({ commit: SHA_B.slice(0, 9) })).toHaveLength(10);
    expect(q({ matchers: parseMatchers('alertname="A1"') })).toHaveLength(10);
    expect(q({ integration: 'email/0' })).toEqual([]);
    expect(q({ from: T0 + 5000, to: T0 + 8000 }).map((n) => n.id)).toHaveLength(3);
  });

  it('counts, per commit, the alerts its config routed and the deliveries that failed under it', () => {
    fill(60);
    store.recordDeliveries(Array.from({ length: 20 }, (_, i) => attempt(i)));
    expect(store.queries.activity([SHA_A, SHA_B, 'c'.repeat(40)])).toEqual([
      { commit: SHA_A, alerts: 50, failed_deliveries: 4 },
      { commit: SHA_B, alerts: 10, failed_deliveries: 3 },
      { commit: 'c'.repeat(40), alerts: 0, failed_deliveries: 0 },
    ]);
  });

  it('finds alerts stored before the index existed, before and after the indexer reached them', () => {
    const path = join(dir, 'v2.db');
    const old = new Database(path);
    // The schema as the build before the history API wrote it (migrations 1 and 2).
    old.exec(`CREATE TABLE alerts (id INTEGER PRIMARY KEY AUTOINCREMENT, fingerprint TEXT NOT NULL, status TEXT NOT NULL, labels TEXT NOT NULL,
                annotations TEXT NOT NULL, starts_at TEXT NOT NULL, ends_at TEXT, received_at INTEGER NOT NULL);
              CREATE INDEX alerts_received_at ON alerts (received_at);
              ALTER TABLE alerts ADD COLUMN commit_sha TEXT;
              CREATE TABLE deliveries (id INTEGER PRIMARY KEY AUTOINCREMENT, group_key TEXT NOT NULL, receiver TEXT NOT NULL, integration TEXT NOT NULL,
                attempt INTEGER NOT NULL, ok INTEGER NOT NULL, error TEXT, latency_ms REAL NOT NULL, alerts INTEGER NOT NULL, commit_sha TEXT, at INTEGER NOT NULL);
              CREATE INDEX deliveries_at ON deliveries (at);
              PRAGMA user_version = 2;`);
    old.prepare(`INSERT INTO alerts (fingerprint, status, labels, annotations, starts_at, received_at, commit_sha) VALUES ('old', 'firing', '{"alertname":"Legacy"}', '{}', '2025-01-01T00:00:00Z', ?, ?)`).run(T0, SHA_A);
    old.close();
    const migrated = new AlertStore(openAlertDatabase(path));
    try {
      const find = () => migrated.queries.alerts({ matchers: parseMatchers('alertname="Legacy"'), limit: 10, commit: SHA_A }).items;
      expect(find()).toMatchObject([{ fingerprint: 'old', receivers: [], commit: SHA_A }]);
      expect(migrated.indexNext(100)).toBe(1);
      expect(migrated.indexNext(100)).toBe(0);
      expect(find()).toMatchObject([{ fingerprint: 'old', receivers: [], commit: SHA_A }]);
    } finally {
      migrated.close();
    }
  });
});
