import { describe, expect, it } from 'vitest';
import { MAX_CHANGES, deepEqual, diffConfigs } from '../../../server/config/diff';
import { SECTIONS, configSchema, type Config, type ConfigInput } from '../../../server/config/schema';

function config(overrides: Partial<ConfigInput> = {}): Config {
  return configSchema.parse({ route: { receiver: 'default' }, receivers: [{ name: 'default' }], ...overrides });
}

function teams(n: number, urlOf = (i: number) => `http://127.0.0.1:9999/team-${i}`): NonNullable<ConfigInput['receivers']> {
  return [
    { name: 'default' },
    ...Array.from({ length: n }, (_, i) => ({ name: `team-${i}`, webhook_configs: [{ url: urlOf(i) }] })),
  ];
}

describe('diffConfigs', () => {
  it('adds every section on the first load', () => {
    expect(diffConfigs(null, config())).toEqual({
      changes: SECTIONS.map((path) => ({ path, op: 'add' })),
      sections: [...SECTIONS],
    });
  });

  it('finds nothing between equal configs, even as different objects', () => {
    expect(diffConfigs(config(), config())).toEqual({ changes: [], sections: [] });
  });

  it('reports one changed URL among 1,000 receivers as one path, without the value', () => {
    const prev = config({ receivers: teams(1000) });
    const next = config({ receivers: teams(1000, (i) => (i === 500 ? 'https://secret.example/token-xyz' : `http://127.0.0.1:9999/team-${i}`)) });
    const diff = diffConfigs(prev, next);
    expect(diff).toEqual({ changes: [{ path: 'receivers.501.webhook_configs.0.url', op: 'change' }], sections: ['receivers'] });
    expect(JSON.stringify(diff)).not.toContain('token-xyz');
  });

  it('reports added and removed fields and list items', () => {
    const prev = config({ route: { receiver: 'default', group_by: ['alertname', 'cluster'] }, log: { level: 'info' } });
    const next = config({
      route: { receiver: 'default', group_by: ['alertname'], routes: [{ receiver: 'default', matchers: ['a="b"'] }] },
      database: { path: 'data/other.db', url: 'postgres://x' },
      log: { level: 'debug' },
    });
    expect(diffConfigs(prev, next)).toEqual({
      changes: [
        { path: 'route.group_by.1', op: 'remove' },
        { path: 'route.routes', op: 'add' },
        { path: 'log.level', op: 'change' },
        { path: 'database.path', op: 'change' },
        { path: 'database.url', op: 'add' },
      ],
      sections: ['route', 'log', 'database'],
    });
    expect(diffConfigs(next, prev).changes).toContainEqual({ path: 'database.url', op: 'remove' });
  });

  it('lists sections in SECTIONS order whatever changed first', () => {
    const prev = config();
    const next = config({ inhibit_rules: [{ equal: ['alertname'] }], server: { port: 9090 } });
    expect(diffConfigs(prev, next).sections).toEqual(['inhibit_rules', 'server']);
  });

  it(`stops listing after ${MAX_CHANGES} changes but still names every changed section`, () => {
    const prev = config({ receivers: teams(1500) });
    // One receiver inserted at the top shifts every index after it.
    const shifted = teams(1500);
    shifted.splice(1, 0, { name: 'new-first', webhook_configs: [{ url: 'http://127.0.0.1:9999/new' }] });
    const next = config({ receivers: shifted, log: { level: 'debug' } });
    const diff = diffConfigs(prev, next);
    expect(diff.changes).toHaveLength(MAX_CHANGES);
    expect(diff.truncated).toBe(true);
    expect(diff.sections).toEqual(['receivers', 'log']);
  });
});

describe('deepEqual', () => {
  it('treats NaN as equal to NaN and a key holding undefined as a missing key', () => {
    expect(deepEqual({ a: NaN }, { a: NaN })).toBe(true);
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true);
  });

  it('tells lists from mappings and compares lists by position', () => {
    expect(deepEqual([], {})).toBe(false);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(deepEqual({ a: null }, { a: {} })).toBe(false);
  });
});
