// Issue 9, acceptance 2: no alert is lost or repeated while the config reloads under load.
// Senders post 20,000 alerts in batches while the config reloads 100 times, cycling through
// receivers (the `team` webhook URL moves between two capture servers, a receiver comes and
// goes), routes, inhibit rules, webhook.rate_limit, server.port (the senders follow the
// reload's answer) and database.path (storage swaps the alert store). Then: no 5xx, no
// refused connection, every 2xx-accepted alert stored once across the database files and
// notified once, to the receiver its labels route to; and a restart on the same data dir
// sends nothing again.
//
// Why the route changes never touch a label the senders use: the dispatcher re-routes every
// held alert through a new tree (as Alertmanager does), so moving a label that held, firing
// alerts carry to another receiver legitimately notifies them again there. The route edits
// here add and remove a route for a lane nobody posts to, which still rebuilds the tree and
// re-homes the held alerts, whose groups must then keep their keys and not notify twice.
import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CaptureServer, startCaptureServer } from '../server/alerts/capture-server';
import { type ServiceProcess, freePort, serviceProcess } from '../support/service-process';

// NOLOSS_TOTAL / NOLOSS_RELOADS shrink the run while working on it; the acceptance is the default.
const TOTAL = Number(process.env.NOLOSS_TOTAL ?? 20_000);
const BATCH = 50;
const SENDERS = 4;
const RELOADS = Number(process.env.NOLOSS_RELOADS ?? 100);
const TARGET_MS = (30_000 * TOTAL) / 20_000;

let svc: ServiceProcess | undefined;
const hooks: CaptureServer[] = [];
afterEach(async () => {
  await svc?.stop();
  svc?.cleanup();
  svc = undefined;
  await Promise.all(hooks.splice(0).map((h) => h.close()));
});

interface Version {
  port: number;
  teamUrl: string;
  extraReceiver: boolean;
  spareRoute: boolean;
  inhibit: boolean;
  rateLimited: boolean;
  db: string;
}

function render(v: Version, other: string): string {
  return [
    'server:',
    '  host: 127.0.0.1',
    `  port: ${v.port}`,
    '  graceful_shutdown_timeout: 2s',
    'log:',
    '  level: warn',
    'global:',
    '  resolve_timeout: 1h',
    'database:',
    `  path: ${v.db}`,
    'webhook:',
    '  rate_limit:',
    `    enabled: ${v.rateLimited}`,
    '    requests_per_second: 100000',
    '    burst: 100000',
    'route:',
    '  receiver: team',
    '  group_by: [batch]',
    '  group_wait: 50ms',
    '  group_interval: 1s',
    '  repeat_interval: 24h',
    '  routes:',
    '    - receiver: other',
    `      matchers: ['lane="other"']`,
    ...(v.spareRoute ? ['    - receiver: team', `      matchers: ['lane="nobody"']`, '      group_by: [id]'] : []),
    ...(v.inhibit ? ['inhibit_rules:', `  - source_matchers: ['alertname="NeverPosted"']`, `    target_matchers: ['lane="main"']`, '    equal: [batch]'] : []),
    'receivers:',
    '  - name: team',
    '    webhook_configs:',
    `      - url: ${v.teamUrl}`,
    '  - name: other',
    '    webhook_configs:',
    `      - url: ${other}`,
    ...(v.extraReceiver ? ['  - name: extra', '    webhook_configs:', '      - url: http://127.0.0.1:9/extra'] : []),
    '',
  ].join('\n');
}

type Outcome = { status: number } | { error: string };

async function post(port: number, body: unknown): Promise<Outcome> {
  try {
    // A deadline, so a request the service never answers is a finding, not a hung test.
    const res = await fetch(`http://127.0.0.1:${port}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(20_000) });
    await res.arrayBuffer();
    return { status: res.status };
  } catch (err) {
    const cause = (err as Error & { cause?: { code?: string } }).cause;
    return { error: `${cause?.code ?? (err as Error).name + ': ' + (err as Error).message}` };
  }
}

async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await check();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('20,000 alerts through 100 reloads', () => {
  it('loses none, stores each once, notifies each once, and repeats nothing after a restart', async () => {
    const [hookA, hookB] = [await startCaptureServer(), await startCaptureServer()];
    hooks.push(hookA!, hookB!);
    const other = hookA!.url('/other');
    let v: Version = { port: await freePort(), teamUrl: hookA!.url('/team'), extraReceiver: false, spareRoute: false, inhibit: false, rateLimited: true, db: 'alerts-0.db' };
    svc = await serviceProcess({ config: render(v, other) });
    await svc.start();
    const s = svc;
    const startedAt = Date.now();

    // The senders read `port` before each post; the reloader sets it from the reload's
    // answer, so a post goes to the old port only if it started before that answer.
    let port = v.port;
    const accepted = new Map<string, string>(); // id → lane
    const outcomes = { accepted: 0, rejected4xx: 0, fivexx: [] as string[], refused: [] as string[] };
    let next = 0;
    const sentAt = new Map<string, number>(); // batch → when its post started
    const paceMs = (TARGET_MS / (TOTAL / BATCH)) * SENDERS;
    const sender = async () => {
      for (;;) {
        const first = next;
        if (first >= TOTAL) return;
        next += BATCH;
        const t0 = Date.now();
        const batch = `b${first / BATCH}`;
        const alerts = Array.from({ length: BATCH }, (_, i) => {
          const id = `a${first + i}`;
          return { labels: { alertname: 'NoLoss', id, batch, lane: (first / BATCH) % 2 === 0 ? 'main' : 'other' } };
        });
        sentAt.set(batch, t0);
        const at = port;
        const got = await post(at, alerts);
        if ('error' in got) outcomes.refused.push(`${batch} → :${at}: ${got.error}`);
        else if (got.status >= 500) outcomes.fivexx.push(`${batch} → :${at}: HTTP ${got.status}`);
        else if (got.status >= 200 && got.status < 300) {
          outcomes.accepted += alerts.length;
          for (const a of alerts) accepted.set(a.labels.id, a.labels.lane);
        } else outcomes.rejected4xx += alerts.length;
        // Pacing spreads the load over the target duration; nothing waits on it to pass.
        const rest = paceMs - (Date.now() - t0);
        if (rest > 0) await new Promise((r) => setTimeout(r, rest));
      }
    };
    const sending = Promise.all(Array.from({ length: SENDERS }, sender));

    // The reloader: 100 reloads, each changing one thing, spread over the sending.
    const dbs = new Set([v.db]);
    // Each config in force, with when its reload was asked for and answered: a notification
    // may use the team URL of any config in force between its alert's post and its arrival.
    const versions: { teamUrl: string; startedAt: number; answeredAt: number }[] = [{ teamUrl: v.teamUrl, startedAt: 0, answeredAt: 0 }];
    const reloadMs: number[] = [];
    let portMoves = 0;
    const reloadFailures: string[] = [];
    const reloading = (async () => {
      for (let i = 1; i <= RELOADS; i++) {
        const change = i % 6;
        const nv = { ...v };
        if (change === 0) nv.teamUrl = nv.teamUrl === hookA!.url('/team') ? hookB!.url('/team') : hookA!.url('/team');
        else if (change === 1) nv.spareRoute = !nv.spareRoute;
        else if (change === 2) nv.inhibit = !nv.inhibit;
        else if (change === 3) nv.rateLimited = !nv.rateLimited;
        else if (change === 4) nv.port = await freePort();
        else nv.db = `alerts-${i}.db`;
        if (i % 7 === 0) nv.extraReceiver = !nv.extraReceiver;
        s.writeConfig(render(nv, other));
        const t0 = Date.now();
        const res = await s.reload();
        reloadMs.push(Date.now() - t0);
        if (res.status !== 200 || res.body.status !== 'success') reloadFailures.push(`reload ${i}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        else {
          versions.push({ teamUrl: nv.teamUrl, startedAt: t0, answeredAt: Date.now() });
          v = nv;
          if (nv.port !== port) portMoves++;
          port = nv.port;
          dbs.add(nv.db);
        }
        const rest = TARGET_MS / RELOADS - (Date.now() - t0);
        if (rest > 0) await new Promise((r) => setTimeout(r, rest));
      }
    })();
    const progress = setInterval(() => console.log(`progress after ${Date.now() - startedAt} ms: ${next} posted, ${outcomes.accepted} accepted, ${reloadMs.length} reloads, port ${port}`), 5_000);
    try {
      await Promise.all([sending, reloading]);
    } finally {
      clearInterval(progress);
    }
    const sendMs = Date.now() - startedAt;

    expect(reloadFailures).toEqual([]);
    expect(outcomes.fivexx).toEqual([]);
    expect(outcomes.refused).toEqual([]);

    // Notifications: every accepted alert once, to the receiver its lane routes to.
    const seen = new Map<string, number>();
    const wrongReceiver: string[] = [];
    const teamUrlsBetween = (from: number, to: number): Set<string> => {
      let first = 0;
      versions.forEach((ver, i) => {
        if (ver.answeredAt <= from) first = i;
      });
      return new Set(versions.filter((ver, i) => i === first || (i > first && ver.startedAt < to)).map((ver) => ver.teamUrl));
    };
    const tally = () => {
      seen.clear();
      wrongReceiver.length = 0;
      for (const h of [hookA!, hookB!])
        for (const r of h.received) {
          const url = h.url(r.path);
          const body = r.body as { receiver: string; alerts: { labels: Record<string, string> }[] };
          for (const a of body.alerts) {
            const id = a.labels.id!;
            seen.set(id, (seen.get(id) ?? 0) + 1);
            const want = a.labels.lane === 'other' ? 'other' : 'team';
            if (body.receiver !== want || !r.path.endsWith(`/${want}`)) wrongReceiver.push(`${id}: ${body.receiver} at ${r.path}`);
            else if (want === 'team' && !teamUrlsBetween(sentAt.get(a.labels.batch!)!, r.at).has(url)) wrongReceiver.push(`${id}: team at ${url}, not the URL of a config in force from its post to its notification`);
          }
        }
      return seen;
    };
    await until(
      'every accepted alert notified',
      () => {
        const now = tally();
        return [...accepted.keys()].every((id) => now.has(id));
      },
      60_000,
    );
    const notifiedAt = Date.now();
    const notificationCount = () => hookA!.received.length + hookB!.received.length;
    const beforeRestart = notificationCount();

    // Stored: once each, across every database file the config used.
    const stop = await s.stop();
    expect(stop).toBe(0);
    const stored = new Map<string, number>();
    const files = readdirSync(s.dataDir).filter((f) => /^alerts-\d+\.db$/.test(f));
    for (const f of files) {
      const db = new Database(join(s.dataDir, f), { readonly: true, fileMustExist: true });
      try {
        for (const row of db.prepare('SELECT labels FROM alerts').all() as { labels: string }[]) {
          const id = (JSON.parse(row.labels) as Record<string, string>).id!;
          stored.set(id, (stored.get(id) ?? 0) + 1);
        }
      } finally {
        db.close();
      }
    }

    // Restart on the same data dir. The engine holds no alerts after a restart, so, as
    // Prometheus would, the senders post every accepted alert again: the notification log in
    // engine.db must know each group told already (repeat_interval 24h), so past several
    // group_wait/group_interval windows nothing is sent again.
    await s.start();
    let reposted = 0;
    const batches = [...new Set([...sentAt.keys()])];
    const resend = async () => {
      for (let b = batches.pop(); b !== undefined; b = batches.pop()) {
        const first = Number(b.slice(1)) * BATCH;
        const alerts = Array.from({ length: BATCH }, (_, i) => ({ labels: { alertname: 'NoLoss', id: `a${first + i}`, batch: b, lane: (first / BATCH) % 2 === 0 ? 'main' : 'other' } }));
        const got = await post(v.port, alerts);
        if ('status' in got && got.status === 200) reposted += alerts.length;
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, resend));
    const restartedAt = Date.now();
    await until('a few group_interval windows after the re-post', () => Date.now() - restartedAt > 3_500, 10_000);
    const afterRestart = notificationCount() - beforeRestart;

    tally();
    const duplicates = [...seen].filter(([, n]) => n > 1);
    const lost = [...accepted.keys()].filter((id) => !seen.has(id));
    const storedTwice = [...stored].filter(([, n]) => n > 1);
    const notStored = [...accepted.keys()].filter((id) => !stored.has(id));
    const figures = {
      alerts_posted: next,
      alerts_accepted: outcomes.accepted,
      alerts_4xx: outcomes.rejected4xx,
      http_5xx: outcomes.fivexx.length,
      refused: outcomes.refused.length,
      reloads: reloadMs.length,
      port_moves: portMoves,
      database_files: files.length,
      reload_ms_median: reloadMs.sort((a, b) => a - b)[Math.floor(reloadMs.length / 2)],
      reload_ms_max: reloadMs[reloadMs.length - 1],
      notifications: beforeRestart,
      team_notifications_at_a: hookA!.received.filter((r) => r.path === '/team').length,
      team_notifications_at_b: hookB!.received.filter((r) => r.path === '/team').length,
      notified_alerts: seen.size,
      duplicates: duplicates.length,
      wrong_receiver: wrongReceiver.length,
      lost: lost.length,
      stored: stored.size,
      stored_twice: storedTwice.length,
      not_stored: notStored.length,
      reposted_after_restart: reposted,
      notifications_after_restart: afterRestart,
      send_duration_ms: sendMs,
      all_notified_after_ms: notifiedAt - startedAt,
    };
    console.log(`alerts-no-loss figures: ${JSON.stringify(figures)}`);

    expect(outcomes.accepted).toBe(TOTAL);
    expect(lost.slice(0, 10)).toEqual([]);
    expect(duplicates.slice(0, 10)).toEqual([]);
    expect(wrongReceiver.slice(0, 10)).toEqual([]);
    expect(notStored.slice(0, 10)).toEqual([]);
    expect(storedTwice.slice(0, 10)).toEqual([]);
    expect(reposted).toBe(TOTAL);
    expect(afterRestart).toBe(0);
    expect(figures.team_notifications_at_a * figures.team_notifications_at_b).toBeGreaterThan(0); // the URL swap was exercised
    expect(dbs.size).toBeGreaterThan(Math.floor(RELOADS / 6));
    expect(files.length).toBe(dbs.size);
  }, 240_000);
});
