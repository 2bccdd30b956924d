// The measuring half of bench/history/run.mjs (which bundles and runs it): see there.
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openAlertDatabase } from '../../server/alerts/alert-db';
import { AlertStore, type DeliveryAttempt, type StoredAlert } from '../../server/alerts/alert-store';
import { HistoryPruner } from '../../server/alerts/history/pruner';
import { DEFAULT_IMPACT_ALERTS, routingImpact, routingSideOf } from '../../server/alerts/routing-impact';
import { configSchema } from '../../server/config/schema';
import { registerHistoryApi } from '../../server/http/history-api';
import { Router } from '../../server/http/router';
import { silentLogger } from '../../server/log';

const ALERTS = 100_000;
const PAGE = 100;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PLANS = {
  full: { samples: 40, ingestWindowS: 6, rounds: 2, impactRuns: 30 },
  quick: { samples: 10, ingestWindowS: 2, rounds: 1, impactRuns: 5 },
};
const TARGETS = { page_p95_ms: 50, prune_cost_pct: 5, impact_p95_ms: 200 };

interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export async function main(opts: { quick: boolean; root: string; workDir: string }): Promise<void> {
  const plan = opts.quick ? PLANS.quick : PLANS.full;
  const log = (msg: string) => console.error(msg);
  const started = new Date().toISOString();

  log(`filling ${ALERTS.toLocaleString('en-US')} alerts and as many delivery attempts…`);
  const store = new AlertStore(openAlertDatabase(join(opts.workDir, 'pages.db')));
  const now = Date.now();
  const fillMs = fill(store, ALERTS, now);
  // The service indexes behind ingest (history/indexer.ts); here the whole backlog at once.
  const indexStarted = performance.now();
  while (store.indexNext(2_000) > 0);
  const indexMs = performance.now() - indexStarted;
  log(`stored in ${(fillMs / 1000).toFixed(1)} s, indexed in ${(indexMs / 1000).toFixed(1)} s`);
  const pages = await measurePages(store, plan.samples, now, log);
  const impact = measureImpact(store, plan.impactRuns, log);
  store.close();

  const retention = await measureRetention(opts.workDir, plan, log);

  const targets = {
    pages: pages.every((p) => p.first.p95 <= TARGETS.page_p95_ms && p.middle.p95 <= TARGETS.page_p95_ms && p.last.p95 <= TARGETS.page_p95_ms),
    retention: Math.max(retention.cost_pct, retention.saturated_cost_pct) <= TARGETS.prune_cost_pct,
    impact: impact.ms.p95 <= TARGETS.impact_p95_ms,
  };
  const result = { started, machine: machine(opts.root), fill: { alerts: ALERTS, deliveries: ALERTS, ms: Math.round(fillMs), index_ms: Math.round(indexMs) }, targets_ms: TARGETS, pages, retention, impact, targets_met: targets };
  console.log(report(result));
  const out = join(opts.root, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'history.json'), JSON.stringify(result, null, 2) + '\n');
  log(`wrote ${join(out, 'history.json')}`);
}

// ─── the data ────────────────────────────────────────────────────────────────────────

const COMMITS = Array.from({ length: 20 }, (_, i) => (i.toString(16).padStart(2, '0') + 'c0ffee').repeat(5));

/** Alert i: 50 alertnames, 20 teams, 5 clusters, 1,000 instances, a tenth critical, a
 *  quarter resolved (team, severity and status vary independently); 20 commits of 5,000
 *  alerts each, received over the last 10 days. */
function alertAt(i: number, n: number, now: number, receivedAt?: number): StoredAlert {
  const team = `t${i % 20}`;
  const s = Math.floor(i / 20) % 10;
  const severity = s === 0 ? 'critical' : s < 7 ? 'warning' : 'info';
  return {
    fingerprint: i.toString(16).padStart(16, '0'),
    status: Math.floor(i / 3) % 4 === 0 ? 'resolved' : 'firing',
    labels: { alertname: `Alert${(i * 7) % 50}`, severity, team, cluster: `c${i % 5}`, instance: `host-${(i * 13) % 1000}` },
    annotations: { summary: `alert ${i} on host-${(i * 13) % 1000}` },
    startsAt: new Date(now - DAY).toISOString(),
    endsAt: null,
    receivedAt: new Date(receivedAt ?? now - 10 * DAY + Math.floor((i * 10 * DAY) / n)).toISOString(),
    commit: COMMITS[Math.floor((i * COMMITS.length) / n)]!,
    receivers: severity === 'critical' ? [`team-${team}`, 'pager'] : [`team-${team}`],
  };
}

function deliveryAt(i: number, n: number, now: number): DeliveryAttempt {
  const team = `t${i % 20}`;
  return {
    groupKey: `{}:{alertname="Alert${i % 50}", team="${team}"}`,
    groupLabels: { alertname: `Alert${i % 50}`, team },
    receiver: `team-${team}`,
    integration: 'webhook/0',
    attempt: 1 + (i % 3 === 0 ? 1 : 0),
    ok: i % 17 !== 0,
    ...(i % 17 === 0 ? { error: 'webhook/0: HTTP 503 from the receiver' } : {}),
    latencyMs: 5 + (i % 40),
    alerts: 1 + (i % 5),
    commit: COMMITS[Math.floor((i * COMMITS.length) / n)]!,
    at: now - 10 * DAY + Math.floor((i * 10 * DAY) / n),
  };
}

function fill(store: AlertStore, n: number, now: number): number {
  const t = performance.now();
  for (let i = 0; i < n; i += 1000) {
    const size = Math.min(1000, n - i);
    store.insert(Array.from({ length: size }, (_, k) => alertAt(i + k, n, now)));
    store.recordDeliveries(Array.from({ length: size }, (_, k) => deliveryAt(i + k, n, now)));
  }
  return performance.now() - t;
}

// ─── 1. pages ────────────────────────────────────────────────────────────────────────

interface PageCase {
  name: string;
  path: 'alerts' | 'notifications';
  query: Record<string, string | string[]>;
}

function pageCases(now: number): PageCase[] {
  const day = (d: number) => new Date(now - d * DAY).toISOString();
  return [
    { name: 'no filter', path: 'alerts', query: {} },
    { name: 'alertname="Alert7" (2 %)', path: 'alerts', query: { filter: 'alertname="Alert7"' } },
    { name: 'team="t3",severity="critical" (0.5 %)', path: 'alerts', query: { filter: 'team="t3",severity="critical"' } },
    { name: 'receiver=team-t5 & status=resolved (1.25 %)', path: 'alerts', query: { receiver: 'team-t5', status: 'resolved' } },
    { name: 'commit (5 %)', path: 'alerts', query: { commit: COMMITS[10]!.slice(0, 12) } },
    { name: 'instance=~"host-1[0-9]{2}" (10 %, regex)', path: 'alerts', query: { filter: 'instance=~"host-1[0-9]{2}"' } },
    { name: 'one day & cluster="c2" & severity!="info"', path: 'alerts', query: { from: day(6), to: day(5), filter: ['cluster="c2"', 'severity!="info"'] } },
    { name: 'notifications: no filter', path: 'notifications', query: {} },
    { name: 'notifications: receiver=team-t2 & failed', path: 'notifications', query: { receiver: 'team-t2', status: 'failed' } },
    { name: 'notifications: alertname="Alert1"', path: 'notifications', query: { filter: 'alertname="Alert1"' } },
  ];
}

async function measurePages(store: AlertStore, samples: number, now: number, log: (m: string) => void) {
  const server = http.createServer(registerHistoryApi(new Router(), { store: () => store }).listener(silentLogger));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const out = [];
    for (const c of pageCases(now)) {
      log(`pages: ${c.name}`);
      // Walk every page once, keeping each page's cursor, to find the middle and the last.
      const cursors: Array<string | null> = [null];
      let rows = 0;
      for (;;) {
        const body = (await get(agent, url(base, c, cursors.at(-1)!))).body as { alerts?: unknown[]; notifications?: unknown[]; next_cursor: string | null };
        rows += (body.alerts ?? body.notifications ?? []).length;
        if (!body.next_cursor) break;
        cursors.push(body.next_cursor);
      }
      const depth = { first: cursors[0]!, middle: cursors[Math.floor(cursors.length / 2)]!, last: cursors.at(-1)! };
      const timed = async (cursor: string | null) => {
        const ms: number[] = [];
        for (let i = 0; i < samples; i++) ms.push((await get(agent, url(base, c, cursor))).ms);
        return summarize(ms);
      };
      out.push({ name: c.name, pages: cursors.length, rows, first: await timed(depth.first), middle: await timed(depth.middle), last: await timed(depth.last) });
    }
    return out;
  } finally {
    agent.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function url(base: string, c: PageCase, cursor: string | null): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(c.query)) for (const one of [v].flat()) params.append(k, one);
  params.set('limit', String(PAGE));
  if (cursor) params.set('cursor', cursor);
  return `${base}/api/v2/history/${c.path}?${params}`;
}

function get(agent: http.Agent, target: string): Promise<{ ms: number; body: unknown }> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(target, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - t;
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) return reject(new Error(`GET ${target}: ${res.statusCode} ${text}`));
          resolve({ ms, body: JSON.parse(text) });
        });
      })
      .on('error', reject);
  });
}

// ─── 2. retention while ingesting ────────────────────────────────────────────────────

/**
 * Ingest arrives at a steady rate — half of what this database takes flat out, measured
 * first — and is written as the service's history writer writes it: what arrived since the
 * last turn of the event loop, in one transaction. Each round: 50,000 expired rows are
 * pruned by the service's pruner (its default batch and duty cycle) while the ingest runs,
 * for as long as the pass takes; then the ingest runs as long again without pruning. The
 * cost is the throughput lost; the delay is how late the writes ran behind the arrivals.
 */
async function measureRetention(workDir: string, plan: (typeof PLANS)['full'], log: (m: string) => void) {
  const store = new AlertStore(openAlertDatabase(join(workDir, 'retention.db')));
  const now = Date.now();
  const EXPIRED = 50_000;
  let seq = 0;
  const next = () => alertAt(seq++, ALERTS, now, Date.now());
  const rounds: Array<{ without_per_s: number; with_per_s: number; without_lag_p99_ms: number; with_lag_p99_ms: number; pruned: number; prune_s: number; saturated_with_per_s: number; saturated_without_per_s: number }> = [];
  try {
    const capacity = await flatOut(store, 2_000, next);
    const rate = Math.round(capacity / 2);
    log(`retention: this database takes ${Math.round(capacity)} alerts/s flat out; ingest at ${rate}/s`);
    const expire = () => {
      // Expired: received 2 days ago, retention 1 day. Alerts only: deliveries prune the same way.
      for (let i = 0; i < EXPIRED; i += 1000) store.insert(Array.from({ length: 1000 }, () => alertAt(seq++, ALERTS, now, now - 2 * DAY)));
      // Expired rows were indexed long ago: pruning deletes their index rows too. (The rows
      // ingested below stay unindexed in both halves of the round: no indexer runs here.)
      while (store.indexNext(2_000) > 0);
    };
    for (let r = 0; r < plan.rounds; r++) {
      log(`retention round ${r + 1}/${plan.rounds}: ${EXPIRED.toLocaleString('en-US')} expired rows`);
      expire();
      let pruned = 0;
      const pruner = new HistoryPruner(() => ({ store, retentionMs: DAY }), { onPruned: (_t, n) => (pruned += n) });
      const t = performance.now();
      const pass = pruner.run();
      const withPrune = await steady(store, rate, plan.ingestWindowS * 1000, next, () => pruner.running);
      await pass;
      const passS = (performance.now() - t) / 1000;
      const without = await steady(store, rate, withPrune.ms, next);
      // Saturated: ingest as fast as the loop goes, while a second pass prunes, then as long
      // again without — the throughput pruning takes when there is no spare time.
      expire();
      const second = new HistoryPruner(() => ({ store, retentionMs: DAY }));
      const secondPass = second.run();
      const satWith = await flatOutWhile(store, next, () => second.running);
      await secondPass;
      const satWithout = await flatOut(store, satWith.ms, next);
      rounds.push({
        without_per_s: Math.round(without.perS),
        with_per_s: Math.round(withPrune.perS),
        without_lag_p99_ms: without.lagP99,
        with_lag_p99_ms: withPrune.lagP99,
        pruned,
        prune_s: Math.round(passS * 10) / 10,
        saturated_with_per_s: Math.round(satWith.perS),
        saturated_without_per_s: Math.round(satWithout),
      });
      log(`  ${Math.round(withPrune.perS)}/s while pruning ${pruned} rows in ${passS.toFixed(1)} s, ${Math.round(without.perS)}/s without; saturated ${Math.round(satWith.perS)}/s vs ${Math.round(satWithout)}/s`);
    }
    const avg = (f: (x: (typeof rounds)[number]) => number) => rounds.reduce((sum, x) => sum + f(x), 0) / rounds.length;
    const without = avg((x) => x.without_per_s);
    const withP = avg((x) => x.with_per_s);
    const satWithout = avg((x) => x.saturated_without_per_s);
    const satWith = avg((x) => x.saturated_with_per_s);
    return {
      capacity_per_s: Math.round(capacity),
      offered_per_s: rate,
      rounds,
      ingest_without_per_s: Math.round(without),
      ingest_with_per_s: Math.round(withP),
      cost_pct: Math.max(0, Math.round((1 - withP / without) * 1000) / 10),
      saturated_without_per_s: Math.round(satWithout),
      saturated_with_per_s: Math.round(satWith),
      saturated_cost_pct: Math.max(0, Math.round((1 - satWith / satWithout) * 1000) / 10),
    };
  } finally {
    store.close();
  }
}

/** Alerts per second the database takes when written as fast as the loop goes, 100 a turn. */
async function flatOut(store: AlertStore, ms: number, next: () => StoredAlert): Promise<number> {
  const t = performance.now();
  let n = 0;
  while (performance.now() - t < ms) {
    store.insert(Array.from({ length: 100 }, next));
    n += 100;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return n / ((performance.now() - t) / 1000);
}

/** As flatOut, for as long as `more()` holds; the rate and how long it ran. */
async function flatOutWhile(store: AlertStore, next: () => StoredAlert, more: () => boolean): Promise<{ perS: number; ms: number }> {
  const t = performance.now();
  let n = 0;
  while (more()) {
    store.insert(Array.from({ length: 100 }, next));
    n += 100;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const ms = performance.now() - t;
  return { perS: n / (ms / 1000), ms };
}

/** Alerts arrive at `rate`/s; each turn writes what is due. Runs `ms` (and while `more()`). */
async function steady(store: AlertStore, rate: number, ms: number, next: () => StoredAlert, more: () => boolean = () => false): Promise<{ perS: number; ms: number; lagP99: number }> {
  const t = performance.now();
  let written = 0;
  const lags: number[] = [];
  let last = t;
  while (performance.now() - t < ms || more()) {
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
    const at = performance.now();
    lags.push(at - last);
    last = at;
    const due = Math.floor(((at - t) / 1000) * rate) - written;
    if (due > 0) {
      store.insert(Array.from({ length: due }, next));
      written += due;
    }
  }
  const elapsed = performance.now() - t;
  return { perS: written / (elapsed / 1000), ms: elapsed, lagP99: summarize(lags).p99 };
}

// ─── 3. routing impact ───────────────────────────────────────────────────────────────

function measureImpact(store: AlertStore, runs: number, log: (m: string) => void) {
  log('routing impact: 1,000 alerts, a 1,000-route tree');
  const receivers = [...Array.from({ length: 20 }, (_, i) => `team-t${i}`), 'pager', 'default'].map((name) => ({ name, webhook_configs: [{ url: `http://127.0.0.1:9/${name}` }] }));
  // 1,000 routes: one per (alertname, team) pair in use, each with a regex matcher, as large
  // trees are written (per service, per team); the draft moves one team's critical alerts.
  const routes = Array.from({ length: 1_000 }, (_, i) => ({ matchers: [`alertname="Alert${i % 50}"`, `team="t${Math.floor(i / 50)}"`, 'cluster=~"c[0-9]+"'], receiver: `team-t${Math.floor(i / 50)}` }));
  const running = configSchema.parse({ receivers, route: { receiver: 'default', group_by: ['alertname'], routes } });
  const draft = configSchema.parse({ receivers, route: { receiver: 'default', group_by: ['alertname'], routes: [{ matchers: ['team="t3"', 'severity="critical"'], receiver: 'pager' }, ...routes] } });
  const live = routingSideOf(running);
  const ms: number[] = [];
  let last = null;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = routingImpact(store.queries.recentAlerts(DEFAULT_IMPACT_ALERTS), live, draft);
    ms.push(performance.now() - t);
  }
  return { alerts: last!.replayed, routes: 1_000, changed: last!.changed, moves: last!.moves.slice(0, 3), ms: summarize(ms) };
}

// ─── report ──────────────────────────────────────────────────────────────────────────

function summarize(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => round(s[Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length))) - 1]!);
  return { count: s.length, p50: at(50), p95: at(95), p99: at(99), max: round(s.at(-1)!) };
}

const round = (x: number) => Math.round(x * 100) / 100;

function table(headers: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

function report(r: {
  machine: ReturnType<typeof machine>;
  fill: { ms: number; index_ms: number };
  pages: Array<{ name: string; pages: number; rows: number; first: Summary; middle: Summary; last: Summary }>;
  retention: Awaited<ReturnType<typeof measureRetention>>;
  impact: ReturnType<typeof measureImpact>;
  targets_met: Record<string, boolean>;
}): string {
  const pages = table(
    ['filter', 'rows', 'pages', 'first p50', 'first p95', 'middle p50', 'middle p95', 'last p50', 'last p95'],
    r.pages.map((p) => [p.name, p.rows.toLocaleString('en-US'), p.pages, p.first.p50, p.first.p95, p.middle.p50, p.middle.p95, p.last.p50, p.last.p95]),
  );
  const retention = table(
    ['round', 'steady ingest while pruning (alerts/s)', 'without', 'turn gap p99 while pruning (ms)', 'without', 'rows pruned', 'pass (s)', 'saturated ingest while pruning (alerts/s)', 'without'],
    r.retention.rounds.map((x, i) => [i + 1, x.with_per_s.toLocaleString('en-US'), x.without_per_s.toLocaleString('en-US'), x.with_lag_p99_ms, x.without_lag_p99_ms, x.pruned.toLocaleString('en-US'), x.prune_s, x.saturated_with_per_s.toLocaleString('en-US'), x.saturated_without_per_s.toLocaleString('en-US')]),
  );
  const impact = table(['alerts', 'routes', 'changed', 'p50 ms', 'p95 ms', 'max ms'], [[r.impact.alerts, r.impact.routes, r.impact.changed, r.impact.ms.p50, r.impact.ms.p95, r.impact.ms.max]]);
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  return [
    `# History benchmark (${r.machine.cpus} × ${r.machine.cpu}, load ${r.machine.load}, ${r.machine.commit})`,
    '',
    `## Filtered pages of ${PAGE} rows over HTTP, 100,000 alerts + 100,000 deliveries (ms; stored in ${(r.fill.ms / 1000).toFixed(1)} s, term index written in ${(r.fill.index_ms / 1000).toFixed(1)} s)`,
    '',
    pages,
    '',
    `## Retention: 50,000 expired rows pruned while ingesting at a steady ${r.retention.offered_per_s.toLocaleString('en-US')} alerts/s (half of the ${r.retention.capacity_per_s.toLocaleString('en-US')}/s this database takes flat out)`,
    '',
    retention,
    '',
    `ingest cost of pruning: ${r.retention.cost_pct} % at a steady rate (${r.retention.ingest_with_per_s.toLocaleString('en-US')} vs ${r.retention.ingest_without_per_s.toLocaleString('en-US')} alerts/s); ${r.retention.saturated_cost_pct} % when ingest takes all the time there is (${r.retention.saturated_with_per_s.toLocaleString('en-US')} vs ${r.retention.saturated_without_per_s.toLocaleString('en-US')} alerts/s)`,
    '',
    '## Routing impact (read the last 1,000 alerts + replay through both trees)',
    '',
    impact,
    '',
    '## Targets',
    '',
    `- filtered page p95 ≤ ${TARGETS.page_p95_ms} ms at first/middle/last page: ${verdict(r.targets_met.pages!)}`,
    `- pruning costs ≤ ${TARGETS.prune_cost_pct} % ingest throughput: ${verdict(r.targets_met.retention!)}`,
    `- routing impact p95 ≤ ${TARGETS.impact_p95_ms} ms: ${verdict(r.targets_met.impact!)}`,
  ].join('\n');
}

function machine(root: string) {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  return { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', load: loadavg().map((x) => x.toFixed(2)).join(' '), node: process.version, commit };
}
