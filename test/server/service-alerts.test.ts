// The alert engine inside a real `hotconf serve`: alerts posted to the service listener are
// grouped and sent to a webhook (a capture server in this test), the attempts land in the
// alert history, a reload while alerts flow neither loses nor repeats a notification, and a
// malformed body is a 400 that names the field while the engine keeps serving, and the
// notifiers render with the config's template files.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CaptureServer, startCaptureServer } from './alerts/capture-server';
import { parsePromText } from '../support/metrics';
import { type ServiceProcess, freePort, serviceProcess } from '../support/service-process';

let svc: ServiceProcess | undefined;
let hook: CaptureServer;
beforeEach(async () => (hook = await startCaptureServer()));
afterEach(async () => {
  await svc?.stop();
  svc?.cleanup();
  svc = undefined;
  await hook.close();
});

interface WebhookBody {
  version: string;
  groupKey: string;
  status: 'firing' | 'resolved';
  receiver: string;
  groupLabels: Record<string, string>;
  alerts: { status: string; labels: Record<string, string>; endsAt: string }[];
}

/** A config whose `team` receiver is the capture server; `other` is there to be edited. */
function config(port: number, opts: { otherUrl?: string; extraRoute?: string } = {}): string {
  return [
    'server:',
    '  host: 127.0.0.1',
    `  port: ${port}`,
    '  graceful_shutdown_timeout: 2s',
    'database:',
    '  path: alerts.db',
    'route:',
    '  receiver: team',
    '  group_by: [alertname]',
    '  group_wait: 100ms',
    '  group_interval: 300ms',
    '  repeat_interval: 1h',
    ...(opts.extraRoute ? ['  routes:', '    - receiver: other', `      matchers: ['${opts.extraRoute}']`] : []),
    'receivers:',
    '  - name: team',
    '    webhook_configs:',
    `      - url: ${hook.url('/team')}`,
    '  - name: other',
    '    webhook_configs:',
    `      - url: ${opts.otherUrl ?? 'http://127.0.0.1:9/other'}`,
    '',
  ].join('\n');
}

async function started(text: (port: number) => string): Promise<{ svc: ServiceProcess; port: number }> {
  const port = await freePort();
  svc = await serviceProcess({ config: text(port) });
  await svc.start();
  return { svc, port };
}

function post(port: number, body: unknown, path = '/api/v2/alerts'): Promise<{ status: number; body: any }> {
  return fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));
}

async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await check();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const notifications = () => hook.received.map((r) => r.body as WebhookBody);

/** The rows of a table of the service's alert history (alerts.db beside the config). */
function historyRows(svc: ServiceProcess, table: 'deliveries' | 'alerts'): any[] {
  const db = new Database(join(svc.dataDir, 'alerts.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
  } finally {
    db.close();
  }
}

describe('alerts through a real service', () => {
  it('two alerts make one firing notification, their resolution one resolved notification, and both deliveries are in the history', async () => {
    const { svc, port } = await started((p) => config(p));
    const alerts = [
      { labels: { alertname: 'DiskFull', instance: 'a' }, annotations: { summary: 'disk a' } },
      { labels: { alertname: 'DiskFull', instance: 'b' } },
    ];
    expect(await post(port, alerts)).toEqual({ status: 200, body: { accepted: 2 } });

    const firing = await until('the firing notification', () => notifications()[0]);
    expect(firing).toMatchObject({ version: '4', status: 'firing', receiver: 'team', groupLabels: { alertname: 'DiskFull' }, groupKey: '{}:{alertname="DiskFull"}' });
    expect(firing.alerts.map((a) => [a.labels.instance, a.status]).sort()).toEqual([
      ['a', 'firing'],
      ['b', 'firing'],
    ]);

    const now = new Date().toISOString();
    expect((await post(port, alerts.map((a) => ({ ...a, endsAt: now })))).status).toBe(200);
    const resolved = await until('the resolved notification', () => notifications()[1]);
    expect(resolved).toMatchObject({ version: '4', status: 'resolved', groupKey: firing.groupKey });
    expect(resolved.alerts.map((a) => [a.labels.instance, a.status]).sort()).toEqual([
      ['a', 'resolved'],
      ['b', 'resolved'],
    ]);

    // The attempts, and the alerts as received, in the history database.
    const deliveries = await until('two delivery rows', () => {
      const rows = historyRows(svc, 'deliveries');
      return rows.length >= 2 && rows;
    });
    expect(deliveries).toHaveLength(2);
    expect(deliveries.map((d) => ({ group_key: d.group_key, receiver: d.receiver, integration: d.integration, ok: d.ok, alerts: d.alerts }))).toEqual([
      { group_key: firing.groupKey, receiver: 'team', integration: 'webhook/0', ok: 1, alerts: 2 },
      { group_key: firing.groupKey, receiver: 'team', integration: 'webhook/0', ok: 1, alerts: 2 },
    ]);
    expect(historyRows(svc, 'alerts').map((a) => a.status)).toEqual(['firing', 'firing', 'resolved', 'resolved']);
    // Nothing more to say: no third notification (the history is written after the send,
    // so by now a repeat would have been decided).
    expect(notifications()).toHaveLength(2);

    // /metrics counts them as Alertmanager would: two notifications of the webhook
    // integration, each one request; four alerts received (two firing, two resolved).
    const metrics = parsePromText(await svc.metrics());
    expect(metrics.get('alertmanager_notifications_total{integration="webhook"}')).toBe(2);
    expect(metrics.get('alertmanager_notification_requests_total{integration="webhook"}')).toBe(2);
    expect(metrics.get('alertmanager_notifications_failed_total{integration="webhook"}')).toBe(0);
    expect(metrics.get('alertmanager_alerts_received_total{status="firing",version="v2"}')).toBe(2);
    expect(metrics.get('alertmanager_alerts_received_total{status="resolved",version="v2"}')).toBe(2);

    // A clean stop closes the engine after the listener drained; its notification log is in
    // engine.db, so a restart would not notify this group again.
    expect(await svc.stop()).toBe(0);
    expect(svc.lines().map((l) => l.msg)).toEqual(expect.arrayContaining(['shutdown: alert engine closed', 'stopped']));
    const engineDb = new Database(join(svc.dataDir, 'engine.db'), { readonly: true, fileMustExist: true });
    try {
      expect(engineDb.prepare('SELECT key FROM nflog').all()).toEqual([{ key: `${firing.groupKey}\u0000team/webhook/0` }]);
    } finally {
      engineDb.close();
    }
  });

  it('a reload while alerts flow loses no notification and repeats none', async () => {
    const { svc, port } = await started((p) => config(p));
    const groups = ['Alpha', 'Beta', 'Gamma', 'Delta'];
    const posted = new Map<string, Set<string>>(groups.map((g) => [g, new Set()]));
    let stop = false;
    let failures = 0;
    // Alerts keep coming: each round a new instance in every group.
    const poster = (async () => {
      for (let i = 0; !stop; i++) {
        const batch = groups.map((g) => ({ labels: { alertname: g, instance: `i${i}` } }));
        const res = await post(port, batch);
        if (res.status === 200) for (const g of groups) posted.get(g)!.add(`i${i}`);
        else failures++;
        await new Promise((r) => setTimeout(r, 20)); // pacing, not waiting for anything
      }
    })();

    await until('a first notification for every group', () => groups.every((g) => notifications().some((n) => n.groupLabels.alertname === g)));
    // 1. An unrelated receiver changes (SIGHUP): only `receivers` reloads.
    let last = (await svc.status()).last_reload_id;
    svc.writeConfig(config(port, { otherUrl: 'http://127.0.0.1:9/elsewhere' }));
    svc.signal('SIGHUP');
    const first = await svc.waitForRecord(last);
    expect(first).toMatchObject({ status: 'success' });
    expect(first.components.map((c: any) => c.name)).toEqual(['receivers']);
    // 2. A route none of these alerts match is added (POST /-/reload): routing swaps its
    //    tree, the groups of the root route keep theirs.
    last = first.id;
    svc.writeConfig(config(port, { otherUrl: 'http://127.0.0.1:9/elsewhere', extraRoute: 'alertname="Unrelated"' }));
    const second = await svc.reload();
    expect(second.body).toMatchObject({ status: 'success' });
    expect(second.body.components.map((c: any) => c.name)).toEqual(['routing']);
    const sentBefore = notifications().length;
    await until('two more rounds of notifications after the reloads', () => notifications().length >= sentBefore + 2 * groups.length);
    stop = true;
    await poster;
    expect(failures).toBe(0);

    // Every posted alert reaches its group's notifications…
    await until('every posted alert notified', () => groups.every((g) => notified(g).size === posted.get(g)!.size));
    for (const g of groups) expect([...notified(g)].sort()).toEqual([...posted.get(g)!].sort());
    // …each notification of a group says something new (a repeat would carry the same set),
    // all under one group key per group, to `team` only.
    for (const g of groups) {
      const mine = notifications().filter((n) => n.groupLabels.alertname === g);
      expect(new Set(mine.map((n) => n.groupKey))).toEqual(new Set([`{}:{alertname="${g}"}`]));
      mine.forEach((n, i) => {
        if (i > 0) expect(n.alerts.length).toBeGreaterThan(mine[i - 1]!.alerts.length);
      });
    }
    expect(new Set(notifications().map((n) => n.receiver))).toEqual(new Set(['team']));
  });

  it('a malformed body is a 400 that names the field; the engine keeps serving', async () => {
    const { port } = await started((p) => config(p));
    const bad = await post(port, [{ labels: { alertname: 'X' }, startsAt: 'yesterday' }]);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('alerts[0].startsAt: must be an RFC 3339 date-time');
    const noLabels = await post(port, [{ labels: {} }]);
    expect(noLabels.status).toBe(400);
    expect(JSON.stringify(noLabels.body)).toContain('alerts[0].labels: at least one label pair required');
    const notJson = await post(port, '{"labels": ');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('bad_json');
    const webhook = await post(port, { version: '3', alerts: [] }, '/api/v1/webhook');
    expect(webhook.status).toBe(400);
    expect(JSON.stringify(webhook.body)).toContain('version: must be \\"4\\"');

    expect(await post(port, [{ labels: { alertname: 'StillHere' } }])).toEqual({ status: 200, body: { accepted: 1 } });
    const n = await until('the notification after the bad posts', () => notifications()[0]);
    expect(n.groupLabels).toEqual({ alertname: 'StillHere' });
    expect(hook.received).toHaveLength(1);

    // Each refusal is counted by its reason; the invalid alert by API version.
    const metrics = parsePromText(await svc!.metrics());
    expect(metrics.get('hotconf_ingest_rejected_total{reason="bad_alerts"}')).toBe(3);
    expect(metrics.get('hotconf_ingest_rejected_total{reason="bad_json"}')).toBe(1);
    expect(metrics.get('alertmanager_alerts_invalid_total{version="v2"}')).toBe(1);
  });
  it('notifiers render with the config\'s template files', async () => {
    const port = await freePort();
    const text = config(port)
      .replace(`    webhook_configs:\n      - url: ${hook.url('/team')}`, `    slack_configs:\n      - api_url: ${hook.url('/slack')}\n        channel: '#ops'\n        title: '{{ template "team.title" . }}'`)
      .concat('templates: ["*.tmpl"]\n');
    svc = await serviceProcess({ config: text });
    writeFileSync(join(svc.dir, 'team.tmpl'), '{{ define "team.title" }}team sees {{ .Status }} {{ .CommonLabels.alertname }}{{ end }}\n');
    await svc.start();
    expect((await post(port, [{ labels: { alertname: 'Templated' } }])).status).toBe(200);
    const sent = await until('the Slack message', () => hook.received[0]);
    expect(sent.path).toBe('/slack');
    expect(JSON.stringify(sent.body)).toContain('team sees firing Templated');
  });
});

function notified(group: string): Set<string> {
  return new Set(
    notifications()
      .filter((n) => n.groupLabels.alertname === group)
      .flatMap((n) => n.alerts.map((a) => a.labels.instance!)),
  );
}
