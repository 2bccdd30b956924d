// Opening the alert-history database: open with WAL and a busy timeout, migrate (PRAGMA
// user_version), ping. Every failure names the path, the OS reason and what to do —
// `database.path: /dev/null/alerts.db` must say why, not "unable to open".
// Nothing but the file itself is ever created: its folder must exist (a config must not be
// able to make the service build directory trees), and an existing file must already be an
// SQLite database — SQLite would happily turn an empty file, or overwrite the first page of
// a file nobody meant to give it, into one.
import Database from 'better-sqlite3';
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** A schema step: SQL, or SQL plus what only code can write (hashed terms). */
type Migration = string | ((db: Database.Database) => void);

/** Schema versions in order; user_version = how many have been applied. Append only. */
const MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE alerts (
     id          INTEGER PRIMARY KEY AUTOINCREMENT,
     fingerprint TEXT    NOT NULL,
     status      TEXT    NOT NULL CHECK (status IN ('firing', 'resolved')),
     labels      TEXT    NOT NULL,  -- JSON object
     annotations TEXT    NOT NULL,  -- JSON object
     starts_at   TEXT    NOT NULL,  -- RFC 3339, as received
     ends_at     TEXT,
     received_at INTEGER NOT NULL   -- unix ms: retention prunes on it
   );
   CREATE INDEX alerts_received_at ON alerts (received_at);`,
  // The config commit that routed each alert, and every delivery attempt (issue 9).
  `ALTER TABLE alerts ADD COLUMN commit_sha TEXT;
   CREATE TABLE deliveries (
     id          INTEGER PRIMARY KEY AUTOINCREMENT,
     group_key   TEXT    NOT NULL,
     receiver    TEXT    NOT NULL,
     integration TEXT    NOT NULL,  -- e.g. webhook/0
     attempt     INTEGER NOT NULL,
     ok          INTEGER NOT NULL,  -- 1 delivered, 0 failed
     error       TEXT,              -- never a secret: notifiers name integrations by path
     latency_ms  REAL    NOT NULL,
     alerts      INTEGER NOT NULL,  -- how many alerts the notification held
     commit_sha  TEXT,
     at          INTEGER NOT NULL   -- unix ms
   );
   CREATE INDEX deliveries_at ON deliveries (at);`,
  // The history API (issue 10). Each alert's receivers (what the route tree chose), and
  // alert_terms: one row per (term, alert), a term being the hash of one label pair, one
  // receiver, the status or the commit's first 7 hex digits (history/terms.ts). A filtered
  // page is a keyset scan of one term's rows, newest first, at any depth; a WITHOUT ROWID
  // table keeps that one B-tree, no second index. The index is written behind ingest
  // (history/indexer.ts): history_index.indexed_to is the last alert id it covers, and the
  // rows after it are read by scanning. Deliveries get their group's labels and the
  // indexes a receiver's page and a commit's failure count read.
  `ALTER TABLE alerts ADD COLUMN receivers TEXT;  -- JSON array
   CREATE TABLE alert_terms (
     term        INTEGER NOT NULL,
     received_at INTEGER NOT NULL,
     alert_id    INTEGER NOT NULL,
     PRIMARY KEY (term, received_at, alert_id)
   ) WITHOUT ROWID;
   CREATE TABLE history_index (indexed_to INTEGER NOT NULL);
   INSERT INTO history_index (indexed_to) VALUES (0);
   ALTER TABLE deliveries ADD COLUMN group_labels TEXT;  -- JSON object
   CREATE INDEX deliveries_receiver ON deliveries (receiver, at);
   CREATE INDEX deliveries_commit ON deliveries (commit_sha, ok);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
const BUSY_TIMEOUT_MS = 5_000;

/** Opens, migrates and pings the database at `path` (absolute). Throws a located error. */
export function openAlertDatabase(path: string): Database.Database {
  probeWritable(path, { create: true });
  let db: Database.Database | undefined;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    // No fsync per commit (each is a batch of the history writer): a crash of the process
    // loses nothing committed; a power cut, what came after the last checkpoint
    // (wal-checkpoint/client.ts, about a second).
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    migrate(db);
    db.prepare('SELECT 1').get();
    return db;
  } catch (err) {
    db?.close();
    throw databaseError(path, err);
  }
}

/**
 * For plans: would openAlertDatabase(path) work? Creates nothing and leaves nothing open —
 * an existing file is opened read-only to check it is an SQLite database we can migrate.
 */
export function checkAlertDatabasePath(path: string): void {
  const exists = probeWritable(path, { create: false });
  if (!exists) return;
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    checkVersion(db.pragma('user_version', { simple: true }) as number, path);
  } catch (err) {
    throw databaseError(path, err);
  } finally {
    db?.close();
  }
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  checkVersion(version, db.name);
  for (let v = version; v < MIGRATIONS.length; v++) {
    // Each step and its version bump commit together: a crash leaves a consistent version.
    db.transaction(() => {
      const step = MIGRATIONS[v]!;
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

function checkVersion(version: number, path: string): void {
  if (version > MIGRATIONS.length) {
    throw new DatabaseOpenError(
      `database ${path} has schema version ${version}, newer than this build's ${MIGRATIONS.length}: run a newer hotconf, or point database.path at another file`,
    );
  }
}

/**
 * Asks the OS directly whether the file can be written: stat(2)/open(2) say ENOTDIR, EACCES,
 * EISDIR or EROFS where SQLite only says "unable to open database file". Returns whether
 * the file exists. With create: false nothing is created: the nearest existing ancestor
 * must then be a directory the service may create files in.
 */
function probeWritable(path: string, opts: { create: boolean }): boolean {
  try {
    const st = statSync(path, { throwIfNoEntry: false }); // ENOTDIR when a parent is a file
    if (st?.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' });
    if (st) {
      const fd = openSync(path, 'r+');
      try {
        checkHeader(fd, path);
      } finally {
        closeSync(fd);
      }
      return true;
    }
    const dir = statSync(dirname(path), { throwIfNoEntry: false });
    if (!dir) throw new DatabaseOpenError(`cannot open database.path ${path}: its folder ${dirname(path)} does not exist, and hotconf creates no folders: create it first, or choose a path in an existing folder of the data dir`);
    if (!dir.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    if (opts.create) closeSync(openSync(path, 'wx'));
    else accessSync(dirname(path), constants.W_OK | constants.X_OK);
    return false;
  } catch (err) {
    throw databaseError(path, err);
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** An existing file must begin with SQLite's 16-byte header; an empty one is refused too. */
function checkHeader(fd: number, path: string): void {
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const n = readSync(fd, head, 0, head.length, 0);
  if (n === 0) throw new DatabaseOpenError(`cannot open database.path ${path}: the file exists and is empty, not an SQLite database; hotconf does not convert files: remove it, or choose a path where no file exists yet`);
  if (n < head.length || !head.equals(SQLITE_HEADER)) {
    throw new DatabaseOpenError(`cannot open database.path ${path}: the file exists and is not an SQLite database; hotconf does not overwrite files: choose another path, or remove it if it is yours to remove`);
  }
}

export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

const REASONS: Record<string, string> = {
  ENOTDIR: 'a parent of the path is not a directory (ENOTDIR)',
  EEXIST: 'a parent of the path exists and is not a directory (EEXIST)',
  EACCES: 'permission denied (EACCES)',
  EPERM: 'operation not permitted (EPERM)',
  EROFS: 'the file system is read-only (EROFS)',
  EISDIR: 'the path is a directory (EISDIR)',
  ENOSPC: 'no space left on the device (ENOSPC)',
  SQLITE_NOTADB: 'the file exists but is not an SQLite database (SQLITE_NOTADB)',
  SQLITE_CORRUPT: 'the database file is corrupt (SQLITE_CORRUPT)',
  SQLITE_READONLY: 'the database is read-only (SQLITE_READONLY)',
  SQLITE_CANTOPEN: 'SQLite cannot open the file (SQLITE_CANTOPEN)',
  SQLITE_BUSY: 'the database is locked by another process (SQLITE_BUSY)',
};

function databaseError(path: string, err: unknown): Error {
  if (err instanceof DatabaseOpenError) return err;
  const code = (err as { code?: unknown }).code;
  const reason = typeof code === 'string' && REASONS[code] ? REASONS[code] : (err as Error).message;
  return new DatabaseOpenError(
    `cannot open database.path ${path}: ${reason}: choose a database.path in a directory the service can write to, or fix the file's permissions`,
  );
}
