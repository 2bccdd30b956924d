// An alert's lifecycle as Alertmanager keeps it: when it starts, when it ends, and what two
// posts of the same labels add up to — each sequence also posted to the real Alertmanager,
// whose answer is the expectation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { merge, receive, resolvedAt, type Alert, type PostedAlert } from '../../../../server/alerts/engine/alert';
import { startAlertmanager, type AlertmanagerProcess } from '../../../support/alertmanager-process';

const MIN = 60_000;
const RESOLVE_TIMEOUT = 5 * MIN;

let am: AlertmanagerProcess;
beforeAll(async () => {
  am = await startAlertmanager('global: { resolve_timeout: 5m }\nroute: { receiver: none }\nreceivers: [{ name: none }]\n');
});
afterAll(() => am?.stop());

/** What we hold after receiving `posts` in order, `gap` ms apart. */
function ours(posts: PostedAlert[], now: number): Alert {
  let held: Alert | undefined;
  posts.forEach((p, i) => {
    const at = now + i;
    const alert = receive(p, at, RESOLVE_TIMEOUT);
    held = held ? merge(held, alert, at) : alert;
  });
  return held!;
}

/** What Alertmanager holds after the same posts (its GET /api/v2/alerts shows only active
 *  alerts unless asked; a resolved one is asked for with ?active=false&...). */
async function theirs(posts: PostedAlert[]): Promise<{ startsAt: number; endsAt: number }> {
  for (const p of posts) {
    const body = [{ labels: p.labels, ...(p.startsAt ? { startsAt: new Date(p.startsAt).toISOString() } : {}), ...(p.endsAt ? { endsAt: new Date(p.endsAt).toISOString() } : {}) }];
    const res = await fetch(`${am.url}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.ok).toBe(true);
  }
  const all = (await (await fetch(`${am.url}/api/v2/alerts?active=true&silenced=true&inhibited=true&unprocessed=true`)).json()) as { labels: Record<string, string>; startsAt: string; endsAt: string }[];
  const found = all.find((a) => a.labels.case === posts[0]!.labels.case);
  if (!found) throw new Error('Alertmanager does not hold the alert');
  return { startsAt: Date.parse(found.startsAt), endsAt: Date.parse(found.endsAt) };
}

describe('receive', () => {
  it('starts an alert without startsAt now, and ends one without endsAt after resolve_timeout (a timeout end)', () => {
    const a = receive({ labels: { alertname: 'A' } }, 1_000, RESOLVE_TIMEOUT);
    expect(a).toMatchObject({ startsAt: 1_000, endsAt: 1_000 + RESOLVE_TIMEOUT, timeout: true, updatedAt: 1_000 });
    const b = receive({ labels: { alertname: 'A' }, endsAt: 500 }, 1_000, RESOLVE_TIMEOUT);
    expect(b).toMatchObject({ startsAt: 500, endsAt: 500, timeout: false });
    expect(resolvedAt(b, 1_000)).toBe(true);
    expect(resolvedAt(a, 1_000)).toBe(false);
  });
});

describe('merge, as Alertmanager merges', () => {
  const now = Date.now();
  const t = (minutes: number) => Math.floor((now + minutes * MIN) / 1000) * 1000; // whole seconds

  it.each<[string, (c: string) => PostedAlert[]]>([
    ['a later post keeps the earliest start', (c) => [{ labels: { case: c }, startsAt: t(-10), endsAt: t(30) }, { labels: { case: c }, startsAt: t(-5), endsAt: t(30) }]],
    ["an explicit later end survives a younger post's earlier end", (c) => [{ labels: { case: c }, startsAt: t(-10), endsAt: t(60) }, { labels: { case: c }, startsAt: t(-10), endsAt: t(20) }]],
    ['an explicit end replaces a younger one when the younger is sooner', (c) => [{ labels: { case: c }, startsAt: t(-10), endsAt: t(40) }, { labels: { case: c }, startsAt: t(-20), endsAt: t(10) }]],
  ])('%s', async (name, posts) => {
    const sequence = posts(name);
    const expected = await theirs(sequence);
    const got = ours(sequence, now);
    expect({ startsAt: got.startsAt, endsAt: got.endsAt }).toEqual(expected);
  });

  it('resolves a firing alert when a post says it ended', () => {
    const firing = receive({ labels: { a: '1' } }, 1_000, RESOLVE_TIMEOUT);
    const ended = receive({ labels: { a: '1' }, endsAt: 1_500 }, 2_000, RESOLVE_TIMEOUT);
    const m = merge(firing, ended, 2_000);
    expect(m).toMatchObject({ startsAt: 1_000, endsAt: 1_500 });
    expect(resolvedAt(m, 2_000)).toBe(true);
  });

  it('keeps the later of two resolved ends', () => {
    const a = receive({ labels: { a: '1' }, startsAt: 0, endsAt: 1_800 }, 2_000, RESOLVE_TIMEOUT);
    const b = receive({ labels: { a: '1' }, startsAt: 0, endsAt: 1_500 }, 2_100, RESOLVE_TIMEOUT);
    expect(merge(a, b, 2_100).endsAt).toBe(1_800);
  });
});
