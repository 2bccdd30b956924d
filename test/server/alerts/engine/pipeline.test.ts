// A group's notification on its way to the receivers: time intervals, inhibition,
// silences, dedup, send_resolved and retries, in Alertmanager's order.
import { describe, expect, it } from 'vitest';
import { buildInhibitor } from '../../../../server/alerts/inhibitor';
import { buildRouteTree } from '../../../../server/alerts/route-tree';
import type { GroupNotification } from '../../../../server/alerts/engine/aggregation-group';
import { realScheduler } from '../../../../server/alerts/engine/aggregation-group';
import { receive, type Alert } from '../../../../server/alerts/engine/alert';
import { NotificationLog } from '../../../../server/alerts/engine/notification-log';
import { DeliveryError, createPipeline, type Integration, type Notification } from '../../../../server/alerts/engine/pipeline';
import { Silences } from '../../../../server/alerts/engine/silences';
import { compileTimeIntervals } from '../../../../server/alerts/engine/time-intervals';

const NOW = Date.parse('2026-11-27T10:00:00Z'); // a Friday
const M = 60_000;

function fake(key: string, opts: { sendResolved?: boolean; fail?: (attempt: number) => Error | null } = {}): Integration & { sent: Notification[]; attempts: number } {
  const it = {
    key,
    sendResolved: opts.sendResolved ?? true,
    sent: [] as Notification[],
    attempts: 0,
    async send(n: Notification) {
      it.attempts++;
      const err = opts.fail?.(it.attempts);
      if (err) throw err;
      it.sent.push(n);
    },
  };
  return it;
}

function setup(integrations: Integration[], extra: { inhibit?: boolean; mute?: string[]; firing?: Alert[] } = {}) {
  const nflog = new NotificationLog();
  const silences = new Silences();
  const tree = buildRouteTree({ receiver: 'team', group_by: ['alertname'], group_interval: '5m', repeat_interval: '4h', mute_time_intervals: [], ...(extra.mute ? { routes: [{ receiver: 'team', matchers: ['x="y"'], mute_time_intervals: extra.mute }] } : {}) });
  const inhibitor = buildInhibitor(extra.inhibit ? [{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['alertname'] }] : []);
  const intervals = compileTimeIntervals({ mute_time_intervals: [], time_intervals: [{ name: 'weekdays', time_intervals: [{ weekdays: ['monday:friday'] }] }] });
  const deliver = createPipeline({
    scheduler: { ...realScheduler, now: () => NOW, setTimeout: (fn) => setImmediate(fn) },
    nflog,
    silences,
    current: () => ({ inhibitor, intervals, integrations: () => integrations }),
    muted: (inh) => {
      const index = inh.index(extra.firing ?? [], (a) => a.labels);
      return (target) => index.inhibits(target, () => true);
    },
    retry: { initialMs: 1, maxMs: 1 },
  });
  const notification = (alerts: Alert[], route = tree.root): GroupNotification => ({ groupKey: '{}:{alertname="A"}', groupLabels: { alertname: 'A' }, route, alerts, now: NOW });
  return { deliver, notification, silences, tree };
}

const firing = (labels: Record<string, string>) => receive({ labels }, NOW - M, 60 * M);
const resolved = (labels: Record<string, string>) => receive({ labels, endsAt: NOW - 1 }, NOW - M, 60 * M);

describe('the notification pipeline', () => {
  it('sends once, then only when something changed or repeat_interval passed', async () => {
    const hook = fake('webhook/0');
    const { deliver, notification } = setup([hook]);
    expect(await deliver(notification([firing({ alertname: 'A' })]))).toBe(true);
    expect(await deliver(notification([firing({ alertname: 'A' })]))).toBe(true);
    expect(hook.sent).toHaveLength(1);
    await deliver(notification([firing({ alertname: 'A' }), firing({ alertname: 'A', instance: '2' })]));
    expect(hook.sent).toHaveLength(2);
  });

  it('leaves resolved alerts out for an integration without send_resolved, and tells one with it', async () => {
    const quiet = fake('slack/0', { sendResolved: false });
    const loud = fake('webhook/0', { sendResolved: true });
    const { deliver, notification } = setup([quiet, loud]);
    await deliver(notification([firing({ alertname: 'A', i: '1' }), firing({ alertname: 'A', i: '2' })]));
    await deliver(notification([firing({ alertname: 'A', i: '1' }), resolved({ alertname: 'A', i: '2' })]));
    expect(quiet.sent).toHaveLength(1);
    expect(loud.sent.map((n) => n.alerts.length)).toEqual([2, 2]);
  });

  it('leaves out inhibited and silenced alerts, and sends nothing when none is left', async () => {
    const hook = fake('webhook/0');
    const critical = firing({ alertname: 'A', severity: 'critical' });
    const { deliver, notification, silences } = setup([hook], { inhibit: true, firing: [critical] });
    silences.set({ matchers: [{ name: 'team', value: 'db', isRegex: false, isEqual: true }], startsAt: NOW - M, endsAt: NOW + M, createdBy: 't', comment: 'c' }, NOW - M);
    await deliver(notification([firing({ alertname: 'A', severity: 'warning' }), firing({ alertname: 'A', team: 'db' }), critical]));
    expect(hook.sent[0]!.alerts.map((a) => a.labels)).toEqual([critical.labels]);
    expect(await deliver(notification([firing({ alertname: 'A', team: 'db' })]))).toBe(true);
    expect(hook.sent).toHaveLength(1);
  });

  it('sends nothing while the route is in a mute time interval', async () => {
    const hook = fake('webhook/0');
    const { deliver, notification, tree } = setup([hook], { mute: ['weekdays'] });
    expect(await deliver(notification([firing({ alertname: 'A' })], tree.root.children[0]))).toBe(true);
    expect(hook.sent).toEqual([]);
  });

  it('retries a retryable failure, gives up on a permanent one, and logs only what was sent', async () => {
    const flaky = fake('webhook/0', { fail: (n) => (n < 3 ? new DeliveryError('503', true) : null) });
    const broken = fake('webhook/1', { fail: () => new DeliveryError('400 bad request', false) });
    const { deliver, notification } = setup([flaky, broken]);
    expect(await deliver(notification([firing({ alertname: 'A' })]))).toBe(false);
    expect(flaky.attempts).toBe(3);
    expect(broken.attempts).toBe(1);
    // The next flush: the flaky one has nothing new to say, the broken one tries again.
    await deliver(notification([firing({ alertname: 'A' })]));
    expect(flaky.attempts).toBe(3);
    expect(broken.attempts).toBe(2);
  });
});
