// What the service remembers across restarts, in one SQLite file in the data dir
// (`hotconf.db`): the reload records (newest first on read) and the last known good config.
//
// SQLite in WAL mode with synchronous=NORMAL survives a `kill -9` at any point: a write is
// either in the WAL or not. A record is inserted as `in_progress` when its reload starts, so
// a reload the process died in shows up on the next start as `interrupted`.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ReloadRecord } from '../contract/reload';

export interface LastGood {
  text: string;
  commit: string | null;
  hash: string;
  saved_at: string;
}

/** Writes pause this long before the WAL is checkpointed; a burst checkpoints every
 *  CHECKPOINT_EVERY writes (a reload writes 2-3 times). */
const CHECKPOINT_IDLE_MS = 200;
const CHECKPOINT_EVERY = 100;

/** How many reload records are kept; older ones are pruned in batches. */
const KEEP_RECORDS = 10_000;

export class StateStore {
  private readonly db: Database.Database;
  private readonly stmts;
  private insertsSincePrune = 0;
  private checkpoint: NodeJS.Timeout | null = null;
  private writesSinceCheckpoint = 0;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'hotconf.db'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // Checkpoints (copying the WAL into the database file, the only step that syncs) run
    // when the service is idle (scheduleCheckpoint): SQLite's automatic one would run inside
    // a reload's last write, and a checkpoint of a few hundred KB of last-good config is the
    // slowest part of a reload's tail.
    this.db.pragma('wal_autocheckpoint = 0');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS reloads (id INTEGER PRIMARY KEY AUTOINCREMENT, status TEXT NOT NULL, record TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS last_good (slot INTEGER PRIMARY KEY CHECK (slot = 1), text TEXT NOT NULL, commit_sha TEXT, hash TEXT NOT NULL, saved_at TEXT NOT NULL);
    `);
    this.stmts = {
      insert: this.db.prepare<[string, string]>('INSERT INTO reloads (status, record) VALUES (?, ?)'),
      update: this.db.prepare<[string, string, number]>('UPDATE reloads SET status = ?, record = ? WHERE id = ?'),
      page: this.db.prepare<[number, number]>('SELECT id, record FROM reloads WHERE id < ? ORDER BY id DESC LIMIT ?'),
      stale: this.db.prepare("SELECT id, record FROM reloads WHERE status = 'in_progress'"),
      prune: this.db.prepare<[number]>('DELETE FROM reloads WHERE id <= (SELECT max(id) FROM reloads) - ?'),
      saveGood: this.db.prepare<[string, string | null, string, string]>(
        'INSERT INTO last_good (slot, text, commit_sha, hash, saved_at) VALUES (1, ?, ?, ?, ?) ON CONFLICT(slot) DO UPDATE SET text = excluded.text, commit_sha = excluded.commit_sha, hash = excluded.hash, saved_at = excluded.saved_at',
      ),
      loadGood: this.db.prepare('SELECT text, commit_sha AS "commit", hash, saved_at FROM last_good WHERE slot = 1'),
    };
  }

  /** Marks reloads left `in_progress` by a previous process as `interrupted` and returns them. */
  markInterrupted(): ReloadRecord[] {
    const rows = this.stmts.stale.all() as { id: number; record: string }[];
    return rows.map((row) => {
      const record = { ...(JSON.parse(row.record) as ReloadRecord), id: row.id };
      record.status = 'interrupted';
      record.error = 'the service stopped while this reload ran';
      this.stmts.update.run(record.status, JSON.stringify(record), row.id);
      return record;
    });
  }

  /** Inserts the record of a starting reload and returns its id. */
  begin(record: Omit<ReloadRecord, 'id'>): number {
    const id = Number(this.stmts.insert.run(record.status, JSON.stringify(record)).lastInsertRowid);
    if (++this.insertsSincePrune >= 500) {
      this.insertsSincePrune = 0;
      this.stmts.prune.run(KEEP_RECORDS);
    }
    return id;
  }

  finish(record: ReloadRecord): void {
    this.stmts.update.run(record.status, JSON.stringify(record), record.id);
    this.scheduleCheckpoint();
  }

  /** A passive checkpoint once writes pause for CHECKPOINT_IDLE_MS — or at once after
   *  CHECKPOINT_EVERY writes without a pause, so that a burst of reloads cannot grow the WAL
   *  without bound. Passive: it never waits for readers, so it cannot block on a lock. */
  private scheduleCheckpoint(): void {
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
    // The row id is the record id (a record is stored before its reload knows its id).
    const records = rows.slice(0, limit).map((r) => ({ ...(JSON.parse(r.record) as ReloadRecord), id: r.id }));
    return { records, next_before: rows.length > limit ? records[records.length - 1]!.id : null };
  }

  saveLastGood(good: Omit<LastGood, 'saved_at'>): void {
    this.stmts.saveGood.run(good.text, good.commit, good.hash, new Date().toISOString());
    this.scheduleCheckpoint();
  }

  lastGood(): LastGood | null {
    return (this.stmts.loadGood.get() as LastGood | undefined) ?? null;
  }

  close(): void {
    if (this.checkpoint) clearTimeout(this.checkpoint);
    this.checkpoint = null;
    this.db.close(); // closing checkpoints whatever the WAL holds
  }
}
