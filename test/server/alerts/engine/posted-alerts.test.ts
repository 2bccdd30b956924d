// POST /api/v2/alerts bodies read as Alertmanager 0.25 reads them: the same bodies are posted
// to the real Alertmanager, whose answer (status, and which alerts it then holds) is the
// expectation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../../../server/alerts/engine/fingerprint';
import { MAX_LABELS_PER_ALERT, PostedAlertsError, readPostedAlerts } from '../../../../server/alerts/engine/posted-alerts';
import { startAlertmanager, type AlertmanagerProcess } from '../../../support/alertmanager-process';

let am: AlertmanagerProcess;
beforeAll(async () => {
  am = await startAlertmanager('route: { receiver: none }\nreceivers: [{ name: none }]\n');
});
afterAll(() => am?.stop());

const BODIES: Record<string, unknown> = {
  'valid alerts': [{ labels: { alertname: 'V1' } }, { labels: { alertname: 'V2', sev: 'x' }, annotations: { summary: 's' }, startsAt: '2026-11-27T09:00:00Z', generatorURL: 'http://prom/graph' }],
  'one without labels among valid ones': [{ labels: { alertname: 'V3' } }, { annotations: { a: 'b' } }],
  'an invalid label name': [{ labels: { 'bad-name': 'x', alertname: 'V4' } }, { labels: { alertname: 'V5' } }],
  'ending before it starts': [{ labels: { alertname: 'V6' }, startsAt: '2026-11-27T10:00:00Z', endsAt: '2026-11-27T09:00:00Z' }],
  'empty label values dropped': [{ labels: { alertname: 'V7', empty: '' } }],
  'only empty label values': [{ labels: { alertname: '' } }],
  'a label value that is no string': [{ labels: { alertname: 'V8', n: 1 } }],
  'not an array': { labels: { alertname: 'V9' } },
};

async function alertmanagerSays(body: unknown): Promise<{ status: number; held: string[] }> {
  const before = new Set(((await (await fetch(`${am.url}/api/v2/alerts`)).json()) as { fingerprint: string }[]).map((a) => a.fingerprint));
  const res = await fetch(`${am.url}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await res.text();
  const after = ((await (await fetch(`${am.url}/api/v2/alerts`)).json()) as { fingerprint: string }[]).map((a) => a.fingerprint);
  return { status: res.status === 200 ? 200 : res.status === 400 || res.status === 422 ? 400 : res.status, held: after.filter((f) => !before.has(f)).sort() };
}

function hotconfSays(body: unknown): { status: number; held: string[] } {
  try {
    const { alerts, problems } = readPostedAlerts(body);
    return { status: problems.length > 0 ? 400 : 200, held: alerts.map((a) => fingerprint(a.labels)).sort() };
  } catch (err) {
    if (err instanceof PostedAlertsError) return { status: 400, held: [] };
    throw err;
  }
}

describe('reading POST /api/v2/alerts', () => {
  it.each(Object.entries(BODIES))('%s: the status Alertmanager answers, and the alerts it keeps', async (_name, body) => {
    expect(hotconfSays(body)).toEqual(await alertmanagerSays(body));
  });

  it('names each problem with the alert and its field', () => {
    expect(() => readPostedAlerts([{ labels: { alertname: 'ok' } }, { annotations: {} }, { labels: { a: '1' }, startsAt: 'yesterday' }])).toThrow(
      'alerts[1].labels: required; alerts[2].startsAt: must be an RFC 3339 date-time, e.g. 2026-11-27T10:00:00Z',
    );
    const { alerts, problems } = readPostedAlerts([{ labels: { alertname: 'ok' } }, { labels: { 'a-b': 'x' } }]);
    expect(alerts).toHaveLength(1);
    expect(problems).toEqual(['alerts[1].labels.a-b: invalid label name']);
  });

  it('refuses an alert with more labels than MAX_LABELS_PER_ALERT (hotconf\'s own limit), keeping the others', () => {
    const many = Object.fromEntries(Array.from({ length: MAX_LABELS_PER_ALERT + 1 }, (_, i) => [`l${i}`, 'v']));
    const atLimit = Object.fromEntries(Array.from({ length: MAX_LABELS_PER_ALERT }, (_, i) => [`l${i}`, 'v']));
    const { alerts, problems } = readPostedAlerts([{ labels: { alertname: 'ok' } }, { labels: many }, { labels: atLimit }]);
    expect(alerts.map((a) => Object.keys(a.labels).length)).toEqual([1, MAX_LABELS_PER_ALERT]);
    expect(problems).toEqual([`alerts[1].labels: ${MAX_LABELS_PER_ALERT + 1} label pairs, more than the ${MAX_LABELS_PER_ALERT} an alert may carry`]);
  });
});
