import { describe, expect, it } from 'vitest';
import { loadConfig, presentSecrets, validateConfig } from '../../../server/config/load';
import { configSchema } from '../../../server/config/schema';

const minimal = { route: { receiver: 'default' }, receivers: [{ name: 'default' }] };

describe('config schema', () => {
  it('fills every section with defaults from a minimal file', () => {
    const cfg = configSchema.parse(minimal);
    expect(cfg.server).toEqual({ host: '127.0.0.1', port: 8080, read_timeout: '30s', graceful_shutdown_timeout: '10s' });
    expect(cfg.webhook.rate_limit).toEqual({ enabled: true, requests_per_second: 200, burst: 400 });
    expect(cfg.inhibit_rules).toEqual([]);
  });

  it('takes server.allowed_hosts as host names, IP addresses or *, and refuses URLs and ports', () => {
    const ok = configSchema.parse({ ...minimal, server: { allowed_hosts: ['alerts.example.com', '10.0.0.7', '[fd00::1]', '*', 'alerts.example.com.'] } });
    expect(ok.server.allowed_hosts).toEqual(['alerts.example.com', '10.0.0.7', '[fd00::1]', '*', 'alerts.example.com.']);
    const bad = configSchema.safeParse({ ...minimal, server: { allowed_hosts: ['https://alerts.example.com', 'alerts.example.com:8080', 'a b', ''] } });
    expect(bad.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual(
      [0, 1, 2, 3].map((n) => [`server.allowed_hosts.${n}`, 'must be a host name like alerts.example.com or an IP address, without scheme or port (or * for any name)']),
    );
  });

  it('rejects a route naming an undefined receiver, at the route path', () => {
    const r = configSchema.safeParse({ ...minimal, route: { receiver: 'default', routes: [{ receiver: 'typo' }] } });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toContainEqual(expect.objectContaining({ path: ['route', 'routes', 0, 'receiver'] }));
  });

  it('rejects duplicate receiver names, bad matchers, bad regexes, bad durations and ports', () => {
    const r = configSchema.safeParse({
      server: { port: 70000, read_timeout: '30 seconds' },
      route: { receiver: 'default', routes: [{ receiver: 'default', matchers: ['severity=="x"'], match_re: { env: '(' } }] },
      receivers: [{ name: 'default' }, { name: 'default' }],
    });
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['server.port', 'server.read_timeout', 'route.routes.0.matchers.0', 'route.routes.0.match_re.env', 'receivers.1.name']),
    );
  });

  it('reads every receiver kind Alertmanager knows, with its defaults', () => {
    const cfg = configSchema.parse({
      ...minimal,
      global: { smtp_smarthost: 'smtp.example.com:587', smtp_from: 'am@example.com', slack_api_url: 'https://hooks.slack.com/services/x' },
      receivers: [
        {
          name: 'default',
          email_configs: [{ to: 'ops@example.com' }],
          slack_configs: [{ channel: '#ops' }],
          pagerduty_configs: [{ routing_key: 'k' }],
          telegram_configs: [{ bot_token: 't', chat_id: 42 }],
        },
      ],
    });
    const r = cfg.receivers[0]!;
    expect(r.email_configs![0]!.send_resolved).toBe(false);
    expect(r.pagerduty_configs![0]!.send_resolved).toBe(true);
    expect(r.telegram_configs![0]!.parse_mode).toBe('HTML');
    expect(cfg.global).toMatchObject({ resolve_timeout: '5m', smtp_hello: 'localhost', smtp_require_tls: true, pagerduty_url: 'https://events.pagerduty.com/v2/enqueue' });
  });

  it('takes a receiver setting from global, and refuses it when neither has one', () => {
    const r = configSchema.safeParse({ ...minimal, receivers: [{ name: 'default', email_configs: [{ to: 'a@b' }], slack_configs: [{}] }] });
    const messages = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('receivers.0.email_configs.0.smarthost: no SMTP server: set smarthost here or global.smtp_smarthost');
    expect(messages).toContain('receivers.0.slack_configs.0.api_url: no Slack webhook URL: set api_url (or api_url_file) here or global.slack_api_url');
  });

  it('reads values as Alertmanager (yaml.v2) does: scalars into strings as written, YAML 1.1 booleans, null as unset', () => {
    const text = [
      'global:',
      'templates:',
      'route:',
      '  receiver: "1e3"',
      '  group_by:',
      '  routes:',
      '    - receiver: 1e3',
      '      match: { test: 2.50 }',
      '      continue: yes',
      'receivers:',
      '  - name: 1e3',
      '    webhook_configs: [{ url: "http://x/hook", send_resolved: off }]',
      '',
    ].join('\n');
    const cfg = validateConfig(loadConfig(text, { secrets: presentSecrets }));
    expect(cfg.route.routes![0]!.match).toEqual({ test: '2.50' });
    expect(cfg.route.routes![0]!.continue).toBe(true);
    expect(cfg.receivers[0]!.name).toBe('1e3');
    expect(cfg.receivers[0]!.webhook_configs![0]!.send_resolved).toBe(false);
    expect(cfg.global.resolve_timeout).toBe('5m');
    expect(cfg.templates).toEqual([]);
    // A quoted "true" is a string, which a boolean field refuses (as yaml.v2 does).
    const quoted = text.replace('continue: yes', 'continue: "true"');
    expect(() => validateConfig(loadConfig(quoted, { secrets: presentSecrets }))).toThrow(/expected true or false/);
  });

  it('refuses what Alertmanager refuses on the root route and in group_by', () => {
    for (const [route, message] of [
      [{ receiver: 'default', continue: true }, /root route cannot have continue/],
      [{ receiver: 'default', group_interval: '0s' }, /cannot be zero/],
      [{ receiver: 'default', repeat_interval: '0' }, /cannot be zero/],
      [{ receiver: 'default', group_by: ['...', 'alertname'] }, /cannot be combined/],
      [{ receiver: 'default', group_by: ['a', 'a'] }, /listed twice/],
      [{ receiver: 'default', group_by: ['not-a-label'] }, /not a label name/],
    ] as const) {
      const r = configSchema.safeParse({ ...minimal, route });
      expect(r.success, JSON.stringify(route)).toBe(false);
      expect(r.error!.issues.map((i) => i.message).join('\n')).toMatch(message);
    }
  });

  it('refuses webhook URLs that are not http(s) URLs with a host', () => {
    for (const url of ['not-a-url', 'ftp://example.com/x', 'http://', '']) {
      const r = configSchema.safeParse({ ...minimal, receivers: [{ name: 'default', webhook_configs: [{ url }] }] });
      expect(r.success, url).toBe(false);
    }
  });

  it('still reports cross-field rules when a whole section is missing', () => {
    const r = configSchema.safeParse({ route: { receiver: 'x' } });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toContain('route.receiver: route names receiver "x", which is not defined: no receivers are defined yet: add one under receivers');
  });
});
