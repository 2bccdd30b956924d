// Messages between the history thread (entry.ts) and its client on the main thread
// (client.ts).
import type { MessagePort } from 'node:worker_threads';
import type { DeliveryAttempt, StoredAlert, WrittenBatch } from '../alerts/history/row-writer';

/** The thread's settings (workerData). */
export interface HistoryThreadData {
  /** Share of wall time the thread's index passes take while there is a backlog. */
  dutyCycle: number;
  /** How long the thread's connection waits for the write lock (the event loop's prunes). */
  busyTimeoutMs: number;
  /** Set to 1 by the thread once its code runs: `release()` waits for a thread that is
   *  starting, not for one that never will (a missing entry). */
  running: Int32Array;
  /** Rows of the batches it stored or failed to store, modulo 2^32: the thread adds each
   *  batch's and wakes whoever waits on it (client.ts, the backlog bound). */
  written: Int32Array;
  /** Where the thread sends its answers (HistoryReply). */
  replies: MessagePort;
}

export type HistoryRequest =
  /** Store a batch of the history writer in the database at `path`; answer `written`.
   *  With `done`, the main thread waits: set `done[0]` to 1 and wake it once the batch is
   *  written or failed. A connection to another database is closed first (the service
   *  moved database.path). */
  | { op: 'write'; path: string; seq: number; alerts: readonly StoredAlert[]; attempts: readonly DeliveryAttempt[]; done?: Int32Array }
  /** Index the database at `path` until the index is complete; answer `passed`. */
  | { op: 'pass'; path: string; seq: number }
  /** The main connection to `path` is closing: the thread ends its pass, closes its own
   *  connection, then sets `closed[0]` to 1 and wakes the main thread (client.ts). */
  | { op: 'release'; path: string; closed: Int32Array };

export type HistoryReply =
  /** The batch `seq` is stored under these ids; or `error` says why it is not. */
  | { op: 'written'; seq: number; ids?: WrittenBatch; error?: string }
  /** The pass asked for as `seq` ended, having indexed `indexed` alerts; `error` when a
   *  batch failed (the pass stopped there; the next one starts over from the watermark). */
  | { op: 'passed'; seq: number; indexed: number; error?: string };
