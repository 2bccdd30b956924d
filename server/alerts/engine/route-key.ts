// Which route a group belongs to, as a key that survives reloads: Alertmanager's Route.Key —
// the parent's key, "/", and the route's matchers sorted and printed — so a route whose
// place in the tree and whose matchers did not change keeps its groups across a reload.
// Alertmanager gives two siblings with the same matchers one key, and that key is what its
// notifications carry (groupKey, and the notification log, PagerDuty dedup_key, Opsgenie
// alias built from it), so `key` is exactly that. Its groups are held per route object,
// which keeps such siblings' groups apart; here groups are held by a string, so `id` is the
// key with "#<position>" added to the second and later of such siblings.
import type { Matcher } from '../../config/matchers';
import type { RouteNode } from '../route-tree';

export interface RouteKey {
  /** Alertmanager's Route.Key(): what notifications carry. */
  key: string;
  /** Unique in the tree: what groups are held and matched across a reload by. */
  id: string;
}

export function routeKeys(root: RouteNode): Map<RouteNode, RouteKey> {
  const keys = new Map<RouteNode, RouteKey>();
  const visit = (node: RouteNode, k: RouteKey) => {
    keys.set(node, k);
    const seen = new Map<string, number>();
    node.children.forEach((child, i) => {
      const own = matchersText(child.matchers);
      const count = seen.get(own) ?? 0;
      seen.set(own, count + 1);
      visit(child, { key: `${k.key}/${own}`, id: `${k.id}/${own}${count > 0 ? `#${i}` : ''}` });
    });
  };
  const own = matchersText(root.matchers);
  visit(root, { key: own, id: own });
  return keys;
}

/** Printed matchers by matcher list: the route tree hands back the same compiled list for
 *  every route a reload did not change, so a reload's keys are mostly concatenation. */
const printed = new WeakMap<readonly Matcher[], string>();

/** labels.Matchers.String() of the sorted matchers (legacy match_re shown anchored). */
export function matchersText(matchers: readonly Matcher[]): string {
  let text = printed.get(matchers);
  if (text === undefined) printed.set(matchers, (text = printMatchers(matchers)));
  return text;
}

function printMatchers(matchers: readonly Matcher[]): string {
  const shown = matchers.map((m) => ({ name: m.name, op: m.op, value: m.legacy ? `^(?:${m.value})$` : m.value }));
  shown.sort((a, b) => (a.name !== b.name ? (a.name < b.name ? -1 : 1) : a.value !== b.value ? (a.value < b.value ? -1 : 1) : OPS.indexOf(a.op) - OPS.indexOf(b.op)));
  return `{${shown.map((m) => `${m.name}${m.op}"${escape(m.value)}"`).join(',')}}`;
}

const OPS = ['=', '!=', '=~', '!~'];

function escape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}
