import { describe, expect, it } from 'vitest';
import { buildRouteTree, type RouteNode } from '../../../server/alerts/route-tree';
import { matchesAll } from '../../../server/config/matchers';
import type { Route } from '../../../server/config/schema';

// The tree of Alertmanager's own routing tests (dispatch/route_test.go), trimmed.
const amTree: Route = {
  receiver: 'notify-def',
  group_by: ['alertname'],
  routes: [
    {
      match: { owner: 'team-A' },
      receiver: 'notify-A',
      routes: [{ match: { env: 'testing' }, receiver: 'notify-testing', group_by: ['...'] }],
    },
    { match: { owner: 'team-X' }, receiver: 'notify-X', continue: true },
    { match: { owner: 'team-Y' }, receiver: 'notify-Y' },
    { match_re: { env: 'produ.*' }, receiver: 'notify-productionA', group_wait: '1m', continue: true },
    { matchers: ['env="production"'], receiver: 'notify-productionB', group_wait: '30s', group_interval: '5m', repeat_interval: '1h', group_by: ['job'] },
  ],
};

const receiversFor = (labels: Record<string, string>) => buildRouteTree(amTree).match(labels).map((n) => n.receiver);

describe('buildRouteTree: Alertmanager matching', () => {
  it('routes an alert to the first matching child', () => {
    expect(receiversFor({ owner: 'team-A' })).toEqual(['notify-A']);
  });

  it('falls back to the parent when no child matches', () => {
    expect(receiversFor({ owner: 'team-C' })).toEqual(['notify-def']);
    expect(receiversFor({ owner: 'team-A', env: 'staging' })).toEqual(['notify-A']);
  });

  it('descends depth-first into a matching child’s children', () => {
    const [node] = buildRouteTree(amTree).match({ owner: 'team-A', env: 'testing' });
    expect(node!.receiver).toBe('notify-testing');
    expect(node!.path).toBe('route.routes.0.routes.0');
    expect(node!.groupByAll).toBe(true);
  });

  it('keeps matching siblings after a child with continue: true, and stops at one without', () => {
    expect(receiversFor({ owner: 'team-X', env: 'production' })).toEqual(['notify-X', 'notify-productionA', 'notify-productionB']);
    expect(receiversFor({ env: 'production' })).toEqual(['notify-productionA', 'notify-productionB']);
  });

  it('anchors match_re regexes at both ends', () => {
    expect(receiversFor({ env: 'preproduction' })).toEqual(['notify-def']);
  });

  it('inherits receiver, group_by and intervals, with Alertmanager defaults at the root', () => {
    const tree = buildRouteTree({ receiver: 'r', group_by: ['alertname'], repeat_interval: '2h', routes: [{ matchers: ['a="1"'], group_wait: '10s' }] });
    expect(tree.root).toMatchObject({ receiver: 'r', groupWaitMs: 30_000, groupIntervalMs: 300_000, repeatIntervalMs: 7_200_000 });
    const [child] = tree.match({ a: '1' });
    expect(child).toMatchObject({ path: 'route.routes.0', receiver: 'r', groupBy: ['alertname'], groupWaitMs: 10_000, groupIntervalMs: 300_000, repeatIntervalMs: 7_200_000 });
    expect(tree.size).toBe(2);
  });

  it('reads group_by as Alertmanager does: an empty list keeps the parent\'s grouping, a lone "..." groups by all, named labels replace', () => {
    const tree = buildRouteTree({
      receiver: 'r',
      group_by: ['...'],
      routes: [
        { matchers: ['a="1"'], group_by: [] },
        { matchers: ['a="2"'], group_by: ['job'], routes: [{ matchers: ['b="1"'], group_by: [] }] },
      ],
    });
    expect(tree.match({ a: '1' })[0]).toMatchObject({ groupBy: [], groupByAll: true });
    expect(tree.match({ a: '2', b: '1' })[0]).toMatchObject({ groupBy: ['job'], groupByAll: false });
  });

  it('ANDs matchers, match and match_re on one route', () => {
    const tree = buildRouteTree({ receiver: 'def', routes: [{ receiver: 'x', matchers: ['severity!="info"'], match: { team: 'db' }, match_re: { env: 'prod|staging' } }] });
    expect(tree.match({ team: 'db', env: 'prod', severity: 'critical' })[0]!.receiver).toBe('x');
    expect(tree.match({ team: 'db', env: 'prod', severity: 'info' })[0]!.receiver).toBe('def');
    expect(tree.match({ team: 'db', env: 'dev', severity: 'critical' })[0]!.receiver).toBe('def');
  });

  it('treats a label named like an Object property as absent when the alert lacks it', () => {
    const tree = buildRouteTree({ receiver: 'def', routes: [{ receiver: 'x', matchers: ['constructor=""', 'toString!~".+"'] }] });
    expect(tree.match({ alertname: 'a' })[0]!.receiver).toBe('x');
  });

  it('lists every receiver the tree routes to', () => {
    expect(buildRouteTree(amTree).unknownReceivers(new Set()).sort()).toEqual(['notify-A', 'notify-X', 'notify-Y', 'notify-def', 'notify-productionA', 'notify-productionB', 'notify-testing']);
    expect(buildRouteTree(amTree).unknownReceivers(new Set(['notify-A', 'notify-def', 'notify-testing']))).toEqual(['notify-X', 'notify-Y', 'notify-productionA', 'notify-productionB']);
  });

  it('names the route at fault when a route cannot be compiled', () => {
    expect(() => buildRouteTree({ receiver: 'd', routes: [{ matchers: ['x=~"("'] }] })).toThrow(/^route\.routes\.0: invalid regex/);
    expect(() => buildRouteTree({ routes: [] })).toThrow(/route has no receiver/);
  });

  it('routes a wide tree (children indexed by their = matcher) exactly as trying every child in turn', () => {
    // 200 siblings: most want one `service`, some also `env`, some use !=, =~, an empty value
    // or continue; a few do not test `service` at all. Seeded, so a failure replays.
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const child = (i: number): Route => {
      const kind = rand(10);
      const matchers =
        kind === 0 ? [`env=~"prod|stag.*"`] : kind === 1 ? [`service!="svc-${rand(20)}"`] : kind === 2 ? [`service=""`] : [`service="svc-${rand(20)}"`, ...(rand(3) === 0 ? ['env="prod"'] : [])];
      return { receiver: `r${i}`, matchers, ...(rand(4) === 0 ? { continue: true } : {}), ...(rand(8) === 0 ? { routes: [{ receiver: `r${i}-deep`, matchers: ['env="prod"'] }] } : {}) };
    };
    const route: Route = { receiver: 'def', routes: Array.from({ length: 200 }, (_, i) => child(i)) };
    const tree = buildRouteTree(route);
    // The reference: Alertmanager's Route.Match, trying every child in order.
    const reference = (node: RouteNode, labels: Record<string, string>): RouteNode[] | null => {
      if (!matchesAll(node.matchers, labels)) return null;
      const all: RouteNode[] = [];
      for (const c of node.children) {
        const found = reference(c, labels);
        if (!found) continue;
        all.push(...found);
        if (!c.continue) break;
      }
      return all.length ? all : [node];
    };
    for (let k = 0; k < 2_000; k++) {
      const labels: Record<string, string> = {};
      if (rand(6) !== 0) labels.service = `svc-${rand(22)}`;
      if (rand(2) === 0) labels.env = ['prod', 'staging', 'dev'][rand(3)]!;
      expect(tree.match(labels).map((n) => n.path)).toEqual(reference(tree.root, labels)!.map((n) => n.path));
    }
  });

  it('reuses the node of an unchanged child route that inherits the same, and rebuilds one whose inherited settings or place changed', () => {
    // Route objects as a reload hands them back: the same object for an unchanged route.
    const db: Route = { receiver: 'db', matchers: ['team="db"'], routes: [{ matchers: ['env="prod"'] }] };
    const web: Route = { receiver: 'web', matchers: ['team="web"'], group_wait: '10s' };
    const first = buildRouteTree({ receiver: 'def', group_wait: '30s', routes: [db, web] });
    // The root's group_wait changes: web sets its own, so its node is the same; db inherits it.
    const second = buildRouteTree({ receiver: 'def', group_wait: '45s', routes: [db, web] });
    expect(second.root.children[1]).toBe(first.root.children[1]);
    expect(second.root.children[0]).not.toBe(first.root.children[0]);
    expect(second.root.children[0]!.groupWaitMs).toBe(45_000);
    expect(second.root.children[0]!.children[0]!.groupWaitMs).toBe(45_000);
    expect(second.size).toBe(4);
    // Only another child changed: db's whole subtree is reused.
    const third = buildRouteTree({ receiver: 'def', group_wait: '45s', routes: [db, { ...web, receiver: 'web-2' }] });
    expect(third.root.children[0]).toBe(second.root.children[0]);
    expect(third.root.children[1]!.receiver).toBe('web-2');
    expect(third.size).toBe(4);
    // Moved: a node is never reused at another place (its path would be wrong).
    const fourth = buildRouteTree({ receiver: 'def', group_wait: '45s', routes: [web, db] });
    expect(fourth.root.children.map((c) => c.path)).toEqual(['route.routes.0', 'route.routes.1']);
    expect(fourth.root.children[1]!.children[0]!.path).toBe('route.routes.1.routes.0');
    expect(fourth.match({ team: 'db', env: 'prod' }).map((n) => n.receiver)).toEqual(['db']);
  });
});
