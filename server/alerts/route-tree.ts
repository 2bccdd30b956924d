// The Alertmanager routing tree, compiled once per reload so matching an alert costs no
// parsing: matchers (matchers + match + match_re) are compiled, and every node carries its
// inherited receiver, grouping and intervals already resolved.
import type { Route } from '../config/schema';
import { parseDuration } from '../config/duration';
import { matchesAll, type Matcher } from '../config/matchers';
import { compileMatchers } from './compile-matchers';
import { labelValue, type Labels } from './labels';

/** Alertmanager's defaults for the root route; children inherit from their parent. */
export const ROUTE_DEFAULTS = { group_wait: '30s', group_interval: '5m', repeat_interval: '4h' } as const;

export interface RouteNode {
  /** Where the node is in the config, e.g. `route.routes.2`: shown to operators. */
  readonly path: string;
  readonly receiver: string;
  /** Labels alerts are grouped by; empty with groupByAll means "every label" (`['...']`). */
  readonly groupBy: readonly string[];
  readonly groupByAll: boolean;
  readonly groupWaitMs: number;
  readonly groupIntervalMs: number;
  readonly repeatIntervalMs: number;
  readonly matchers: readonly Matcher[];
  readonly continue: boolean;
  /** The route's own time interval names (Alertmanager does not inherit them). */
  readonly muteTimeIntervals: readonly string[];
  readonly activeTimeIntervals: readonly string[];
  readonly children: readonly RouteNode[];
}

export interface RouteTree {
  readonly root: RouteNode;
  /** Number of nodes, root included. */
  readonly size: number;
  /** The nodes an alert with these labels is routed to, in tree order (never empty). */
  match(labels: Labels): RouteNode[];
  /** The receiver names some node routes to that `known` does not have (each once, in tree
   *  order): the check a reload runs, without a set of every name. */
  unknownReceivers(known: { has(name: string): boolean }): string[];
}

interface Inherited {
  receiver: string | undefined;
  groupBy: readonly string[];
  groupByAll: boolean;
  groupWaitMs: number;
  groupIntervalMs: number;
  repeatIntervalMs: number;
}

export function buildRouteTree(route: Route): RouteTree {
  const rootDefaults: Inherited = {
    receiver: undefined,
    groupBy: [],
    groupByAll: false,
    groupWaitMs: durationMs(ROUTE_DEFAULTS.group_wait, 'route.group_wait'),
    groupIntervalMs: durationMs(ROUTE_DEFAULTS.group_interval, 'route.group_interval'),
    repeatIntervalMs: durationMs(ROUTE_DEFAULTS.repeat_interval, 'route.repeat_interval'),
  };
  let size = 0;
  // `path` is the node's place, worked out from its parent's path and its index only when
  // the route was not built there before (a reload would otherwise make 1,000 new strings).
  const build = (r: Route, parentPath: string | null, index: number, parent: Inherited): RouteNode => {
    const known = built.get(r);
    const samePlace = known !== undefined && known.parentPath === parentPath && known.index === index;
    if (samePlace && sameInherited(r, known.parent, parent)) {
      size += known.size;
      return known.node;
    }
    const path = samePlace ? known.node.path : parentPath === null ? 'route' : `${parentPath}.routes.${index}`;
    const sizeBefore = size++;
    const own = inherit(r, path, parent);
    if (own.receiver === undefined) {
      throw new Error(`${path} has no receiver and inherits none: set route.receiver on the root route`);
    }
    const node: RouteNode = {
      path,
      receiver: own.receiver,
      groupBy: own.groupBy,
      groupByAll: own.groupByAll,
      groupWaitMs: own.groupWaitMs,
      groupIntervalMs: own.groupIntervalMs,
      repeatIntervalMs: own.repeatIntervalMs,
      matchers: compileAt(r, path),
      continue: r.continue === true,
      muteTimeIntervals: r.mute_time_intervals ?? NO_NAMES,
      activeTimeIntervals: r.active_time_intervals ?? NO_NAMES,
      children: r.routes?.length ? r.routes.map((child, i) => build(child, path, i, own)) : NO_NODES,
    };
    // The entry is updated in place: a root route edit rebuilds every child that inherits
    // from it, and a new entry each would be 1,000 more objects per reload.
    if (known) {
      known.node = node;
      known.parent = parent;
      known.parentPath = parentPath;
      known.index = index;
      known.size = size - sizeBefore;
    } else built.set(r, { node, parent, parentPath, index, size: size - sizeBefore });
    return node;
  };
  const root = build(route, null, 0, rootDefaults);
  const indexes = indexChildren(root, new Map());
  return {
    root,
    size,
    match: (labels) => matchNode(root, labels, indexes) ?? [root],
    unknownReceivers: (known) => collectUnknown(root, known, []),
  };
}

/**
 * Alertmanager's Route.Match: a node whose matchers fail yields nothing; otherwise its
 * children are tried in order, and a matching child ends the search unless it has
 * `continue: true`; when no child matched, the node itself is the result.
 */
function matchNode(node: RouteNode, labels: Labels, indexes: ReadonlyMap<RouteNode, ChildIndex>): RouteNode[] | null {
  if (!matchesAll(node.matchers, labels)) return null;
  const all: RouteNode[] = [];
  const index = indexes.get(node);
  for (const i of index ? candidates(index, labels) : node.children.keys()) {
    const child = node.children[i]!;
    const found = matchNode(child, labels, indexes);
    if (found === null) continue;
    all.push(...found);
    if (!child.continue) break;
  }
  if (all.length === 0) all.push(node);
  return all;
}

/**
 * Large trees are wide: hundreds of sibling routes, each with an equality matcher on the
 * same label (`service="…"`, `team="…"`). Trying every sibling in turn made one alert cost a
 * thousand matcher checks. For a node with many children, the children are indexed by the
 * value their `=` matcher wants on the label most of them test; an alert then tries only
 * the children wanting its value and those that do not test that label — still in tree
 * order, and each still checked with all its matchers, so the result is the same.
 */
interface ChildIndex {
  label: string;
  byValue: ReadonlyMap<string, readonly number[]>;
  /** Children without an `=` matcher on `label`: always candidates. */
  rest: readonly number[];
}

const INDEX_FROM_CHILDREN = 16;

/** The index last built for a list of children, by its first child's matchers: a reload
 *  that leaves every child route's text alone hands back the same compiled matchers
 *  (compileAt), and the index is reused instead of rebuilt over 1,000 children. */
const lastIndexes = new WeakMap<readonly Matcher[], { matchers: (readonly Matcher[])[]; index: ChildIndex | null }>();

function indexChildren(node: RouteNode, into: Map<RouteNode, ChildIndex>): Map<RouteNode, ChildIndex> {
  for (const child of node.children) indexChildren(child, into);
  if (node.children.length < INDEX_FROM_CHILDREN) return into;
  const first = node.children[0]!.matchers;
  const last = lastIndexes.get(first);
  if (last && last.matchers.length === node.children.length && node.children.every((c, i) => c.matchers === last.matchers[i])) {
    if (last.index) into.set(node, last.index);
    return into;
  }
  const index = childIndex(node);
  lastIndexes.set(first, { matchers: node.children.map((c) => c.matchers), index });
  if (index) into.set(node, index);
  return into;
}

/** The index of a node's children by the value their `=` matcher wants on the label most of
 *  them test; null when too few test one. */
function childIndex(node: RouteNode): ChildIndex | null {
  const counts = new Map<string, number>();
  for (const child of node.children) {
    // Each label once per child, however many `=` matchers on it the child has.
    const ms = child.matchers;
    for (let i = 0; i < ms.length; i++) {
      const m = ms[i]!;
      if (m.op === '=' && !hasEqualBefore(ms, m.name, i)) counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
    }
  }
  const [label, count] = [...counts].reduce<[string, number]>((best, c) => (c[1] > best[1] ? c : best), ['', 0]);
  if (count < INDEX_FROM_CHILDREN / 2) return null;
  const byValue = new Map<string, number[]>();
  const rest: number[] = [];
  node.children.forEach((child, i) => {
    const eq = child.matchers.find((m) => m.op === '=' && m.name === label);
    if (!eq) return rest.push(i);
    const list = byValue.get(eq.value);
    if (list) list.push(i);
    else byValue.set(eq.value, [i]);
  });
  return { label, byValue, rest };
}

/** Whether a `=` matcher on `name` comes before index `before`. */
function hasEqualBefore(ms: readonly Matcher[], name: string, before: number): boolean {
  for (let j = 0; j < before; j++) if (ms[j]!.op === '=' && ms[j]!.name === name) return true;
  return false;
}

/** The candidate children's indexes, ascending: the two sorted lists merged. */
function* candidates(index: ChildIndex, labels: Labels): Generator<number> {
  const wanted = index.byValue.get(labelValue(labels, index.label)) ?? [];
  const rest = index.rest;
  let a = 0;
  let b = 0;
  while (a < wanted.length || b < rest.length) {
    if (b >= rest.length || (a < wanted.length && wanted[a]! < rest[b]!)) yield wanted[a++]!;
    else yield rest[b++]!;
  }
}

function inherit(r: Route, path: string, parent: Inherited): Inherited {
  // Most child routes set none of it (a matcher and nothing else): they share their parent's.
  if (!r.receiver && !r.group_by?.length && !r.group_wait && !r.group_interval && !r.repeat_interval) return parent;
  // As Alertmanager reads group_by: named labels replace the parent's grouping; a lone '...'
  // groups by every label; an empty list (or none) sets nothing, so the parent's holds.
  const named = r.group_by?.length ? r.group_by.filter((l) => l !== '...') : NO_NAMES;
  const own = named.length > 0 ? { groupBy: named, groupByAll: false } : r.group_by?.includes('...') ? { groupBy: NO_NAMES, groupByAll: true } : null;
  return {
    receiver: r.receiver || parent.receiver, // an empty receiver inherits, as in Alertmanager
    // The parent's own list, not a copy: nodes are read-only, and a tree of 1,000 routes
    // that inherit their grouping would otherwise copy it 1,000 times on every reload.
    groupBy: own ? own.groupBy : parent.groupBy,
    groupByAll: own ? own.groupByAll : parent.groupByAll,
    groupWaitMs: r.group_wait ? durationMs(r.group_wait, `${path}.group_wait`) : parent.groupWaitMs,
    groupIntervalMs: r.group_interval ? durationMs(r.group_interval, `${path}.group_interval`) : parent.groupIntervalMs,
    repeatIntervalMs: r.repeat_interval ? durationMs(r.repeat_interval, `${path}.repeat_interval`) : parent.repeatIntervalMs,
  };
}

/** Shared by every leaf, and by every route without its own grouping or time intervals. Not
 *  frozen: a frozen array has other elements kinds, and the tree's for-of loops over children
 *  went polymorphic and allocated an iterator per node. Nodes are read-only by type. */
const NO_NODES: readonly RouteNode[] = [];
const NO_NAMES: readonly string[] = [];

/**
 * The node built for each route object, with what it inherited and its subtree's size. A
 * reload hands back the very same (validated) object for every route whose text did not
 * change (config/incremental.ts); when such a route sits at the same place and inherits the
 * same settings, its node and whole subtree are what they were, so they are reused, not
 * rebuilt. Nodes are read-only, so old and new trees can share them. A root route edit (its
 * group_wait, in bench/reload's real-world file) rebuilt 1,000 child nodes, ~0.5 MB, on
 * every reload; a child that inherits the edited setting is still rebuilt.
 */
const built = new WeakMap<object, { node: RouteNode; parent: Inherited; parentPath: string | null; index: number; size: number }>();

/** Whether `r` inherits the same from parents `a` and `b`: only what it does not set itself
 *  counts (its subtree inherits through it, so nothing else can differ below). */
function sameInherited(r: Route, a: Inherited, b: Inherited): boolean {
  // As inherit() reads it: any group_by entry (names or '...') replaces the parent's grouping.
  const ownGrouping = (r.group_by?.length ?? 0) > 0;
  return (
    (r.receiver ? true : a.receiver === b.receiver) &&
    (ownGrouping ? true : a.groupByAll === b.groupByAll && sameLabels(a.groupBy, b.groupBy)) &&
    (r.group_wait ? true : a.groupWaitMs === b.groupWaitMs) &&
    (r.group_interval ? true : a.groupIntervalMs === b.groupIntervalMs) &&
    (r.repeat_interval ? true : a.repeatIntervalMs === b.repeatIntervalMs)
  );
}

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Compiled matchers by route object. A reload hands back the very same (validated) object
 *  for every route whose text did not change (config/incremental.ts), so a change to the
 *  root route — its group_wait, say — recompiles no child's matchers; inheritance, which
 *  is cheap, is still worked out for every node. */
const compiled = new WeakMap<object, Matcher[]>();

function compileAt(r: Route, path: string): Matcher[] {
  const known = compiled.get(r);
  if (known) return known;
  try {
    const matchers = compileMatchers(r);
    compiled.set(r, matchers);
    return matchers;
  } catch (err) {
    throw new Error(`${path}: ${(err as Error).message}`);
  }
}

function durationMs(text: string, path: string): number {
  const ms = parseDuration(text);
  if (ms === null) throw new Error(`${path}: "${text}" is not a duration: write e.g. 30s, 5m or 4h`);
  return ms;
}

function collectUnknown(node: RouteNode, known: { has(name: string): boolean }, into: string[]): string[] {
  if (!known.has(node.receiver) && !into.includes(node.receiver)) into.push(node.receiver);
  for (let i = 0; i < node.children.length; i++) collectUnknown(node.children[i]!, known, into);
  return into;
}
