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

setInterval(() => {
  for (const [path, db] of open) {
    const t = performance.now();
    try {
      const [now] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
      if (!now) continue;
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
}, everyMs);
