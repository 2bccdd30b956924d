// Issue 11, acceptance 3 (secrets in errors): planted secrets — an environment variable, a
// `${file:}` secret, a URL with credentials, and a `${file:}` whose content is no URL — go
// through a full scenario against a real `hotconf serve` whose config lives in git: start,
// a good reload, failing reloads (bad content in the secret file, by SIGHUP and by the API),
// plans with and without detail, notifications (delivered and failed), a restore to an
// earlier commit. Then every planted value, and every 6-character piece of its distinctive
// part, is looked for in every API response body, the raw event stream, every log line, the
// bytes of every file in the data dir (SQLite with its -wal included) and every git object:
// none may be found.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CaptureServer, startCaptureServer } from '../server/alerts/capture-server';
import { type ServiceProcess, freePort, serviceProcess } from '../support/service-process';
import { PLANTED, leaks, recordEvents } from './support/planted';

describe('planted secrets never leak (real service, git, SQLite)', () => {
  let svc: ServiceProcess;
  let hook: CaptureServer;
  const secretsDir = mkdtempSync(join(tmpdir(), 'hotconf-leak-'));

  afterAll(async () => {
    await svc?.stop();
    svc?.cleanup();
    await hook?.close();
    rmSync(secretsDir, { recursive: true, force: true });
  });

  it('no planted value or piece of one in any response, event, log line, SQLite file or git object', async () => {
    hook = await startCaptureServer();
    const port = await freePort();
    const hookUrl = new URL(hook.url('/team'));
    const withCredentials = `http://hookuser:${PLANTED.urlPassword.value}@${hookUrl.host}/team`;
    const tokenFile = join(secretsDir, 'ingest-token');
    const urlFile = join(secretsDir, 'other-url');
    // Read by the notifier at every send (Alertmanager's api_url_file), after validation.
    const slackUrlFile = join(secretsDir, 'slack-url');
    writeFileSync(slackUrlFile, `${PLANTED.notUrlScheme.value}\n`);
    writeFileSync(tokenFile, `${PLANTED.fileToken.value}\n`);
    writeFileSync(urlFile, `${hook.url('/other')}\n`);

    const config = (opts: { otherName?: string; withFile?: boolean } = {}) =>
      [
        'server: { host: 127.0.0.1, port: ' + port + ', graceful_shutdown_timeout: 1s }',
        'database: { path: alerts.db }',
        'webhook:',
        '  authentication: { type: api_key, api_key: "${env:HC_INGEST_KEY}" }',
        'route:',
        '  receiver: team',
        '  group_by: [alertname]',
        '  group_wait: 50ms',
        '  group_interval: 200ms',
        '  routes:',
        "    - { receiver: other, matchers: ['team=\"other\"'] }",
        "    - { receiver: slack, matchers: ['team=\"slack\"'] }",
        'receivers:',
        '  - name: team',
        '    webhook_configs:',
        '      - url: "${env:HC_HOOK_URL}"',
        '        http_config: { authorization: { credentials: "${file:' + tokenFile + '}" } }',
        `  - name: ${opts.otherName ?? 'other'}`,
        '    webhook_configs:',
        `      - url: "\${file:${urlFile}}"`,
        '  - name: slack',
        '    slack_configs:',
        `      - { api_url_file: '${slackUrlFile}', channel: '#alerts' }`,
        '',
      ].join('\n');

    svc = await serviceProcess({
      config: config(),
      env: { HC_INGEST_KEY: PLANTED.envKey.value, HC_HOOK_URL: withCredentials, HOTCONF_SECRETS_DIR: secretsDir },
    });
    const git = (...args: string[]) => execFileSync('git', ['-C', svc.dir, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'main');
    git('add', 'config.yaml');
    git('commit', '-q', '-m', 'first');
    const first = git('rev-parse', 'HEAD');
    await svc.start();

    const bodies: string[] = [];
    const call = async (path: string, init: RequestInit & { auth?: boolean } = {}) => {
      const res = await svc.admin(path, init);
      const text = await res.text();
      bodies.push(`${path} ${res.status} ${text}`);
      return { status: res.status, text, json: () => JSON.parse(text) };
    };
    const service = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, init);
      const text = await res.text();
      bodies.push(`${path} ${res.status} ${text}`);
      return res.status;
    };
    const events = recordEvents(`${svc.adminUrl}/api/v2/config/reload/events`, svc.token);
    const lastId = async () => (await call('/api/v2/config/reload/history?limit=1')).json().records[0].id as number;

    try {
      // Notifications through both receivers: the credentials URL and the file's URL.
      const alert = (name: string, team: string) => [{ labels: { alertname: name, team }, annotations: { summary: 's' } }];
      const ingest = { 'content-type': 'application/json', authorization: `Bearer ${PLANTED.envKey.value}` };
      expect(await service('/api/v2/alerts', { method: 'POST', headers: ingest, body: JSON.stringify(alert('A', 'team')) })).toBe(200);
      expect(await service('/api/v2/alerts', { method: 'POST', headers: ingest, body: JSON.stringify(alert('B', 'other')) })).toBe(200);
      // Its api_url_file holds no URL: the send fails, and its error is recorded and logged.
      expect(await service('/api/v2/alerts', { method: 'POST', headers: ingest, body: JSON.stringify(alert('D', 'slack')) })).toBe(200);
      expect(await service('/api/v2/alerts', { method: 'POST', headers: { ...ingest, authorization: 'Bearer wrong' }, body: '[]' })).toBe(401);
      await waitFor(() => hook.received.length >= 2);

      // A good change, committed and reloaded by the API.
      svc.writeConfig(config({ otherName: 'other' }).replace('group_interval: 200ms', 'group_interval: 300ms'));
      git('commit', '-q', '-am', 'second');
      expect((await call('/-/reload', { method: 'POST', body: JSON.stringify({ expect_commit: git('rev-parse', 'HEAD') }), headers: { 'content-type': 'application/json' } })).json().status).toBe('success');

      // Failing reloads: the secret file now holds no URL — by SIGHUP, then by the API.
      for (const [bad, trigger] of [[PLANTED.notUrl.value, 'sighup'], [PLANTED.notUrlScheme.value, 'api']] as const) {
        writeFileSync(urlFile, `${bad}\n`);
        const before = await lastId();
        if (trigger === 'sighup') svc.signal('SIGHUP');
        else await call('/-/reload', { method: 'POST' });
        const record = await svc.waitForRecord(before);
        bodies.push(JSON.stringify(record));
        expect(record.status).not.toMatch(/^(success|noop)$/);
      }
      // Deliveries that fail (the endpoint answers 500) record their errors.
      hook.respond.status = 500;
      expect(await service('/api/v2/alerts', { method: 'POST', headers: ingest, body: JSON.stringify(alert('C', 'team')) })).toBe(200);
      await waitFor(() => hook.received.length >= 3);
      writeFileSync(urlFile, `${hook.url('/other')}\n`);

      // Plans, with and without the admin-only detail, of a good and of a broken draft.
      for (const detail of ['', '?detail=1']) {
        await call(`/api/v2/config/plan${detail}`, { method: 'POST', body: config({ otherName: 'renamed' }), headers: { 'content-type': 'text/yaml' } });
        await call(`/api/v2/config/plan${detail}`, { method: 'POST', body: config().replace('${env:HC_INGEST_KEY}', '${env:HC_NOT_SET}'), headers: { 'content-type': 'text/yaml' } });
      }
      writeFileSync(urlFile, `${PLANTED.notUrl.value}\n`);
      await call('/api/v2/config/plan?detail=1', { method: 'POST', body: config({ otherName: 'renamed' }), headers: { 'content-type': 'text/yaml' } });
      writeFileSync(urlFile, `${hook.url('/other')}\n`);

      // A restore to the first commit (a new commit with its content), then a reload.
      git('checkout', first, '--', 'config.yaml');
      git('commit', '-q', '-m', `Revert config to ${first.slice(0, 7)}`);
      const restored = (await call('/-/reload', { method: 'POST', body: JSON.stringify({ expect_commit: git('rev-parse', 'HEAD') }), headers: { 'content-type': 'application/json' } })).json();
      expect(restored.status).toBe('success');

      // Everything a reader can ask for.
      for (const path of ['/api/v2/config/status', '/api/v2/config', '/api/v2/config?format=yaml', '/api/v2/config/reload/history?limit=100', '/metrics', '/-/ready', '/-/healthy']) await call(path);
      for (const path of ['/api/v2/receivers', '/api/v2/status', '/healthz']) await service(path);
      await new Promise((r) => setTimeout(r, 300)); // the last events and the history writer's batch
    } finally {
      events.stop();
    }

    await svc.stop();
    const places = {
      responses: bodies.join('\n'),
      events: events.text(),
      logs: svc.logs.join(''),
      'data dir files': readdirSync(svc.dataDir)
        .filter((f) => statSync(join(svc.dataDir, f)).isFile())
        .map((f) => `${f}: ${readFileSync(join(svc.dataDir, f)).toString('latin1')}`)
        .join('\n'),
      'git objects': execFileSync('git', ['-C', svc.dir, 'cat-file', '--batch-all-objects', '--batch'], { maxBuffer: 64 * 1024 * 1024 }).toString('latin1'),
    };
    // The scenario really happened: the events, the history and the deliveries are there.
    expect(places.events).toContain('event: reload.finished');
    expect(places['data dir files']).toMatch(/alerts\.db-wal|alerts\.db: SQLite format 3/);
    expect(places['data dir files'] + places.logs).toContain('api_url_file: the file holds no usable URL');
    expect(places.responses).toMatch(/"status":"(validation|load)_failed"/);
    expect(hook.received.some((r) => r.headers.authorization === `Basic ${Buffer.from(`hookuser:${PLANTED.urlPassword.value}`).toString('base64')}` || r.headers.authorization?.includes(PLANTED.fileToken.value))).toBe(true);

    expect(leaks(places)).toEqual([]);
  }, 60_000);
});

async function waitFor(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
