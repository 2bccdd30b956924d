// Issue 11 ("secrets in errors"): the plan tells nothing about the service's surroundings
// unless asked for detail. The console relays plans for its users, so the admin plan
// answers the same for a set and an unset variable, an existing and a missing secret file,
// a free and a busy port, a new and an unusable database file — and only `?detail=1` (which
// the console asks for editors only) resolves secrets and runs the preflight checks.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../server/contract/plan';
import { type ServiceProcess, freePort, sampleConfig, serviceProcess } from '../support/service-process';

describe('the admin plan without detail (real service)', () => {
  let svc: ServiceProcess;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    svc = await serviceProcess({ config: sampleConfig({ port }), env: { HC_SET: 'a-value-that-is-set' } });
    await svc.start();
    writeFileSync(join(svc.dataDir, 'present-secret'), 'present\n');
    writeFileSync(join(svc.dataDir, 'notes.db'), 'not a database\n');
  }, 30_000);

  afterAll(async () => {
    await svc.stop();
    svc.cleanup();
  });

  async function plan(text: string, detail: boolean): Promise<Plan> {
    const res = await svc.admin(`/api/v2/config/plan${detail ? '?detail=1' : ''}`, { method: 'POST', body: text, headers: { 'content-type': 'text/yaml' } });
    expect(res.status).toBe(200);
    return (await res.json()) as Plan;
  }

  /** A draft with one receiver more, its ingest key from `ref`; `over` rewrites a line. */
  const draft = (ref: string, over: (t: string) => string = (t) => t) =>
    over(sampleConfig({ port, receivers: ['default', 'planned'], extra: `webhook:\n  authentication: { type: api_key, api_key: "${ref}" }\n` }));

  // References, not texts: the drafts are written once the service's port and data dir exist.
  const pairs: Array<[string, string, string, RegExp]> = [
    ['a set and an unset variable', '${env:HC_SET}', '${env:HC_UNSET}', /environment variable HC_UNSET .* is not set/],
    ['an existing and a missing secret file', '${file:DATA/present-secret}', '${file:DATA/missing-secret}', /missing-secret .* does not exist/],
  ];

  it.each(pairs)('answers the same for %s; only detail tells them apart', async (_what, known, unknown, detailSays) => {
    const [a, b] = [known, unknown].map((ref) => draft(ref.replace('DATA', svc.dataDir)));
    const [planA, planB] = await Promise.all([plan(a!, false), plan(b!, false)]);
    expect(planB).toEqual(planA);
    expect(planA).toMatchObject({ valid: true, errors: [] });
    expect(planA.components.every((c) => c.preflight === 'skipped')).toBe(true);
    const detailed = await plan(b!, true);
    expect(detailed.valid).toBe(false);
    expect(detailed.errors.map((e) => e.message).join('\n')).toMatch(detailSays);
  });

  it('answers the same for a free and a busy port, and for a new and an unusable database file; detail runs the preflight checks', async () => {
    const admin = Number(new URL(svc.adminUrl).port);
    const free = await freePort();
    const withPort = (p: number) => sampleConfig({ port: p, receivers: ['default', 'planned'] });
    const withDb = (path: string) => sampleConfig({ port, receivers: ['default', 'planned'] }).replace('  path: alerts.db', `  path: ${path}`);
    const strip = (p: Plan) => ({ ...p, changes: p.changes.map((c) => c.op) });

    const [busy, open, newDb, notDb] = await Promise.all([plan(withPort(admin), false), plan(withPort(free), false), plan(withDb('fresh.db'), false), plan(withDb('notes.db'), false)]);
    expect(strip(busy)).toEqual(strip(open));
    expect(strip(notDb)).toEqual(strip(newDb));
    for (const p of [busy, open, newDb, notDb]) {
      expect(p).toMatchObject({ valid: true, errors: [] });
      expect(p.components.map((c) => c.preflight)).toEqual(p.components.map(() => 'skipped'));
      expect(p.summary).toMatch(/preflight checks not run/);
    }

    const [busyDetail, notDbDetail] = await Promise.all([plan(withPort(admin), true), plan(withDb('notes.db'), true)]);
    expect(busyDetail.components).toContainEqual(expect.objectContaining({ name: 'listener', preflight: 'failed', error: expect.stringMatching(/in use/) }));
    expect(notDbDetail.components).toContainEqual(expect.objectContaining({ name: 'storage', preflight: 'failed', error: expect.stringMatching(/not an SQLite database/) }));
  });

  it('still says what it can know from the text alone, and refuses a detail it does not know', async () => {
    const misplaced = sampleConfig({ port, receivers: ['default', 'x'] }).replace('route:\n  receiver: default', 'route:\n  receiver: "${env:HC_SET}"');
    expect((await plan(misplaced, false)).errors).toEqual([expect.objectContaining({ path: 'route.receiver', code: 'secret_ref_misplaced' })]);
    const res = await svc.admin('/api/v2/config/plan?detail=yes', { method: 'POST', body: misplaced });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'bad_detail' });
  });
});
