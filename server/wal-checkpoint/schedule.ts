// When the checkpointer's thread (entry.ts) looks at a database next: pure rules, apart from
// the thread so they can be read and tested as they are.
//
// Every checkpoint that copies the whole log lets the next commit start the log over, and
// that restart syncs the log's header on the writer's thread, the service's event loop
// (strace: 0.15–0.35 ms, more under other I/O). So a round comes no more often than needed to
// keep the log under half the connection's backstop (past the backstop the connection
// checkpoints on the event loop itself: a 10 ms stall for a 4 MB log). Light ingest (50
// alerts/s, ~3 MB of log a second) gets a round every ~0.7 s, not every 100 ms — at 100 ms the
// event loop synced two logs ten times a second and the alert → webhook p99 doubled.

/** What a round saw of one database's log: its frames, how many were copied back, when,
 *  and the database's data_version then (it changes when another connection commits). */
export interface LogState {
  log: number;
  checkpointed: number;
  at: number;
  version: number;
}

/**
 * Frames the service wrote since the last round. The log is started over by the first write
 * after a checkpoint that copied all of it, so its length alone cannot tell: 234 frames then
 * and 234 now may be no write, or a new log of the same length. data_version says whether
 * anyone wrote.
 */
export function framesWritten(before: LogState, now: { log: number }, version: number): number {
  if (version === before.version) return 0;
  const startedOver = before.checkpointed >= before.log || now.log < before.log;
  return startedOver ? now.log : now.log - before.log;
}

export interface RoundInput {
  /** Bytes of log the round could not copy (a writer that outran its passes). */
  leftBytes: number;
  /** How fast the log grew since the round before (bytes a second). */
  bytesPerS: number;
  /** The connection's backstop (bytes of log). */
  backstopBytes: number;
  /** The longest wait between rounds. */
  everyMs: number;
}

/** The shortest wait between rounds (a flood: ~20 MB of log a second). */
export const MIN_ROUND_MS = 100;
/** Log left uncopied that brings the next round to the shortest wait. */
export const LEFT_BEHIND_BYTES = 1_000_000;

/** How long until this database's next round: soon enough that the log, growing as it did,
 *  reaches at most half the backstop; at most `everyMs`, at least MIN_ROUND_MS. */
export function nextRoundMs({ leftBytes, bytesPerS, backstopBytes, everyMs }: RoundInput): number {
  if (leftBytes >= LEFT_BEHIND_BYTES) return Math.min(MIN_ROUND_MS, everyMs);
  if (bytesPerS <= 0) return everyMs;
  const untilHalf = ((backstopBytes / 2 - leftBytes) / bytesPerS) * 1000;
  return Math.min(everyMs, Math.max(MIN_ROUND_MS, untilHalf));
}
