// The history thread, from the main thread (entry.ts says what it writes and why):
// - `write(path, alerts, attempts)` hands it a batch of the history writer and settles
//   with the ids it was stored under; with `wait`, returns only once it is stored (the last
//   batch for a database about to be swapped or closed);
// - `pass(path)` asks for an index pass and settles with how many alerts it indexed;
// - `release(path)` comes before that database's main connection closes.
// If the thread cannot start or dies, both answer null from then on and the caller writes
// on the event loop, as before the thread existed (reloaders/storage.ts); `onFault` says so.
import { join } from 'node:path';
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { projectRoot } from '../console/start';
import type { DeliveryAttempt, StoredAlert, WrittenBatch } from '../alerts/history/row-writer';
import type { HistoryReply, HistoryRequest, HistoryThreadData } from './protocol';

/** The index passes take at most half the thread's time, so a batch waits one step at most. */
const DUTY_CYCLE = 0.5;
/** The thread's connection waits this long for the write lock (the event loop's prunes). */
const BUSY_TIMEOUT_MS = 5_000;
/** Rows handed to the thread and not stored yet past which a write waits until half of
 *  them are: on a machine too busy to give the thread its turns (it runs only when a core
 *  is idle, entry.ts), ingest slows to its pace instead of the queue growing without bound
 *  (about 10 MB of rows). */
const MAX_BACKLOG_ROWS = 20_000;
/** How long a waiting write or `release()` blocks the event loop at most: a step in progress
 *  finishes first (~2 ms); a thread stuck on a locked disk is not waited for. */
const WAIT_MS = 2_000;
/** How long a wait allows for a thread that has not started yet (~50 ms here). */
const START_WAIT_MS = 1_000;

export interface HistoryThreadOptions {
  /** The built entry (dist/history-worker.js under the project root by default). */
  entry?: string;
  /** Told when the thread is lost and the history is written on the event loop. */
  onFault?: (message: string) => void;
}

type Waiter = { resolve: (value: never) => void; reject: (err: Error) => void };

export class HistoryThread {
  private worker: Worker | null = null;
  /** Where the thread's answers come: a port of our own, so they can also be read at once
   *  (`drain`) when the event loop will not get to them (a waiting write, close). */
  private replies: MessagePort | null = null;
  private failed = false;
  private readonly running = new Int32Array(new SharedArrayBuffer(4));
  private seq = 0;
  private readonly waiting = new Map<number, Waiter>();
  /** Rows handed to the thread, and (`written[0]`, counted by the thread) rows it stored or
   *  failed to: both modulo 2^32, their difference is the backlog. */
  private posted = 0;
  private readonly written = new Int32Array(new SharedArrayBuffer(4));
  /** The database the thread has a connection to (or is about to). */
  private path: string | null = null;
  private readonly entry: string;

  constructor(private readonly opts: HistoryThreadOptions = {}) {
    this.entry = opts.entry ?? join(projectRoot(), 'dist', 'history-worker.js');
  }

  /** Stores a batch on the thread: settles with its ids, rejects with why it is not stored;
   *  null when there is no thread (write it on the loop). */
  write(path: string, alerts: readonly StoredAlert[], attempts: readonly DeliveryAttempt[], opts: { wait?: boolean } = {}): Promise<WrittenBatch> | null {
    const done = opts.wait ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
    const answer = this.ask<WrittenBatch>(path, (seq) => ({ op: 'write', path, seq, alerts, attempts, ...(done ? { done } : {}) }));
    if (!answer) return null;
    this.posted = (this.posted + alerts.length + attempts.length) | 0;
    if (done) this.block(() => Atomics.load(done, 0) === 1, done);
    else if (this.backlog() > MAX_BACKLOG_ROWS) this.block(() => this.backlog() <= MAX_BACKLOG_ROWS / 2, this.written);
    return answer;
  }

  private backlog(): number {
    return (this.posted - Atomics.load(this.written, 0)) | 0;
  }

  /** Blocks the event loop until `ready()` (the thread wakes `flag` as it progresses), for
   *  WAIT_MS at most, then takes the answers that came meanwhile. */
  private block(ready: () => boolean, flag: Int32Array): void {
    if (Atomics.wait(this.running, 0, 0, START_WAIT_MS) === 'timed-out') return;
    const deadline = performance.now() + WAIT_MS;
    for (let left = WAIT_MS; !ready() && left > 0; left = deadline - performance.now()) {
      Atomics.wait(flag, 0, Atomics.load(flag, 0), left);
    }
    this.drain();
  }

  /** An index pass over `path` on the thread: settles with the alerts it indexed, rejects
   *  with the error of a step that failed; null when there is no thread. */
  pass(path: string): Promise<number> | null {
    return this.ask<number>(path, (seq) => ({ op: 'pass', path, seq }));
  }

  /** Blocks until the thread has closed its connection to `path` (or WAIT_MS passed):
   *  after this no other thread touches the database's files. */
  release(path: string): void {
    if (!this.worker || this.path !== path) return;
    this.path = null;
    const closed = new Int32Array(new SharedArrayBuffer(4));
    this.post({ op: 'release', path, closed });
    this.block(() => Atomics.load(closed, 0) === 1, closed);
  }

  /** Stops the thread (after release: it may hold a connection otherwise). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.drain();
    this.worker = null;
    this.replies?.close();
    this.replies = null;
    this.settleAll('the history thread was closed');
    await worker?.terminate();
  }

  private ask<T>(path: string, request: (seq: number) => HistoryRequest): Promise<T> | null {
    if (!this.start()) return null;
    this.path = path;
    const seq = ++this.seq;
    const answer = new Promise<T>((resolve, reject) => this.waiting.set(seq, { resolve: resolve as (value: never) => void, reject }));
    this.post(request(seq));
    return answer;
  }

  private start(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    try {
      const { port1, port2 } = new MessageChannel();
      const workerData: HistoryThreadData = { dutyCycle: DUTY_CYCLE, busyTimeoutMs: BUSY_TIMEOUT_MS, running: this.running, written: this.written, replies: port2 };
      const worker = new Worker(this.entry, { workerData, transferList: [port2] });
      // The history is no reason to keep the process alive (shutdown writes what is queued
      // with a waiting write first).
      worker.unref();
      port1.on('message', (reply: HistoryReply) => this.receive(reply));
      port1.unref();
      this.replies = port1;
      worker.once('error', (err) => this.lost(worker, `the history thread failed (${err.message})`));
      worker.once('exit', (code) => this.lost(worker, `the history thread exited (code ${code})`));
      this.worker = worker;
    } catch (err) {
      this.failed = true;
      this.opts.onFault?.(`the history thread could not start (${(err as Error).message}): the history is written on the event loop`);
    }
    return this.worker;
  }

  /** Takes every answer the thread has sent, now. */
  private drain(): void {
    for (let m; this.replies && (m = receiveMessageOnPort(this.replies)); ) this.receive(m.message as HistoryReply);
  }

  private receive(reply: HistoryReply): void {
    const waiter = this.waiting.get(reply.seq);
    this.waiting.delete(reply.seq);
    if (!waiter) return;
    if (reply.error !== undefined) waiter.reject(new Error(reply.error));
    else waiter.resolve((reply.op === 'written' ? reply.ids : reply.indexed) as never);
  }

  private lost(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    this.drain();
    this.worker = null;
    this.failed = true;
    this.settleAll(why);
    this.opts.onFault?.(`${why}: the history is written on the event loop from now on`);
  }

  /** Requests nobody will answer: a batch may or may not have been stored. */
  private settleAll(why: string): void {
    for (const { reject } of this.waiting.values()) reject(new Error(why));
    this.waiting.clear();
  }

  private post(req: HistoryRequest): void {
    this.worker?.postMessage(req);
  }
}
