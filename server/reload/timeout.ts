export class TimeoutError extends Error {
  /**
   * The abandoned work itself, still running: it settles whenever the step really ends.
   * The pipeline watches it so that a step finishing after its timeout can be undone
   * (run.ts) instead of silently taking effect.
   */
  readonly late: Promise<unknown>;

  constructor(what: string, ms: number, late: Promise<unknown> = Promise.resolve()) {
    super(`${what} did not finish within ${ms} ms`);
    this.name = 'TimeoutError';
    this.late = late;
  }
}

/**
 * Runs `fn` with an AbortSignal that fires after `ms`; rejects with TimeoutError then, even
 * if `fn` ignores the signal (a hung component must not hang the pipeline).
 *
 * Stopping to wait is not stopping the work: `fn` may still finish later. Two things keep
 * that from changing what runs: every component checks `signal.aborted` right before its
 * swap (reloaders/abandoned.ts), and the TimeoutError carries the abandoned promise so the
 * caller can undo a step that completed anyway.
 */
export async function withTimeout<T>(what: string, ms: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ctl = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const work = Promise.resolve().then(() => fn(ctl.signal));
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new TimeoutError(what, ms, work);
      ctl.abort(err);
      reject(err);
    }, ms);
  });
  // Nobody may be listening any more when the abandoned work fails.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
