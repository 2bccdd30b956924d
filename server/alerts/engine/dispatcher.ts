// Routing alerts into aggregation groups (Alertmanager's dispatch.Dispatcher): every alert
// goes down the route tree; for each route it ends on, it joins the group of that route and
// its group labels (the alert's values of group_by, or all its labels for '...').
//
// A reload hands over a new tree (setTree), and — unlike Alertmanager, which throws every
// group away and starts again, so group_wait timers restart and notifications in progress
// are lost — groups survive it:
// - a group whose route has the same key in the new tree (same place, same matchers) and
//   groups by the same labels keeps its alerts and its timer; the new timings apply from
//   its next notification;
// - a group whose route is gone, or groups differently now, stops; its alerts are routed
//   again through the new tree, with every other held alert, so each ends up in exactly the
//   groups the new config gives it (new groups of alerts older than group_wait notify at
//   once; the notification log keeps a group that already notified from repeating itself).
// When the new tree routes exactly as the old one (same shape, matchers, `continue` and
// grouping everywhere: a change of timings or receivers only), every alert would land in the
// group it is in, so nothing is routed again: each group moves to its node in the new tree.
// That keeps a reload's cost independent of how many alerts are held (bench/ingest reloads
// every 100 ms under load).
// setTree runs in one turn of the event loop: an alert is routed either by the old tree or
// by the new one, never by both.
import type { Labels } from '../labels';
import type { RouteNode, RouteTree } from '../route-tree';
import type { Alert } from './alert';
import { AggregationGroup, type Deliver, type Scheduler } from './aggregation-group';
import { fingerprint } from './fingerprint';
import { type RouteKey, matchersText, routeKeys } from './route-key';

export class Dispatcher {
  private tree: RouteTree | null = null;
  /** The tree's route keys, worked out when first needed: a reload while no alert is held
   *  (the common case for a config change) does not pay for a thousand routes' keys. */
  private treeKeys: Map<RouteNode, RouteKey> | null = null;
  /**
   * `<route id>:<group labels>` → group. The group itself carries Alertmanager's group key
   * (`<route key>:<group labels>`), which two sibling routes with the same matchers share.
   */
  private readonly groups = new Map<string, AggregationGroup>();

  constructor(
    private readonly scheduler: Scheduler,
    private readonly deliver: Deliver,
  ) {}

  private keys(): Map<RouteNode, RouteKey> {
    return (this.treeKeys ??= routeKeys(this.tree!.root));
  }

  /** The first tree, or a reload's; `held` are the alerts the engine holds now. */
  setTree(tree: RouteTree, held: Iterable<Alert> = []): void {
    const previous = this.tree;
    const previousKeys = this.treeKeys;
    this.tree = tree;
    this.treeKeys = null;
    if (!previous) return;
    // With no group there is nothing to move: the (usually empty) held alerts are routed.
    const moved = this.groups.size > 0 ? sameRouting(previous.root, tree.root, new Map()) : null;
    if (moved) return this.moveGroups(moved, previousKeys);
    if (this.groups.size > 0) this.rehomeGroups();
    for (const alert of held) this.process(alert);
  }

  /** Every group to its node's counterpart (the trees route alike); keys carry over. */
  private moveGroups(counterpart: ReadonlyMap<RouteNode, RouteNode>, previousKeys: Map<RouteNode, RouteKey> | null): void {
    for (const group of this.groups.values()) group.setRoute(counterpart.get(group.current)!);
    if (previousKeys) this.treeKeys = new Map([...previousKeys].map(([node, k]) => [counterpart.get(node)!, k]));
  }

  /** Groups whose route keeps its key and grouping move to the new node; the others stop. */
  private rehomeGroups(): void {
    const byId = new Map([...this.keys()].map(([node, k]) => [k.id, node]));
    for (const [id, group] of this.groups) {
      const routeId = id.slice(0, id.length - labelsText(group.labels).length - 1);
      const node = byId.get(routeId);
      if (node && sameGrouping(node, group.current)) group.setRoute(node);
      else {
        group.stop();
        this.groups.delete(id);
      }
    }
  }

  /** Puts the alert in the group of every route it matches; returns those routes. */
  process(alert: Alert): RouteNode[] {
    if (!this.tree) throw new Error('the dispatcher has no route tree yet');
    const nodes = this.tree.match(alert.labels);
    for (const node of nodes) {
      const labels = groupLabels(alert.labels, node);
      const k = this.keys().get(node)!;
      const text = labelsText(labels);
      const id = `${k.id}:${text}`;
      let group = this.groups.get(id);
      if (!group) {
        group = new AggregationGroup(`${k.key}:${text}`, labels, node, this.scheduler, this.deliver);
        this.groups.set(id, group);
      }
      group.insert(alert);
    }
    return nodes;
  }

  /** The groups (for the API and tests), by route id and group labels (see `groups`). */
  list(): ReadonlyMap<string, AggregationGroup> {
    return this.groups;
  }

  /** Stops and forgets groups that hold no alert (Alertmanager does this every 30 s). */
  prune(): number {
    let removed = 0;
    for (const [key, group] of this.groups) {
      if (group.size === 0) {
        group.stop();
        this.groups.delete(key);
        removed++;
      }
    }
    return removed;
  }

  stop(): void {
    for (const group of this.groups.values()) group.stop();
    this.groups.clear();
  }
}

function groupLabels(labels: Labels, node: RouteNode): Labels {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels)) {
    if (node.groupByAll || node.groupBy.includes(name)) out[name] = value;
  }
  return out;
}

/** Whether two trees send every label set to the same places with the same grouping:
 *  then `into` maps each old node to its new one; otherwise null. */
function sameRouting(a: RouteNode, b: RouteNode, into: Map<RouteNode, RouteNode>): Map<RouteNode, RouteNode> | null {
  if (a.continue !== b.continue || a.children.length !== b.children.length || !sameGrouping(a, b)) return null;
  if (a.matchers !== b.matchers && matchersText(a.matchers) !== matchersText(b.matchers)) return null;
  into.set(a, b);
  for (let i = 0; i < a.children.length; i++) if (!sameRouting(a.children[i]!, b.children[i]!, into)) return null;
  return into;
}

function sameGrouping(a: RouteNode, b: RouteNode): boolean {
  return a.groupByAll === b.groupByAll && a.groupBy.length === b.groupBy.length && a.groupBy.every((l) => b.groupBy.includes(l));
}

/** model.LabelSet.String(): sorted, `{a="1", b="2"}`. */
export function labelsText(labels: Labels): string {
  return `{${Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(', ')}}`;
}

