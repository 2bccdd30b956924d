// The WAL checkpointer: an adopted database stops checkpointing on its own connection (that
// was a 5–10 ms fsync stall on the event loop) and a thread of ours copies its log back
// instead; when that thread is gone, the connection checkpoints on its own again.
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WalCheckpointer } from '../../../server/wal-checkpoint/client';
import { openFilesOf } from '../../support/open-files';

const dirs: string[] = [];
const open: Database.Database[] = [];

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function walDatabase(pageSize = 4096): Database.Database {
  const dir = mkdtempSync(join(tmpdir(), 'hotconf-wal-'));
  dirs.push(dir);
  const db = new Database(join(dir, 'test.db'));
  open.push(db);
  db.pragma(`page_size = ${pageSize}`);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (v TEXT)');
  return db;
}

/** Enough rows for many WAL pages, in several commits. */
function write(db: Database.Database, commits = 20): void {
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  for (let c = 0; c < commits; c++) db.transaction(() => { for (let i = 0; i < 200; i++) insert.run('x'.repeat(200)); })();
}

/** The salts in the log's header: a log started over gets new ones (SQLite's WAL format). */
function walSalts(path: string): string {
  const fd = openSync(`${path}-wal`, 'r');
  try {
    const header = Buffer.alloc(32);
    readSync(fd, header, 0, 32, 0);
    return header.subarray(16, 24).toString('hex');
  } finally {
    closeSync(fd);
  }
}

const autocheckpoint = (db: Database.Database) => db.pragma('wal_autocheckpoint', { simple: true });

describe('the WAL checkpointer', () => {
  it('takes an adopted database off checkpointing its own connection and copies its log back from its thread', async () => {
    const copied: number[] = [];
    const faults: string[] = [];
    const checkpointer = new WalCheckpointer({ everyMs: 20, onCheckpoint: (c) => copied.push(c.frames), onFault: (m) => faults.push(m) });
    try {
      const db = walDatabase();
      checkpointer.adopt(db);
      expect(autocheckpoint(db)).toBe(1000); // only a backstop (next test)
      write(db);
      await expect.poll(() => copied.reduce((a, b) => a + b, 0), { timeout: 5_000 }).toBeGreaterThan(0);
      expect(faults).toEqual([]);
    } finally {
      await checkpointer.close();
    }
  });

  it('keeps the log bounded when writes never pause: the connection checkpoints itself past the backstop', async () => {
    // The thread would checkpoint once a minute: every page here is the backstop's.
    const checkpointer = new WalCheckpointer({ everyMs: 60_000, backstopPages: 100 });
    try {
      const db = walDatabase();
      checkpointer.adopt(db);
      const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
      for (let i = 0; i < 3_000; i++) insert.run('x'.repeat(3_000)); // ~3,000 commits of a page each, no pause
      // Without the backstop the log holds every one of them (~12 MB).
      expect(statSync(`${db.name}-wal`).size).toBeLessThan(4 * 100 * 4096);
    } finally {
      await checkpointer.close();
    }
  });

  /** An adopted database after two commits, with a round once a minute: any checkpoint
   *  within a test is the one `paused` asked for. */
  function pausable() {
    const copied: number[] = [];
    const checkpointer = new WalCheckpointer({ everyMs: 60_000, onCheckpoint: (c) => copied.push(c.frames) });
    const db = walDatabase();
    const adoption = checkpointer.adopt(db);
    write(db, 2);
    return { copied, checkpointer, db, adoption };
  }

  it('checkpoints at once when told the writes paused, not at its next round', async () => {
    const { copied, checkpointer, adoption } = pausable();
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(copied).toEqual([]);
      adoption.paused();
      await expect.poll(() => copied.length, { timeout: 2_000 }).toBe(1);
      expect(copied[0]).toBeGreaterThan(0);
    } finally {
      await checkpointer.close();
    }
  });

  it('starts the log over on its thread after a pause, so the service\'s next write appends instead of syncing a new log', async () => {
    const { copied, checkpointer, db, adoption } = pausable();
    try {
      const before = walSalts(db.name);
      adoption.paused();
      await expect.poll(() => copied.length, { timeout: 2_000 }).toBe(1);
      // The thread's own write started the log over: new salts, before the service wrote.
      await expect.poll(() => walSalts(db.name), { timeout: 2_000 }).not.toBe(before);
      const restarted = walSalts(db.name);
      db.prepare('INSERT INTO t (v) VALUES (?)').run('after the pause');
      expect(walSalts(db.name)).toBe(restarted);
      expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 401 });
    } finally {
      await checkpointer.close();
    }
  });

  it('sets the backstop at 4 MB of log whatever the page size', async () => {
    const checkpointer = new WalCheckpointer({ everyMs: 60_000 });
    try {
      const db = walDatabase(65_536);
      checkpointer.adopt(db);
      expect(autocheckpoint(db)).toBe(63); // 4,096,000 bytes / 65,536, not 1,000 pages = 64 MB
    } finally {
      await checkpointer.close();
    }
  });

  it('hands checkpoints back to the connection when its thread cannot start', async () => {
    const faults: string[] = [];
    const checkpointer = new WalCheckpointer({ entry: '/nonexistent/checkpoint-worker.js', onFault: (m) => faults.push(m) });
    const db = walDatabase();
    const adoption = checkpointer.adopt(db);
    await expect.poll(() => faults.length, { timeout: 5_000 }).toBe(1);
    expect(adoption.active).toBe(false);
    expect(faults[0]).toMatch(/checkpoint on their own connections again/);
    expect(autocheckpoint(db)).toBe(1000);
    // Later databases are not adopted at all.
    const other = walDatabase();
    checkpointer.adopt(other);
    expect(autocheckpoint(other)).toBe(1000);
    await checkpointer.close();
  });

  it('hands checkpoints back to the databases it still holds when it is closed', async () => {
    const checkpointer = new WalCheckpointer({ everyMs: 20 });
    const kept = walDatabase();
    const released = walDatabase();
    checkpointer.adopt(kept);
    const adoption = checkpointer.adopt(released);
    expect(adoption.active).toBe(true);
    adoption.release();
    expect(adoption.active).toBe(false);
    released.close();
    await checkpointer.close();
    expect(autocheckpoint(kept)).toBe(1000);
    expect(released.open).toBe(false);
  });

  it('has closed its own connection when release() returns: nothing holds the files, and the folder can go at once', async () => {
    const copied: string[] = [];
    const checkpointer = new WalCheckpointer({ everyMs: 20, onCheckpoint: (c) => copied.push(c.path) });
    try {
      for (let i = 0; i < 5; i++) {
        const db = walDatabase();
        const path = db.name;
        const adoption = checkpointer.adopt(db);
        write(db, 2);
        // The thread has its connection open: it has checkpointed this database.
        await expect.poll(() => copied.includes(path), { timeout: 5_000 }).toBe(true);
        adoption.release();
        db.close();
        expect(openFilesOf(path)).toEqual([]);
        const dir = dirs.pop()!;
        rmSync(dir, { recursive: true });
        expect(existsSync(dir)).toBe(false);
      }
    } finally {
      await checkpointer.close();
    }
  });
});
