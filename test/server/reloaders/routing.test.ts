import { describe, expect, it } from 'vitest';
import { RoutingReloader } from '../../../server/reloaders/routing';
import { ctx, makeConfig } from './helpers';

describe('RoutingReloader', () => {
  const routes = { receiver: 'default', routes: [{ matchers: ['team="db"'], receiver: 'db' }] };
  const receivers = [{ name: 'default' }, { name: 'db' }];

  it('swaps the route tree and rolls back to the previous one', async () => {
    const routing = new RoutingReloader();
    await routing.activate(await routing.prepare(makeConfig(), ctx()), ctx());
    await routing.commit(ctx());
    const first = routing.current!;
    await routing.activate(await routing.prepare(makeConfig({ route: routes, receivers }), ctx()), ctx());
    expect(routing.current!.match({ team: 'db' })[0]!.receiver).toBe('db');
    await routing.rollback(ctx());
    expect(routing.current).toBe(first);
  });

  it('health fails when a receiver the tree routes to is not live', async () => {
    const live = new Map<string, unknown>([['default', {}]]);
    const routing = new RoutingReloader({ liveReceivers: () => live });
    await routing.activate(await routing.prepare(makeConfig({ route: routes, receivers }), ctx()), ctx());
    await expect(routing.health(ctx())).rejects.toThrow(/routes name receivers that are not live: db/);
    live.set('db', {});
    await expect(routing.health(ctx())).resolves.toBeUndefined();
  });

  it('rollback without an activate in this reload changes nothing', async () => {
    const routing = new RoutingReloader();
    await routing.activate(await routing.prepare(makeConfig(), ctx()), ctx());
    await routing.commit(ctx());
    const live = routing.current;
    await routing.rollback(ctx());
    expect(routing.current).toBe(live);
  });
  it('tells its swap listeners the live tree after activate and after rollback, with that tree\'s intervals', async () => {
    const routing = new RoutingReloader();
    const seen: unknown[] = [];
    routing.onTreeSwap((tree) => seen.push(tree));
    const weekends = { time_intervals: [{ name: 'weekends', time_intervals: [{ weekdays: ['saturday', 'sunday'] }] }] };
    await routing.activate(await routing.prepare(makeConfig(weekends), ctx()), ctx());
    await routing.commit(ctx());
    const first = routing.current!;
    expect(routing.intervals.get('weekends')?.(Date.UTC(2026, 10, 28, 12))).toBe(true); // a Saturday
    await routing.activate(await routing.prepare(makeConfig({ route: routes, receivers }), ctx()), ctx());
    expect(routing.intervals.has('weekends')).toBe(false);
    await routing.rollback(ctx());
    expect(seen).toEqual([first, expect.anything(), first]);
    expect(seen[1]).not.toBe(first);
    expect(routing.intervals.has('weekends')).toBe(true);
  });
});
