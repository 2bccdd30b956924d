// docs/openapi/admin.yaml and console.yaml describe every route the admin listener and the
// console serve, and nothing they do not; the checker the e2e tests run on every response
// (test/support/spec-check.ts) refuses what the documents do not say.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { problemsOf } from '../support/openapi';

const ROOT = join(__dirname, '../..');
const documented = (name: string): string[] => {
  const doc = parse(readFileSync(join(ROOT, `docs/openapi/${name}.yaml`), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).filter((k) => k !== 'parameters').map((m) => `${m.toUpperCase()} ${path}`)).sort();
};

/** The admin listener's routes, as createAdminApi registers them (the alert history's with them). */
function adminRoutes(): string[] {
  const source = ['server/http/admin-api.ts', 'server/http/history-api.ts'].map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n');
  return [...source.matchAll(/\.on\(\s*'([A-Z]+)',\s*'([^']+)'/g)].map((m) => `${m[1]} ${m[2]}`).sort();
}

/** The console's routes: app/api/**\/route.ts and the methods each exports. */
function consoleRoutes(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'route.ts') {
        const route = '/' + relative(join(ROOT, 'app'), dir).split(sep).join('/').replace(/\[([^\]]+)\]/g, '{$1}');
        for (const m of readFileSync(path, 'utf8').matchAll(/export async function (GET|POST|PUT|PATCH|DELETE)\b/g)) out.push(`${m[1]} ${route}`);
      }
    }
  };
  walk(join(ROOT, 'app/api'));
  return out.sort();
}

describe('docs/openapi', () => {
  it('admin.yaml documents exactly the routes the admin listener serves', () => {
    expect(documented('admin')).toEqual(adminRoutes());
  });

  it('console.yaml documents exactly the routes the console serves', () => {
    expect(documented('console')).toEqual(consoleRoutes());
  });
});

describe('the response checker', () => {
  const status = { version: 1, status: 'success', last_reload: '2026-11-27T10:00:00.000Z', last_reload_unix: 1, last_reload_duration_ms: 3, last_reload_id: 1, commit: null, dirty: false, config_hash: 'h', in_progress: false, ready: true, source: 'file' };
  const seen = (over: Partial<{ method: string; url: string; status: number; contentType: string; body: string }>) => ({ method: 'GET', url: 'http://127.0.0.1:9180/api/v2/config/status', status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify(status), ...over });

  it('accepts a documented response', () => {
    expect(problemsOf('admin', seen({}))).toEqual([]);
  });

  it('refuses a field the document does not have', () => {
    expect(problemsOf('admin', seen({ body: JSON.stringify({ ...status, secret_field: 1 }) }))).toEqual(['GET /api/v2/config/status → 200: body has a field the document does not have: secret_field']);
  });

  it('refuses a route the document does not have, unless it was a 404', () => {
    expect(problemsOf('console', seen({ url: 'http://127.0.0.1:3000/api/secret-route' }))).toEqual(['GET /api/secret-route → 200: undocumented route in docs/openapi/console.yaml']);
    expect(problemsOf('console', seen({ url: 'http://127.0.0.1:3000/api/secret-route', status: 404 }))).toEqual([]);
  });

  it('refuses an undocumented status and an undocumented content type', () => {
    expect(problemsOf('admin', seen({ status: 418 }))).toEqual(['GET /api/v2/config/status → 418: status 418 is not documented for GET /api/v2/config/status']);
    expect(problemsOf('admin', seen({ contentType: 'text/html' }))[0]).toContain('content type text/html is not documented');
  });

  it('checks shared schemas across the two documents (the console\'s plan is the admin Plan)', () => {
    const plan = { valid: true, errors: [], warnings: [], changes: [], components: [], restart_required: [], summary: 'no change' };
    const asPlan = (body: unknown) => problemsOf('console', { method: 'POST', url: 'http://127.0.0.1:3000/api/config/plan', status: 200, contentType: 'application/json', body: JSON.stringify(body) });
    expect(asPlan(plan)).toEqual([]);
    expect(asPlan({ ...plan, valid: 'yes' })).toEqual(['POST /api/config/plan → 200: body/valid must be boolean']);
  });
});
