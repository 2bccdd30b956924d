// Each integration's request for a representative group, where the real Alertmanager 0.25
// cannot be the oracle (Teams is newer; Pushover and PagerDuty v1 go to fixed URLs; SNS and
// WeChat are not built), and the rules every notifier shares: what is retried, what is
// final, that no secret appears in a message, and http_config's credentials.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReceivers, type BuildOptions, type Notifier } from '../../../../server/alerts/notifiers';
import { groupKeyHash } from '../../../../server/alerts/notify/data';
import { NotifyError, type Notification } from '../../../../server/alerts/notify/types';
import { configSchema } from '../../../../server/config/schema';
import { DATASETS } from './fixtures';
import { startHttpSink, startSmtpSink, type HttpSink } from './sinks';

let sink: HttpSink;
beforeEach(async () => (sink = await startHttpSink()));
afterEach(() => sink.close());
const dir = mkdtempSync(join(tmpdir(), 'hotconf-notify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const { notification: firing, externalURL } = DATASETS.firingOnly!;
const resolved: Notification = { ...DATASETS.resolvedOnly!.notification };

/** The notifier the schema and builder make of one integration config. */
function notifierOf(receiver: Record<string, unknown>, opts: Omit<BuildOptions, 'global'> & { global?: Record<string, unknown> } = {}): Notifier {
  const config = configSchema.parse({ global: opts.global ?? {}, route: { receiver: 'r' }, receivers: [{ name: 'r', ...receiver }] });
  return buildReceivers(config.receivers, { ...opts, global: config.global, externalURL }).get('r')!.notifiers[0]!;
}

async function failure(p: Promise<void>): Promise<NotifyError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(NotifyError);
  return err as NotifyError;
}

describe('Microsoft Teams (0.27 MessageCard)', () => {
  it('POSTs the card with the default title, summary, text and colour', async () => {
    await notifierOf({ msteams_configs: [{ webhook_url: `${sink.base}/teams/hook` }] }).notify(firing);
    const r = sink.received[0]!;
    expect([r.method, r.url, r.headers['content-type']]).toEqual(['POST', '/teams/hook', 'application/json']);
    const card = JSON.parse(r.body);
    expect(Object.keys(card)).toEqual(['@context', 'type', 'title', 'summary', 'text', 'themeColor']);
    expect(card).toMatchObject({ '@context': 'http://schema.org/extensions', type: 'MessageCard', title: '[FIRING:2] DiskFull (critical db)', summary: '[FIRING:2] DiskFull (critical db)', themeColor: '8C1A1A' });
    expect(card.text).toMatch(/^\n\n# Alerts Firing:\n\nLabels:\n  - alertname = DiskFull\n/);
  });

  it('reads webhook_url_file at every send and goes green when resolved', async () => {
    const file = join(dir, 'teams-url');
    writeFileSync(file, `${sink.base}/teams/one\n`);
    const n = notifierOf({ msteams_configs: [{ webhook_url_file: file }] });
    await n.notify(resolved);
    writeFileSync(file, `${sink.base}/teams/two`);
    await n.notify(resolved);
    expect(sink.received.map((r) => r.url)).toEqual(['/teams/one', '/teams/two']);
    expect(JSON.parse(sink.received[0]!.body).themeColor).toBe('2DC72D');
  });
});

describe('Pushover', () => {
  it('POSTs every parameter in the sorted query string with an empty text/plain body', async () => {
    await notifierOf({ pushover_configs: [{ user_key: 'user-key-secret', token: 'app-token-secret', sound: 'siren', url_title: 'AM' }] }, { endpoints: { pushover: `${sink.base}/1/messages.json` } }).notify(firing);
    const r = sink.received[0]!;
    expect([r.method, r.headers['content-type'], r.body]).toEqual(['POST', 'text/plain', '']);
    const url = new URL(r.url, sink.base);
    expect(url.pathname).toBe('/1/messages.json');
    expect([...url.searchParams.keys()]).toEqual(['expire', 'message', 'priority', 'retry', 'sound', 'title', 'token', 'url', 'url_title', 'user']);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ expire: '3600', retry: '60', priority: '2', sound: 'siren', title: '[FIRING:2] DiskFull (critical db)', token: 'app-token-secret', user: 'user-key-secret', url: 'http://am.example:9093/#/alerts?receiver=team-db', url_title: 'AM' });
    expect(url.searchParams.get('message')).toMatch(/^http:\/\/wiki\/disk disk 97% full\n\nAlerts Firing:\nLabels:/);
    expect(r.url).toContain('title=%5BFIRING%3A2%5D+DiskFull'); // Go's QueryEscape: space as +
  });

  it('sends "(no details)" for an empty message, html=1 with an HTML-escaped message, retry/expire in seconds', async () => {
    await notifierOf({ pushover_configs: [{ user_key: 'u', token: 't', message: ' ', retry: '90s', expire: '2h' }] }, { endpoints: { pushover: `${sink.base}/p` } }).notify(firing);
    await notifierOf({ pushover_configs: [{ user_key: 'u', token: 't', html: true, message: '<b>{{ .CommonLabels.team }}</b> & {{ "a<b" }}' }] }, { endpoints: { pushover: `${sink.base}/p` } }).notify(firing);
    const [plain, html] = sink.received.map((r) => new URL(r.url, sink.base).searchParams);
    expect([plain!.get('message'), plain!.get('retry'), plain!.get('expire'), plain!.get('html')]).toEqual(['(no details)', '90', '7200', null]);
    expect([html!.get('message'), html!.get('html')]).toEqual(['<b>db</b> & a&lt;b', '1']);
  });
});

describe('PagerDuty', () => {
  it('Events API v1 for service_key: event_type, incident_key, client only on trigger', async () => {
    const n = notifierOf({ pagerduty_configs: [{ service_key: 'svc-key-secret' }] }, { endpoints: { pagerdutyV1: `${sink.base}/generic/2010-04-15/create_event.json` } });
    await n.notify(firing);
    await n.notify({ ...firing, alerts: firing.alerts.map((a) => ({ ...a, status: 'resolved' as const, endsAt: '2024-05-01T11:00:00Z' })) });
    const [trigger, resolve] = sink.received.map((r) => r.body);
    expect(sink.received[0]!.url).toBe('/generic/2010-04-15/create_event.json');
    expect(trigger).toBe(
      `{"service_key":"svc-key-secret","incident_key":"${groupKeyHash(firing.groupKey)}","event_type":"trigger","description":"[FIRING:2] DiskFull (critical db)","event_action":"","payload":null,"client":"Alertmanager","client_url":"http://am.example:9093/#/alerts?receiver=team-db","details":{"firing":"Labels:\\n - alertname = DiskFull\\n - instance = db-1:9100\\n - severity = critical\\n - team = db\\nAnnotations:\\n - runbook = http://wiki/disk\\n - summary = disk 97% full\\nSource: http://prom.example:9090/graph?g0.expr=up\\u0026g0.tab=1\\nLabels:\\n - alertname = DiskFull\\n - instance = db-2:9100\\n - severity = critical\\n - team = db\\nAnnotations:\\n - runbook = http://wiki/disk\\n - summary = disk 97% full\\nSource: http://prom.example:9090/graph?g0.expr=up\\u0026g0.tab=1\\n","num_firing":"2","num_resolved":"0","resolved":""}}\n`,
    );
    expect(JSON.parse(resolve!)).not.toHaveProperty('client');
    expect(JSON.parse(resolve!).event_type).toBe('resolve');
  });

  it('retries v1 on 403 and v2 on 429; a v2 400 is final and quotes PagerDuty\'s explanation', async () => {
    sink.answer = () => ({ status: 403, body: '' });
    expect((await failure(notifierOf({ pagerduty_configs: [{ service_key: 'k1' }] }, { endpoints: { pagerdutyV1: `${sink.base}/v1` } }).notify(firing))).retryable).toBe(true);
    sink.answer = () => ({ status: 429, body: '' });
    const v2 = notifierOf({ pagerduty_configs: [{ routing_key: 'rk-secret', url: `${sink.base}/v2` }] });
    expect((await failure(v2.notify(firing))).retryable).toBe(true);
    sink.answer = () => ({ status: 400, body: '{"status":"invalid event","message":"Event object is invalid","errors":["Length of \'routing_key\' is incorrect (should be 32 characters)"]}' });
    const e = await failure(v2.notify(firing));
    expect([e.retryable, e.message]).toEqual([false, "unexpected status code 400: Event object is invalid: Length of 'routing_key' is incorrect (should be 32 characters)"]);
  });

  it('replaces custom details when the event is over 512000 bytes', async () => {
    await notifierOf({ pagerduty_configs: [{ routing_key: 'rk', url: `${sink.base}/v2`, details: { big: '{{ range $i := .Alerts }}' + 'x'.repeat(300_000) + '{{ end }}' } }] }).notify(firing);
    expect(JSON.parse(sink.received[0]!.body).payload.custom_details).toEqual({ error: 'Custom details have been removed because the original event exceeds the maximum size of 512KB' });
  });
});

describe('SNS and WeChat', () => {
  it('fail every attempt, final, saying they are not built', async () => {
    const sns = notifierOf({ sns_configs: [{ topic_arn: 'arn:aws:sns:eu-west-1:1:t', sigv4: { region: 'eu-west-1' } }] });
    const e1 = await failure(sns.notify(firing));
    expect([e1.message, e1.retryable, sns.kind]).toEqual(['SNS delivery is not built yet in hotconf; nothing was sent', false, 'sns']);
    const wechat = notifierOf({ wechat_configs: [{ api_secret: 's', corp_id: 'c' }] });
    expect((await failure(wechat.notify(firing))).message).toBe('WeChat delivery is not built yet in hotconf; nothing was sent');
  });
});

describe('retries and secrets', () => {
  const webhook = (path = '/hook', extra: Record<string, unknown> = {}) => notifierOf({ webhook_configs: [{ url: `${sink.base}${path}`, ...extra }] });

  it('retries 5xx, 429 and network failures; 4xx is final', async () => {
    for (const [status, retryable] of [[500, true], [503, true], [429, true], [404, false], [400, false]] as const) {
      sink.answer = () => ({ status, body: 'nope' });
      const e = await failure(webhook().notify(firing));
      expect([e.status, e.retryable, e.message]).toEqual([status, retryable, `unexpected status code ${status}: nope`]);
    }
    const url = `${sink.base}/gone`;
    await sink.close();
    const e = await failure(notifierOf({ webhook_configs: [{ url }] }).notify(firing));
    expect(e.retryable).toBe(true);
    expect(e.message).toMatch(/^request failed \(ECONN(REFUSED|RESET)\)$/);
    sink = await startHttpSink();
  });

  it('times out as retryable', async () => {
    const hang = await import('node:http').then(({ default: http }) => http.createServer(() => undefined));
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const port = (hang.address() as { port: number }).port;
    const e = await failure(notifierOf({ webhook_configs: [{ url: `http://127.0.0.1:${port}/slow`, timeout: '100ms' }] }).notify(firing));
    expect([e.retryable, e.message]).toEqual([true, 'no answer within 100 ms (timeout)']);
    hang.closeAllConnections();
    hang.close();
  });

  it('stops an attempt the caller cancels, as retryable, and says so', async () => {
    const hang = await import('node:http').then(({ default: http }) => http.createServer(() => undefined));
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const port = (hang.address() as { port: number }).port;
    const controller = new AbortController();
    const attempt = notifierOf({ webhook_configs: [{ url: `http://127.0.0.1:${port}/slow`, timeout: '10s' }] }).notify(firing, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const e = await failure(attempt);
    expect([e.retryable, e.message]).toEqual([true, 'the attempt was cancelled']);
    expect(Date.now() - started).toBeLessThan(5_000); // not the 10 s timeout
    hang.closeAllConnections();
    hang.close();
  });

  it('never shows a URL, key or token, even when the service echoes it', async () => {
    sink.answer = (req) => ({ status: 500, body: `bad request to ${req.url} with ${req.headers['authorization']}` });
    const slack = notifierOf({ slack_configs: [{ api_url: `${sink.base}/services/T1/B1/sl4ck-s3cret`, channel: '#ops' }] });
    const e1 = await failure(slack.notify(firing));
    expect(e1.message).toMatch(/^channel "#ops": unexpected status code 500: bad request to <secret>/);
    expect(e1.message).not.toContain('sl4ck-s3cret');
    const og = notifierOf({ opsgenie_configs: [{ api_key: 'genie-k3y-secret', api_url: `${sink.base}/` }] });
    expect((await failure(og.notify(firing))).message).not.toContain('genie-k3y-secret');
    const tg = notifierOf({ telegram_configs: [{ api_url: sink.base, bot_token: '999:t0ken-secret', chat_id: 5 }] });
    sink.answer = () => ({ status: 400, body: '{"ok":false,"error_code":400,"description":"Bad Request: chat not found for 999:t0ken-secret"}' });
    const e3 = await failure(tg.notify(firing));
    expect([e3.retryable, e3.message]).toEqual([false, 'telegram: Bad Request: chat not found for <secret> (400)']);
  });

  it('refuses an invalid URL at build time by its config path, without echoing it', () => {
    expect(() => notifierOf({ discord_configs: [{ webhook_url: 'https://discord.example/api/webhooks/1/t' }] })).not.toThrow();
    const bad = configSchema.parse({ route: { receiver: 'r' }, receivers: [{ name: 'r', discord_configs: [{ webhook_url: 'https://x/y' }] }] });
    bad.receivers[0]!.discord_configs![0]!.webhook_url = 'not a url t0ken';
    expect(() => buildReceivers(bad.receivers)).toThrow(/^receivers\.0\.discord_configs\.0\.webhook_url is not a valid URL/);
    expect(() => buildReceivers(bad.receivers)).not.toThrow(/t0ken/);
  });
});

describe('http_config', () => {
  it('reads credentials_file and password_file at every send; the notifier\'s own Authorization wins', async () => {
    const file = join(dir, 'token');
    writeFileSync(file, 'first\n');
    const n = notifierOf({ webhook_configs: [{ url: `${sink.base}/a`, http_config: { authorization: { type: 'Token', credentials_file: file } } }] });
    await n.notify(firing);
    writeFileSync(file, 'second');
    await n.notify(firing);
    const pw = join(dir, 'pw');
    writeFileSync(pw, ' s3cret \n');
    await notifierOf({ webhook_configs: [{ url: `${sink.base}/b`, http_config: { basic_auth: { username: 'u', password_file: pw } } }] }).notify(firing);
    await notifierOf({ opsgenie_configs: [{ api_key: 'gk', api_url: `${sink.base}/og`, http_config: { bearer_token: 'ignored' } }] }).notify(firing);
    expect(sink.received.map((r) => r.headers['authorization'])).toEqual(['Token first', 'Token second', `Basic ${Buffer.from('u:s3cret').toString('base64')}`, 'GenieKey gk']);
  });

  it('takes global.http_config when an integration has none', async () => {
    await notifierOf({ webhook_configs: [{ url: `${sink.base}/g` }] }, { global: { http_config: { authorization: { credentials: 'global-tok' } } } }).notify(firing);
    expect(sink.received[0]!.headers['authorization']).toBe('Bearer global-tok');
  });

  it('follows redirects unless follow_redirects is false', async () => {
    // A server that answers every request with a 307 to the sink.
    const http = (await import('node:http')).default;
    const hop = http.createServer((req, res) => res.writeHead(307, { location: `${sink.base}/target` }).end());
    await new Promise<void>((r) => hop.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(hop.address() as { port: number }).port}/start`;
    await notifierOf({ webhook_configs: [{ url }] }).notify(firing);
    expect(sink.received.map((r) => [r.method, r.url])).toEqual([['POST', '/target']]);
    const e = await failure(notifierOf({ webhook_configs: [{ url, http_config: { follow_redirects: false } }] }).notify(firing));
    expect([e.status, e.retryable]).toEqual([307, false]);
    hop.close();
  });

  it('says at build time which parts are not supported yet', () => {
    expect(() => notifierOf({ webhook_configs: [{ url: 'http://127.0.0.1:9/x', http_config: { oauth2: { client_id: 'c', client_secret: 's', token_url: 'http://t/' } } }] })).toThrow(
      'receivers.0.webhook_configs.0.http_config.oauth2: OAuth2 for notifiers is not supported yet in hotconf: use authorization or basic_auth',
    );
    expect(() => notifierOf({ slack_configs: [{ api_url: 'http://127.0.0.1:9/x', http_config: { proxy_url: 'http://proxy:3128' } }] })).toThrow(/slack_configs\.0\.http_config\.proxy_url: proxies for notifiers are not supported yet/);
  });
});

describe('email', () => {
  it('fails as retryable when require_tls is set and the server offers no STARTTLS; a bad template is final', async () => {
    const smtp = await startSmtpSink();
    try {
      const e = await failure(notifierOf({ email_configs: [{ to: 'a@example.com', from: 'am@example.com', smarthost: `127.0.0.1:${smtp.port}` }] }).notify(firing));
      expect(e.retryable).toBe(true);
      expect(e.message).toMatch(/require_tls/);
      const bad = notifierOf({ email_configs: [{ to: '{{ template "nope" . }}', from: 'am@example.com', smarthost: `127.0.0.1:${smtp.port}`, require_tls: false }] });
      const e2 = await failure(bad.notify(firing));
      expect([e2.retryable, e2.message]).toEqual([false, 'receivers.0.email_configs.0.to: template failed: :1:13: executing "" at <{{template "nope" .}}>: template "nope" not defined']);
      expect(smtp.received).toHaveLength(0);
    } finally {
      await smtp.close();
    }
  });

  it('sends the default subject and hotconf\'s HTML page, Q-encoding non-ASCII headers', async () => {
    const smtp = await startSmtpSink();
    try {
      await notifierOf({ email_configs: [{ to: 'a@example.com', smarthost: `127.0.0.1:${smtp.port}`, require_tls: false, headers: { subject: 'Störung: {{ .GroupLabels.alertname }}' } }] }, { global: { smtp_from: 'am@example.com' } }).notify(firing);
      const raw = smtp.received[0]!.raw;
      expect(raw).toContain('Subject: =?utf-8?q?St=C3=B6rung:_DiskFull?=\r\n');
      expect(raw).toContain('From: am@example.com\r\nSubject');
      expect(raw).toMatch(/\r\nContent-Type: multipart\/alternative;  boundary=[0-9a-f]{60}\r\nMIME-Version: 1.0\r\n\r\n--[0-9a-f]{60}\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text\/html; charset=UTF-8\r\n\r\n<!DOCTYPE html>/);
      expect(smtp.received[0]!.hello).toBe('localhost');
    } finally {
      await smtp.close();
    }
  });
});
