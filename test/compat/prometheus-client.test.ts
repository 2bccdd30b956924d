// Prometheus, the client hotconf's ingest API exists for: a real Prometheus (Debian's
// package) evaluates a rule that fires at once (`vector(1)`, every second) and sends the
// alert to hotconf's service listener as it would to Alertmanager (`api_version: v2`, with
// the ingest API key as its bearer credentials). The alert must be taken, routed, and
// delivered by the webhook receiver to a local sink, and Prometheus's own metrics must show
// notifications sent to hotconf and none failed.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMETHEUS, type PrometheusProcess, sample, startPrometheus } from '../support/prometheus-process';
import { type ServiceProcess, freePort, serviceProcess } from '../support/service-process';
import { type Sink, startSink, until } from './support/peer-pair';

const present = existsSync(PROMETHEUS);
if (!present) console.warn(`prometheus-client: skipped, ${PROMETHEUS} is absent (apt-get install prometheus; npm test's prepare step installs it)`);

const KEY = 'prometheus-ingest-key-0123456789';

const RULES = `groups:
  - name: hotconf-client
    interval: 1s
    rules:
      - alert: AlwaysFiring
        expr: vector(1)
        labels: { severity: page, team: db }
        annotations: { summary: fires at once }
`;

function prometheusConfig(port: number, credentials: string): string {
  return `global:
  evaluation_interval: 1s
rule_files: [rules.yml]
alerting:
  alertmanagers:
    - api_version: v2
      authorization: { type: Bearer, credentials: ${credentials} }
      static_configs:
        - targets: ['127.0.0.1:${port}']
`;
}

function hotconfConfig(port: number, sink: string): string {
  return `server: { host: 127.0.0.1, port: ${port} }
log: { level: warn }
database: { path: alerts.db }
webhook:
  authentication: { type: api_key, api_key: '\${env:INGEST_API_KEY}' }
route:
  receiver: default
  group_by: [alertname]
  group_wait: 0s
  routes:
    - matchers: ['team="db"']
      receiver: db-pager
receivers:
  - name: default
    webhook_configs: [{ url: ${sink}/default }]
  - name: db-pager
    webhook_configs: [{ url: ${sink}/db-pager }]
`;
}

describe.skipIf(!present)('Prometheus sends its alerts to hotconf as to Alertmanager', () => {
  let sink: Sink;
  let hc: ServiceProcess;
  let prom: PrometheusProcess;
  let port: number;
  const endpoint = () => `http://127.0.0.1:${port}/api/v2/alerts`;

  beforeAll(async () => {
    [sink, port] = await Promise.all([startSink(), freePort()]);
    hc = await serviceProcess({ config: hotconfConfig(port, sink.base), env: { INGEST_API_KEY: KEY } });
    await hc.start();
    // Prometheus resends firing alerts every resend-delay (1 m by default); its first send can
    // come before it has set up its Alertmanagers (it then counts the alert as dropped).
    prom = await startPrometheus(prometheusConfig(port, KEY), { 'rules.yml': RULES }, ['--rules.alert.resend-delay=1s']);
  }, 60_000);

  afterAll(async () => {
    await prom?.stop();
    await hc?.stop();
    hc?.cleanup();
    await sink?.close();
  });

  it('the firing alert reaches hotconf, is routed by its labels, and the webhook sink receives it', async () => {
    const delivery = await until('the db-pager webhook to receive AlwaysFiring', () => sink.received.find((d) => d.path === '/db-pager'), 30_000);
    const body = delivery.body as { receiver: string; status: string; alerts: { labels: Record<string, string>; annotations: Record<string, string>; generatorURL: string }[] };
    expect(body.receiver).toBe('db-pager');
    expect(body.status).toBe('firing');
    expect(body.alerts).toHaveLength(1);
    expect(body.alerts[0]!.labels).toEqual({ alertname: 'AlwaysFiring', severity: 'page', team: 'db' });
    expect(body.alerts[0]!.annotations).toEqual({ summary: 'fires at once' });
    // Prometheus links each alert to its expression.
    expect(body.alerts[0]!.generatorURL).toContain('vector%281%29');
    expect(sink.received.filter((d) => d.path === '/default')).toEqual([]);
  }, 40_000);

  it('hotconf lists the alert in GET /api/v2/alerts with the receiver it routed it to', async () => {
    const alerts = (await (await fetch(endpoint())).json()) as { labels: Record<string, string>; receivers: { name: string }[]; status: { state: string } }[];
    const firing = alerts.find((a) => a.labels.alertname === 'AlwaysFiring');
    expect(firing?.receivers).toEqual([{ name: 'db-pager' }]);
    expect(firing?.status.state).toBe('active');
  });

  it("Prometheus's own metrics: notifications sent to hotconf, none failed", async () => {
    const labels = { alertmanager: endpoint() };
    let metrics = await prom.metrics();
    const deadline = Date.now() + 20_000;
    while ((sample(metrics, 'prometheus_notifications_sent_total', labels) ?? 0) === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      metrics = await prom.metrics();
    }
    console.info(`prometheus-client: Prometheus reports ${sample(metrics, 'prometheus_notifications_sent_total', labels)} alerts sent to hotconf, ${sample(metrics, 'prometheus_notifications_errors_total', labels)} errors`);
    expect(Number(/^prometheus_notifications_alertmanagers_discovered (\S+)$/m.exec(metrics)?.[1])).toBe(1);
    expect(sample(metrics, 'prometheus_notifications_sent_total', labels)).toBeGreaterThan(0);
    expect(sample(metrics, 'prometheus_notifications_errors_total', labels)).toBe(0);
  }, 30_000);
});
