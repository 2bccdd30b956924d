import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StateStore } from '../../../server/reload/state-store';
import type { ReloadRecord } from '../../../server/contract/reload';

const dirs: string[] = [];
const open = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hotconf-state-'));
  dirs.push(dir);
  return { dir, store: new StateStore(dir) };
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const partial = (status: ReloadRecord['status'] = 'in_progress'): Omit<ReloadRecord, 'id'> => ({
  trigger: 'api', commit: null, dirty: false, config_hash: 'h', status, started_at: new Date().toISOString(),
  duration_ms: 0, phases: [], components: [], changes: [], rolled_back: false,
});

/** A checkpointer that only counts how often a reload's end asked it to copy the log back. */
function countingCheckpointer() {
  const asked = { count: 0 };
  const checkpointer = { adopt: () => ({ paused: () => void asked.count++, release: () => undefined, active: true }) };
  return { asked, checkpointer };
}

/** One reload's writes as the record keeper makes them: begin, last good, finish. */
function reload(store: StateStore, id: number, lastGood: string): void {
  store.put({ ...partial(), id });
  store.saveLastGood({ text: lastGood, commit: null, hash: `h${id}` });
  store.put({ ...partial('success'), id });
}

describe('the state store', () => {
  it('asks the checkpointer to copy the log back after a reload only once about 1 MB of log has built up', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotconf-state-'));
    dirs.push(dir);
    const { asked, checkpointer } = countingCheckpointer();
    const store = new StateStore(dir, { checkpointer });
    // A small config: each write still rewrites a 64 KiB page, ~200 KB of log a reload.
    for (let id = 1; id <= 4; id++) reload(store, id, 'route: {receiver: a}\n');
    expect(asked.count).toBe(0);
    reload(store, 5, 'route: {receiver: a}\n');
    reload(store, 6, 'route: {receiver: a}\n');
    expect(asked.count).toBe(1);
    // A 300 KB config (~0.5 MB of log a reload): every third reload.
    const big = 'x'.repeat(300_000);
    for (let id = 7; id <= 12; id++) reload(store, id, big);
    expect(asked.count).toBe(3);
    store.close();
  });

  it('pages reload records newest first with a `before` cursor', () => {
    const { store } = open();
    for (let id = 1; id <= 5; id++) {
      store.put({ ...partial(), id });
      store.put({ ...partial('success'), id });
    }
    const page1 = store.history({ limit: 2 });
    expect(page1.records.map((r) => r.id)).toEqual([5, 4]);
    const page2 = store.history({ limit: 2, before: page1.next_before! });
    expect(page2.records.map((r) => r.id)).toEqual([3, 2]);
    expect(store.history({ limit: 2, before: 2 }).next_before).toBeNull();
    store.close();
  });

  it('marks reloads a dead process left in progress as interrupted, once', () => {
    const { dir, store } = open();
    store.put({ ...partial(), id: 1 });
    store.close();
    const again = new StateStore(dir);
    expect(again.markInterrupted().map((r) => r.status)).toEqual(['interrupted']);
    expect(again.markInterrupted()).toEqual([]);
    expect(again.history().records[0]!.status).toBe('interrupted');
    again.close();
  });

  it('keeps the last good config across restarts', () => {
    const { dir, store } = open();
    expect(store.lastGood()).toBeNull();
    store.saveLastGood({ text: 'a: 1', commit: 'abc', hash: 'h1' });
    store.saveLastGood({ text: 'a: 2', commit: 'def', hash: 'h2' });
    store.close();
    const again = new StateStore(dir);
    expect(again.lastGood()).toMatchObject({ text: 'a: 2', commit: 'def', hash: 'h2' });
    again.close();
  });

  it('stores a last good config given as its UTF-8 bytes as the same text', () => {
    const { dir, store } = open();
    const text = 'receivers:\n  - name: équipe-nuit # 夜\n';
    store.saveLastGood({ text, utf8: Buffer.from(text, 'utf8'), commit: null, hash: 'h' });
    store.close();
    const again = new StateStore(dir);
    expect(again.lastGood()?.text).toBe(text);
    again.close();
  });
});
