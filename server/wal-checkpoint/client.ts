// WAL checkpoints off the event loop. SQLite copies its write-ahead log back into the
// database (a checkpoint) on the commit that takes the log past 1,000 pages, in that
// connection, with two fsyncs: on the service's one thread that was a 5–10 ms stall every
// few hundred milliseconds under ingest (strace: fsync of the WAL 3 ms, of the database
// 1.2 ms), the largest latency an alert or a notification met (bench/ingest p99). Here an
// adopted connection leaves its checkpoints (up to a backstop, below) to a thread of our own, with its own
// connection, checkpoints PASSIVE every second (entry.ts): it never takes the write lock,
// so writers do not wait on it. Not more often: once a checkpoint has copied the whole log,
// the next commit starts the log over, and that restart syncs the log file on the writer's
// thread (~0.3–1 ms here): once a second is a small price, on every 100 ms it was not.
// A power cut can lose what was committed since the last checkpoint (the history and the
// notification log use synchronous=NORMAL); a crash of the process loses nothing committed.
//
// The connection keeps SQLite's own checkpoint as a backstop, at SQLite's threshold (1,000
// pages of 4 KiB; the same 4 MB in a file with larger pages): the thread checkpoints sooner, so in steady use the connection never does; a writer
// that never pauses (a flood of alerts, the index catching up after one) outruns the thread,
// whose passes never reach the log's end, and then the connection checkpoints as it always
// would have. Without a backstop the log grew to 71 GB in bench/history and filled the disk.
// If the thread cannot start, or fails on a database, that connection checkpoints itself
// again at SQLite's default (and onFault says so).
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { projectRoot } from '../console/start';
import type { CheckpointReply, CheckpointRequest, CheckpointerData } from './protocol';

/** SQLite's default: checkpoint on the commit that takes the log past this many pages. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1_000;
/** The backstop in bytes: SQLite's default at its default 4 KiB pages, whatever the file's
 *  page size (hotconf.db has 64 KiB pages; 1,000 of them would be a 64 MB log). */
const BACKSTOP_BYTES = 1_000 * 4_096;
const CHECKPOINT_EVERY_MS = 1_000;
/** How long `release()` waits for the thread to close its connection. A round in progress
 *  finishes first (a few ms); a thread stuck on a locked disk is not waited for. */
const RELEASE_WAIT_MS = 2_000;
/** How long `release()` waits for a thread that has not started yet (~50 ms here). */
const START_WAIT_MS = 1_000;

export interface WalCheckpointerOptions {
  /** The built entry (dist/checkpoint-worker.js under the project root by default). */
  entry?: string;
  /** Told when a database goes back to checkpointing itself, and why. */
  onFault?: (message: string) => void;
  /** Told of every checkpoint the thread made (frames copied back, time taken). */
  onCheckpoint?: (c: { path: string; frames: number; ms: number }) => void;
  /** How often the thread checkpoints each database. */
  everyMs?: number;
  /** Log pages past which an adopted connection checkpoints on its own anyway (by default
   *  SQLite's 4 MB, in the file's pages). */
  backstopPages?: number;
}

export interface Adoption {
  release(): void;
  /** The writes of a burst are done (a reload's last record): the thread checkpoints now and,
   *  when that copied the whole log, starts the log over itself (entry.ts `startOver`). */
  paused(): void;
  readonly active: boolean;
}

export class WalCheckpointer {
  private worker: Worker | null = null;
  /** Set to 1 by the thread once it runs (protocol.ts). */
  private readonly running = new Int32Array(new SharedArrayBuffer(4));
  private failed = false;
  private readonly adopted = new Map<string, Database.Database>();
  private readonly entry: string;

  constructor(private readonly opts: WalCheckpointerOptions = {}) {
    this.entry = opts.entry ?? join(projectRoot(), 'dist', 'checkpoint-worker.js');
  }

  /** From now on the thread checkpoints `db` (a WAL database on a file). `release()` just
   *  before `db` closes: it returns once the thread has closed its own connection, so no
   *  file of the database is opened or written after it (a test's folder can be removed, a
   *  file moved); it waits at most RELEASE_WAIT_MS. `active` says whether the thread still checkpoints it (false when
   *  it never started or was handed back: the connection checkpoints on its own). */
  adopt(db: Database.Database): Adoption {
    const worker = this.start();
    if (!worker || db.memory) return { release: () => undefined, paused: () => undefined, active: false };
    const path = db.name;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.pragma(`wal_autocheckpoint = ${this.opts.backstopPages ?? Math.max(1, Math.round(BACKSTOP_BYTES / pageSize))}`);
    this.adopted.set(path, db);
    this.post({ op: 'adopt', path });
    const adopted = this.adopted;
    let pauseQueued = false;
    return {
      release: () => {
        if (adopted.get(path) !== db) return;
        adopted.delete(path);
        this.releaseAndWait(path);
      },
      // Told after the turn, once: posting to the thread costs ~0.07 ms, which the reload
      // that just wrote its last record should not wait for before it answers.
      paused: () => {
        if (pauseQueued) return;
        pauseQueued = true;
        setImmediate(() => {
          pauseQueued = false;
          if (adopted.get(path) === db) this.post({ op: 'checkpoint', path });
        });
      },
      get active() {
        return adopted.get(path) === db;
      },
    };
  }

  /** Stops the thread; adopted connections checkpoint themselves again. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.handBack('the checkpointer was closed', false);
    await worker?.terminate();
  }

  private start(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    try {
      const workerData: CheckpointerData = { everyMs: this.opts.everyMs ?? CHECKPOINT_EVERY_MS, backstopBytes: BACKSTOP_BYTES, running: this.running };
      const worker = new Worker(this.entry, { workerData });
      // Checkpoints are no reason to keep the process alive.
      worker.unref();
      worker.on('message', (reply: CheckpointReply) => this.receive(reply));
      worker.once('error', (err) => this.lost(worker, `the WAL checkpointer thread failed (${err.message})`));
      worker.once('exit', (code) => this.lost(worker, `the WAL checkpointer thread exited (code ${code})`));
      this.worker = worker;
    } catch (err) {
      this.failed = true;
      this.opts.onFault?.(`the WAL checkpointer thread could not start (${(err as Error).message}): databases checkpoint on their own connections`);
    }
    return this.worker;
  }

  private receive(reply: CheckpointReply): void {
    if (reply.op === 'checkpointed') return this.opts.onCheckpoint?.(reply);
    const db = this.adopted.get(reply.path);
    this.adopted.delete(reply.path);
    if (db?.open) db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
    this.opts.onFault?.(`checkpointing ${reply.path} in the background failed (${reply.error}): its connection checkpoints on its own again`);
  }

  private lost(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.failed = true;
    this.handBack(why, true);
  }

  /** Every adopted connection checkpoints on its own again. */
  private handBack(why: string, fault: boolean): void {
    const paths = [...this.adopted.keys()];
    for (const db of this.adopted.values()) if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
    this.adopted.clear();
    if (fault && paths.length > 0) this.opts.onFault?.(`${why}: ${paths.join(', ')} checkpoint on their own connections again`);
  }

  /** Blocks the calling thread until the checkpointer has closed its connection to `path`
   *  (or RELEASE_WAIT_MS passed): connections close rarely, and after this no other thread
   *  touches the database's files. */
  private releaseAndWait(path: string): void {
    if (!this.worker) return;
    // A thread that never ran never opened the file; one still starting will, then close it.
    if (Atomics.wait(this.running, 0, 0, START_WAIT_MS) === 'timed-out') return;
    const closed = new Int32Array(new SharedArrayBuffer(4));
    this.post({ op: 'release', path, closed });
    Atomics.wait(closed, 0, 0, RELEASE_WAIT_MS);
  }

  private post(req: CheckpointRequest): void {
    this.worker?.postMessage(req);
  }
}

let shared: WalCheckpointer | null = null;
let reportFault: ((message: string) => void) | null = null;

/** The process's checkpointer: one thread for every database the service writes. */
export function walCheckpointer(): WalCheckpointer {
  return (shared ??= new WalCheckpointer({ onFault: (message) => reportFault?.(message) }));
}

/** Where the process's checkpointer tells its faults (the service's log). */
export function reportWalCheckpointFaults(to: (message: string) => void): void {
  reportFault = to;
}
