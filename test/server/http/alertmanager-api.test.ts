// Alertmanager's API v2 on a real `hotconf serve` (server/http/am-api/): what amtool-api and
// the conformance test compare with Alertmanager is here written down as hotconf's own
// specification, with the parts Alertmanager has no opinion on — writes behind the ingest
// API key, nothing of the key in any answer, silences kept through reloads and restarts.
import { afterEach, describe, expect, it } from 'vitest';
import { type ServiceProcess, freePort, serviceProcess } from '../../support/service-process';

const KEY = 'am-api-test-key-7f3a9c';

let svc: ServiceProcess | undefined;
afterEach(async () => {
  await svc?.stop();
  svc?.cleanup();
  svc = undefined;
});

function config(port: number, opts: { auth?: boolean; extra?: string } = {}): string {
  return [
    `server: { host: 127.0.0.1, port: ${port}, graceful_shutdown_timeout: 2s }`,
    'log: { level: warn }',
    'database: { path: alerts.db }',
    ...(opts.auth ? ['webhook:', "  authentication: { type: api_key, api_key: '${env:INGEST_KEY}' }"] : []),
    'route:',
    '  receiver: default',
    '  group_by: [alertname]',
    '  group_wait: 1h',
    '  routes:',
    '    - { matchers: [\'team="db"\'], receiver: db }',
    '    - { matchers: [\'team=~"db|web"\'], receiver: db-or-web, continue: true }',
    'receivers:',
    '  - { name: default, webhook_configs: [{ url: "http://127.0.0.1:9/default" }] }',
    '  - { name: db, webhook_configs: [{ url: "http://127.0.0.1:9/db" }] }',
    '  - { name: db-or-web, webhook_configs: [{ url: "http://127.0.0.1:9/dbweb" }] }',
    'inhibit_rules:',
    "  - { source_matchers: ['severity=\"critical\"'], target_matchers: ['severity=\"warning\"'], equal: [team] }",
    opts.extra ?? '',
  ].join('\n');
}

async function start(opts: { auth?: boolean } = {}): Promise<{ base: string; port: number }> {
  const port = await freePort();
  svc = await serviceProcess({ config: config(port, opts), env: { INGEST_KEY: KEY } });
  await svc.start();
  return { base: `http://127.0.0.1:${port}/api/v2`, port };
}

const json = { 'content-type': 'application/json' };
const hour = 3_600_000;

function silence(matchers: object[], extra: Record<string, unknown> = {}) {
  const now = Date.now();
  return JSON.stringify({ matchers, startsAt: new Date(now).toISOString(), endsAt: new Date(now + hour).toISOString(), createdBy: 'spec', comment: 'spec', ...extra });
}

async function post(base: string, alerts: object[], headers: Record<string, string> = {}): Promise<void> {
  const res = await fetch(`${base}/alerts`, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify(alerts) });
  expect(res.status).toBe(200);
}

describe('GET /api/v2/status', () => {
  it('answers every field the spec requires: cluster disabled, versionInfo, uptime, config.original', async () => {
    const { base } = await start();
    const status = await (await fetch(`${base}/status`)).json();
    expect(status.cluster).toEqual({ peers: [], status: 'disabled' });
    expect(Object.keys(status.versionInfo).sort()).toEqual(['branch', 'buildDate', 'buildUser', 'goVersion', 'revision', 'version']);
    expect(status.versionInfo.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(status.versionInfo.goVersion).toContain(process.version);
    expect(Date.parse(status.uptime)).toBeLessThanOrEqual(Date.now());
    expect(status.config.original).toContain('receiver: db-or-web');
    // hotconf's own sections are not Alertmanager's
    expect(status.config.original).not.toMatch(/^(server|database|log|webhook):/m);
  }, 30_000);
});

describe('GET /api/v2/alerts and /api/v2/alerts/groups', () => {
  it('list unresolved alerts with receivers, fingerprint and status; the filters narrow them', async () => {
    const { base } = await start();
    await post(base, [
      { labels: { alertname: 'A', team: 'db', severity: 'critical' } },
      { labels: { alertname: 'B', team: 'db', severity: 'warning' } },
      { labels: { alertname: 'C', team: 'web' }, generatorURL: 'http://prom.invalid/g' },
      { labels: { alertname: 'Gone', team: 'web' }, startsAt: new Date(Date.now() - 2 * hour).toISOString(), endsAt: new Date(Date.now() - hour).toISOString() },
    ]);
    const all = (await (await fetch(`${base}/alerts`)).json()) as any[];
    expect(all.map((a) => a.labels.alertname).sort()).toEqual(['A', 'B', 'C']);
    const fps = all.map((a) => a.fingerprint);
    expect(fps).toEqual([...fps].sort());
    const b = all.find((a) => a.labels.alertname === 'B');
    expect(b.receivers).toEqual([{ name: 'db' }]);
    expect(b.status.state).toBe('suppressed');
    expect(b.status.inhibitedBy).toEqual([all.find((a) => a.labels.alertname === 'A').fingerprint]);
    const c = all.find((a) => a.labels.alertname === 'C');
    expect(c.receivers).toEqual([{ name: 'db-or-web' }]);
    expect(c.generatorURL).toBe('http://prom.invalid/g');
    expect(c.status).toEqual({ state: 'active', silencedBy: [], inhibitedBy: [] });

    const names = async (query: string) => ((await (await fetch(`${base}/alerts?${query}`)).json()) as any[]).map((a) => a.labels.alertname).sort();
    expect(await names('filter=team%3D%22db%22')).toEqual(['A', 'B']);
    expect(await names('filter=team%3D~%22w.%2A%22')).toEqual(['C']);
    expect(await names('filter=team%3D%22db%22&filter=severity!%3D%22critical%22')).toEqual(['B']);
    // `severity=""` passes alerts without the label, as Alertmanager's filter does
    expect(await names('filter=severity%3D%22%22')).toEqual(['C']);
    expect(await names('inhibited=false')).toEqual(['A', 'C']);
    expect(await names('active=false')).toEqual(['B']);
    expect(await names('receiver=db-.*')).toEqual(['C']);
    expect(await names('receiver=db')).toEqual(['A', 'B']);

    const groups = (await (await fetch(`${base}/alerts/groups`)).json()) as any[];
    expect(groups.map((g) => `${g.receiver.name}:${g.labels.alertname}:${g.alerts.length}`)).toEqual(['db:A:1', 'db:B:1', 'db-or-web:C:1']);
  }, 30_000);

  it('bad filters and bad parameters are 400s that say what is wrong', async () => {
    const { base } = await start();
    const bad = async (query: string) => {
      const res = await fetch(`${base}/alerts?${query}`);
      return { status: res.status, body: await res.json() };
    };
    expect(await bad('filter=foo')).toEqual({ status: 400, body: expect.stringContaining('bad matcher format') });
    expect(await bad('receiver=(')).toEqual({ status: 400, body: expect.stringContaining('failed to parse receiver param: error parsing regexp: missing closing )') });
    expect(await bad('silenced=maybe')).toEqual({ status: 400, body: { code: 601, message: expect.stringContaining('silenced in query must be of type bool') } });
  }, 30_000);
});

describe('silences', () => {
  it('create, read, update in place (same matchers, active: end moved), update with new matchers (old expired, new id), expire', async () => {
    const { base } = await start();
    const created = await fetch(`${base}/silences`, { method: 'POST', headers: json, body: silence([{ name: 'alertname', value: 'A', isRegex: false }]) });
    expect(created.status).toBe(200);
    const { silenceID: id } = await created.json();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const got = await (await fetch(`${base}/silence/${id}`)).json();
    expect(got).toMatchObject({ id, status: { state: 'active' }, createdBy: 'spec', matchers: [{ name: 'alertname', value: 'A', isRegex: false, isEqual: true }] });

    const endsAt = new Date(Date.now() + 2 * hour).toISOString();
    const same = await (await fetch(`${base}/silences`, { method: 'POST', headers: json, body: silence([{ name: 'alertname', value: 'A', isRegex: false }], { id, startsAt: got.startsAt, endsAt }) })).json();
    expect(same.silenceID).toBe(id);
    expect((await (await fetch(`${base}/silence/${id}`)).json()).endsAt).toBe(endsAt);

    const replaced = await (await fetch(`${base}/silences`, { method: 'POST', headers: json, body: silence([{ name: 'alertname', value: 'B', isRegex: false }], { id }) })).json();
    expect(replaced.silenceID).not.toBe(id);
    expect((await (await fetch(`${base}/silence/${id}`)).json()).status.state).toBe('expired');

    expect((await fetch(`${base}/silence/${replaced.silenceID}`, { method: 'DELETE' })).status).toBe(200);
    const listed = (await (await fetch(`${base}/silences`)).json()) as any[];
    expect(listed.map((s) => s.status.state)).toEqual(['expired', 'expired']);
    // the one that ended last comes first
    expect(listed[0].id).toBe(replaced.silenceID);
  }, 30_000);

  it('answers unknown and malformed ids, missing fields and invalid silences as Alertmanager does', async () => {
    const { base } = await start();
    const unknown = '6c5d7a1e-3a63-4c59-9d0c-38cbb4fb8f6f';
    expect((await fetch(`${base}/silence/${unknown}`)).status).toBe(404);
    const del = await fetch(`${base}/silence/${unknown}`, { method: 'DELETE' });
    expect([del.status, await del.json()]).toEqual([500, 'silence not found']);
    const notUuid = await fetch(`${base}/silence/abc`);
    expect([notUuid.status, await notUuid.json()]).toEqual([422, { code: 601, message: 'silenceID in path must be of type uuid: "abc"' }]);
    expect((await fetch(`${base}/silence/%E0%A4%A`, { method: 'DELETE' })).status).toBe(422);
    const answer = async (body: string) => {
      const res = await fetch(`${base}/silences`, { method: 'POST', headers: json, body });
      return [res.status, await res.json()];
    };
    expect(await answer('{}')).toEqual([422, { code: 602, message: 'comment in body is required' }]);
    expect(await answer(silence([]))).toEqual([422, { code: 612, message: 'matchers in body should have at least 1 items' }]);
    expect(await answer(silence([{ name: 'a', value: '' , isRegex: false }]))).toEqual([400, 'silence invalid: at least one matcher must not match the empty string']);
    expect(await answer(silence([{ name: 'a', value: 'x(', isRegex: true }]))).toEqual([400, 'silence invalid: invalid label matcher 0: invalid regular expression "x(": error parsing regexp: missing closing ): `x(`']);
    expect(await answer(silence([{ name: 'a', value: 'x', isRegex: false }], { endsAt: new Date(Date.now() - hour).toISOString(), startsAt: new Date(Date.now() - 2 * hour).toISOString() }))).toEqual([400, "Failed to create silence: end time can't be in the past"]);
    expect(await answer(silence([{ name: 'a', value: 'x', isRegex: false }], { id: unknown }))).toEqual([404, 'silence not found']);
    // A catastrophic pattern is no danger: RE2, no backtracking.
    const evil = await answer(silence([{ name: 'a', value: '(a+)+$', isRegex: true }]));
    expect(evil[0]).toBe(200);
  }, 30_000);

  it('writes need the ingest API key when webhook.authentication asks for one; reads do not; the key is never echoed', async () => {
    const { base } = await start({ auth: true });
    const body = silence([{ name: 'alertname', value: 'A', isRegex: false }]);
    const refused = await fetch(`${base}/silences`, { method: 'POST', headers: json, body });
    expect(refused.status).toBe(401);
    const wrong = await fetch(`${base}/silences`, { method: 'POST', headers: { ...json, authorization: `Bearer ${KEY}x` }, body });
    expect(wrong.status).toBe(401);
    const text = await wrong.text();
    expect(text).toContain('ingest API key');
    expect(text).not.toContain(KEY);
    const ok = await fetch(`${base}/silences`, { method: 'POST', headers: { ...json, authorization: `Bearer ${KEY}` }, body });
    expect(ok.status).toBe(200);
    const { silenceID } = await ok.json();
    expect((await fetch(`${base}/silences`)).status).toBe(200);
    expect((await fetch(`${base}/silence/${silenceID}`)).status).toBe(200);
    expect((await fetch(`${base}/silence/${silenceID}`, { method: 'DELETE' })).status).toBe(401);
    expect((await fetch(`${base}/silence/${silenceID}`, { method: 'DELETE', headers: { 'x-api-key': KEY } })).status).toBe(200);
    expect(JSON.stringify(await (await fetch(`${base}/status`)).json())).not.toContain(KEY);
  }, 30_000);

  it('are kept through a reload and a restart, and keep silencing', async () => {
    const { base, port } = await start();
    const { silenceID } = await (await fetch(`${base}/silences`, { method: 'POST', headers: json, body: silence([{ name: 'team', value: 'd.', isRegex: true }]) })).json();
    const alerts = [{ labels: { alertname: 'A', team: 'db' } }];
    await post(base, alerts);
    const silencedBy = async () => ((await (await fetch(`${base}/alerts`)).json()) as any[])[0]?.status.silencedBy;
    expect(await silencedBy()).toEqual([silenceID]);

    svc!.writeConfig(config(port, { extra: 'templates: []' }).replace('group_wait: 1h', 'group_wait: 30m'));
    const { body } = await svc!.reload();
    expect(body.status).toBe('success');
    expect(await silencedBy()).toEqual([silenceID]);

    await svc!.stop();
    await svc!.start({ INGEST_KEY: KEY });
    expect((await (await fetch(`${base}/silence/${silenceID}`)).json()).status.state).toBe('active');
    await post(base, alerts);
    expect(await silencedBy()).toEqual([silenceID]);
  }, 60_000);
});
