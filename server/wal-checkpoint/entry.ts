// The WAL checkpointer's thread (dist/checkpoint-worker.js, an entry of its own in
// scripts/build.mjs): a connection of its own to each adopted database, and at least every
// `everyMs` (workerData), sooner for a log that grows fast (schedule.ts), a PASSIVE
// checkpoint of each — it copies what the WAL holds back into the database without taking
// the write lock, so the main thread's writers never wait on it.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckpointReply, CheckpointRequest, CheckpointerData } from './protocol';
import { framesWritten, type LogState, nextRoundMs } from './schedule';

const { everyMs, backstopBytes, running } = workerData as CheckpointerData;
Atomics.store(running, 0, 1);
Atomics.notify(running, 0);

const open = new Map<string, { db: Database.Database; pageSize: number }>();
/** Per database, what its last checkpoint saw (schedule.ts). */
const seen = new Map<string, LogState>();
/** When each database is due for its next round (performance.now() time). */
const due = new Map<string, number>();
/** Databases whose log holds nothing but this thread's own restart (startOver), with the
 *  data_version then: copying that frame back would only move the restart (and its sync)
 *  onto the service's next write again. */
const startedOver = new Map<string, number>();
const port = parentPort!;
const reply = (r: CheckpointReply) => port.postMessage(r);

port.on('message', (req: CheckpointRequest) => {
  if (req.op === 'checkpoint') {
    const entry = open.get(req.path);
    if (!entry) return;
    due.set(req.path, performance.now() + visit(req.path, entry));
    startOver(req.path, entry.db);
    return;
  }
  if (req.op === 'release') {
    forget(req.path);
    Atomics.store(req.closed, 0, 1);
    Atomics.notify(req.closed, 0);
    return;
  }
  if (open.has(req.path)) return;
  try {
    // The main thread made and migrated the file: this thread never creates one.
    // timeout 0: this thread never waits for the write lock (startOver skips instead).
    const db = new Database(req.path, { fileMustExist: true, timeout: 0 });
    open.set(req.path, { db, pageSize: db.pragma('page_size', { simple: true }) as number });
    // The first round measures the log's growth from here.
    seen.set(req.path, { log: 0, checkpointed: 0, at: performance.now(), version: db.pragma('data_version', { simple: true }) as number });
  } catch (err) {
    reply({ op: 'failed', path: req.path, error: (err as Error).message });
  }
});

/** Closes this thread's connection to a database and drops what it knew of it. */
function forget(path: string): void {
  try {
    open.get(path)?.db.close();
  } catch {
    // A connection that cannot close cleanly is dropped all the same.
  }
  open.delete(path);
  seen.delete(path);
  due.delete(path);
  startedOver.delete(path);
}

/**
 * After a checkpoint that copied the whole log, the next write starts the log over, and that
 * write syncs the new log's header: 0.15–0.6 ms on the service's event loop, inside its next
 * reload (strace: one fsync per reload on the main thread, in the reload's first record). A
 * database whose writer paused (`paused()`, the end of a reload) is written here instead —
 * page 1 rewritten as it is (user_version set to its own value), which changes nothing — so
 * the restart and its sync happen on this thread while the service is idle. If the service
 * is writing right then, it is skipped: this thread never waits for the write lock, and the
 * service's write restarts the log as it would have.
 */
function startOver(path: string, db: Database.Database): void {
  const last = seen.get(path);
  if (!last || last.log === 0 || last.checkpointed < last.log) return;
  try {
    db.transaction(() => {
      const version = db.pragma('user_version', { simple: true }) as number;
      db.pragma(`user_version = ${version}`);
    }).immediate();
    startedOver.set(path, db.pragma('data_version', { simple: true }) as number);
  } catch {
    // Busy (the service is writing): its own write starts the log over.
  }
}

/** Passes per round at most: see `checkpoint`. */
const MAX_PASSES = 5;

type Result = { busy: number; log: number; checkpointed: number };

/**
 * PASSIVE checkpoints of `db` until one copied the whole log. A pass copies the log as it
 * was when the pass began; what the service wrote meanwhile waits for the next, and the log
 * is only started over (kept small) when a write finds all of it copied. The first pass of
 * a round copies a second of writes and may take tens of ms, during which the service
 * writes again; the next passes have only that to copy, and one of them ends between two
 * writes. Without them, steady writes (the history index catching up, every ~20 ms) never
 * let the log start over, and it grew until the connection's backstop checkpointed it on
 * the event loop (bench/ingest: a 17 ms notification p99 after the load).
 */
function checkpoint(db: Database.Database): Result | undefined {
  let result: Result | undefined;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    [result] = db.pragma('wal_checkpoint(PASSIVE)') as Result[];
    if (!result || result.checkpointed >= result.log) break;
  }
  return result;
}

/** Checkpoints one database; returns how long until it needs its next round. */
function visit(path: string, { db, pageSize }: { db: Database.Database; pageSize: number }): number {
  const t = performance.now();
  try {
    const version = db.pragma('data_version', { simple: true }) as number;
    if (startedOver.get(path) === version) return everyMs; // only our own restart is in the log
    startedOver.delete(path);
    const now = checkpoint(db);
    if (!now) return everyMs;
    const before = seen.get(path)!; // set when the database was adopted
    const grown = framesWritten(before, now, version);
    // Copied by this pass: what it found minus what the last one had copied of the same log.
    const frames = grown < now.log ? now.checkpointed - before.checkpointed : now.checkpointed;
    const bytesPerS = (grown * pageSize * 1000) / Math.max(t - before.at, 1);
    seen.set(path, { log: now.log, checkpointed: now.checkpointed, at: t, version });
    if (frames > 0) reply({ op: 'checkpointed', path, frames, ms: performance.now() - t });
    return nextRoundMs({ leftBytes: (now.log - now.checkpointed) * pageSize, bytesPerS, backstopBytes, everyMs });
  } catch (err) {
    forget(path);
    reply({ op: 'failed', path, error: (err as Error).message });
    return everyMs;
  }
}

/** Each database on its own schedule: a busy history does not bring the quiet ones along. */
function round(): void {
  const now = performance.now();
  let next = now + everyMs;
  for (const [path, entry] of open) {
    let at = due.get(path) ?? now;
    if (at <= now + 1) due.set(path, (at = now + visit(path, entry)));
    next = Math.min(next, at);
  }
  setTimeout(round, Math.max(1, next - now));
}
setTimeout(round, everyMs);
