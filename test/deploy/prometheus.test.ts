// hotconf as the Prometheus stack sees it. The alert rules pass promtool's check and their
// unit tests (deploy/prometheus/hotconf-rules.test.yml), each links a runbook section that
// exists; then a real Prometheus scrapes a real `hotconf serve` through a scripted scenario
// — alerts in and notified, a hand edit + SIGHUP, a rollback, a refused ingest, a broken
// config — and the failed-reload rule fires, and every query of the Grafana dashboard
// returns data: no panel asks for a metric the service does not write.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type CaptureServer, startCaptureServer } from '../server/alerts/capture-server';
import { PROMTOOL, type PrometheusProcess, assertPrometheus, startPrometheus } from '../support/prometheus-process';
import { type ServiceProcess, freePort, serviceProcess } from '../support/service-process';

const ROOT = join(__dirname, '../..');
const RULES = join(ROOT, 'deploy/prometheus/hotconf-rules.yml');
const RULE_TESTS = join(ROOT, 'deploy/prometheus/hotconf-rules.test.yml');
const DASHBOARD = join(ROOT, 'deploy/grafana/hotconf.json');
const RUNBOOK = join(ROOT, 'docs/runbook.md');

interface Rule {
  alert: string;
  expr: string;
  annotations: Record<string, string>;
}
const rules = (): Rule[] => (parse(readFileSync(RULES, 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules);

describe('deploy/prometheus/hotconf-rules.yml', () => {
  beforeAll(() => assertPrometheus());

  it('passes promtool check rules', () => {
    const r = spawnSync(PROMTOOL, ['check', 'rules', RULES], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toContain('SUCCESS: 8 rules found');
    expect(r.status).toBe(0);
  });

  it('passes its promtool unit tests: each rule fires on a real failure\'s series and stays quiet otherwise', () => {
    const r = spawnSync(PROMTOOL, ['test', 'rules', RULE_TESTS], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toContain('SUCCESS');
    expect(r.status).toBe(0);
    // Every rule is exercised by the unit tests.
    const tested = readFileSync(RULE_TESTS, 'utf8');
    for (const rule of rules()) expect(tested, rule.alert).toContain(`alertname: ${rule.alert}`);
  });

  it('gives every rule a summary, a description and a runbook_url whose section exists in docs/runbook.md', () => {
    const headings = new Set([...readFileSync(RUNBOOK, 'utf8').matchAll(/^## (.+)$/gm)].map((m) => m[1]!.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')));
    for (const rule of rules()) {
      expect(rule.annotations.summary, rule.alert).toBeTruthy();
      expect(rule.annotations.description, rule.alert).toBeTruthy();
      const anchor = /docs\/runbook\.md#([a-z0-9-]+)$/.exec(rule.annotations.runbook_url ?? '')?.[1];
      expect(anchor && headings.has(anchor), `${rule.alert}: ${rule.annotations.runbook_url}`).toBe(true);
    }
  });
});

describe('a real Prometheus scraping a real hotconf serve', () => {
  let svc: ServiceProcess;
  let prom: PrometheusProcess;
  let hook: CaptureServer;
  let port: number;

  const config = (receivers: string[], extra = '') =>
    [
      'server: { host: 127.0.0.1, port: ' + port + ', graceful_shutdown_timeout: 2s }',
      'database: { path: alerts.db }',
      'route:',
      '  receiver: team',
      '  group_by: [alertname]',
      '  group_wait: 0s',
      '  group_interval: 1s',
      'receivers:',
      ...receivers.map((name) => `  - name: ${name}\n    webhook_configs: [{ url: '${hook.url('/' + name)}' }]`),
      extra,
    ].join('\n');

  beforeAll(async () => {
    assertPrometheus();
    hook = await startCaptureServer();
    port = await freePort();
    // A rollback on demand: reloads through the admin API fail the receivers' health
    // check; SIGHUP reloads do not.
    svc = await serviceProcess({ config: config(['team']), env: { HOTCONF_FAILPOINTS: 'receivers.health=throw@api' } });
    await svc.start();
    const admin = new URL(svc.adminUrl);
    prom = await startPrometheus(
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        'rule_files: [hotconf-rules.yml]',
        'scrape_configs:',
        `  - job_name: hotconf`,
        `    static_configs: [{ targets: ['${admin.host}'] }]`,
      ].join('\n'),
      { 'hotconf-rules.yml': readFileSync(RULES, 'utf8') },
    );
    await until('Prometheus scraping hotconf', async () => (await prom.query('up{job="hotconf"} == 1')).length === 1);
  }, 60_000);

  afterAll(async () => {
    await prom?.stop();
    await svc?.stop();
    svc?.cleanup();
    await hook?.close();
  });

  it('fires HotconfReloadFailed once a broken config is reloaded, and every dashboard query returns data', async () => {
    // Alerts in and notified.
    const post = (body: string) => fetch(`http://127.0.0.1:${port}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect((await post(JSON.stringify([{ labels: { alertname: 'DiskFull', instance: 'a' } }]))).status).toBe(200);
    await until('the webhook notification', async () => hook.received.length > 0);
    expect((await post('{"not": json')).status).toBe(400);

    // A reload through the API rolls back (the last reload failed: the rule may fire); then a
    // hand edit + SIGHUP reloads, and the last reload is a success again.
    svc.writeConfig(config(['team', 'oncall', 'db']));
    expect((await svc.reload()).body.error.details.record).toMatchObject({ status: 'rolled_back', rollback_reason: 'health_check_failed' });
    const last = (await svc.status()).last_reload_id;
    svc.writeConfig(config(['team', 'oncall']));
    svc.signal('SIGHUP');
    expect(await svc.waitForRecord(last)).toMatchObject({ status: 'success' });
    // Prometheus has seen both, and the failed-reload rule is quiet before the failure below.
    await until('Prometheus seeing the rollback and the good reload', async () => (await prom.query('config_reload_rollbacks_total{reason="health_check_failed"} > 0 and on() config_last_reload_successful == 1')).length === 1);
    await until('HotconfReloadFailed quiet', async () => !firing(await prom.alerts(), 'HotconfReloadFailed'));

    // A broken config: the reload is refused, the old config keeps running.
    const before = (await svc.status()).last_reload_id;
    svc.writeConfig(config(['team']).replace('receiver: team', 'receiver: nobody'));
    svc.signal('SIGHUP');
    expect(await svc.waitForRecord(before)).toMatchObject({ status: 'validation_failed' });
    await until('HotconfReloadFailed firing', async () => firing(await prom.alerts(), 'HotconfReloadFailed'), 30_000);
    expect(firing(await prom.alerts(), 'HotconfReloadRolledBack')).toBe(true);

    // The dashboard: every query, with Grafana's variables as Grafana would fill them.
    const served = new Set((await svc.metrics()).split('\n').filter((l) => l && !l.startsWith('#')).map((l) => /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(l)![0]));
    const queries = dashboardQueries();
    expect(queries.length).toBeGreaterThan(15);
    const empty: string[] = [];
    for (const expr of queries) {
      for (const name of metricNames(expr)) expect(served.has(name) || served.has(name.replace(/_bucket$/, '_count')), `${name} in ${expr}`).toBe(true);
      const filled = expr.replaceAll('$__rate_interval', '1m').replaceAll('$instance', '.*');
      if ((await prom.query(filled)).length === 0) empty.push(filled);
    }
    expect(empty).toEqual([]);
  }, 90_000);
});

function firing(alerts: { labels: Record<string, string>; state: string }[], name: string): boolean {
  return alerts.some((a) => a.labels.alertname === name && a.state === 'firing');
}

/** Every PromQL expression of the dashboard: panel targets, annotations, variable queries. */
function dashboardQueries(): string[] {
  const dash = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
    panels: { targets?: { expr: string }[] }[];
    annotations: { list: { expr?: string }[] };
    templating: { list: { definition?: string }[] };
  };
  const variables = dash.templating.list.flatMap((v) => (v.definition ? [/^label_values\((\w+),/.exec(v.definition)![1]!] : []));
  return [...dash.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)), ...dash.annotations.list.flatMap((a) => (a.expr ? [a.expr] : [])), ...variables];
}

/** Metric names an expression reads (identifiers followed by a selector or a range). */
function metricNames(expr: string): string[] {
  const functionsAndKeywords = new Set(['sum', 'max', 'rate', 'increase', 'histogram_quantile', 'by', 'on', 'and', 'le']);
  return [...expr.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?=\{|\[)/g)].map((m) => m[1]!).filter((n) => !functionsAndKeywords.has(n));
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
