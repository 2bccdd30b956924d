// A background pass holds the event loop for about STEP_BUDGET_MS at a time: a batch that
// costs more shrinks the next one in proportion, and cheap batches grow back to the ceiling.
import { describe, expect, it } from 'vitest';
import { DutyCycledPass, STEP_BUDGET_MS } from '../../../../server/alerts/history/duty-cycled-pass';

/** A pass over `rows` rows whose cost per row the test sets; it notes every batch size. */
class Pass extends DutyCycledPass {
  sizes: number[] = [];
  constructor(
    private rows: number,
    public msPerRow: number,
  ) {
    super(1_000, 0.5);
  }
  protected async runPass(): Promise<number> {
    return (
      await this.batches((size) => {
        this.sizes.push(size);
        const n = Math.min(size, this.rows);
        const until = performance.now() + n * this.msPerRow;
        while (performance.now() < until); // the batch's work
        this.rows -= n;
        return n;
      })
    ).done;
  }
}

describe('a duty-cycled pass', () => {
  it('shrinks a batch that held the loop past the step budget, in proportion', async () => {
    const pass = new Pass(3_000, 0.02); // 1,000 rows: 20 ms, twenty times the budget
    expect(await pass.run()).toBe(3_000);
    expect(pass.sizes[0]).toBe(1_000);
    expect(pass.sizes[1]).toBeLessThanOrEqual(Math.ceil((1_000 * STEP_BUDGET_MS) / 20));
  });

  it('grows cheap batches back up to its ceiling', async () => {
    const pass = new Pass(40_000, 0.02);
    const run = pass.run();
    pass.msPerRow = 0; // after the first (slow) batch, rows cost nothing
    expect(await run).toBe(40_000);
    expect(Math.min(...pass.sizes)).toBeLessThan(100);
    expect(pass.sizes.at(-1)).toBe(1_000);
  });
});
