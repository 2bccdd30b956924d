import { describe, expect, it, vi } from 'vitest';
import { configJsonSchema, configSchema, type Config } from '../../../server/config/schema';
import {
  REDACTED,
  SECRET_PATHS,
  collectSecretValues,
  isSecretPath,
  memoizeSecrets,
  redactConfig,
  resolveSecretRefs,
  scrubSecrets,
  type SecretSource,
} from '../../../server/config/secrets';
import { fakeSecrets } from '../../support/secrets';

const source = fakeSecrets;

function rawConfig() {
  return {
    database: { driver: 'postgres', url: '${env:DATABASE_URL}' },
    webhook: { authentication: { type: 'api_key', api_key: '${file:/run/secrets/ingest}' } },
    route: { receiver: 'a' },
    receivers: [
      { name: 'a', webhook_configs: [{ url: 'http://127.0.0.1:9999/plain' }, { url: '${env:HOOK_URL}' }] },
      { name: 'b', slack_configs: [{ api_url: '${file:/run/secrets/slack}', channel: '#x' }] },
      { name: 'c', webhook_configs: [{ url: 'http://127.0.0.1:9999/c' }] },
    ],
  };
}

const ALL = source(
  { DATABASE_URL: 'postgres://u:pw@db/alerts', HOOK_URL: 'http://127.0.0.1:9999/from-env' },
  { '/run/secrets/ingest': 'ingest-key\n', '/run/secrets/slack': 'https://hooks.slack.test/T/B/x\r\n' },
);

describe('SECRET_PATHS', () => {
  it('names the secret-bearing fields, found in the schema where secret() marks them', () => {
    for (const path of [
      'database.url',
      'webhook.authentication.api_key',
      'receivers.*.webhook_configs.*.url',
      'receivers.*.slack_configs.*.api_url',
      'global.slack_api_url',
      'global.smtp_auth_password',
      'global.http_config.basic_auth.password',
      'global.http_config.authorization.credentials',
      'global.http_config.oauth2.client_secret',
      'global.http_config.bearer_token',
      'receivers.*.pagerduty_configs.*.routing_key',
      'receivers.*.pagerduty_configs.*.service_key',
      'receivers.*.opsgenie_configs.*.api_key',
      'receivers.*.telegram_configs.*.bot_token',
      'receivers.*.pushover_configs.*.user_key',
      'receivers.*.pushover_configs.*.token',
      'receivers.*.discord_configs.*.webhook_url',
      'receivers.*.msteams_configs.*.webhook_url',
      'receivers.*.email_configs.*.auth_password',
      'receivers.*.sns_configs.*.sigv4.secret_key',
      'receivers.*.webex_configs.*.http_config.authorization.credentials',
    ]) {
      expect(SECRET_PATHS, path).toContain(path);
    }
    // Not secrets: file paths and names.
    for (const path of ['global.slack_api_url_file', 'receivers.*.name', 'receivers.*.email_configs.*.to']) expect(SECRET_PATHS).not.toContain(path);
  });

  it('has no second list: every field the schema describes as a secret is in it, and only those', () => {
    const described: string[] = [];
    const walk = (node: unknown, path: string[]): void => {
      if (node === null || typeof node !== 'object') return;
      const n = node as { description?: string; properties?: Record<string, unknown>; items?: unknown; anyOf?: unknown[] };
      if (typeof n.description === 'string' && n.description.includes('Secret:')) described.push(path.join('.'));
      for (const [key, child] of Object.entries(n.properties ?? {})) walk(child, [...path, key]);
      if (n.items) walk(n.items, [...path, '*']);
      for (const option of n.anyOf ?? []) walk(option, path);
    };
    walk(configJsonSchema(), []);
    expect([...new Set(described)].sort()).toEqual([...SECRET_PATHS].sort());
  });

  it('matches list items only where the pattern has *', () => {
    expect(isSecretPath(['receivers', 3, 'webhook_configs', 0, 'url'])).toBe(true);
    expect(isSecretPath(['receivers', 'x', 'webhook_configs', 0, 'url'])).toBe(false);
    expect(isSecretPath(['receivers', 3, 'slack_configs', 0, 'channel'])).toBe(false);
    expect(isSecretPath(['database', 'url'])).toBe(true);
  });
});

describe('resolveSecretRefs', () => {
  it('replaces env and file references, trimming one trailing newline from files', () => {
    const { resolved, errors } = resolveSecretRefs(rawConfig(), ALL);
    expect(errors).toEqual([]);
    expect(resolved).toMatchObject({
      database: { url: 'postgres://u:pw@db/alerts' },
      webhook: { authentication: { api_key: 'ingest-key' } },
      receivers: [
        { webhook_configs: [{ url: 'http://127.0.0.1:9999/plain' }, { url: 'http://127.0.0.1:9999/from-env' }] },
        { slack_configs: [{ api_url: 'https://hooks.slack.test/T/B/x', channel: '#x' }] },
        {},
      ],
    });
  });

  it('keeps all but one trailing newline of a file', () => {
    const { resolved } = resolveSecretRefs({ database: { url: '${file:/s}' } }, source({}, { '/s': 'value\n\n' }));
    expect(resolved).toEqual({ database: { url: 'value\n' } });
  });

  it('does not mutate the input and copies only along replaced paths', () => {
    const raw = rawConfig();
    const before = structuredClone(raw);
    const { resolved } = resolveSecretRefs(raw, ALL) as { resolved: ReturnType<typeof rawConfig> };
    expect(raw).toEqual(before);
    expect(resolved.route).toBe(raw.route);
    expect(resolved.receivers[2]).toBe(raw.receivers[2]);
    expect(resolved.receivers[0]).not.toBe(raw.receivers[0]);
  });

  it('returns the very same object when there is nothing to resolve', () => {
    const raw = { route: { receiver: 'a' }, receivers: [{ name: 'a', webhook_configs: [{ url: 'http://x' }] }] };
    expect(resolveSecretRefs(raw, ALL).resolved).toBe(raw);
  });

  it('says which reference failed and what to do, never a value', () => {
    const { errors } = resolveSecretRefs(rawConfig(), source({ DATABASE_URL: '' }, { '/run/secrets/slack': '\n' }));
    expect(errors).toHaveLength(4);
    expect(errors).toEqual(expect.arrayContaining([
      {
        path: ['database', 'url'],
        code: 'secret_unresolved',
        message: 'environment variable DATABASE_URL (from ${env:DATABASE_URL}) is empty: set it to the secret\'s value',
      },
      {
        path: ['webhook', 'authentication', 'api_key'],
        code: 'secret_unresolved',
        message: 'file /run/secrets/ingest (from ${file:/run/secrets/ingest}) does not exist: create it (readable by the service) or fix the path',
      },
      {
        path: ['receivers', 0, 'webhook_configs', 1, 'url'],
        code: 'secret_unresolved',
        message: "environment variable HOOK_URL (from ${env:HOOK_URL}) is not set in the service's environment: export it before starting hotconf, or use ${file:/path}",
      },
      {
        path: ['receivers', 1, 'slack_configs', 0, 'api_url'],
        code: 'secret_unresolved',
        message: 'file /run/secrets/slack (from ${file:/run/secrets/slack}) is empty: write the secret into it',
      },
    ]));
  });

  it.each([
    ['a relative file path', '${file:secrets/slack}', /must name an absolute path/],
    ['a shell-style reference', '${SLACK_URL}', /write \$\{env:NAME\}/],
    ['an env name with a dash', '${env:SLACK-URL}', /write \$\{env:NAME\}/],
    ['a reference inside a longer value', 'https://hooks/${env:TOKEN}', /must be the whole value/],
  ])('refuses %s', (_what, value, message) => {
    const { errors } = resolveSecretRefs({ receivers: [{ slack_configs: [{ api_url: value }] }] }, ALL);
    expect(errors).toEqual([{ path: ['receivers', 0, 'slack_configs', 0, 'api_url'], code: 'secret_ref_invalid', message: expect.stringMatching(message) }]);
  });

  it('refuses references outside the secret fields, where they would be used literally', () => {
    const { errors } = resolveSecretRefs({ receivers: [{ slack_configs: [{ api_url: 'x', channel: '${env:CHANNEL}' }] }] }, ALL);
    expect(errors).toEqual([expect.objectContaining({ path: ['receivers', 0, 'slack_configs', 0, 'channel'], code: 'secret_ref_misplaced' })]);
  });

  it('leaves shapes that do not fit the patterns for validation to report', () => {
    const raw = { receivers: { a: { webhook_configs: [{ url: 'http://x' }] } }, database: 'postgres' };
    expect(resolveSecretRefs(raw, ALL)).toEqual({ resolved: raw, errors: [] });
  });
});

describe('memoizeSecrets', () => {
  it('reads each file once, failures included', () => {
    const readFile = vi.fn((path: string) => {
      if (path === '/missing') throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      return 'v';
    });
    const memo = memoizeSecrets({ env: {}, readFile });
    expect([memo.readFile('/a'), memo.readFile('/a')]).toEqual(['v', 'v']);
    expect(() => memo.readFile('/missing')).toThrow('nope');
    expect(() => memo.readFile('/missing')).toThrow('nope');
    expect(readFile).toHaveBeenCalledTimes(2);
  });
});

describe('redactConfig', () => {
  const config: Config = configSchema.parse({
    database: { driver: 'postgres', url: 'postgres://u:pw@db/alerts' },
    webhook: { authentication: { type: 'api_key', api_key: 'ingest-key' } },
    route: { receiver: 'a' },
    receivers: [
      { name: 'a', webhook_configs: [{ url: 'http://127.0.0.1:9999/a' }] },
      { name: 'b', slack_configs: [{ api_url: 'https://hooks.slack.test/x', channel: '#x' }] },
    ],
  });

  it('replaces every secret field with <secret> and leaves the rest', () => {
    const redacted = redactConfig(config);
    expect(REDACTED).toBe('<secret>');
    expect(redacted.database.url).toBe(REDACTED);
    expect(redacted.webhook.authentication.api_key).toBe(REDACTED);
    expect(redacted.receivers[0]!.webhook_configs![0]!.url).toBe(REDACTED);
    expect(redacted.receivers[1]!.slack_configs![0]).toMatchObject({ api_url: REDACTED, channel: '#x' });
    expect(redacted.route).toEqual(config.route);
    for (const secret of ['pw@db', 'ingest-key', '9999/a', 'hooks.slack.test']) expect(JSON.stringify(redacted)).not.toContain(secret);
  });

  it('hides the credentials of a URL in a field that is not secret, and keeps the rest of the URL', () => {
    const withProxy = configSchema.parse({
      global: { http_config: { proxy_url: 'http://proxyuser:pr0xy-pass@proxy.test:3128' } },
      route: { receiver: 'a' },
      receivers: [{ name: 'a', pagerduty_configs: [{ routing_key: 'k', url: 'https://pduser:pd-pass@events.test/v2' }] }],
    });
    const redacted = redactConfig(withProxy);
    const shown = JSON.stringify(redacted);
    for (const secret of ['proxyuser', 'pr0xy-pass', 'pduser', 'pd-pass']) expect(shown).not.toContain(secret);
    // proxy_url is a secret field: hidden whole; pagerduty's url is not: only its credentials go.
    expect(redacted.global.http_config?.proxy_url).toBe(REDACTED);
    expect(redacted.receivers[0]!.pagerduty_configs![0]!.url).toBe('https://<secret>@events.test/v2');
    expect(withProxy.global.http_config?.proxy_url).toBe('http://proxyuser:pr0xy-pass@proxy.test:3128');
  });

  it('does not change the running config and does not invent unset secrets', () => {
    const plain = configSchema.parse({ route: { receiver: 'a' }, receivers: [{ name: 'a' }] });
    const redacted = redactConfig(plain);
    expect(redacted).toEqual(plain);
    expect('url' in redacted.database).toBe(false);
    redactConfig(config);
    expect(config.database.url).toBe('postgres://u:pw@db/alerts');
  });
});

describe('collectSecretValues and scrubSecrets', () => {
  it('collect the values at the secret fields, numbers included', () => {
    expect([...collectSecretValues({ database: { url: 'pg://x' }, receivers: [{ slack_configs: [{ api_url: 998877 }] }] })].sort()).toEqual(['998877', 'pg://x']);
  });

  it('replace secret values in a message and leave very short values alone', () => {
    expect(scrubSecrets('bad value pg://secret here, pg://secret again', ['pg://secret'])).toBe('bad value <secret> here, <secret> again');
    expect(scrubSecrets('a message about abc', ['abc'])).toBe('a message about abc');
  });
});
