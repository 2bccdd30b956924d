// Component `routing` (route): the compiled Alertmanager route tree, swapped whole.
import type { Config } from '../config/schema';
import { buildRouteTree, type RouteTree } from '../alerts/route-tree';
import { SwapReloader, type SwapOptions } from './swap';

export interface RoutingOptions extends SwapOptions {
  /**
   * The live receivers. Receivers activate before routing, so at health time every name the
   * new tree routes to must be live; validation checked the file, this checks the process.
   */
  liveReceivers?: () => ReadonlyMap<string, unknown> | null;
}

export class RoutingReloader extends SwapReloader<RouteTree> {
  readonly name = 'routing';
  // Routes refer to time intervals by name.
  readonly sections = ['route', 'time_intervals', 'mute_time_intervals'] as const;
  readonly critical = true;
  private readonly liveReceivers: RoutingOptions['liveReceivers'];

  constructor(opts: RoutingOptions = {}) {
    super(2_000, opts);
    this.liveReceivers = opts.liveReceivers;
  }

  protected build(next: Config): RouteTree {
    return buildRouteTree(next.route);
  }

  protected check(tree: RouteTree): void {
    if (tree.match({}).length === 0) throw new Error('the route tree routes nothing: the root route must match every alert');
    const live = this.liveReceivers?.();
    if (!live) return;
    const missing = [...tree.receivers()].filter((name) => !live.has(name));
    if (missing.length > 0) {
      throw new Error(`routes name receivers that are not live: ${missing.slice(0, 10).join(', ')}: the receivers component did not load them`);
    }
  }
}
