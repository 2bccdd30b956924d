import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../server/config/schema';

const minimal = { route: { receiver: 'default' }, receivers: [{ name: 'default' }] };

describe('config schema', () => {
  it('fills every section with defaults from a minimal file', () => {
    const cfg = configSchema.parse(minimal);
    expect(cfg.server).toEqual({ host: '127.0.0.1', port: 8080, read_timeout: '30s', graceful_shutdown_timeout: '10s' });
    expect(cfg.webhook.rate_limit).toEqual({ enabled: true, requests_per_second: 200, burst: 400 });
    expect(cfg.inhibit_rules).toEqual([]);
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

  it('names unsupported Alertmanager receiver kinds instead of failing on an unknown key', () => {
    const r = configSchema.safeParse({ ...minimal, receivers: [{ name: 'default', email_configs: [{ to: 'a@b' }] }] });
    expect(r.error!.issues[0]!.message).toMatch(/email_configs receivers are not supported/);
  });

  it('still reports cross-field rules when a whole section is missing', () => {
    const r = configSchema.safeParse({ route: { receiver: 'x' } });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain('receivers');
  });
});
