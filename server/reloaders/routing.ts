// Component `routing` (route, time_intervals): the compiled Alertmanager route tree, swapped
// whole, with the time intervals its routes name compiled alongside.
import type { Config } from '../config/schema';
import { buildRouteTree, type RouteTree } from '../alerts/route-tree';
import { compileTimeIntervals, type IntervalSet } from '../alerts/engine/time-intervals';
import { SwapReloader, type SwapOptions } from './swap';

export interface RoutingOptions extends SwapOptions {
  /**
   * The live receivers. Receivers activate before routing, so at health time every name the
   * new tree routes to must be live; validation checked the file, this checks the process.
   */
  liveReceivers?: () => ReadonlyMap<string, unknown> | null;
}

const NO_INTERVALS: IntervalSet = new Map();

export class RoutingReloader extends SwapReloader<RouteTree> {
  readonly name = 'routing';
  // Routes refer to time intervals by name.
  readonly sections = ['route', 'time_intervals', 'mute_time_intervals'] as const;
  readonly critical = true;
  private readonly liveReceivers: RoutingOptions['liveReceivers'];
  // The intervals belong to the tree they were built with: kept beside it (not in a field
  // of their own) so a rollback that restores the old tree restores its intervals too.
  private readonly intervalsOf = new WeakMap<RouteTree, IntervalSet>();
  private readonly swapListeners = new Set<(tree: RouteTree | null) => void>();

  constructor(opts: RoutingOptions = {}) {
    super(2_000, opts);
    this.liveReceivers = opts.liveReceivers;
  }

  /** The time intervals of the live tree's config (empty before the first activate). */
  get intervals(): IntervalSet {
    const tree = this.current;
    return (tree && this.intervalsOf.get(tree)) ?? NO_INTERVALS;
  }

  /**
   * Calls `listener` with the live tree right after every swap — activate and rollback —
   * so whoever mirrors the tree (the alert engine) always holds what this component serves.
   * Returns the unsubscribe function.
   */
  onTreeSwap(listener: (tree: RouteTree | null) => void): () => void {
    this.swapListeners.add(listener);
    return () => this.swapListeners.delete(listener);
  }

  protected build(next: Config): RouteTree {
    const tree = buildRouteTree(next.route);
    this.intervalsOf.set(tree, compileTimeIntervals(next));
    return tree;
  }

  protected override onSwap(tree: RouteTree | null): void {
    for (const listener of this.swapListeners) listener(tree);
  }

  protected check(tree: RouteTree): void {
    if (tree.match({}).length === 0) throw new Error('the route tree routes nothing: the root route must match every alert');
    const live = this.liveReceivers?.();
    if (!live) return;
    const missing = tree.unknownReceivers(live);
    if (missing.length > 0) {
      throw new Error(`routes name receivers that are not live: ${missing.slice(0, 10).join(', ')}: the receivers component did not load them`);
    }
  }
}
