// Grouping and timing as Alertmanager groups and times notifications, and what a reload
// keeps: on a clock the test moves.
import { describe, expect, it } from 'vitest';
import { buildRouteTree } from '../../../../server/alerts/route-tree';
import type { Deliver, GroupNotification, Scheduler } from '../../../../server/alerts/engine/aggregation-group';
import { receive, type Alert } from '../../../../server/alerts/engine/alert';
import { Dispatcher } from '../../../../server/alerts/engine/dispatcher';
import type { Route } from '../../../../server/config/schema';

const S = 1000;

/** A clock and timers the test advances; due timers run in time order. */
class FakeScheduler implements Scheduler {
  private t = 1_000_000;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private seq = 0;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = ++this.seq;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.timers = this.timers.filter((x) => x.id !== id);
  };
  async advance(ms: number): Promise<void> {
    const until = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.timers[0];
      if (!next || next.at > until) break;
      this.timers.shift();
      this.t = next.at;
      next.fn();
      await new Promise((r) => setImmediate(r)); // let the delivery run
    }
    this.t = until;
  }
}

function setup(route: Route, deliverResult: () => boolean = () => true) {
  const scheduler = new FakeScheduler();
  const sent: GroupNotification[] = [];
  const deliver: Deliver = async (n) => {
    sent.push(n);
    return deliverResult();
  };
  const dispatcher = new Dispatcher(scheduler, deliver);
  dispatcher.setTree(buildRouteTree(route));
  const fire = (labels: Record<string, string>, opts: { startsAgo?: number; endsIn?: number } = {}): Alert => {
    const now = scheduler.now();
    const alert = receive({ labels, startsAt: now - (opts.startsAgo ?? 0), ...(opts.endsIn !== undefined ? { endsAt: now + opts.endsIn } : {}) }, now, 3600 * S);
    dispatcher.process(alert);
    return alert;
  };
  return { scheduler, sent, dispatcher, fire };
}

const ROUTE: Route = { receiver: 'default', group_by: ['alertname'], group_wait: '30s', group_interval: '5m', repeat_interval: '4h', routes: [{ receiver: 'pager', matchers: ['severity="critical"'], continue: true }] };

describe('aggregation groups', () => {
  it('wait group_wait, then notify every alert of a group together; group_by splits groups', async () => {
    const { scheduler, sent, fire } = setup(ROUTE);
    fire({ alertname: 'A', instance: '2' });
    fire({ alertname: 'A', instance: '1' });
    fire({ alertname: 'B' });
    await scheduler.advance(29 * S);
    expect(sent).toEqual([]);
    await scheduler.advance(1 * S);
    expect(sent.map((n) => [n.groupKey, n.alerts.map((a) => a.labels.instance ?? '-')])).toEqual([
      ['{}:{alertname="A"}', ['1', '2']],
      ['{}:{alertname="B"}', ['-']],
    ]);
  });

  it('notify an alert older than group_wait at once', async () => {
    const { scheduler, sent, fire } = setup(ROUTE);
    fire({ alertname: 'Old' }, { startsAgo: 60 * S });
    await scheduler.advance(0);
    expect(sent).toHaveLength(1);
  });

  it('after the first notification, come back every group_interval with what the group holds', async () => {
    const { scheduler, sent, fire } = setup(ROUTE);
    fire({ alertname: 'A', instance: '1' });
    await scheduler.advance(30 * S);
    fire({ alertname: 'A', instance: '2' });
    await scheduler.advance(299 * S);
    expect(sent).toHaveLength(1);
    await scheduler.advance(1 * S);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.alerts).toHaveLength(2);
  });

  it('send an alert down every route it matches with continue: true', async () => {
    const { scheduler, sent, fire } = setup(ROUTE);
    fire({ alertname: 'Disk', severity: 'critical' });
    await scheduler.advance(30 * S);
    expect(sent.map((n) => [n.route.receiver, n.groupKey])).toEqual([['pager', '{}/{severity="critical"}:{alertname="Disk"}']]);
  });

  it('two sibling routes with the same matchers keep separate groups that carry Alertmanager\'s one group key', async () => {
    // Alertmanager 0.25 (test/compat/alertmanager-conformance.test.ts, continue-fanout) sends
    // both notifications with the key `{}/{severity="critical"}:{alertname="Disk"}`.
    const { scheduler, sent, dispatcher, fire } = setup({
      ...ROUTE,
      routes: [
        { receiver: 'a', matchers: ['severity="critical"'], continue: true },
        { receiver: 'b', matchers: ['severity="critical"'] },
      ],
    });
    fire({ alertname: 'Disk', severity: 'critical' });
    await scheduler.advance(30 * S);
    expect(dispatcher.list().size).toBe(2);
    expect(sent.map((n) => [n.route.receiver, n.groupKey]).sort()).toEqual([
      ['a', '{}/{severity="critical"}:{alertname="Disk"}'],
      ['b', '{}/{severity="critical"}:{alertname="Disk"}'],
    ]);
  });

  it('drop resolved alerts once notified, and keep them when the notification failed', async () => {
    let ok = false;
    const { scheduler, sent, fire, dispatcher } = setup(ROUTE, () => ok);
    fire({ alertname: 'A' }, { endsIn: 10 * S });
    await scheduler.advance(30 * S); // resolved by now; delivery fails
    expect(sent).toHaveLength(1);
    expect([...dispatcher.list().values()][0]!.size).toBe(1);
    ok = true;
    await scheduler.advance(300 * S);
    expect(sent).toHaveLength(2);
    expect([...dispatcher.list().values()][0]!.size).toBe(0);
  });
});

describe('a reload', () => {
  it('keeps a group whose route did not change: no new group_wait, no repeat before group_interval', async () => {
    const { scheduler, sent, fire, dispatcher } = setup(ROUTE);
    const a = fire({ alertname: 'A' });
    await scheduler.advance(30 * S);
    expect(sent).toHaveLength(1);
    dispatcher.setTree(buildRouteTree({ ...ROUTE, group_interval: '10m' }), [a]);
    await scheduler.advance(299 * S);
    expect(sent).toHaveLength(1);
    await scheduler.advance(1 * S); // the timer set before the reload
    expect(sent).toHaveLength(2);
    await scheduler.advance(300 * S); // the new group_interval applies from there on
    expect(sent).toHaveLength(2);
    await scheduler.advance(300 * S);
    expect(sent).toHaveLength(3);
  });

  it('routes nothing again when only timings or receivers changed: every group moves to its node in the new tree', async () => {
    const { scheduler, sent, fire, dispatcher } = setup(ROUTE);
    const held = [fire({ alertname: 'A', severity: 'critical' }), fire({ alertname: 'B' })];
    const before = [...dispatcher.list().keys()];
    const tree = buildRouteTree({ ...ROUTE, repeat_interval: '3h', routes: [{ ...ROUTE.routes![0]!, receiver: 'oncall' }] });
    let matched = 0;
    const match = tree.match;
    dispatcher.setTree({ ...tree, match: (labels) => (matched++, match(labels)) }, held);
    expect(matched).toBe(0);
    expect([...dispatcher.list().keys()]).toEqual(before);
    await scheduler.advance(30 * S); // the group_wait timers set before the reload
    expect(sent.map((n) => [n.route.receiver, n.route.repeatIntervalMs])).toEqual([['oncall', 3 * 3600 * S], ['default', 3 * 3600 * S]]);
  });

  it('notifies a waiting group at once when a shortened group_wait has already passed', async () => {
    const { scheduler, sent, fire, dispatcher } = setup(ROUTE);
    const a = fire({ alertname: 'A' });
    await scheduler.advance(10 * S);
    expect(sent).toHaveLength(0);
    dispatcher.setTree(buildRouteTree({ ...ROUTE, group_wait: '5s' }), [a]);
    await scheduler.advance(0);
    expect(sent).toHaveLength(1);
  });

  it('routes the alerts of a route that is gone through the new tree, each to exactly the groups the new config gives it', async () => {
    const { scheduler, sent, fire, dispatcher } = setup(ROUTE);
    const a = fire({ alertname: 'Disk', severity: 'critical' });
    await scheduler.advance(30 * S);
    const next: Route = { ...ROUTE, routes: [{ receiver: 'db', matchers: ['alertname="Disk"'] }] };
    dispatcher.setTree(buildRouteTree(next), [a]);
    await scheduler.advance(30 * S); // a new group: it waits group_wait like any other
    expect(sent.map((n) => n.route.receiver)).toEqual(['pager', 'db']);
    expect([...dispatcher.list().keys()]).toEqual(['{}/{alertname="Disk"}:{alertname="Disk"}']);
  });

  it('regroups the alerts of a route that now groups by other labels', async () => {
    const { scheduler, sent, fire, dispatcher } = setup(ROUTE);
    const held = [fire({ alertname: 'A', cluster: 'eu' }, { startsAgo: 60 * S }), fire({ alertname: 'A', cluster: 'us' }, { startsAgo: 60 * S })];
    await scheduler.advance(0);
    expect(sent).toHaveLength(1);
    dispatcher.setTree(buildRouteTree({ ...ROUTE, group_by: ['alertname', 'cluster'] }), held);
    await scheduler.advance(0);
    expect(sent.slice(1).map((n) => n.groupKey)).toEqual(['{}:{alertname="A", cluster="eu"}', '{}:{alertname="A", cluster="us"}']);
  });
});
