// The contract between the reload coordinator and each reloadable component.
//
// Lifecycle of one reload, for every component whose config section changed:
//
//   preflight(next)        plans only: checks that touch the outside world (is the port free,
//                          can the database file be opened) and leaves nothing open.
//   prepare(next) -> P     build the new instance (bind the socket, open + migrate the pool,
//                          build the route tree). Traffic still goes to the old instance.
//   activate(P)            the swap: the new instance takes traffic. The old one is kept.
//   health()               is the (now active) instance working?
//   commit()               the reload stuck: release the old instance (drain, close).
//   rollback()             undo activate(): the old instance takes traffic again and the
//                          new one is released.
//   discard(P)             a prepared instance that was never activated is released.
//
// Abandoned steps: when a step's timeout expires the coordinator stops waiting and aborts
// `ctx.signal`. activate() and rollback() must check it right before they swap
// (`refuseIfAbandoned`, abandoned.ts) so that a step finishing late never takes effect.
//
// Lock contract: the coordinator calls these one reload at a time, never concurrently for
// the same component; components need no locking of their own against each other.
import type { Config, Section } from '../config/schema';
import type { TemplateFile } from '../config/templates';
import type { Logger } from '../log';

export type ComponentName = 'listener' | 'logger' | 'storage' | 'ingest' | 'routing' | 'receivers' | 'inhibition' | (string & {});

export interface ReloadContext {
  /** Aborted when the component's timeout expires; long work should stop early. */
  signal: AbortSignal;
  log: Logger;
  /**
   * The files the next config's `templates:` named, as the load phase read them (set for
   * preflight and prepare). Components render with these rather than reading the disk
   * again: a file edited after the load must not slip into a config it was not checked with.
   */
  templateFiles?: readonly TemplateFile[];
}

export interface Reloader<P = unknown> {
  readonly name: ComponentName;
  /** The config sections this component owns; a change below any of them makes it reload. */
  readonly sections: readonly Section[];
  /** A critical component's failure rolls back the whole reload; a non-critical one only reverts itself. */
  readonly critical: boolean;
  /** Budget for each of prepare/activate/health/rollback, in milliseconds. */
  readonly timeoutMs: number;
  /** The live instance request handlers use now; null before the first activate. */
  readonly current: unknown;

  preflight(next: Config, ctx: ReloadContext): Promise<void>;
  prepare(next: Config, ctx: ReloadContext): Promise<P>;
  activate(prepared: P, ctx: ReloadContext): Promise<void>;
  health(ctx: ReloadContext): Promise<void>;
  commit(ctx: ReloadContext): Promise<void>;
  rollback(ctx: ReloadContext): Promise<void>;
  discard(prepared: P, ctx: ReloadContext): Promise<void>;
  /** Release everything at shutdown (after the current reload finished). */
  close(ctx: ReloadContext): Promise<void>;
}
