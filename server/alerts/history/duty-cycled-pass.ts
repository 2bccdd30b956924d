// A background pass over a backlog (indexing, pruning): batches, each its own short
// synchronous step, with a sleep after each in proportion to the time the step took, so the
// pass takes a fixed share of the event loop (its duty cycle) however large the backlog,
// instead of one long stall. One pass at a time; `stop()` ends it after its current batch.
//
// The batch size given is a ceiling: a step that runs past STEP_BUDGET_MS shrinks the next
// batch in proportion (down to a floor), and a quick one grows it back. A batch's cost is
// not fixed (index rows per alert, a cold page cache, a B-tree grown to millions of rows),
// and every step holds the event loop: a 14 ms step was a 14 ms delay for every alert and
// notification waiting behind it (bench/ingest measured it as the alert → webhook p99).

/** How long one synchronous step may hold the event loop. */
export const STEP_BUDGET_MS = 2;
/** The most wall time a pass makes up for after its sleeps ran late. */
const CATCH_UP_MS = 1_000;

/** What a run of batches ended with: the rows handled, and whether the backlog ran out
 *  (a short batch) rather than the pass being stopped, the store gone, or a step failing. */
export interface Batches {
  done: number;
  drained: boolean;
}

export abstract class DutyCycledPass {
  private pass: Promise<number> | null = null;
  private stopped = false;
  /** The batch size the last step settled on: the next pass starts from it, not from the
   *  ceiling (a first step of a full batch on a large database was the long one). */
  private size: number | undefined;

  protected constructor(
    /** The most rows one step handles. */
    protected readonly batch: number,
    private readonly dutyCycle: number,
    private readonly onError?: (err: Error) => void,
    /** The fewest: a smaller batch costs more per row than it saves in time (each step
     *  writes the B-tree pages it touched; rows share pages only in numbers). */
    private readonly minBatch: number = Math.ceil(batch / 8),
  ) {}

  /** Starts a pass unless one is running; its first batch runs before this returns. The
   *  promise settles with the rows the pass handled. */
  run(): Promise<number> {
    this.stopped = false;
    return (this.pass ??= this.runPass().finally(() => (this.pass = null)));
  }

  /** The running pass ends after its current batch. */
  stop(): void {
    this.stopped = true;
  }

  get running(): boolean {
    return this.pass !== null;
  }

  protected abstract runPass(): Promise<number>;

  /** Runs `step` (one batch of at most `size` rows: the rows it handled, or null when there
   *  is nothing to work on, e.g. no open store) until a batch comes back short of its size. */
  protected async batches(step: (size: number) => number | null): Promise<Batches> {
    let done = 0;
    let size = this.size ?? this.batch;
    // The duty cycle is kept over the pass, not per step: a sleep that ended late (the loop
    // was busy, e.g. with ingest) shortens the next ones, down to 1 ms. Without that, short
    // steps behind late timers got a fraction of their share, and a prune pass that took
    // 50 s under a flood of ingest had not ended after 4 minutes. How far behind it may
    // catch up is bounded (CATCH_UP_MS), so a long stall is not followed by a burst.
    let workMs = 0;
    let since = performance.now();
    for (;;) {
      if (this.stopped) return { done, drained: false };
      const started = performance.now();
      let n: number | null;
      try {
        n = step(size);
      } catch (err) {
        this.onError?.(err as Error);
        return { done, drained: false };
      }
      if (n === null) return { done, drained: false };
      done += n;
      if (n < size) return { done, drained: true };
      const took = performance.now() - started;
      workMs += took;
      this.size = size = nextSize(size, took, this.minBatch, this.batch);
      const behind = performance.now() - since - workMs / this.dutyCycle;
      if (behind > CATCH_UP_MS) since += behind - CATCH_UP_MS;
      const wait = Math.max(1, workMs / this.dutyCycle - (performance.now() - since));
      await new Promise<void>((resolve) => setTimeout(resolve, wait).unref());
    }
  }
}

/** The next batch size: scaled to fit the step budget when over it (not below `min`),
 *  doubled (up to `max`) when well under it. */
function nextSize(size: number, tookMs: number, min: number, max: number): number {
  if (tookMs > STEP_BUDGET_MS) return Math.max(min, Math.floor((size * STEP_BUDGET_MS) / tookMs));
  if (tookMs < STEP_BUDGET_MS / 2) return Math.min(max, size * 2);
  return size;
}
