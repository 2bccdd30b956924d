// Messages between the WAL checkpointer (client.ts, on the main thread) and its thread
// (entry.ts).

/** The thread's settings (workerData). */
export interface CheckpointerData {
  /** How often each database is checkpointed at least. */
  everyMs: number;
  /** The log length (bytes) past which a connection checkpoints on its own: rounds come
   *  often enough to stay under half of it (schedule.ts). */
  backstopBytes: number;
  /** Set to 1 by the thread once its code runs: `release()` waits for a thread that is
   *  starting, not for one that never will (a missing entry). */
  running: Int32Array;
}

export type CheckpointRequest =
  /** Checkpoint the database at `path` from now on (its own connection may not). */
  | { op: 'adopt'; path: string }
  /** Stop: the main connection is closing. The thread closes its own connection, then sets
   *  `closed[0]` to 1 and wakes the main thread, which waits on it (client.ts). */
  | { op: 'release'; path: string; closed: Int32Array }
  /** The service's writes to it paused after a burst (a reload's records): checkpoint now,
   *  while it is idle, rather than at a round that may fall inside the next burst. */
  | { op: 'checkpoint'; path: string };

export type CheckpointReply =
  /** A checkpoint copied `frames` WAL frames back into the database. */
  | { op: 'checkpointed'; path: string; frames: number; ms: number }
  /** The thread could not open or checkpoint the database: its connection must again. */
  | { op: 'failed'; path: string; error: string };
