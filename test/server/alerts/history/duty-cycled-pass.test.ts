// A background pass holds the event loop for about STEP_BUDGET_MS at a time: a batch that
// costs more shrinks the next one in proportion (down to an eighth of the ceiling), cheap
// batches grow back to the ceiling, and the pass keeps its duty cycle when its sleeps run late.
import { describe, expect, it } from 'vitest';
import { DutyCycledPass, STEP_BUDGET_MS } from '../../../../server/alerts/history/duty-cycled-pass';

/** A pass over `rows` rows whose cost per row the test sets; it notes every batch size. */
class Pass extends DutyCycledPass {
  sizes: number[] = [];
  constructor(
    private rows: number,
    public msPerRow: number,
    dutyCycle = 0.5,
  ) {
    super(1_000, dutyCycle);
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
  it('keeps its share of the loop when its sleeps end late: the next sleeps are shorter', async () => {
    // 10 % duty, ~1 ms steps: nominally a ~9 ms sleep after each. The loop is then held for
    // 200 ms (a busy service): the pass has fallen behind, and makes up for it with 1 ms
    // sleeps — where it would otherwise take ~10 steps in the next 100 ms.
    const pass = new Pass(1_000_000, 0.001, 0.1);
    const run = pass.run();
    const hold = performance.now() + 200;
    while (performance.now() < hold); // the first sleep ends ~190 ms late
    const before = pass.sizes.length;
    await new Promise((r) => setTimeout(r, 100));
    const after = pass.sizes.length;
    pass.stop();
    await run;
    expect(after - before).toBeGreaterThan(18);
  });

  it('shrinks a batch that held the loop past the step budget, in proportion', async () => {
    const pass = new Pass(3_000, 0.004); // 1,000 rows: 4 ms, four times the budget
    expect(await pass.run()).toBe(3_000);
    expect(pass.sizes[0]).toBe(1_000);
    expect(pass.sizes[1]).toBeLessThanOrEqual(Math.ceil((1_000 * STEP_BUDGET_MS) / 4));
  });

  it('never shrinks below its floor (an eighth of the ceiling by default)', async () => {
    const pass = new Pass(3_000, 0.02); // 1,000 rows: 20 ms; in proportion it would be 100
    expect(await pass.run()).toBe(3_000);
    expect(pass.sizes[1]).toBe(125);
  });

  it('grows cheap batches back up to its ceiling', async () => {
    const pass = new Pass(40_000, 0.02);
    const run = pass.run();
    pass.msPerRow = 0; // after the first (slow) batch, rows cost nothing
    expect(await run).toBe(40_000);
    expect(Math.min(...pass.sizes)).toBe(125);
    expect(pass.sizes.at(-1)).toBe(1_000);
  });
});
