import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkConfigText, loadConfig, type SecretSource } from '../../../server/config/load';
import { SECTIONS } from '../../../server/config/schema';

const SAMPLE = readFileSync(new URL('../../../server/config/sample-config.yaml', import.meta.url), 'utf8');

/** A fresh machine: no environment variables, no secret files. */
const freshMachine: SecretSource = {
  env: {},
  readFile: (path) => {
    throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  },
};

describe('the sample config (the embedded default of `npm start`)', () => {
  const result = checkConfigText(SAMPLE, freshMachine);

  it('parses and validates on a fresh machine with no secrets', () => {
    expect(result).toMatchObject({ ok: true });
  });

  it('writes out every section rather than relying on defaults (but the deprecated mute_time_intervals)', () => {
    const raw = loadConfig(SAMPLE, { secrets: freshMachine }).resolved as Record<string, unknown>;
    expect(Object.keys(raw).sort()).toEqual(SECTIONS.filter((s) => s !== 'mute_time_intervals').sort());
  });

  it('holds no secret reference in a value, only in comments showing the form', () => {
    const values = SAMPLE.split('\n').filter((line) => !line.trimStart().startsWith('#'));
    expect(values.join('\n')).not.toContain('${');
    expect(SAMPLE).toContain('${env:INGEST_API_KEY}');
  });

  it('listens on 127.0.0.1:8080 with open ingest and the SQLite history in data/', () => {
    if (!result.ok) throw new Error('sample is invalid');
    const { server, database, webhook } = result.config;
    expect(server).toMatchObject({ host: '127.0.0.1', port: 8080 });
    expect(database).toMatchObject({ driver: 'sqlite', path: 'alerts.db' });
    expect(webhook.authentication.type).toBe('none');
    // The e2e harness swaps in a free port by replacing this line.
    expect(SAMPLE.match(/^ {2}port: 8080$/gm)).toHaveLength(1);
  });

  it('routes to a few local receivers through child routes with matchers, and inhibits warnings', () => {
    if (!result.ok) throw new Error('sample is invalid');
    const { route, receivers, inhibit_rules } = result.config;
    expect(receivers.length).toBeGreaterThanOrEqual(2);
    expect(receivers.length).toBeLessThanOrEqual(3);
    expect(receivers[0]!.webhook_configs![0]!.url).toBe('http://127.0.0.1:9999/hook');
    for (const r of receivers) {
      for (const c of [...(r.webhook_configs ?? []).map((w) => w.url), ...(r.slack_configs ?? []).map((s) => s.api_url)]) {
        expect(c).toMatch(/^http:\/\/127\.0\.0\.1:9999\//);
      }
    }
    expect(route.routes!.length).toBeGreaterThanOrEqual(2);
    for (const child of route.routes!) expect(child.matchers!.length).toBeGreaterThan(0);
    expect(inhibit_rules).toHaveLength(1);
  });
});
