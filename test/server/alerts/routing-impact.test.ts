// The routing impact of a draft: the last alerts replayed through the running config and the
// draft with the engine's own route tree, inhibitor and time intervals, compared.
import { describe, expect, it } from 'vitest';
import { routingImpact, routingSideOf, IMPACT_SAMPLE_CAP } from '../../../server/alerts/routing-impact';
import { impactLines, type HistoryAlert } from '../../../server/contract/history';
import type { ConfigInput } from '../../../server/config/schema';
import { makeConfig } from '../reloaders/helpers';

const receivers = (...names: string[]) => names.map((name) => ({ name, webhook_configs: [{ url: `http://127.0.0.1:9/${name}` }] }));
const config = (over: Partial<ConfigInput>) => makeConfig({ receivers: receivers('default', 'db-team', 'web-team', 'pager'), ...over });

let nextId = 1;
const alert = (labels: Record<string, string>, over: Partial<HistoryAlert> = {}): HistoryAlert => ({
  id: nextId++,
  fingerprint: `fp${nextId}`,
  status: 'firing',
  labels,
  annotations: {},
  starts_at: '2026-01-05T10:00:00Z',
  ends_at: null,
  received_at: '2026-01-05T10:00:00Z', // a Monday, 10:00 UTC
  commit: null,
  receivers: [],
  ...over,
});

const running = config({
  route: { receiver: 'default', routes: [{ matchers: ['team="db"'], receiver: 'db-team' }, { matchers: ['team="web"'], receiver: 'web-team' }] },
});

describe('routingImpact', () => {
  it('counts the alerts a route change sends elsewhere, and says so as "N of the last M alerts would go to X instead of Y"', () => {
    const alerts = [alert({ team: 'db' }), alert({ team: 'db' }), alert({ team: 'web' }), alert({ team: 'other' })];
    const draft = config({ route: { receiver: 'default', routes: [{ matchers: ['team="db"'], receiver: 'pager' }, { matchers: ['team="web"'], receiver: 'web-team' }] } });
    const impact = routingImpact(alerts, routingSideOf(running), draft);
    expect(impact).toMatchObject({ replayed: 4, changed: 2, moves: [{ from: ['db-team'], to: ['pager'], count: 2 }], starved: ['db-team'] });
    expect(impact.samples.map((s) => s.id)).toEqual([alerts[0]!.id, alerts[1]!.id]);
    expect(impactLines(impact)).toEqual(['2 of the last 4 alerts would go to pager instead of db-team', 'receiver db-team would get none of them']);
  });

  it('reports no change for a draft that routes every alert where it went', () => {
    const draft = config({ route: { receiver: 'default', group_wait: '1m', routes: running.route.routes } });
    const impact = routingImpact([alert({ team: 'db' }), alert({ team: 'x' })], routingSideOf(running), draft);
    expect(impact).toMatchObject({ changed: 0, moves: [], starved: [] });
    expect(impactLines(impact)).toEqual(['routing impact: each of the last 2 alerts would go where it went']);
  });

  it('follows continue: an alert fanned out to two receivers that now reaches one has changed', () => {
    const fanOut = config({ route: { receiver: 'default', routes: [{ matchers: ['team="db"'], receiver: 'db-team', continue: true }, { matchers: ['severity="critical"'], receiver: 'pager' }] } });
    const noFanOut = config({ route: { receiver: 'default', routes: [{ matchers: ['team="db"'], receiver: 'db-team' }, { matchers: ['severity="critical"'], receiver: 'pager' }] } });
    const impact = routingImpact([alert({ team: 'db', severity: 'critical' })], routingSideOf(fanOut), noFanOut);
    expect(impact.moves).toEqual([{ from: ['db-team', 'pager'], to: ['db-team'], count: 1 }]);
    expect(impact.starved).toEqual(['pager']);
  });

  it('applies the draft inhibit rules among the replayed firing alerts (an alert never inhibits itself)', () => {
    const draft = config({ route: running.route, inhibit_rules: [{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['team'] }] });
    const critical = alert({ team: 'db', severity: 'critical' });
    const warning = alert({ team: 'db', severity: 'warning' });
    const otherTeam = alert({ team: 'web', severity: 'warning' });
    const resolvedSource = alert({ team: 'web', severity: 'critical' }, { status: 'resolved' });
    const impact = routingImpact([critical, warning, otherTeam, resolvedSource], routingSideOf(running), draft);
    expect(impact.samples.map((s) => [s.id, s.to])).toEqual([[warning.id, []]]);
    expect(impactLines(impact)[0]).toBe('1 of the last 4 alerts would go to no receiver instead of db-team');
  });

  it('applies the draft time intervals at the time each alert was received', () => {
    const draft = config({
      route: { receiver: 'default', routes: [{ matchers: ['team="db"'], receiver: 'db-team', mute_time_intervals: ['office'] }] },
      time_intervals: [{ name: 'office', time_intervals: [{ weekdays: ['monday:friday'], times: [{ start_time: '09:00', end_time: '17:00' }] }] }],
    });
    const inOffice = alert({ team: 'db' });
    const atNight = alert({ team: 'db' }, { received_at: '2026-01-05T22:00:00Z' });
    const impact = routingImpact([inOffice, atNight], routingSideOf(running), draft);
    expect(impact.samples.map((s) => [s.id, s.to])).toEqual([[inOffice.id, []]]);
  });

  it('keeps at most IMPACT_SAMPLE_CAP samples, newest first, and counts them all', () => {
    const alerts = Array.from({ length: 50 }, () => alert({ team: 'web' }));
    const draft = config({ route: { receiver: 'default' } });
    const impact = routingImpact(alerts, routingSideOf(running), draft);
    expect(impact.changed).toBe(50);
    expect(impact.samples).toHaveLength(IMPACT_SAMPLE_CAP);
    expect(impact.samples[0]!.id).toBe(alerts[0]!.id);
  });

  // Its time (target: under 200 ms) is bench/history's "routing impact" row, not a test's:
  // this machine is shared, and a run beside the suite can lose the CPU.
  it('replays 1,000 alerts through a 1,000-route draft and finds the one route that changed', () => {
    const routes = Array.from({ length: 1_000 }, (_, i) => ({ matchers: [`service="svc-${i}"`, 'env=~"prod|staging"'], receiver: i % 2 ? 'db-team' : 'web-team' }));
    const big = config({ route: { receiver: 'default', routes } });
    const draft = config({ route: { receiver: 'default', routes: routes.map((r, i) => (i === 999 ? { ...r, receiver: 'pager' } : r)) } });
    const alerts = Array.from({ length: 1_000 }, (_, i) => alert({ service: `svc-${(i * 7) % 1_000}`, env: 'prod' }));
    // The service has the running tree built already; the draft's is built by the replay.
    const impact = routingImpact(alerts, routingSideOf(big), draft);
    expect(impact.changed).toBe(1);
  });
});
