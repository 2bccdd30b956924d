// A background pass over a backlog (indexing, pruning): batches, each its own short
// synchronous step, with a sleep after each in proportion to the time the step took, so the
// pass takes a fixed share of the event loop (its duty cycle) however large the backlog,
// instead of one long stall. One pass at a time; `stop()` ends it after its current batch.

/** What a run of batches ended with: the rows handled, and whether the backlog ran out
 *  (a short batch) rather than the pass being stopped, the store gone, or a step failing. */
export interface Batches {
  done: number;
  drained: boolean;
}

export abstract class DutyCycledPass {
  private pass: Promise<number> | null = null;
  private stopped = false;

  protected constructor(
    protected readonly batch: number,
    private readonly dutyCycle: number,
    private readonly onError?: (err: Error) => void,
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

  /** Runs `step` (one batch: the rows it handled, or null when there is nothing to work on,
   *  e.g. no open store) until a batch comes back short of `batch`. */
  protected async batches(step: () => number | null): Promise<Batches> {
    let done = 0;
    for (;;) {
      if (this.stopped) return { done, drained: false };
      const started = performance.now();
      let n: number | null;
      try {
        n = step();
      } catch (err) {
        this.onError?.(err as Error);
        return { done, drained: false };
      }
      if (n === null) return { done, drained: false };
      done += n;
      if (n < this.batch) return { done, drained: true };
      const took = performance.now() - started;
      await new Promise<void>((resolve) => setTimeout(resolve, Math.max(1, (took * (1 - this.dutyCycle)) / this.dutyCycle)).unref());
    }
  }
}
