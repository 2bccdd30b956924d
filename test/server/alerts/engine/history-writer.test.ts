// Received alerts and delivery attempts reach the history database in batches, to whichever
// database the storage component holds when they are written.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openAlertDatabase } from '../../../../server/alerts/alert-db';
import { AlertStore } from '../../../../server/alerts/alert-store';
import { FLUSH_AFTER_MS, HistoryWriter } from '../../../../server/alerts/engine/history-writer';

const dir = mkdtempSync(join(tmpdir(), 'hotconf-history-'));
const turn = () => new Promise((r) => setImmediate(r));
const window = () => new Promise((r) => setTimeout(r, FLUSH_AFTER_MS * 4));
const alert = (i: number) => ({ fingerprint: `f${i}`, status: 'firing' as const, labels: { alertname: `A${i}` }, annotations: {}, startsAt: '2026-11-27T10:00:00Z', endsAt: null, commit: 'abc1234' });

describe('HistoryWriter', () => {
  it('writes a full batch of rows on the next turn, with the commit that routed each alert', async () => {
    const store = new AlertStore(openAlertDatabase(join(dir, 'a.db')));
    const writer = new HistoryWriter(() => store);
    for (let i = 0; i < 1000; i++) writer.alert(alert(i));
    writer.attempt({ groupKey: 'g', receiver: 'r', integration: 'webhook/0', attempt: 1, ok: true, latencyMs: 3, alerts: 2, commit: 'abc1234', at: Date.now() });
    expect(store.count()).toBe(0); // nothing written on the caller's turn
    await turn();
    expect(store.count()).toBe(1000);
    expect(store.deliveryCount()).toBe(1);
    store.close();
  });

  it('waits while no database is open, and writes to the one open when it flushes', async () => {
    let current: AlertStore | null = null;
    const writer = new HistoryWriter(() => current);
    writer.alert(alert(1));
    await window();
    current = new AlertStore(openAlertDatabase(join(dir, 'b.db')));
    writer.alert(alert(2));
    await window();
    expect(current.count()).toBe(2);
    current.close();
  });

  it('lets a lone row wait a few milliseconds, so the rows of several requests share a transaction', () => {
    // The clock is the test's: a loaded machine cannot stretch the window between the rows.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] });
    try {
      const store = new AlertStore(openAlertDatabase(join(dir, 'c.db')));
      const writes: number[] = [];
      const writer = new HistoryWriter(() => store, undefined, ({ alerts }) => writes.push(alerts.length));
      writer.alert(alert(1));
      vi.advanceTimersByTime(FLUSH_AFTER_MS - 1);
      writer.alert(alert(2));
      expect(store.count()).toBe(0);
      vi.advanceTimersByTime(1);
      expect(store.count()).toBe(2);
      expect(writes).toEqual([2]); // one write for both
      store.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('hands batches to a sink on another thread, and tells their ids when they come back', async () => {
    const batches: number[] = [];
    const sink = {
      open: true,
      write: (alerts: readonly unknown[]) => {
        batches.push(alerts.length);
        return Promise.resolve({ alertIds: alerts.map((_, i) => 100 + i), attemptIds: [] });
      },
    };
    const stored: number[] = [];
    const writer = new HistoryWriter(() => sink, undefined, ({ alerts }) => stored.push(...alerts.map((a) => a.id)));
    writer.alert(alert(1));
    writer.alert(alert(2));
    writer.flush();
    expect(batches).toEqual([2]);
    expect(stored).toEqual([]); // the ids are not known yet
    await turn();
    expect(stored).toEqual([100, 101]);
  });

  it('counts the rows of a batch the other thread could not store as dropped, and says why', async () => {
    const errors: string[] = [];
    const sink = { open: true, write: () => Promise.reject(new Error('disk I/O error')) };
    const writer = new HistoryWriter(() => sink, (err) => errors.push(err.message));
    writer.alert(alert(1));
    writer.alert(alert(2));
    writer.flush();
    await turn();
    expect(writer.dropped).toBe(2);
    expect(errors).toEqual(['disk I/O error']);
  });
});
