// The history API of a real `hotconf serve`: alerts posted to the service listener are found
// on GET /api/v2/history/alerts with the receivers their route chose, filtered and paged;
// bad parameters are 400s that name them; the admin listener serves the same behind the
// token, with the live alert event stream; a plan of a draft says where the last alerts
// would go; and the pruned-rows metric is there from the start.
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CaptureServer, startCaptureServer } from './alerts/capture-server';
import { type ServiceProcess, freePort, serviceProcess } from '../support/service-process';
import { connectSse } from '../support/sse';

let svc: ServiceProcess | undefined;
let hook: CaptureServer;
beforeEach(async () => (hook = await startCaptureServer()));
afterEach(async () => {
  await svc?.stop();
  svc?.cleanup();
  svc = undefined;
  await hook.close();
});

function config(port: number, dbReceiver = 'db', dbPath = 'alerts.db'): string {
  return [
    'server:',
    '  host: 127.0.0.1',
    `  port: ${port}`,
    'database:',
    `  path: ${dbPath}`,
    'route:',
    '  receiver: team',
    '  group_by: [alertname]',
    '  group_wait: 50ms',
    '  group_interval: 1s',
    '  routes:',
    `    - receiver: ${dbReceiver}`,
    `      matchers: ['team="db"']`,
    'receivers:',
    ...['team', 'db', 'other'].flatMap((name) => [`  - name: ${name}`, '    webhook_configs:', `      - url: ${hook.url(`/${name}`)}`]),
    '',
  ].join('\n');
}

async function start(): Promise<{ svc: ServiceProcess; port: number }> {
  const port = await freePort();
  svc = await serviceProcess({ config: config(port) });
  await svc.start();
  return { svc, port };
}

const post = (port: number, alerts: unknown[]) => fetch(`http://127.0.0.1:${port}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alerts) });
const history = async (base: string, query: string, init: RequestInit = {}) => {
  const res = await fetch(`${base}/api/v2/history/${query}`, init);
  return { status: res.status, body: (await res.json()) as any };
};

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await check();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the history API of a real service', () => {
  it('lists received alerts newest first with their receivers, filters and pages them, and says which parameter is wrong', async () => {
    const { port } = await start();
    const base = `http://127.0.0.1:${port}`;
    const alerts = Array.from({ length: 30 }, (_, i) => ({ labels: { alertname: `A${i % 3}`, team: i % 2 ? 'db' : 'web', n: String(i) } }));
    for (const a of alerts) expect((await post(port, [a])).status).toBe(200);
    const all = await until('30 stored alerts', async () => {
      const page = await history(base, 'alerts?limit=1000');
      return page.body.alerts?.length === 30 && page.body.alerts;
    });
    expect(all.map((a: any) => Number(a.labels.n))).toEqual(Array.from({ length: 30 }, (_, i) => 29 - i));
    expect(all.find((a: any) => a.labels.n === '1')).toMatchObject({ status: 'firing', receivers: ['db'], commit: null });
    expect(all.find((a: any) => a.labels.n === '2')).toMatchObject({ receivers: ['team'] });

    const db = await history(base, `alerts?receiver=db&filter=${encodeURIComponent('alertname=~"A[01]"')}`);
    // team="db" (odd n) routes to db; alertname A0 or A1 (n % 3 is 0 or 1).
    expect(db.body.alerts.map((a: any) => Number(a.labels.n))).toEqual(Array.from({ length: 30 }, (_, i) => 29 - i).filter((n) => n % 2 === 1 && n % 3 !== 2));

    // The term index catches up behind ingest, in the background.
    await until('the term index to cover every alert', async () => {
      const db = new Database(join(svc!.dataDir, 'alerts.db'), { readonly: true, fileMustExist: true });
      try {
        const { indexed_to } = db.prepare('SELECT indexed_to FROM history_index').get() as { indexed_to: number };
        const { last } = db.prepare('SELECT max(id) AS last FROM alerts').get() as { last: number };
        return indexed_to === last;
      } finally {
        db.close();
      }
    });

    // Paging by the opaque cursor covers everything once, in order.
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: any } = await history(base, `alerts?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.alerts.map((a: any) => Number(a.labels.n)));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => 29 - i));

    for (const [query, parameter, message] of [
      ['alerts?filter=alertname%3D%3D%22x%22', 'filter', /filter: "alertname==\\"x\\"" is not a label matcher .*write e\.g\. filter=alertname="HighLatency"/],
      ['alerts?limit=5000', 'limit', /limit must be a whole number from 1 to 1000/],
      ['alerts?reciever=db', 'reciever', /unknown parameter "reciever": this endpoint takes filter, receiver/],
      ['alerts?cursor=bogus', 'cursor', /the cursor is not one this service gave out/],
      ['alerts?from=yesterday', 'from', /"yesterday" is not a time: write RFC 3339/],
      ['alerts?status=pending', 'status', /status must be firing or resolved/],
      ['alerts?commit=xyz', 'commit', /give 7 to 40 lowercase hex digits/],
      ['notifications?status=firing', 'status', /status must be delivered or failed/],
    ] as const) {
      const res = await history(base, query);
      expect(res.status, query).toBe(400);
      expect(res.body.error.details.parameter, query).toBe(parameter);
      expect(res.body.error.message, query).toMatch(message);
    }
  });

  it('serves the same on the admin listener behind the token, streams alerts and deliveries live, and counts pruned rows', async () => {
    const { svc, port } = await start();
    const auth = { authorization: `Bearer ${svc.token}` };
    expect((await history(svc.adminUrl, 'alerts')).status).toBe(401);
    expect((await history(svc.adminUrl, 'alerts', { headers: { authorization: 'Bearer wrong' } })).status).toBe(403);
    const stream = await connectSse(`${svc.adminUrl}/api/v2/history/events`, { headers: auth });
    try {
      expect((await post(port, [{ labels: { alertname: 'Live', team: 'db' } }])).status).toBe(200);
      const received = await stream.waitFor((e) => e.event === 'alert.received');
      expect(received.data).toMatchObject({ labels: { alertname: 'Live', team: 'db' }, receivers: ['db'], status: 'firing' });
      const delivered = await stream.waitFor((e) => e.event === 'delivery.attempted');
      expect(delivered.data).toMatchObject({ receiver: 'db', integration: 'webhook/0', status: 'delivered', attempt: 1, group_labels: { alertname: 'Live' } });
    } finally {
      stream.close();
    }
    const page = await history(svc.adminUrl, 'notifications?receiver=db', { headers: auth });
    expect(page.body.notifications).toMatchObject([{ receiver: 'db', status: 'delivered' }]);
    expect(await svc.metrics()).toMatch(/hotconf_history_pruned_rows_total\{table="alerts"\} 0/);
  });

  it('plans a draft with its routing impact: where the last alerts would go instead', async () => {
    const { svc, port } = await start();
    await post(port, [...Array.from({ length: 4 }, (_, i) => ({ labels: { alertname: 'Db', team: 'db', n: String(i) } })), { labels: { alertname: 'Web', team: 'web' } }]);
    await until('5 stored alerts', async () => (await history(`http://127.0.0.1:${port}`, 'alerts')).body.alerts?.length === 5);
    const res = await svc.admin('/api/v2/config/plan?detail=1', { method: 'POST', body: config(port, 'other'), auth: true });
    const plan = (await res.json()) as any;
    expect(plan.impact).toMatchObject({ replayed: 5, changed: 4, moves: [{ from: ['db'], to: ['other'], count: 4 }], starved: ['db'] });
    expect(plan.impact.samples).toHaveLength(4);

    // `hotconf plan` says the same in the shell.
    const draft = join(svc.dir, 'draft.yaml');
    writeFileSync(draft, config(port, 'other'));
    const { stdout } = await promisify(execFile)(process.execPath, [resolve('dist/cli.js'), 'plan', draft, '--service', svc.adminUrl], { env: { ...process.env, HOTCONF_ADMIN_TOKEN: svc.token } });
    expect(stdout).toContain('4 of the last 5 alerts would go to other instead of db\nreceiver db would get none of them\n');
    expect(stdout).toMatch(/^  \{alertname="Db", n="\d", team="db"\}: db -> other$/m);
  });

  it('keeps answering while reloads move database.path: every read is a 200, and later alerts are found in the new file', async () => {
    const { svc, port } = await start();
    const base = `http://127.0.0.1:${port}`;
    await post(port, [{ labels: { alertname: 'Before', team: 'web' } }]);
    await until('the first alert stored', async () => (await history(base, 'alerts')).body.alerts?.length === 1);
    const statuses: number[] = [];
    // When each read and each reload ran: every move must have had reads answered during it.
    const reads: { start: number; end: number }[] = [];
    const moves: { path: string; start: number; end: number }[] = [];
    let reading = true;
    const reader = (async () => {
      while (reading) {
        const start = performance.now();
        statuses.push((await fetch(`${svc.adminUrl}/api/v2/history/alerts?limit=10`, { headers: { authorization: `Bearer ${svc.token}` } })).status);
        reads.push({ start, end: performance.now() });
      }
    })();
    for (const path of ['alerts-2.db', 'alerts-3.db', 'alerts.db', 'alerts-2.db']) {
      svc.writeConfig(config(port, 'db', path));
      const start = performance.now();
      const reload = await svc.reload();
      moves.push({ path, start, end: performance.now() });
      expect(reload.body.status, path).toBe('success');
      await post(port, [{ labels: { alertname: 'After', file: path } }]);
    }
    reading = false;
    await reader;
    const overlapping = moves.map((m) => `${m.path}: ${reads.filter((r) => r.start < m.end && r.end > m.start).length}`);
    expect(overlapping.filter((o) => o.endsWith(': 0'))).toEqual([]);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // alerts-2.db now: the alerts posted while it was live, both times.
    const now = await until('the alerts of alerts-2.db', async () => {
      const page = await history(base, 'alerts?filter=alertname%3D%22After%22');
      return page.body.alerts?.length === 2 && page.body.alerts;
    });
    expect(now.map((a: any) => a.labels.file)).toEqual(['alerts-2.db', 'alerts-2.db']);
  });
});
