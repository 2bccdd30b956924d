// The history thread: the history writer's batches and the term index are written on a
// connection of its own, so ingest does not wait for them; a waiting write, a release and
// a thread that cannot start behave as the event loop needs them to.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAlertDatabase } from '../../../server/alerts/alert-db';
import { AlertStore, type StoredAlert } from '../../../server/alerts/alert-store';
import { HistoryThread } from '../../../server/history-thread/client';
import { openFilesOf } from '../../support/open-files';

const dirs: string[] = [];
const stores: AlertStore[] = [];
const threads: HistoryThread[] = [];

afterEach(async () => {
  for (const t of threads.splice(0)) await t.close();
  for (const s of stores.splice(0)) s.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function newStore(): AlertStore {
  const dir = mkdtempSync(join(tmpdir(), 'hotconf-history-thread-'));
  dirs.push(dir);
  const store = new AlertStore(openAlertDatabase(join(dir, 'alerts.db')));
  stores.push(store);
  return store;
}

function newThread(opts: ConstructorParameters<typeof HistoryThread>[0] = {}): HistoryThread {
  const thread = new HistoryThread(opts);
  threads.push(thread);
  return thread;
}

const alert = (i: number): StoredAlert => ({ fingerprint: `f${i}`, status: 'firing', labels: { alertname: `A${i % 7}`, instance: `host-${i}` }, annotations: { summary: 'x' }, startsAt: '2026-11-27T10:00:00Z', endsAt: null, receivedAt: '2026-11-27T10:00:01.000Z', commit: 'abc1234', receivers: ['team'] });
const attempt = { groupKey: 'g', receiver: 'team', integration: 'webhook/0', attempt: 1, ok: true, latencyMs: 3, alerts: 1, commit: 'abc1234', at: Date.now() };
const indexedTo = (path: string) => {
  const s = new AlertStore(openAlertDatabase(path));
  try {
    return (s as unknown as { db: { prepare(q: string): { get(): { indexed_to: number } } } }).db.prepare('SELECT indexed_to FROM history_index').get().indexed_to;
  } finally {
    s.close();
  }
};

describe('HistoryThread', () => {
  it('stores a batch on its own connection and answers with the ids, in order', async () => {
    const store = newStore();
    const thread = newThread();
    const ids = await thread.write(store.path, [alert(1), alert(2)], [attempt]);
    expect(ids?.alertIds).toHaveLength(2);
    expect(ids!.alertIds[1]).toBe(ids!.alertIds[0]! + 1);
    expect(ids?.attemptIds).toHaveLength(1);
    // The service's own connection reads what the thread wrote.
    expect(store.recent(10).map((a) => a.fingerprint)).toEqual(['f2', 'f1']);
    expect(store.deliveryCount()).toBe(1);
  });

  it('returns from a waiting write only once the batch is stored', () => {
    const store = newStore();
    const thread = newThread();
    const first = thread.write(store.path, [alert(1)], []);
    const second = thread.write(store.path, [alert(2), alert(3)], [], { wait: true });
    expect(store.count()).toBe(3); // no await: the call itself waited, for the earlier batch too
    return Promise.all([first, second]);
  });

  it('settles a batch it stored with its ids even when closed before the event loop read the answer', async () => {
    const store = newStore();
    const thread = newThread();
    const written = thread.write(store.path, [alert(1)], []);
    // Without giving the event loop a turn, wait until the thread has stored the batch.
    const sleep = new Int32Array(new SharedArrayBuffer(4));
    for (let i = 0; i < 200 && store.count() === 0; i++) Atomics.wait(sleep, 0, 0, 10);
    await thread.close();
    expect((await written)?.alertIds).toHaveLength(1); // not "the history thread was closed"
  });

  it('makes a write wait once its backlog is too long, until half of it is stored', () => {
    const store = newStore();
    const thread = newThread();
    const batch = (from: number, n: number) => Array.from({ length: n }, (_, i) => alert(from + i));
    const first = thread.write(store.path, batch(0, 12_000), []);
    const second = thread.write(store.path, batch(12_000, 12_000), []); // 24,000 rows in flight: over the bound
    expect(store.count()).toBeGreaterThanOrEqual(14_000); // no await: the call waited for the backlog to halve
    return Promise.all([first, second]);
  });

  it('indexes what was stored in a pass of its own', async () => {
    const store = newStore();
    const thread = newThread();
    await thread.write(store.path, Array.from({ length: 300 }, (_, i) => alert(i)), []);
    expect(indexedTo(store.path)).toBe(0);
    expect(await thread.pass(store.path)).toBe(300);
    expect(indexedTo(store.path)).toBe(300);
    expect(await thread.pass(store.path)).toBe(0);
  });

  it('follows the service to another database, and lets go of the old one on release', async () => {
    const a = newStore();
    const b = newStore();
    const thread = newThread();
    // The service's connections: its own, and the WAL checkpointer's (opened as that thread
    // gets to it). Counted by their logs: SQLite keeps a closed connection's database file
    // descriptor while other connections of the process hold locks on that file.
    await new Promise((r) => setTimeout(r, 300));
    const logs = () => openFilesOf(a.path).filter((f) => f.endsWith('-wal')).length;
    const own = logs();
    await thread.write(a.path, [alert(1)], []);
    expect(logs()).toBe(own + 1);
    thread.release(a.path);
    expect(logs()).toBe(own);
    await thread.write(b.path, [alert(2)], []);
    expect([a.count(), b.count()]).toEqual([1, 1]);
  });

  it('rejects a batch it could not store, with the reason', async () => {
    const thread = newThread();
    await expect(thread.write('/nonexistent/alerts.db', [alert(1)], [])).rejects.toThrow(/unable to open|directory does not exist|no such file/i);
  });

  it('answers null when it cannot start, and says so: the caller writes on the event loop', async () => {
    const faults: string[] = [];
    const thread = newThread({ entry: '/nonexistent/history-worker.js', onFault: (m) => faults.push(m) });
    const store = newStore();
    const first = thread.write(store.path, [alert(1)], []);
    // The Worker constructor accepts the path; the thread fails as it starts.
    await expect(first ?? Promise.reject(new Error('no thread'))).rejects.toThrow(/history thread/);
    expect(faults.join('\n')).toMatch(/the history is written on the event loop/);
    expect(thread.write(store.path, [alert(2)], [])).toBeNull();
    expect(thread.pass(store.path)).toBeNull();
  });

  it('runs only when a core is idle (Linux: SCHED_IDLE on its own task)', async () => {
    const store = newStore();
    const thread = newThread();
    await thread.write(store.path, [alert(1)], []);
    // Field 41 of a task's stat is its scheduling policy; SCHED_IDLE is 5.
    const policy = (stat: string) => Number(stat.split(') ')[1]!.split(' ')[38]);
    const policies = readdirSync('/proc/self/task').map((tid) => policy(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')));
    expect(policies).toContain(5);
    expect(policy(readFileSync('/proc/thread-self/stat', 'utf8'))).toBe(0); // the test's own thread is untouched
  });
});
