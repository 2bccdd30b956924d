// The WAL checkpointer's thread (dist/checkpoint-worker.js, an entry of its own in
// scripts/build.mjs): a connection of its own to each adopted database, and every
// `everyMs` (workerData) a PASSIVE checkpoint of each — it copies what the WAL holds back
// into the database without taking the write lock, so the main thread's writers never wait
// on it.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckpointReply, CheckpointRequest, CheckpointerData } from './protocol';

const { everyMs } = workerData as CheckpointerData;

const open = new Map<string, { db: Database.Database; pageSize: number }>();
/** Per database, as of the last checkpoint: the WAL's frame count and how many of them were
 *  copied back (a checkpoint reports only what it copied since), when that was, and the
 *  database's data_version then (it changes when another connection commits). */
const seen = new Map<string, { log: number; checkpointed: number; at: number; version: number }>();
const port = parentPort!;
const reply = (r: CheckpointReply) => port.postMessage(r);

port.on('message', (req: CheckpointRequest) => {
  if (req.op === 'checkpoint') {
    const entry = open.get(req.path);
    if (entry) visit(req.path, entry);
    return;
  }
  if (req.op === 'release') {
    open.get(req.path)?.db.close();
    open.delete(req.path);
    seen.delete(req.path);
    return;
  }
  if (open.has(req.path)) return;
  try {
    // The main thread made and migrated the file: this thread never creates one.
    const db = new Database(req.path, { fileMustExist: true });
    open.set(req.path, { db, pageSize: db.pragma('page_size', { simple: true }) as number });
    // The first round measures the log's growth from here.
    seen.set(req.path, { log: 0, checkpointed: 0, at: performance.now(), version: db.pragma('data_version', { simple: true }) as number });
  } catch (err) {
    reply({ op: 'failed', path: req.path, error: (err as Error).message });
  }
});

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

/** A log with this much left to copy after a round, or growing this fast, brings the next
 *  round forward: a busy writer (the history index catching up writes ~20 MB a second; a
 *  reload every 40 ms of a 285 KB config at 4 KiB pages ~14) would otherwise pass the
 *  connection's backstop between two rounds, and checkpoint on the event loop (strace,
 *  bench/reload realworld: 10 ms on the main thread every ~0.5 s, the reloads' p95). The
 *  rate is what keeps the rounds frequent: at 100 ms a round finds a tenth of a second's
 *  writes, often under the length, and judged by the length alone the rounds fell back to
 *  one a second. In bytes (250 pages of 4 KiB): the files' page sizes differ. */
const BUSY_LOG_BYTES = 250 * 4_096;
const BUSY_BYTES_PER_S = 250 * 4_096;
const BUSY_EVERY_MS = 100;

/**
 * Frames the service wrote since the last round. The log is started over by the first write
 * after a checkpoint that copied all of it, so its length alone cannot tell: 234 frames then
 * and 234 now may be no write, or a new log of the same length. data_version says whether
 * anyone wrote.
 */
function framesWritten(before: { log: number; checkpointed: number; version: number } | undefined, now: Result, version: number): number {
  if (!before) return now.log;
  if (version === before.version) return 0;
  const startedOver = before.checkpointed >= before.log || now.log < before.log;
  return startedOver ? now.log : now.log - before.log;
}

/** Checkpoints one database; true when its writer is busy enough to bring the next round forward. */
function visit(path: string, { db, pageSize }: { db: Database.Database; pageSize: number }): boolean {
  const t = performance.now();
  try {
    const version = db.pragma('data_version', { simple: true }) as number;
    const now = checkpoint(db);
    if (!now) return false;
    const before = seen.get(path);
    const grown = framesWritten(before, now, version);
    // Copied by this pass: what it found minus what the last one had copied of the same log.
    const frames = before && grown < now.log ? now.checkpointed - before.checkpointed : now.checkpointed;
    const perSecond = before ? (grown * 1000) / Math.max(t - before.at, 1) : 0;
    seen.set(path, { log: now.log, checkpointed: now.checkpointed, at: t, version });
    if (frames > 0) reply({ op: 'checkpointed', path, frames, ms: performance.now() - t });
    return (now.log - now.checkpointed) * pageSize >= BUSY_LOG_BYTES || perSecond * pageSize >= BUSY_BYTES_PER_S;
  } catch (err) {
    db.close();
    open.delete(path);
    seen.delete(path);
    reply({ op: 'failed', path, error: (err as Error).message });
    return false;
  }
}

function round(): void {
  let busy = false;
  for (const [path, entry] of open) if (visit(path, entry)) busy = true;
  setTimeout(round, busy ? Math.min(BUSY_EVERY_MS, everyMs) : everyMs);
}
setTimeout(round, everyMs);
