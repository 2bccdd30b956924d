import { describe, expect, it } from 'vitest';
import type { Config } from '../../../server/config/schema';
import { SwapReloader } from '../../../server/reloaders/swap';
import { ctx, makeConfig } from './helpers';

/** A component whose value is a numbered box; it records what it released. */
class Boxes extends SwapReloader<{ n: number }> {
  readonly name = 'boxes';
  readonly sections = ['log'] as const;
  readonly critical = false;
  built = 0;
  released: number[] = [];
  constructor() {
    super(1_000);
  }
  protected build(_next: Config): { n: number } {
    return { n: ++this.built };
  }
  protected check(value: { n: number }): void {
    if (value.n < 0) throw new Error('negative');
  }
  protected override release(value: { n: number }): void {
    this.released.push(value.n);
  }
}

describe('SwapReloader lifecycle', () => {
  it('first start: nothing live before activate, the new value after, nothing released', async () => {
    const c = new Boxes();
    expect(c.current).toBeNull();
    const p = await c.prepare(makeConfig(), ctx());
    expect(c.current).toBeNull(); // prepare has no effect on traffic
    await c.activate(p, ctx());
    await c.health(ctx());
    await c.commit(ctx());
    expect(c.current).toEqual({ n: 1 });
    expect(c.released).toEqual([]);
  });

  it('change: the old value stays until commit, which releases it', async () => {
    const c = new Boxes();
    await c.activate(await c.prepare(makeConfig(), ctx()), ctx());
    await c.commit(ctx());
    await c.activate(await c.prepare(makeConfig(), ctx()), ctx());
    expect(c.released).toEqual([]);
    await c.commit(ctx());
    expect(c.current).toEqual({ n: 2 });
    expect(c.released).toEqual([1]);
  });

  it('rollback after activate restores the old value and releases the new one', async () => {
    const c = new Boxes();
    await c.activate(await c.prepare(makeConfig(), ctx()), ctx());
    await c.commit(ctx());
    await c.activate(await c.prepare(makeConfig(), ctx()), ctx());
    await c.rollback(ctx());
    expect(c.current).toEqual({ n: 1 });
    expect(c.released).toEqual([2]);
    await c.commit(ctx()); // a later commit has nothing pending
    expect(c.released).toEqual([2]);
  });

  it('rollback of a first start stops the new value', async () => {
    const c = new Boxes();
    await c.activate(await c.prepare(makeConfig(), ctx()), ctx());
    await c.rollback(ctx());
    expect(c.current).toBeNull();
    expect(c.released).toEqual([1]);
  });

  it('discard after prepare releases the prepared value and leaves the live one', async () => {
    const c = new Boxes();
    await c.activate(await c.prepare(makeConfig(), ctx()), ctx());
    await c.discard(await c.prepare(makeConfig(), ctx()), ctx());
    expect(c.current).toEqual({ n: 1 });
    expect(c.released).toEqual([2]);
  });

  it('preflight builds and releases, changing nothing', async () => {
    const c = new Boxes();
    await c.preflight(makeConfig(), ctx());
    expect(c.current).toBeNull();
    expect(c.released).toEqual([1]);
  });

  it('close releases the live value', async () => {
    const c = new Boxes();
    await c.activate(await c.prepare(makeConfig(), ctx()), ctx());
    await c.close(ctx());
    expect(c.current).toBeNull();
    expect(c.released).toEqual([1]);
    await expect(c.health(ctx())).rejects.toThrow(/boxes has no live instance/);
  });
});

describe('a step the coordinator abandoned (its signal fired)', () => {
  const abandoned = () => ({ ...ctx(), signal: AbortSignal.abort(new Error('timeout')) });

  it('activate refuses to swap: the previous value stays live', async () => {
    const c = new Boxes();
    await c.activate(await c.prepare(makeConfig(), ctx()), ctx());
    await c.commit(ctx());
    const late = await c.prepare(makeConfig(), ctx());
    await expect(c.activate(late, abandoned())).rejects.toThrow(/gave up on it \(timeout\): the swap was refused/);
    expect(c.current).toEqual({ n: 1 });
  });

  it('rollback refuses to swap back: the value the coordinator reports stays live', async () => {
    const c = new Boxes();
    await c.activate(await c.prepare(makeConfig(), ctx()), ctx());
    await c.commit(ctx());
    await c.activate(await c.prepare(makeConfig(), ctx()), ctx());
    await expect(c.rollback(abandoned())).rejects.toThrow(/swap was refused/);
    expect(c.current).toEqual({ n: 2 });
  });
});
