// Checking a large draft off the event loop (DESIGN §9): the service's plan and the console's
// check hand drafts above OFF_THREAD_CHARS to one worker thread, which runs the config core
// with a heap cap, under a time limit. The parse limits (config/parse-budget.ts) already
// bound what one parse may cost; the worker makes sure that even that cost, and zod's and
// the locator's after it, is paid beside the loop that serves ingest and /-/healthy, and a
// draft that still runs too long or too big is stopped by terminating the thread.
//
// Small drafts are checked inline: a round trip to the worker costs ~1 ms plus a copy of the
// text, which a 64 KB parse (~1 ms) does not repay. The worker is started on first use and
// stopped once it has been idle for IDLE_MS; a stopped or terminated one is replaced on the
// next draft.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { issueAt } from '../config/errors';
import { projectRoot } from '../console/start';
import type { ParseReply, ParseResult } from './protocol';

/** Drafts longer than this (characters) are checked in the worker. */
export const OFF_THREAD_CHARS = 64 * 1024;

/**
 * An idle worker is stopped after this long. A thread costs the process ~33 MB of memory
 * before it parses anything and ~45 MB after checking a 1,000-receiver file, and the service
 * used it once at start (the first load of a large file) and then kept it for nothing: RSS
 * 213 MB after 1,000 reloads where it had been 147 before the worker. Large drafts come in
 * bursts (typing in the console, a restore) whose checks are well under this apart; a new
 * thread costs ~40 ms, once per burst.
 */
export const IDLE_MS = 2_000;

export interface ParseWorkerOptions {
  /** Wall-clock limit of one check. */
  timeoutMs?: number;
  /** The worker's heap cap (old generation), MB. */
  heapMb?: number;
  /** The built entry (dist/parse-worker.js under the project root by default). */
  entry?: string;
  /** How long an idle worker is kept (IDLE_MS by default). */
  idleMs?: number;
  /** Told when the thread itself fails (not a draft passing a limit). */
  onFault?: (message: string) => void;
}

export class ParseWorker {
  private worker: Worker | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Checks queued or running: the idle timer runs only when there are none. */
  private pending = 0;
  private idle: NodeJS.Timeout | null = null;
  private readonly idleMs: number;
  private nextId = 1;
  private readonly timeoutMs: number;
  private readonly heapMb: number;
  private readonly entry: string;
  private readonly onFault: ((message: string) => void) | undefined;

  constructor(opts: ParseWorkerOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 2_000;
    this.heapMb = opts.heapMb ?? 96;
    this.entry = opts.entry ?? join(projectRoot(), 'dist', 'parse-worker.js');
    this.idleMs = opts.idleMs ?? IDLE_MS;
    this.onFault = opts.onFault;
  }

  /** The config core's check of `text` (secrets answered "present"), one draft at a time; a
   *  draft that takes too long or too much memory is refused. Null when the thread could not
   *  judge at all (it failed to start or died: a rebuilt dist/ under a running process): the
   *  caller checks on its own thread then, within the parse limits, rather than refusing a
   *  config for a fault of ours. */
  check(text: string): Promise<ParseResult | null> {
    this.pending++;
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const run = this.queue.then(() => this.run(text));
    this.queue = run.catch(() => undefined).finally(() => this.settled());
    return run;
  }

  /** Whether a thread is running now (stopped when idle, replaced after a fault). */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Stops the thread (at shutdown, and when idle; a later check starts a new one). */
  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  /** A check ended: with none left, the thread is stopped after idleMs. */
  private settled(): void {
    if (--this.pending > 0 || !this.worker) return;
    this.idle = setTimeout(() => void this.close(), this.idleMs);
    // An idle worker must not keep the process alive, nor must its timer.
    this.idle.unref();
  }

  private run(text: string): Promise<ParseResult | null> {
    const worker = (this.worker ??= this.spawn());
    const id = this.nextId++;
    return new Promise((resolve) => {
      const done = (result: ParseResult | null) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(result);
      };
      const onMessage = (reply: ParseReply) => {
        if (reply.id !== id) return;
        done(reply.ok ? { ok: true } : { ok: false, kind: reply.kind, issues: reply.issues });
      };
      const onError = (err: Error) => {
        this.forget(worker);
        if ((err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
          return done(refused('parse_memory', `checking config.yaml needed more than ${this.heapMb} MB and was stopped: the file is too large or too intricate (aliases, merge keys); simplify it`));
        }
        this.onFault?.(`the parse worker failed (${err.message}): large drafts are checked on the main thread until it starts again`);
        done(null);
      };
      const onExit = () => {
        this.forget(worker);
        this.onFault?.('the parse worker stopped before it answered: large drafts are checked on the main thread until it starts again');
        done(null);
      };
      const timer = setTimeout(() => {
        this.forget(worker);
        void worker.terminate();
        done(refused('parse_timeout', `checking config.yaml took longer than ${this.timeoutMs} ms and was stopped: the file is too large or too intricate (aliases, merge keys); simplify it`));
      }, this.timeoutMs);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage({ id, text });
    });
  }

  private spawn(): Worker {
    const worker = new Worker(this.entry, { resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: 16 } });
    // An idle worker must not keep the process alive.
    worker.unref();
    return worker;
  }

  private forget(worker: Worker): void {
    if (this.worker === worker) this.worker = null;
  }
}

/** A limit the worker itself passed: where it was stopped is unknown, so the issue points at
 *  the start of the file and says which limit and what to do. */
function refused(code: string, message: string): ParseResult {
  return { ok: false, kind: 'load_failed', issues: [issueAt({ line: 1, column: 1, end_line: 1, end_column: 2 }, '', code, message)] };
}
