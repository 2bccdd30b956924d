// Issue 11, acceptance 3, through the console: the planted secrets of secret-leak.test.ts (an
// environment variable, a `${file:}` token, a URL with credentials, a `${file:}` whose
// content is no URL) in a config applied, planned, failing to reload and restored through a
// real console by a signed-in editor. Every console response, the console's event stream,
// both processes' output, every file in both data dirs and every git object are searched
// for each value and every 6-character piece of it: none may be found.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CaptureServer, startCaptureServer } from '../server/alerts/capture-server';
import { type Stack, startStack } from '../e2e/support/stack';
import { PLANTED, leaks, recordEvents } from './support/planted';

const secretsDir = mkdtempSync(join(tmpdir(), 'hotconf-leak-console-'));
let stack: Stack | undefined;
let hook: CaptureServer | undefined;
afterAll(async () => {
  await stack?.stop();
  await hook?.close();
  rmSync(secretsDir, { recursive: true, force: true });
});

/** Every regular file under `dir`, as latin1 text (SQLite bytes included). */
function filesOf(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => `${f}: ${readFileSync(f).toString('latin1')}`)
    .join('\n');
}

describe('planted secrets never leak through the console', () => {
  it('no planted value or piece of one in a console response, event, log line, data file or git object', async () => {
    hook = await startCaptureServer();
    const hookUrl = new URL(hook.url('/team'));
    const tokenFile = join(secretsDir, 'token');
    const urlFile = join(secretsDir, 'other-url');
    writeFileSync(tokenFile, `${PLANTED.fileToken.value}\n`);
    writeFileSync(urlFile, `${hook.url('/other')}\n`);
    const config = (groupWait: string) =>
      [
        'server: { host: 127.0.0.1, port: 1, graceful_shutdown_timeout: 1s }',
        'database: { path: alerts.db }',
        'webhook:',
        '  authentication: { type: api_key, api_key: "${env:HC_INGEST_KEY}" }',
        'route:',
        '  receiver: team',
        `  group_wait: ${groupWait}`,
        "  routes: [{ receiver: other, matchers: ['team=\"other\"'] }]",
        'receivers:',
        '  - name: team',
        '    webhook_configs:',
        '      - url: "${env:HC_HOOK_URL}"',
        `        http_config: { authorization: { credentials: "\${file:${tokenFile}}" } }`,
        '  - name: other',
        `    webhook_configs: [{ url: "\${file:${urlFile}}" }]`,
        '',
      ].join('\n');
    stack = await startStack({
      config: config('1s'),
      serviceEnv: { HC_INGEST_KEY: PLANTED.envKey.value, HC_HOOK_URL: `http://hookuser:${PLANTED.urlPassword.value}@${hookUrl.host}/team`, HOTCONF_SECRETS_DIR: secretsDir },
    });
    const s = stack;
    const bodies: string[] = [];
    const api = async (path: string, init: { method?: string; body?: unknown } = {}) => {
      const res = await s.api(path, { method: init.method ?? 'GET', ...(init.body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) } : {}) });
      const text = await res.text();
      bodies.push(`${path} ${res.status} ${text}`);
      return { status: res.status, json: () => JSON.parse(text) };
    };
    const events = recordEvents(`${s.consoleUrl}/api/events`, s.editor.token);
    const head = async () => (await api('/api/config')).json() as { content: string; commit: string };

    try {
      // A good change, applied: committed and reloaded.
      let base = await head();
      const applied = await api('/api/config', { method: 'POST', body: { content: base.content.replace('group_wait: 1s', 'group_wait: 2s'), message: 'slower first notification', base_commit: base.commit } });
      expect(applied.status).toBe(201);
      expect(applied.json().reload.status).toBe('success');

      // Plans of a good and of a broken draft (a variable that is not set), with detail.
      base = await head();
      await api('/api/config/plan', { method: 'POST', body: { content: base.content.replace('group_wait: 2s', 'group_wait: 3s') } });
      await api('/api/config/plan', { method: 'POST', body: { content: base.content.replace('${env:HC_INGEST_KEY}', '${env:HC_NOT_SET}') } });

      // A failing reload: the secret file holds no URL when the next change is applied.
      writeFileSync(urlFile, `${PLANTED.notUrl.value}\n`);
      const failing = await api('/api/config', { method: 'POST', body: { content: base.content.replace('group_wait: 2s', 'group_wait: 4s'), message: 'with a broken secret file', base_commit: base.commit } });
      expect(failing.status).toBe(201);
      expect(failing.json().reload.status).not.toMatch(/^(success|noop)$/);
      await api('/api/config/plan', { method: 'POST', body: { content: base.content } });

      // Restore the first commit while the file is still broken, then with it fixed.
      const first = await api(`/api/history/${s.initialCommit}/restore`, { method: 'POST', body: {} });
      expect(first.status).toBe(201);
      writeFileSync(urlFile, `${hook.url('/other')}\n`);
      await api('/api/reconcile', { method: 'POST', body: { reason: 'requested' } });

      // Everything a viewer can read.
      const history = (await api('/api/history')).json() as { commits: { sha: string }[] };
      for (const c of history.commits) await api(`/api/history/${c.sha}`);
      for (const path of ['/api/status', '/api/config', '/api/reloads?limit=50', '/api/schema']) await api(path);
      const lastReload = (await api('/api/reloads?limit=1')).json().records[0].id as number;
      await api(`/api/reloads/${lastReload}`);
      await new Promise((r) => setTimeout(r, 300)); // the last events
    } finally {
      events.stop();
    }

    // Read while the stack runs (stopping it removes its temp dirs); the history writer has
    // flushed its batch by now, and SQLite's WAL file is read with the database.
    const places = {
      'console responses': bodies.join('\n'),
      'console events': events.text(),
      'both processes’ output': s.allLogs(),
      'service data dir': filesOf(s.dataDir),
      'console data dir': filesOf(s.consoleDataDir),
      'git objects': execFileSync('git', ['-C', s.repoDir, 'cat-file', '--batch-all-objects', '--batch'], { maxBuffer: 64 * 1024 * 1024 }).toString('latin1'),
    };
    await s.stop();
    // The scenario really happened.
    expect(places['console events']).toContain('event: reload.finished');
    expect(places['console responses']).toMatch(/"status":"(load|validation|apply)_failed"|"status":"rolled_back"/);
    expect(places['git objects']).toContain('with a broken secret file');
    expect(leaks(places)).toEqual([]);
  }, 90_000);
});
