// Retention in the background: a pass deletes what is older than the cutoff in batches,
// index rows included, yields between batches so other work runs, reads the live store
// before each batch, and reports what it deleted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAlertDatabase } from '../../../../server/alerts/alert-db';
import { AlertStore, type StoredAlert } from '../../../../server/alerts/alert-store';
import { HistoryPruner } from '../../../../server/alerts/history/pruner';
import { parseMatchers } from '../../../../server/config/matchers';

let dir: string;
let store: AlertStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hotconf-prune-'));
  store = new AlertStore(openAlertDatabase(join(dir, 'alerts.db')));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const NOW = Date.parse('2026-02-01T00:00:00Z');
const HOUR = 3_600_000;
const alert = (i: number, ageMs: number): StoredAlert => ({
  fingerprint: `fp${i}`,
  status: 'firing',
  labels: { alertname: 'Old', i: String(i) },
  annotations: {},
  startsAt: new Date(NOW - ageMs).toISOString(),
  endsAt: null,
  receivedAt: new Date(NOW - ageMs).toISOString(),
  commit: null,
  receivers: ['team'],
});
const termRows = () => (store as unknown as { db: { prepare(s: string): { get(): { n: number } } } }).db.prepare('SELECT count(*) AS n FROM alert_terms').get().n;

describe('HistoryPruner', () => {
  it('deletes alerts and deliveries older than the retention in batches, with their index rows, and keeps the rest', async () => {
    store.insert(Array.from({ length: 1_050 }, (_, i) => alert(i, 2 * HOUR)));
    store.insert(Array.from({ length: 30 }, (_, i) => alert(5_000 + i, HOUR / 2)));
    while (store.indexNext(1_000) > 0);
    store.recordDeliveries(Array.from({ length: 700 }, (_, i) => ({ groupKey: 'g', receiver: 'team', integration: 'webhook/0', attempt: 1, ok: true, latencyMs: 1, alerts: 1, commit: null, at: NOW - (i < 600 ? 2 * HOUR : 0) })));
    const batches: Array<[string, number]> = [];
    const pruner = new HistoryPruner(() => ({ store, retentionMs: HOUR }), { batch: 100, dutyCycle: 0.5, now: () => NOW, onPruned: (table, n) => batches.push([table, n]) });

    expect(await pruner.run()).toBe(1_650);
    expect(store.count()).toBe(30);
    expect(store.deliveryCount()).toBe(100);
    // Every surviving alert keeps its terms (alertname, i, receiver, status); the pruned ones left none.
    expect(termRows()).toBe(30 * 4);
    expect(store.queries.alerts({ matchers: parseMatchers('alertname="Old"'), limit: 1000 }).items).toHaveLength(30);
    // Batches of at most 100 (fewer when one outran the step budget, duty-cycled-pass.ts).
    const alertBatches = batches.filter(([t]) => t === 'alerts').map(([, n]) => n);
    expect(Math.max(...alertBatches)).toBe(100);
    expect(alertBatches.reduce((s, n) => s + n, 0)).toBe(1_050);
    expect(batches.filter(([t]) => t === 'deliveries').reduce((s, [, n]) => s + n, 0)).toBe(600);
  });

  it('yields between batches: other work runs while a pass is under way', async () => {
    store.insert(Array.from({ length: 2_000 }, (_, i) => alert(i, 2 * HOUR)));
    const pruner = new HistoryPruner(() => ({ store, retentionMs: HOUR }), { batch: 200, dutyCycle: 0.5, now: () => NOW });
    const pass = pruner.run();
    // The first batch ran before run() returned; the rest waits for the event loop.
    expect(store.count()).toBe(1_800);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    await pass;
    clearInterval(ticker);
    expect(store.count()).toBe(0);
    expect(ticks).toBeGreaterThan(3);
  });

  it('ends a pass when the store it prunes closes (a reload moved database.path)', async () => {
    store.insert(Array.from({ length: 1_000 }, (_, i) => alert(i, 2 * HOUR)));
    let live: AlertStore | null = store;
    const pruner = new HistoryPruner(() => (live ? { store: live, retentionMs: HOUR } : null), { batch: 100, dutyCycle: 0.5, now: () => NOW });
    const pass = pruner.run();
    live = null;
    expect(await pass).toBe(100);
    expect(pruner.running).toBe(false);
    expect(store.count()).toBe(900);
  });

  it('runs one pass at a time: a second run joins the first', async () => {
    store.insert(Array.from({ length: 300 }, (_, i) => alert(i, 2 * HOUR)));
    const pruner = new HistoryPruner(() => ({ store, retentionMs: HOUR }), { batch: 100, dutyCycle: 0.5, now: () => NOW });
    const a = pruner.run();
    const b = pruner.run();
    expect(b).toBe(a);
    expect(await a).toBe(300);
  });
});
