import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredAlert } from '../../../server/alerts/alert-store';
import { StorageReloader } from '../../../server/reloaders/storage';
import { ctx, makeConfig, recordingLog } from './helpers';

let dir: string;
let storage: StorageReloader;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hotconf-storage-'));
  storage = new StorageReloader({ baseDir: dir });
});
afterEach(async () => {
  await storage.close(ctx());
  rmSync(dir, { recursive: true, force: true });
});

const db = (path: string, over: { retention?: string; max_connections?: number } = {}) => makeConfig({ database: { path, ...over } });
const alert = (fingerprint: string, receivedAt: string): StoredAlert => ({ fingerprint, status: 'firing', labels: {}, annotations: {}, startsAt: receivedAt, endsAt: null, receivedAt });

async function reload(next: ReturnType<typeof makeConfig>): Promise<void> {
  await storage.activate(await storage.prepare(next, ctx()), ctx());
  await storage.health(ctx());
  await storage.commit(ctx());
}

describe('StorageReloader', () => {
  it('first start opens, migrates and pings the file, relative to its base dir', async () => {
    expect(storage.current).toBeNull();
    mkdirSync(join(dir, 'data'));
    await reload(db('data/alerts.db'));
    expect(storage.current!.path).toBe(join(dir, 'data', 'alerts.db'));
    expect(storage.settings).toEqual({ path: join(dir, 'data', 'alerts.db'), retentionMs: 720 * 3_600_000, maxConnections: 10 });
    expect(storage.current!.count()).toBe(0);
  });

  it('a new path opens the new file while the old store serves, and closes the old one on commit', async () => {
    await reload(db('a.db'));
    const old = storage.current!;
    const prepared = await storage.prepare(db('b.db'), ctx());
    expect(prepared.kind).toBe('open');
    expect(storage.current).toBe(old);
    old.insert([alert('still-serving', new Date().toISOString())]);
    await storage.activate(prepared, ctx());
    expect(old.open).toBe(true); // until commit
    await storage.health(ctx());
    await storage.commit(ctx());
    expect(old.open).toBe(false);
    expect(storage.current!.path).toBe(join(dir, 'b.db'));
  });

  it('hands the history writer the history thread: batches are stored off the event loop, and a moved database gets them', async () => {
    await reload(db('a.db'));
    const written = storage.historySink()!.write([alert('on-thread', new Date().toISOString())], [], {});
    expect(written).toBeInstanceOf(Promise); // answered by the thread, later
    expect((await written).alertIds).toHaveLength(1);
    expect(storage.current!.count()).toBe(1);
    await reload(db('b.db'));
    await storage.historySink()!.write([alert('moved', new Date().toISOString())], [], {});
    expect(storage.current!.recent(5).map((a) => a.fingerprint)).toEqual(['moved']);
    expect(await storage.indexNow()).toBe(1); // the index pass runs on the thread too
  });

  it('without its thread, the store itself is the history writer\'s sink', async () => {
    const onLoop = new StorageReloader({ baseDir: dir, historyOnLoop: true });
    try {
      await onLoop.activate(await onLoop.prepare(db('loop.db'), ctx()), ctx());
      expect(onLoop.historySink()).toBe(onLoop.current);
      expect(onLoop.historySink()!.write([alert('on-loop', new Date().toISOString())], [], {})).toEqual({ alertIds: [1], attemptIds: [] });
      expect(await onLoop.indexNow()).toBe(1);
    } finally {
      await onLoop.close(ctx());
    }
  });

  it('a retention or max_connections change is settings-only: the open store stays', async () => {
    await reload(db('a.db'));
    const store = storage.current;
    const prepared = await storage.prepare(db('./a.db', { retention: '1h', max_connections: 3 }), ctx());
    expect(prepared.kind).toBe('settings');
    await storage.activate(prepared, ctx());
    await storage.commit(ctx());
    expect(storage.current).toBe(store);
    expect(storage.settings).toMatchObject({ retentionMs: 3_600_000, maxConnections: 3 });
  });

  it('prunes with the new retention on commit — never on a reload that rolls back', async () => {
    await reload(db('a.db'));
    const now = Date.now();
    storage.current!.insert([alert('day-old', new Date(now - 86_400_000).toISOString()), alert('fresh', new Date(now).toISOString())]);
    await storage.activate(await storage.prepare(db('a.db', { retention: '1h' }), ctx()), ctx());
    await storage.rollback(ctx());
    expect(storage.current!.count()).toBe(2);
    await reload(db('a.db', { retention: '1h' }));
    expect(storage.current!.recent(10).map((a) => a.fingerprint)).toEqual(['fresh']);
  });

  it('enforces retention periodically after commit', async () => {
    storage = new StorageReloader({ baseDir: dir, pruneIntervalMs: 20 });
    await reload(db('a.db', { retention: '1h' }));
    storage.current!.insert([alert('old', new Date(Date.now() - 7_200_000).toISOString())]);
    await expect.poll(() => storage.current!.count(), { timeout: 5_000 }).toBe(0);
  });

  it('rollback after a path change closes the new database and restores the old store and settings', async () => {
    await reload(db('a.db'));
    const old = storage.current!;
    await storage.activate(await storage.prepare(db('b.db', { retention: '1h' }), ctx()), ctx());
    const fresh = storage.current!;
    await storage.rollback(ctx());
    expect(storage.current).toBe(old);
    expect(old.open).toBe(true);
    expect(fresh.open).toBe(false);
    expect(storage.settings!.retentionMs).toBe(720 * 3_600_000);
  });

  it('rollback of a first start closes the database and leaves none live', async () => {
    await storage.activate(await storage.prepare(db('a.db'), ctx()), ctx());
    const fresh = storage.current!;
    await storage.rollback(ctx());
    expect(storage.current).toBeNull();
    expect(fresh.open).toBe(false);
    await expect(storage.health(ctx())).rejects.toThrow(/no open database/);
  });

  it('discard closes a database that was prepared but never activated', async () => {
    await reload(db('a.db'));
    const prepared = await storage.prepare(db('b.db'), ctx());
    await storage.discard(prepared, ctx());
    expect(prepared.kind === 'open' && prepared.store.open).toBe(false);
    expect(storage.current!.open).toBe(true);
  });

  it('prepare and preflight explain /dev/null/alerts.db: the path, ENOTDIR, what to do', async () => {
    await reload(db('a.db'));
    const message = /cannot open database\.path \/dev\/null\/alerts\.db: a parent of the path is not a directory \(ENOTDIR\): choose a database\.path/;
    await expect(storage.prepare(db('/dev/null/alerts.db'), ctx())).rejects.toThrow(message);
    await expect(storage.preflight(db('/dev/null/alerts.db'), ctx())).rejects.toThrow(message);
    expect(storage.current!.open).toBe(true);
  });

  it('preflight of a new path creates nothing; of the live path it is fine', async () => {
    await reload(db('a.db'));
    await storage.preflight(db('b.db'), ctx());
    expect(existsSync(join(dir, 'b.db'))).toBe(false);
    await expect(storage.preflight(db('a.db'), ctx())).resolves.toBeUndefined();
  });

  it('creates no folder: a path in a folder that does not exist is refused in preflight and prepare', async () => {
    await reload(db('a.db'));
    const message = /its folder .*later does not exist, and hotconf creates no folders/;
    await expect(storage.preflight(db('later/b.db'), ctx())).rejects.toThrow(message);
    await expect(storage.prepare(db('later/b.db'), ctx())).rejects.toThrow(message);
    expect(existsSync(join(dir, 'later'))).toBe(false);
  });

  it.each([
    ['an empty file', '', /exists and is empty, not an SQLite database/],
    ['a file that is not SQLite', 'important: notes\n', /exists and is not an SQLite database/],
  ])('refuses %s at the path and leaves it as it was', async (_what, content, message) => {
    await reload(db('a.db'));
    writeFileSync(join(dir, 'other.db'), content);
    await expect(storage.preflight(db('other.db'), ctx())).rejects.toThrow(message);
    await expect(storage.prepare(db('other.db'), ctx())).rejects.toThrow(message);
    expect(readFileSync(join(dir, 'other.db'), 'utf8')).toBe(content);
  });

  it('refuses driver postgres honestly, in preflight and prepare', async () => {
    const pg = makeConfig({ database: { driver: 'postgres', url: 'postgres://u:p@db/x' } });
    const message = 'database.driver postgres is not available in this build: use driver sqlite';
    await expect(storage.preflight(pg, ctx())).rejects.toThrow(message);
    await expect(storage.prepare(pg, ctx())).rejects.toThrow(message);
  });

  it('a prepare that finishes after its timeout closes what it opened', async () => {
    const ctl = new AbortController();
    ctl.abort();
    await expect(storage.prepare(db('late.db'), { signal: ctl.signal, log: recordingLog().log })).rejects.toThrow(/after the storage timeout/);
    expect(storage.current).toBeNull();
  });

  it('close closes the live database', async () => {
    await reload(db('a.db'));
    const store = storage.current!;
    await storage.close(ctx());
    expect(store.open).toBe(false);
    expect(storage.current).toBeNull();
  });
});
