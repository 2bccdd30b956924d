// Differential test: the real Alertmanager 0.25 and hotconf's notifiers, given the same
// config (receivers pointing at loopback sinks) and the same alerts, must send the same
// requests — method, path and query, Content-Type, Authorization and the body, byte for
// byte — and the same mail (envelope, authentication, headers and parts), apart from what
// is random or time-dependent (Date, Message-Id, the MIME boundary) and the User-Agent.
//
// Three notifications of one group: two alerts firing; one of them resolved (mixed); both
// resolved. Alertmanager's own webhook capture of each notification is what hotconf's
// receiver is handed, so both sides render the same group.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReceivers, type ReceiverSet } from '../../../../server/alerts/notifiers';
import type { Notification } from '../../../../server/alerts/notify/types';
import { configSchema } from '../../../../server/config/schema';
import { startAlertmanager, waitFor, type RunningAlertmanager } from './alertmanager-process';
import { startHttpSink, startSmtpSink, type HttpCapture, type HttpSink, type MailCapture, type SmtpSink } from './sinks';

const EXTERNAL_URL = 'http://am.example:9093';

function configFor(base: string, smtpPort: number) {
  return {
    global: { resolve_timeout: '5m' },
    route: { receiver: 'all', group_by: ['alertname'], group_wait: '0s', group_interval: '1s', repeat_interval: '1h' },
    receivers: [
      {
        name: 'all',
        webhook_configs: [
          { url: `${base}/webhook/full`, http_config: { basic_auth: { username: 'hook-user', password: 'hook-pw-secret' } } },
          { url: `${base}/webhook/max1`, max_alerts: 1 },
        ],
        slack_configs: [
          {
            api_url: `${base}/slack/T000/B000/XXXXSECRET`,
            send_resolved: true,
            http_config: { authorization: { credentials: 'slack-token' } },
            channel: '#alerts-{{ .CommonLabels.team }}',
            text: '{{ range .Alerts }}{{ .Annotations.summary }}\n{{ end }}',
            fields: [{ title: 'Severity', value: '{{ .CommonLabels.severity }}', short: true }, { title: 'Team', value: '{{ .CommonLabels.team }}' }],
            actions: [{ type: 'button', text: 'Runbook', url: 'http://wiki/{{ .GroupLabels.alertname }}', style: 'primary', confirm: { text: 'Sure?', title: 'Confirm', ok_text: 'Yes', dismiss_text: 'No' } }],
            footer: 'hotconf-diff',
            icon_emoji: ':fire:',
            image_url: 'http://img.example/{{ .Status }}.png',
            link_names: true,
          },
        ],
        pagerduty_configs: [
          {
            url: `${base}/pagerduty/v2/enqueue`,
            routing_key: 'pd-routing-key-secret',
            severity: '{{ if eq .Status "firing" }}critical{{ else }}info{{ end }}',
            class: 'disk',
            component: '{{ .CommonLabels.team }}',
            group: 'storage',
            details: { runbook: 'http://wiki/{{ .GroupLabels.alertname }}', firing: '{{ len .Alerts.Firing }} firing' },
            images: [{ src: 'http://img.example/graph.png', alt: 'graph', href: 'http://graph.example' }, { alt: 'dropped: no src' }],
            links: [{ href: 'http://runbook.example', text: 'Runbook' }, { text: 'dropped: no href' }],
          },
        ],
        opsgenie_configs: [
          {
            api_url: `${base}/opsgenie/`,
            api_key: 'og-key-secret',
            responders: [{ name: 'ops,dba', type: 'teams' }, { username: 'alice@example.com', type: 'user' }, { id: '{{ .CommonLabels.nothing }}', type: 'team' }],
            tags: 'disk, {{ .CommonLabels.team }},,',
            priority: 'P2',
            note: 'a note',
            entity: '{{ .GroupLabels.alertname }}',
            actions: 'restart,page',
            details: { extra: 'x', team: 'overridden' },
            update_alerts: true,
          },
        ],
        discord_configs: [{ webhook_url: `${base}/discord/1234/discord-token-secret` }],
        telegram_configs: [{ api_url: `${base}/telegram`, bot_token: '123:telegram-token-secret', chat_id: -100123, disable_notifications: true }],
        webex_configs: [{ api_url: `${base}/webex/messages`, room_id: 'room-1', http_config: { authorization: { credentials: 'webex-bot-token' } } }],
        victorops_configs: [{ api_url: `${base}/victorops/`, api_key: 'vo-key-secret', routing_key: '{{ .GroupLabels.alertname }}-route', custom_fields: { team: '{{ .CommonLabels.team }}', static: 's' } }],
        email_configs: [
          {
            to: 'oncall@example.com, DB Team <db@example.com>',
            from: 'Alertmanager <am@example.com>',
            smarthost: `127.0.0.1:${smtpPort}`,
            hello: 'hotconf.test',
            require_tls: false,
            auth_username: 'mailer',
            auth_password: 'mail-pw-secret',
            send_resolved: true,
            headers: { 'x-custom': '{{ .GroupLabels.alertname }} – ü', 'Reply-To': 'noreply@example.com' },
            text: '{{ template "__text_alert_list" .Alerts }}',
            html: '<h1>{{ .CommonAnnotations.summary }}</h1>{{ range .Alerts }}<p>{{ .Labels.instance }} &amp; {{ .Annotations.description }}</p>{{ end }}',
          },
        ],
      },
    ],
  };
}

/** Requests per integration, by the first path segment. */
const PREFIXES = ['webhook', 'slack', 'pagerduty', 'opsgenie', 'discord', 'telegram', 'webex', 'victorops'] as const;
const byPrefix = (list: HttpCapture[], p: string) => list.filter((r) => r.url.startsWith(`/${p}/`));
const EXPECTED: Record<string, number[]> = {
  // per phase: firing, mixed, resolved
  webhook: [2, 2, 2],
  slack: [1, 1, 1],
  pagerduty: [1, 1, 1],
  opsgenie: [3, 3, 1],
  discord: [1, 1, 1],
  telegram: [1, 1, 1],
  webex: [1, 1, 1],
  victorops: [1, 1, 1],
};

function comparable(r: HttpCapture) {
  return { method: r.method, url: r.url, contentType: r.headers['content-type'], authorization: r.headers['authorization'], body: r.body };
}
const sorted = (list: HttpCapture[]) => list.map(comparable).sort((a, b) => (a.method + a.url < b.method + b.url ? -1 : 1));

function comparableMail(m: MailCapture) {
  const [head, ...rest] = m.raw.split('\r\n\r\n');
  const boundary = /boundary=([0-9a-f]+)/.exec(head!)?.[1] ?? 'none';
  const headers = head!
    .split('\r\n')
    .filter((l) => !/^(Date|Message-Id): /.test(l))
    .map((l) => l.split(boundary).join('BOUNDARY'))
    .sort();
  return { from: m.from, to: m.to, auth: m.auth, hello: m.hello, headers, body: rest.join('\r\n\r\n').split(boundary).join('BOUNDARY') };
}

describe('notifications as Alertmanager 0.25 sends them', () => {
  let am: RunningAlertmanager;
  let amSink: HttpSink;
  let amSmtp: SmtpSink;
  let ourSink: HttpSink;
  let ourSmtp: SmtpSink;
  let ours: ReceiverSet;

  beforeAll(async () => {
    [amSink, amSmtp, ourSink, ourSmtp] = await Promise.all([startHttpSink(), startSmtpSink(), startHttpSink(), startSmtpSink()]);
    am = await startAlertmanager(JSON.stringify(configFor(amSink.base, amSmtp.port), null, 2), EXTERNAL_URL);
    const config = configSchema.parse(configFor(ourSink.base, ourSmtp.port));
    ours = buildReceivers(config.receivers, { global: config.global, externalURL: EXTERNAL_URL });
  }, 30_000);

  afterAll(async () => {
    await am?.stop();
    await Promise.all([amSink?.close(), amSmtp?.close(), ourSink?.close(), ourSmtp?.close()]);
  });

  const start = new Date(Date.now() - 60_000).toISOString();
  const a1 = {
    labels: { alertname: 'DiskFull', instance: 'db-1:9100', severity: 'critical', team: 'db' },
    annotations: { summary: 'Disk <97%> full & "growing"', description: 'db-1: +5% in 1h\nsee runbook ü' },
    generatorURL: 'http://prom.example:9090/graph?g0.expr=disk&g0.tab=1',
    startsAt: start,
  };
  const a2 = { ...a1, labels: { ...a1.labels, instance: 'db-2:9100', severity: 'warning' }, annotations: { summary: a1.annotations.summary } };

  const phases: [string, () => unknown[]][] = [
    ['two alerts firing', () => [a1, a2]],
    ['one resolved, one firing', () => [{ ...a2, endsAt: new Date().toISOString() }]],
    ['both resolved', () => [{ ...a1, endsAt: new Date().toISOString() }]],
  ];

  phases.forEach(([name, alerts], phase) => {
    it(`sends what Alertmanager sends: ${name}`, async () => {
      const before = Object.fromEntries(PREFIXES.map((p) => [p, byPrefix(amSink.received, p).length]));
      const mailsBefore = amSmtp.received.length;
      await am.postAlerts(alerts());
      for (const p of PREFIXES) {
        await waitFor(`Alertmanager's ${p} request(s) of phase ${phase + 1}\n${am.output().slice(-3000)}`, () => byPrefix(amSink.received, p).length >= before[p]! + EXPECTED[p]![phase]!);
      }
      await waitFor(`Alertmanager's mail of phase ${phase + 1}`, () => amSmtp.received.length >= mailsBefore + 1);
      // Let a stray extra request show up before comparing counts.
      await new Promise((r) => setTimeout(r, 300));

      const amNew = Object.fromEntries(PREFIXES.map((p) => [p, byPrefix(amSink.received, p).slice(before[p])]));
      const hook = JSON.parse(amNew['webhook']!.find((r) => r.url === '/webhook/full')!.body) as Notification & { externalURL: string };
      expect(hook.externalURL).toBe(EXTERNAL_URL);

      const oursBefore = ourSink.received.length;
      const ourMailsBefore = ourSmtp.received.length;
      await ours.get('all')!.send({ groupKey: hook.groupKey, groupLabels: hook.groupLabels, alerts: hook.alerts });
      const ourNew = ourSink.received.slice(oursBefore);

      for (const p of PREFIXES) {
        expect(sorted(byPrefix(ourNew, p)), `${p} in phase ${phase + 1}`).toEqual(sorted(amNew[p]!));
      }
      for (const r of amSink.received) expect(r.headers['user-agent'] ?? '', r.url).toMatch(/^(Alertmanager\/0\.25|Go-http-client)/);
      for (const r of ourNew) expect(r.headers['user-agent']).toBe('hotconf');

      // The comparison covers what it should: escaping, auth, the update calls.
      expect(amNew['telegram']![0]!.body).toContain('Disk \\u0026lt;97%\\u0026gt; full \\u0026amp; \\u0026#34;growing\\u0026#34;');
      expect(amNew['opsgenie']!.map((r) => r.method).sort()).toEqual(phase < 2 ? ['POST', 'PUT', 'PUT'] : ['POST']);
      expect(amSmtp.received.at(-1)!.auth).toEqual({ method: 'PLAIN', username: 'mailer', password: 'mail-pw-secret' });
      expect(amSmtp.received.at(-1)!.raw).toContain('Content-Type: text/html; charset=UTF-8');

      expect(ourSmtp.received.length - ourMailsBefore).toBe(1);
      expect(comparableMail(ourSmtp.received.at(-1)!)).toEqual(comparableMail(amSmtp.received.at(-1)!));
    }, 40_000);
  });
});
