// What the service remembers across restarts, in one SQLite file in the data dir
// (`hotconf.db`): the reload records (newest first on read) and the last known good config.
// This class is the file and nothing else: it throws on every failure. What the service
// does about a failure (keep records in memory, retry, warn) is record-keeper.ts.
//
// SQLite in WAL mode with synchronous=NORMAL survives a `kill -9` at any point: a write is
// either in the WAL or not. A record is written as `in_progress` when its reload starts, so
// a reload the process died in shows up on the next start as `interrupted`.
//
// Blocking: better-sqlite3 is synchronous and waits for a lock held by another process up
// to its busy timeout, with the whole event loop stopped. That wait is bounded here
// (BUSY_TIMEOUT_MS, not the driver's 5 s): a locked file costs one short stall, then the
// record keeper stops touching the file until its next retry.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { ReloadRecord } from '../contract/reload';
import { type Adoption, type WalCheckpointer, walCheckpointer } from '../wal-checkpoint/client';

export interface LastGood {
  text: string;
  commit: string | null;
  hash: string;
  saved_at: string;
}

/** The process's WAL checkpointer (wal-checkpoint/client.ts) checkpoints the file from its
 *  own thread. Only when that thread is not there does this connection checkpoint itself:
 *  once writes pause this long — a reload writes 2-3 times within a few ms, so this is just
 *  after a reload answered, never inside one — or, in a burst with no pause at all, inline
 *  every CHECKPOINT_EVERY writes (~100 reloads; the WAL then holds their last-good copies,
 *  ~30 MB for a 300 KB config). Inline, a checkpoint's two fsyncs stopped the event loop
 *  for 2-5 ms after every reload: with a reload every 100 ms under ingest, that was most of
 *  what the reloads cost the ingest (bench/ingest). */
const CHECKPOINT_IDLE_MS = 20;
const CHECKPOINT_EVERY = 300;
/**
 * With the checkpointer's thread: the log a reload's end asks it to copy back at least. Each
 * request cost that thread ~1 ms of CPU (a passive checkpoint, its fsyncs, the log started
 * over) and the event loop ~0.2 ms for the post: after every reload, ten times a second in
 * bench/ingest's reload runs, beside the load. A quarter of the 4 MB backstop: a 300 KB
 * config (bench/reload's real-world file, ~0.5 MB of log a reload) still asks every third
 * reload, and the log stays far from the backstop and the thread's own rounds.
 */
const CHECKPOINT_AFTER_BYTES = 1_000_000;

/** How many reload records are kept; older ones are pruned in batches. */
const KEEP_RECORDS = 10_000;
/** The longest the event loop waits for a lock another process holds on hotconf.db. */
export const BUSY_TIMEOUT_MS = 50;

/** The file could not be read as a database; it was moved aside and a fresh one created. */
export interface MovedAside {
  path: string;
  error: string;
}

export class StateStore {
  readonly path: string;
  /** Set when this open found hotconf.db corrupt and replaced it. */
  readonly movedAside: MovedAside | null = null;
  private readonly db: Database.Database;
  private readonly stmts;
  private insertsSincePrune = 0;
  private checkpoint: NodeJS.Timeout | null = null;
  private writesSinceCheckpoint = 0;
  private readonly checkpoints: Adoption;
  /** About how much log the writes since the last checkpoint request made: every write
   *  rewrites at least one whole page. */
  private logBytes = 0;
  private readonly pageSize: number;

  constructor(dataDir: string, opts: { busyTimeoutMs?: number; checkpointer?: Pick<WalCheckpointer, 'adopt'> } = {}) {
    mkdirSync(dataDir, { recursive: true });
    this.path = join(dataDir, 'hotconf.db');
    const timeout = opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS;
    try {
      this.db = openChecked(this.path, timeout);
    } catch (err) {
      if (!isCorruption(err)) throw err;
      // History and the last good config are worth less than a service that starts: the
      // damaged file is kept for inspection, and a fresh one takes its place.
      this.movedAside = { path: moveAside(this.path), error: (err as Error).message };
      this.db = openChecked(this.path, timeout);
    }
    this.stmts = {
      put: this.db.prepare<[number, string, string]>('INSERT OR REPLACE INTO reloads (id, status, record) VALUES (?, ?, ?)'),
      update: this.db.prepare<[string, string, number]>('UPDATE reloads SET status = ?, record = ? WHERE id = ?'),
      page: this.db.prepare<[number, number]>('SELECT id, record FROM reloads WHERE id < ? ORDER BY id DESC LIMIT ?'),
      stale: this.db.prepare<[number]>("SELECT id, record FROM reloads WHERE status = 'in_progress' AND id < ?"),
      maxId: this.db.prepare('SELECT max(id) AS id FROM reloads'),
      prune: this.db.prepare<[number]>('DELETE FROM reloads WHERE id <= (SELECT max(id) FROM reloads) - ?'),
      // The text may come as its UTF-8 bytes (a Buffer binds as a blob): CAST stores it as the
      // same TEXT, without encoding a JS string again (~0.15 ms for 300 KB).
      saveGood: this.db.prepare<[string | Uint8Array, string | null, string, string]>(
        'INSERT INTO last_good (slot, text, commit_sha, hash, saved_at) VALUES (1, CAST(? AS TEXT), ?, ?, ?) ON CONFLICT(slot) DO UPDATE SET text = excluded.text, commit_sha = excluded.commit_sha, hash = excluded.hash, saved_at = excluded.saved_at',
      ),
      loadGood: this.db.prepare('SELECT text, commit_sha AS "commit", hash, saved_at FROM last_good WHERE slot = 1'),
    };
    this.pageSize = this.db.pragma('page_size', { simple: true }) as number;
    this.checkpoints = (opts.checkpointer ?? walCheckpointer()).adopt(this.db);
  }

  /** The highest record id stored (0 when none): new ids continue after it. */
  maxId(): number {
    return (this.stmts.maxId.get() as { id: number | null }).id ?? 0;
  }

  /**
   * Marks reloads left `in_progress` by a previous process as `interrupted` and returns them.
   * Only ids below `before` (the first id of this process): its own reloads are not touched.
   */
  markInterrupted(before = Number.MAX_SAFE_INTEGER): ReloadRecord[] {
    const rows = this.stmts.stale.all(before) as { id: number; record: string }[];
    const mark = this.db.transaction(() =>
      rows.map((row) => {
        const record = { ...(JSON.parse(row.record) as ReloadRecord), id: row.id };
        record.status = 'interrupted';
        record.error = 'the service stopped while this reload ran';
        this.stmts.update.run(record.status, JSON.stringify(record), row.id);
        return record;
      }),
    );
    return mark();
  }

  /** Writes a record under its own id (a new one, or a newer state of one already stored). */
  put(record: ReloadRecord): void {
    const isNew = record.status === 'in_progress';
    const json = JSON.stringify(record);
    this.stmts.put.run(record.id, record.status, json);
    this.logBytes += this.pageSize + json.length;
    if (isNew && ++this.insertsSincePrune >= 500) {
      this.insertsSincePrune = 0;
      this.stmts.prune.run(KEEP_RECORDS);
    }
    // A finished record is a reload's last write: once the log has grown enough, the
    // checkpointer's thread copies it back now, while the service is idle, so that the next
    // reload finds the log copied and started over, instead of a round falling inside a
    // reload and its fsyncs contending with the reload's own writes.
    if (!isNew && this.logBytes >= CHECKPOINT_AFTER_BYTES) {
      this.logBytes = 0;
      this.checkpoints.paused();
    }
    this.scheduleCheckpoint();
  }

  /** A passive checkpoint once writes pause for CHECKPOINT_IDLE_MS — or at once after
   *  CHECKPOINT_EVERY writes without a pause, so that a burst of reloads cannot grow the WAL
   *  without bound. Passive: it never waits for readers, so it cannot block on a lock. */
  private scheduleCheckpoint(): void {
    if (this.checkpoints.active) return;
    if (++this.writesSinceCheckpoint >= CHECKPOINT_EVERY) {
      this.runCheckpoint();
      return;
    }
    if (this.checkpoint) clearTimeout(this.checkpoint);
    this.checkpoint = setTimeout(() => this.runCheckpoint(), CHECKPOINT_IDLE_MS);
    this.checkpoint.unref();
  }

  private runCheckpoint(): void {
    if (this.checkpoint) clearTimeout(this.checkpoint);
    this.checkpoint = null;
    this.writesSinceCheckpoint = 0;
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // A busy or closed database checkpoints next time; the WAL keeps every write meanwhile.
    }
  }

  /** Newest first; `before` is an id (exclusive). */
  history(opts: { limit?: number; before?: number } = {}): { records: ReloadRecord[]; next_before: number | null } {
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
    const rows = this.stmts.page.all(opts.before ?? Number.MAX_SAFE_INTEGER, limit + 1) as { id: number; record: string }[];
    const records = rows.slice(0, limit).map((r) => ({ ...(JSON.parse(r.record) as ReloadRecord), id: r.id }));
    return { records, next_before: rows.length > limit ? records[records.length - 1]!.id : null };
  }

  /** `utf8`, when given, must be exactly `text` in UTF-8 (it is what is stored). */
  saveLastGood(good: Omit<LastGood, 'saved_at'> & { utf8?: Uint8Array }): void {
    this.stmts.saveGood.run(good.utf8 ?? good.text, good.commit, good.hash, new Date().toISOString());
    this.logBytes += this.pageSize + (good.utf8?.length ?? good.text.length);
    this.scheduleCheckpoint();
  }

  lastGood(): LastGood | null {
    return (this.stmts.loadGood.get() as LastGood | undefined) ?? null;
  }

  close(): void {
    if (this.checkpoint) clearTimeout(this.checkpoint);
    this.checkpoint = null;
    this.checkpoints.release();
    this.db.close(); // closing checkpoints whatever the WAL holds
  }
}

function openChecked(path: string, timeout: number): Database.Database {
  const db = new Database(path, { timeout });
  try {
    // 64 KiB pages (a new file only; an existing one keeps its size): the last good config is
    // written on every applied reload, and a 285 KB config is 70 overflow pages at SQLite's
    // 4 KiB, each a WAL frame and two writes, but 5 at 64 KiB. bench/reload realworld:
    // saveLastGood p50 0.49 → 0.30 ms, and the reload's wall time after its record p50
    // 2.3 → 1.5 ms. Records are small; a page per write costs little at this rate.
    db.pragma('page_size = 65536');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Checkpoints (copying the WAL into the database file, the only step that syncs) run
    // when the service is idle (scheduleCheckpoint): SQLite's automatic one would run inside
    // a reload's last write, and a checkpoint of a few hundred KB of last-good config is the
    // slowest part of a reload's tail.
    db.pragma('wal_autocheckpoint = 0');
    // A damaged page that the pragmas did not touch is found here, not at the first
    // history read weeks later. The file holds at most KEEP_RECORDS small rows.
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(`quick_check: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
    db.exec(`
      CREATE TABLE IF NOT EXISTS reloads (id INTEGER PRIMARY KEY AUTOINCREMENT, status TEXT NOT NULL, record TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS last_good (slot INTEGER PRIMARY KEY CHECK (slot = 1), text TEXT NOT NULL, commit_sha TEXT, hash TEXT NOT NULL, saved_at TEXT NOT NULL);
    `);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Damage, as opposed to a lock or a permission: only this justifies replacing the file. */
export function isCorruption(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

function moveAside(path: string): string {
  const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, aside);
  // The WAL and shared-memory files belong to the damaged file, not to the fresh one.
  for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  return aside;
}
