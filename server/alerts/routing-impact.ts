// The routing impact of a draft (the plan's "what would this change do to real alerts"):
// the last N stored alerts replayed through the running config and through the draft —
// the same route tree, inhibitor and time-interval code the engine runs — and compared.
//
// An alert's destinations under a config are the receivers of the routes it matches,
// less the routes muted (mute_time_intervals) or inactive (active_time_intervals) at the
// time it was received, and none at all when a firing alert among the replayed ones
// inhibits it. Replaying both sides with one method keeps the comparison about the draft:
// what was stored at the time (a config long gone, an alert since silenced) plays no part.
// Silences are state, not config: a draft cannot change them, so they are left out.
import type { Config } from '../config/schema';
import type { HistoryAlert, RoutingImpact } from '../contract/history';
import { buildInhibitor, type Inhibitor } from './inhibitor';
import { buildRouteTree, type RouteTree } from './route-tree';
import { compileTimeIntervals, inIntervals, type IntervalSet } from './engine/time-intervals';

export interface RoutingSide {
  tree: RouteTree;
  inhibitor: Inhibitor;
  intervals: IntervalSet;
}

export const DEFAULT_IMPACT_ALERTS = 1_000;
export const IMPACT_SAMPLE_CAP = 20;

/** A draft's side: compiled as the routing and inhibition components would compile it. */
export function routingSideOf(config: Config): RoutingSide {
  return { tree: buildRouteTree(config.route), inhibitor: buildInhibitor(config.inhibit_rules), intervals: compileTimeIntervals(config) };
}

/** `alerts` newest first, as HistoryQueries.recentAlerts gives them. */
export function routingImpact(alerts: readonly HistoryAlert[], running: RoutingSide, draft: Config, limit: number = DEFAULT_IMPACT_ALERTS): RoutingImpact {
  const started = performance.now();
  const before = destinations(alerts, running);
  const after = destinations(alerts, routingSideOf(draft));
  const moves = new Map<string, { from: string[]; to: string[]; count: number }>();
  const samples: RoutingImpact['samples'] = [];
  const reachedBefore = new Set<string>();
  const reachedAfter = new Set<string>();
  let changed = 0;
  alerts.forEach((alert, i) => {
    const from = before[i]!;
    const to = after[i]!;
    for (const r of from) reachedBefore.add(r);
    for (const r of to) reachedAfter.add(r);
    if (sameList(from, to)) return;
    changed++;
    const key = JSON.stringify([from, to]);
    const move = moves.get(key);
    if (move) move.count++;
    else moves.set(key, { from, to, count: 1 });
    if (samples.length < IMPACT_SAMPLE_CAP) samples.push({ id: alert.id, labels: alert.labels, received_at: alert.received_at, from, to });
  });
  return {
    replayed: alerts.length,
    limit,
    changed,
    moves: [...moves.values()].sort((a, b) => b.count - a.count),
    samples,
    sample_cap: IMPACT_SAMPLE_CAP,
    starved: [...reachedBefore].filter((r) => !reachedAfter.has(r)).sort(),
    duration_ms: Math.round((performance.now() - started) * 100) / 100,
  };
}

/** Each alert's receivers under one config, sorted (an alert reaching none: []). */
function destinations(alerts: readonly HistoryAlert[], side: RoutingSide): string[][] {
  const firing = alerts.filter((a) => a.status === 'firing');
  const index = side.inhibitor.rules.length > 0 ? side.inhibitor.index(firing, (a) => a.labels) : null;
  return alerts.map((alert) => {
    if (index?.inhibits(alert.labels, (source) => source !== alert)) return [];
    const at = Date.parse(alert.received_at);
    const receivers = new Set<string>();
    for (const node of side.tree.match(alert.labels)) {
      if (node.muteTimeIntervals.length > 0 && inIntervals(side.intervals, node.muteTimeIntervals, at)) continue;
      if (node.activeTimeIntervals.length > 0 && !inIntervals(side.intervals, node.activeTimeIntervals, at)) continue;
      receivers.add(node.receiver);
    }
    return [...receivers].sort();
  });
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
