// The lifecycle shared by components whose live object is an immutable value built from
// their section (logger settings, ingest gate, route tree, receivers, inhibitor): prepare
// builds a new value, activate swaps the pointer, and the previous value is kept until the
// reload commits (released) or rolls back (swapped back in). Swapping is one assignment:
// request handlers read `current` once per request and see either the old value or the new.
import type { Config, Section } from '../config/schema';
import { refuseIfAbandoned } from './abandoned';
import type { ComponentName, Reloader, ReloadContext } from './types';

export interface SwapOptions {
  timeoutMs?: number;
}

export abstract class SwapReloader<T> implements Reloader<T> {
  abstract readonly name: ComponentName;
  abstract readonly sections: readonly Section[];
  abstract readonly critical: boolean;
  readonly timeoutMs: number;

  private live: T | null = null;
  /** Set between activate and commit/rollback: what a rollback restores. */
  private pending: { previous: T | null } | null = null;

  constructor(defaultTimeoutMs: number, opts: SwapOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? defaultTimeoutMs;
  }

  /** The live value; null before the first activate. */
  get current(): T | null {
    return this.live;
  }

  /** Builds the value for `next`; throws a message naming the config path at fault. */
  protected abstract build(next: Config, ctx: ReloadContext): T | Promise<T>;
  /** Throws when the live value does not work. */
  protected abstract check(value: T, ctx: ReloadContext): void | Promise<void>;
  /** Called right after the pointer moved (both ways): for values mirrored elsewhere. */
  protected onSwap(_value: T | null): void {}
  /** Frees what a value holds once nothing uses it. */
  protected release(_value: T, _ctx: ReloadContext): void | Promise<void> {}

  async preflight(next: Config, ctx: ReloadContext): Promise<void> {
    // Building has no outside effect for these components: a successful build is the check.
    const value = await this.build(next, ctx);
    await this.release(value, ctx);
  }

  async prepare(next: Config, ctx: ReloadContext): Promise<T> {
    return this.build(next, ctx);
  }

  async activate(prepared: T, ctx: ReloadContext): Promise<void> {
    refuseIfAbandoned(ctx, this.name, 'activate');
    this.pending = { previous: this.live };
    this.live = prepared;
    this.onSwap(prepared);
  }

  async health(ctx: ReloadContext): Promise<void> {
    if (this.live === null) throw new Error(`${this.name} has no live instance`);
    await this.check(this.live, ctx);
  }

  async commit(ctx: ReloadContext): Promise<void> {
    const pending = this.pending;
    this.pending = null;
    if (pending?.previous != null && pending.previous !== this.live) await this.release(pending.previous, ctx);
  }

  async rollback(ctx: ReloadContext): Promise<void> {
    const pending = this.pending;
    if (!pending) return; // never activated in this reload: nothing to undo
    refuseIfAbandoned(ctx, this.name, 'rollback');
    this.pending = null;
    const replaced = this.live;
    this.live = pending.previous;
    this.onSwap(this.live);
    if (replaced !== null && replaced !== this.live) await this.release(replaced, ctx);
  }

  async discard(prepared: T, ctx: ReloadContext): Promise<void> {
    if (prepared !== this.live) await this.release(prepared, ctx);
  }

  async close(ctx: ReloadContext): Promise<void> {
    const live = this.live;
    this.live = null;
    this.pending = null;
    if (live !== null) await this.release(live, ctx);
  }
}
