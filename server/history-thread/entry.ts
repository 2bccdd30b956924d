// The history thread (dist/history-worker.js, an entry of its own in scripts/build.mjs):
// every write of the alert history that ingest would otherwise wait behind, on a connection
// of this thread's own.
// - The history writer's batches (engine/history-writer.ts): on the event loop a batch cost
//   ~8 µs an alert (its JSON, the statements, the commit), paid between two requests.
// - The term index (alerts/history/indexer.ts), several times a row's cost: on the event
//   loop its passes took a tenth of it, in steps of ~2 ms that every request and
//   notification arriving meanwhile waited behind.
// With 1 sender × 1 alert a request, the two together cost 15 % of ingest's throughput
// (bench/ingest, the same build with and without them). One connection writes both, so the
// index never contends with the batches for SQLite's write lock; its passes sleep between
// steps all the same, so a batch waits for one step (~2 ms) at most.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { HistoryIndexer, type IndexTarget } from '../alerts/history/indexer';
import { termIndexWriter } from '../alerts/history/index-writer';
import { type RowWriter, historyRowWriter } from '../alerts/history/row-writer';
import type { HistoryReply, HistoryRequest, HistoryThreadData } from './protocol';

const { dutyCycle, busyTimeoutMs, running, written, replies } = workerData as HistoryThreadData;
wake(running);
runWhenIdle();

const port = parentPort!;
const reply = (r: HistoryReply) => replies.postMessage(r);

/** This thread's connection: to one database at a time, the service's current one. */
let target: (IndexTarget & { path: string; rows: RowWriter; close(): void }) | null = null;
/** The error of the running pass's failed batch, for its reply. */
let passError: string | undefined;
const indexer = new HistoryIndexer(() => target, { dutyCycle, onError: (err) => (passError = err.message) });

port.on('message', (req: HistoryRequest) => {
  if (req.op === 'release') {
    if (target?.path === req.path) closeTarget();
    wake(req.closed);
    return;
  }
  if (req.op === 'write') {
    try {
      const rows = useDatabase(req.path).rows;
      reply({ op: 'written', seq: req.seq, ids: rows.batch(req.alerts, req.attempts) });
    } catch (err) {
      reply({ op: 'written', seq: req.seq, error: (err as Error).message });
    } finally {
      Atomics.add(written, 0, req.alerts.length + req.attempts.length);
      Atomics.notify(written, 0);
      if (req.done) wake(req.done);
    }
    return;
  }
  try {
    useDatabase(req.path);
  } catch (err) {
    reply({ op: 'passed', seq: req.seq, indexed: 0, error: (err as Error).message });
    return;
  }
  void indexer.run().then((indexed) => {
    reply({ op: 'passed', seq: req.seq, indexed, ...(passError !== undefined ? { error: passError } : {}) });
    passError = undefined;
  });
});

/**
 * This thread runs only on a core nobody else wants: SCHED_IDLE, which any other thread
 * that wakes preempts at once. On two cores busy with ingest, a thread at the event loop's
 * priority took turns with it and with the sender, and so did one at nice 10: a task that
 * wakes preempts a running one only when it is well ahead of it in CPU time, and the event
 * loop, which sleeps between requests, never was — it waited up to a tick behind this
 * thread (bench/ingest, 20 senders × 1 alert: 17,600–19,000 requests/s at nice 0, 10 or
 * 19; 24,900 under SCHED_IDLE, as the build before the thread). It does not fall behind
 * without bound: the client makes the event loop wait once its backlog is too long
 * (client.ts).
 * Linux only (a thread is a task with its own id there; util-linux's chrt sets the policy);
 * failing that, nice 19; elsewhere it runs as it is.
 */
function runWhenIdle(): void {
  let tid: number;
  try {
    tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return;
  } catch {
    return; // no /proc: the same priority as the event loop
  }
  try {
    execFileSync('chrt', ['--idle', '--pid', '0', String(tid)], { stdio: 'ignore', timeout: 2_000 });
  } catch {
    try {
      setPriority(tid, 19);
    } catch {
      // Not allowed: the same priority as the event loop.
    }
  }
}

function wake(flag: Int32Array): void {
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

function useDatabase(path: string): NonNullable<typeof target> {
  if (target?.path === path) return target;
  closeTarget();
  // The service made and migrated the file: this thread never creates one.
  const db = new Database(path, { fileMustExist: true, timeout: busyTimeoutMs });
  // As the service's own connection (alert-db.ts): no fsync per commit; a crash of the
  // process loses nothing committed.
  db.pragma('synchronous = NORMAL');
  const indexNext = termIndexWriter(db);
  target = {
    path,
    get open() {
      return db.open;
    },
    indexNext,
    rows: historyRowWriter(db),
    close: () => db.close(),
  };
  return target;
}

/** Ends the pass (after the step in progress: none is, while this thread reads a message)
 *  and closes the connection. */
function closeTarget(): void {
  indexer.stop();
  try {
    target?.close();
  } catch {
    // A connection that cannot close cleanly is dropped all the same.
  }
  target = null;
}
