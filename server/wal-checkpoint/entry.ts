// The WAL checkpointer's thread (dist/checkpoint-worker.js, an entry of its own in
// scripts/build.mjs): a connection of its own to each adopted database, and every
// `everyMs` (workerData) a PASSIVE checkpoint of each — it copies what the WAL holds back
// into the database without taking the write lock, so the main thread's writers never wait
// on it.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckpointReply, CheckpointRequest, CheckpointerData } from './protocol';

const { everyMs } = workerData as CheckpointerData;

const open = new Map<string, Database.Database>();
/** Per database, the WAL's frame count and how many of them were copied back, as of the
 *  last checkpoint: a checkpoint reports only what it copied since. */
const seen = new Map<string, { log: number; checkpointed: number }>();
const port = parentPort!;
const reply = (r: CheckpointReply) => port.postMessage(r);

port.on('message', (req: CheckpointRequest) => {
  if (req.op === 'release') {
    open.get(req.path)?.close();
    open.delete(req.path);
    seen.delete(req.path);
    return;
  }
  if (open.has(req.path)) return;
  try {
    // The main thread made and migrated the file: this thread never creates one.
    open.set(req.path, new Database(req.path, { fileMustExist: true }));
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

/** A log this long after a round (pages) brings the next round forward: a busy writer
 *  (the history index catching up writes ~5,000 pages a second) would otherwise pass the
 *  connection's backstop between two rounds, and checkpoint on the event loop. */
const BUSY_LOG_PAGES = 250;
const BUSY_EVERY_MS = 100;

function round(): void {
  let busy = false;
  for (const [path, db] of open) {
    const t = performance.now();
    try {
      const now = checkpoint(db);
      if (!now) continue;
      if (now.log >= BUSY_LOG_PAGES) busy = true;
      const before = seen.get(path);
      // A smaller log means the WAL was started over since: every frame copied is new.
      const frames = before && now.log >= before.log ? now.checkpointed - before.checkpointed : now.checkpointed;
      seen.set(path, { log: now.log, checkpointed: now.checkpointed });
      if (frames > 0) reply({ op: 'checkpointed', path, frames, ms: performance.now() - t });
    } catch (err) {
      db.close();
      open.delete(path);
      seen.delete(path);
      reply({ op: 'failed', path, error: (err as Error).message });
    }
  }
  setTimeout(round, busy ? Math.min(BUSY_EVERY_MS, everyMs) : everyMs);
}
setTimeout(round, everyMs);
