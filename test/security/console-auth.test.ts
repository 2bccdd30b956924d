// Issue 11, acceptance 1, against the real service and the real console: who may change the
// config. Every mutating console route refuses callers who are not signed in, viewers, and
// cross-site requests (a text/plain or form body, a foreign Origin, no Origin at all) — and
// after each refusal git HEAD and the service's running config are what they were. The same
// changes made by an editor, with a session cookie from the sign-in API or with an API token,
// succeed and are authored by that editor. Users and tokens are made and removed with the
// real CLI; sign-in failures are rate-limited per user and per peer address.
import { readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplyResult } from '../../server/contract/console';
import type { ServiceStatus } from '../../server/contract/status';
import { startConsole, type RunningConsole } from '../../server/console/start';
import { startStack, type Stack } from '../e2e/support/stack';
import { rawRequest } from './support/raw-http';
import { serviceJson } from '../e2e/ui';
import { git } from '../server/git/helpers';
import { addConsoleUser, bearerFetch, hotconf, lastWord, signInSession, type ConsoleUser } from '../support/console-users';

let stack: Stack;
let viewer: ConsoleUser;
let admin: ConsoleUser;
/** The editor's session cookie value (signed in through POST /api/session). */
let editorSession: string;
/** A commit on top of the initial one, so restoring the initial commit would change the config. */
let changedCommit: string;

beforeAll(async () => {
  stack = await startStack();
  viewer = await addConsoleUser(stack.consoleDataDir, 'vera', 'viewer');
  admin = await addConsoleUser(stack.consoleDataDir, 'root', 'admin');
  editorSession = await signInSession(stack.consoleUrl, stack.editor);
  changedCommit = (await applyAs(bearer(stack.editor.token), 'warn', 'Warn level')).commit;
}, 120_000);
afterAll(() => stack?.stop());

type Credential = { bearer: string } | { session: string } | null;
const bearer = (token: string): Credential => ({ bearer: token });
const session = (cookie: string): Credential => ({ session: cookie });

interface Call {
  method?: string;
  credential: Credential;
  contentType?: string | null;
  /** undefined: the console's own origin; null: no Origin header. */
  origin?: string | null;
  secFetchSite?: string;
  body?: string;
}

function send(path: string, call: Call): Promise<Response> {
  const headers: Record<string, string> = {};
  if (call.credential && 'bearer' in call.credential) headers.Authorization = `Bearer ${call.credential.bearer}`;
  if (call.credential && 'session' in call.credential) headers.Cookie = `hotconf_session=${call.credential.session}`;
  if (call.contentType !== null) headers['Content-Type'] = call.contentType ?? 'application/json';
  if (call.origin !== null) headers.Origin = call.origin ?? new URL(stack.consoleUrl).origin;
  if (call.secFetchSite) headers['Sec-Fetch-Site'] = call.secFetchSite;
  const method = call.method ?? 'POST';
  // A string body would be sent as text/plain by fetch itself; bytes are sent with no type.
  const body = method === 'GET' ? undefined : Buffer.from(call.body ?? '{}');
  return fetch(new URL(path, stack.consoleUrl), { method, headers, body, redirect: 'manual' });
}

async function head(): Promise<{ content: string; commit: string }> {
  const res = await stack.api('/api/config');
  expect(res.status).toBe(200);
  return (await res.json()) as { content: string; commit: string };
}

function withLogLevel(content: string, level: string): string {
  return content.replace(/^(  level: )\w+$/m, `$1${level}`);
}

async function applyAs(credential: Credential, level: string, message: string): Promise<ApplyResult> {
  const { content, commit } = await head();
  const res = await send('/api/config', { credential, body: JSON.stringify({ content: withLogLevel(content, level), message, base_commit: commit }) });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as ApplyResult;
}

/** What a refused request must leave as it was: the repository's HEAD and what the service runs. */
async function stateNow(): Promise<{ head: string; runningHash: string | null; runningCommit: string | null }> {
  const status = await serviceJson<ServiceStatus>(stack, '/api/v2/config/status');
  return { head: git(stack.repoDir, 'rev-parse', 'HEAD').trim(), runningHash: status.config_hash, runningCommit: status.commit };
}

/** The body each mutating route would act on: a real change, if the caller were allowed. */
async function mutatingRoutes(): Promise<Array<{ name: string; method: string; path: string; body: Record<string, unknown> }>> {
  const { content, commit } = await head();
  return [
    { name: 'apply', method: 'POST', path: '/api/config', body: { content: withLogLevel(content, 'error'), message: 'attacker', base_commit: commit } },
    { name: 'plan', method: 'POST', path: '/api/config/plan', body: { content: withLogLevel(content, 'error') } },
    { name: 'restore', method: 'POST', path: `/api/history/${stack.initialCommit}/restore`, body: {} },
    { name: 'reconcile', method: 'POST', path: '/api/reconcile', body: { reason: 'requested' } },
  ];
}

describe('every mutating console route refuses callers who may not change the config', () => {
  it('answers 401 without credentials and 403 to a viewer (token or session); nothing changes', async () => {
    const before = await stateNow();
    const viewerSession = await signInSession(stack.consoleUrl, viewer);
    for (const route of await mutatingRoutes()) {
      const body = JSON.stringify(route.body);
      const anonymous = await send(route.path, { method: route.method, credential: null, body });
      expect(anonymous.status, `${route.name} without credentials`).toBe(401);
      expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
      for (const credential of [bearer(viewer.token), session(viewerSession)]) {
        const res = await send(route.path, { method: route.method, credential, body });
        expect(res.status, `${route.name} as a viewer`).toBe(403);
        expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/role viewer; this needs editor/);
      }
    }
    expect(await stateNow()).toEqual(before);
  });

  it('answers 403 to cross-site requests carrying an editor session — text/plain, form, foreign Origin, no Origin — and nothing changes', async () => {
    const before = await stateNow();
    const editor = session(editorSession);
    for (const route of await mutatingRoutes()) {
      const json = JSON.stringify(route.body);
      const form = new URLSearchParams(Object.entries(route.body).map(([k, v]) => [k, String(v)])).toString();
      const attacks: Array<[string, Call, RegExp]> = [
        ['a no-cors text/plain fetch', { credential: editor, contentType: 'text/plain', origin: 'http://evil.example', body: json }, /Content-Type text\/plain/],
        ['a form post', { credential: editor, contentType: 'application/x-www-form-urlencoded', origin: 'http://evil.example', body: form }, /Content-Type application\/x-www-form-urlencoded/],
        ['a multipart form post', { credential: editor, contentType: 'multipart/form-data; boundary=x', origin: null, body: '--x--' }, /Content-Type multipart\/form-data/],
        ['a body with no Content-Type', { credential: editor, contentType: null, body: json }, /no Content-Type/],
        ['JSON from a foreign Origin', { credential: editor, origin: 'http://evil.example', body: json }, /origin http:\/\/evil\.example/],
        ['JSON from Origin null (a sandboxed frame)', { credential: editor, origin: 'null', body: json }, /origin null/],
        ['JSON from a look-alike host', { credential: editor, origin: `${new URL(stack.consoleUrl).origin}.evil.example`, body: json }, /the console accepts changes only from its own pages/],
        ['JSON with no Origin and no Sec-Fetch-Site', { credential: editor, origin: null, body: json }, /without an Origin header/],
        ['JSON with no Origin, Sec-Fetch-Site: cross-site', { credential: editor, origin: null, secFetchSite: 'cross-site', body: json }, /without an Origin header/],
        ['a text/plain body with an editor token', { credential: bearer(stack.editor.token), contentType: 'text/plain', body: json }, /Content-Type text\/plain/],
      ];
      for (const [what, call, message] of attacks) {
        const res = await send(route.path, { ...call, method: route.method });
        expect(res.status, `${route.name}: ${what}`).toBe(403);
        const error = ((await res.json()) as { error: { message: string } }).error;
        expect(error.message, `${route.name}: ${what}`).toMatch(message);
        expect(error.message).toMatch(/nothing was changed/);
      }
    }
    // Signing someone out is a change too: another site cannot end the editor's session.
    const signOut = await send('/api/session', { method: 'DELETE', credential: editor, contentType: 'text/plain', origin: 'http://evil.example' });
    expect(signOut.status).toBe(403);
    expect((await send('/api/session', { method: 'GET', credential: editor})).status).toBe(200);
    expect(await stateNow()).toEqual(before);
  });

  it('refuses an invalid or malformed bearer token with 401, even with a session beside it', async () => {
    const before = await stateNow();
    const { content, commit } = await head();
    const body = JSON.stringify({ content: withLogLevel(content, 'error'), message: 'x', base_commit: commit });
    const forged = `${stack.editor.token.slice(0, -4)}AAAA`;
    for (const authorization of [`Bearer ${forged}`, 'Bearer hct_0000000000000000_' + 'A'.repeat(43), `Basic ${Buffer.from('e2e:x').toString('base64')}`, 'Bearer']) {
      const res = await fetch(new URL('/api/config', stack.consoleUrl), { method: 'POST', headers: { Authorization: authorization, 'Content-Type': 'application/json', Cookie: `hotconf_session=${editorSession}` }, body });
      expect(res.status, authorization.slice(0, 12)).toBe(401);
    }
    expect(await stateNow()).toEqual(before);
  });
});

describe('an editor changes the config with a session or an API token', () => {
  it('applies with a session cookie from its own origin: the commit is authored by the editor and the service runs it', async () => {
    const before = await stateNow();
    const result = await applyAs(session(editorSession), 'debug', 'Debug logs, from the browser');
    expect(result.reload).toMatchObject({ commit: result.commit, status: 'success' });
    expect(git(stack.repoDir, 'log', '-1', '--format=%an <%ae>|%s', result.commit).trim()).toBe('e2e <e2e@localhost>|Debug logs, from the browser');
    const after = await stateNow();
    expect(after.head).toBe(result.commit);
    expect(after.runningCommit).toBe(result.commit);
    expect(after.runningHash).not.toBe(before.runningHash);
  });

  it('applies with Sec-Fetch-Site: same-origin when a browser sends no Origin', async () => {
    const { content, commit } = await head();
    const res = await send('/api/config', { credential: session(editorSession), origin: null, secFetchSite: 'same-origin', body: JSON.stringify({ content: withLogLevel(content, 'info'), message: 'Info logs', base_commit: commit }) });
    expect(res.status).toBe(201);
  });

  it('applies, plans, restores and reconciles with an API token, from any origin', async () => {
    const token = bearer(stack.editor.token);
    const applied = await applyAs(token, 'error', 'Error logs only, from a script');
    expect(git(stack.repoDir, 'log', '-1', '--format=%an', applied.commit).trim()).toBe('e2e');
    const { content } = await head();
    const plan = await send('/api/config/plan', { credential: token, origin: null, body: JSON.stringify({ content: withLogLevel(content, 'debug') }) });
    expect(plan.status).toBe(200);
    const restore = await send(`/api/history/${changedCommit}/restore`, { credential: token, origin: 'http://somewhere.example', body: '{}' });
    expect(restore.status, await restore.clone().text()).toBe(201);
    const restored = (await restore.json()) as { commit: string; reload: { status: string } };
    expect(restored.reload.status).toBe('success');
    expect(git(stack.repoDir, 'log', '-1', '--format=%an|%s', restored.commit).trim()).toMatch(/^e2e\|Revert config to [0-9a-f]{7}/);
    expect((await send('/api/reconcile', { credential: token, body: '{"reason":"requested"}' })).status).toBeLessThan(300);
  });

  it('refuses control characters in the message, naming where, and trailers that sign for someone else; nothing is committed', async () => {
    const before = await stateNow();
    const { content, commit } = await head();
    const post = (message: string) => send('/api/config', { credential: bearer(stack.editor.token), body: JSON.stringify({ content: withLogLevel(content, 'error'), message, base_commit: commit }) });
    const escape = await post('Fix routing\n\nsee \u001b[2Jthe ticket');
    expect(escape.status).toBe(400);
    expect(((await escape.json()) as { error: { message: string } }).error.message).toMatch(/control character U\+001B at line 3, column 5/);
    const c1 = await post('Fix \u009b31m routing');
    expect(c1.status).toBe(400);
    const forged = await post('Fix routing\n\nSigned-off-by: Linus Torvalds <torvalds@example.org>');
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { error: { message: string } }).error.message).toMatch(/line 3 says "Signed-off-by:" for someone other than you.*Signed-off-by: e2e <e2e@localhost>/);
    const coauthor = await post('Fix routing\n\nco-authored-by: root <root@localhost>');
    expect(coauthor.status).toBe(400);
    expect(await stateNow()).toEqual(before);

    const own = await post('Fix routing\n\tindented detail\n\nSigned-off-by: e2e <e2e@localhost>');
    expect(own.status).toBe(201);
  });
});

describe('sign-in, sessions and the security headers', () => {
  it('signs in with a cookie that is HttpOnly, SameSite=Strict, Path=/, with a Max-Age, and Secure only over TLS', async () => {
    const plain = await fetch(new URL('/api/session', stack.consoleUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: new URL(stack.consoleUrl).origin },
      body: JSON.stringify({ user: viewer.name, password: viewer.password }),
    });
    expect(plain.status).toBe(204);
    const cookie = plain.headers.get('set-cookie') ?? '';
    const attributes = cookie.split(';').map((a) => a.trim());
    expect(attributes[0]).toMatch(/^hotconf_session=[A-Za-z0-9_-]{43}$/);
    expect(attributes.slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=43200', 'Path=/', 'SameSite=Strict']);
    // The session id itself is nowhere in the console's data dir: only its hash is kept.
    const id = attributes[0]!.split('=')[1]!;
    for (const file of ['sessions.json', 'users.json']) expect(readFileSync(join(stack.consoleDataDir, file), 'utf8')).not.toContain(id);

    const tls = await fetch(new URL('/api/session', stack.consoleUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: new URL(stack.consoleUrl).origin, 'X-Forwarded-Proto': 'https' },
      body: JSON.stringify({ user: viewer.name, password: viewer.password }),
    });
    expect(tls.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('signs out: the session is ended on the server, not only in the browser', async () => {
    const cookie = await signInSession(stack.consoleUrl, viewer);
    expect((await send('/api/status', { method: 'GET', credential: session(cookie)})).status).toBe(200);
    const out = await send('/api/session', { method: 'DELETE', credential: session(cookie) });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^hotconf_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict/);
    expect((await send('/api/status', { method: 'GET', credential: session(cookie)})).status).toBe(401);
  });

  it('sends pages without a session to /signin and answers API calls without one with 401 JSON', async () => {
    const page = await fetch(new URL('/history?x=1', stack.consoleUrl), { redirect: 'manual' });
    expect(page.status).toBe(307);
    expect(new URL(page.headers.get('location')!, stack.consoleUrl).pathname + new URL(page.headers.get('location')!, stack.consoleUrl).search).toBe(`/signin?next=${encodeURIComponent('/history?x=1')}`);
    for (const path of ['/api/config', '/api/status', '/api/history', '/api/reloads', '/api/schema', `/api/history/${stack.initialCommit}`, '/api/events']) {
      const res = await fetch(new URL(path, stack.consoleUrl));
      expect(res.status, path).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    }
    const signedIn = await fetch(new URL('/history', stack.consoleUrl), { headers: { Cookie: `hotconf_session=${editorSession}` }, redirect: 'manual' });
    expect(signedIn.status).toBe(200);
  });

  it('sends CSP (a per-request script nonce, no inline or foreign scripts, frame-ancestors none), X-Frame-Options, nosniff and Referrer-Policy', async () => {
    const pages = await Promise.all([1, 2].map(() => fetch(new URL('/editor', stack.consoleUrl), { headers: { Cookie: `hotconf_session=${editorSession}` } })));
    const nonces: string[] = [];
    for (const page of pages) {
      expect(page.status).toBe(200);
      const csp = page.headers.get('content-security-policy') ?? '';
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeDefined();
      nonces.push(nonce!);
      expect(directives.get('script-src')).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
      expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('base-uri')).toEqual(["'none'"]);
      expect(directives.get('connect-src')).toEqual(["'self'"]);
      expect(directives.get('worker-src')).toEqual(["'self'", 'blob:']);
      // Every script the page itself names carries the nonce; none would run without it.
      const html = await page.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      expectCommonHeaders(page);
    }
    expect(nonces[0]).not.toBe(nonces[1]);

    const signin = await fetch(new URL('/signin', stack.consoleUrl));
    expect(signin.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expectCommonHeaders(signin);
    const api = await stack.api('/api/status');
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expectCommonHeaders(api);
  });
});

describe('DNS rebinding', () => {
  it('answers 421 to a foreign Host on pages and the API, even with an editor session or token, and nothing changes', async () => {
    const before = await stateNow();
    const { content, commit } = await head();
    const evil = { Host: 'evil.example', Cookie: `hotconf_session=${editorSession}` };
    for (const path of ['/', '/editor', '/api/config', '/api/status']) {
      const res = await rawRequest(new URL(path, stack.consoleUrl).href, { headers: evil });
      expect(res.status, path).toBe(421);
      expect(res.body).not.toContain(content.slice(0, 40));
      expect(JSON.parse(res.body).error.message).toContain('--allowed-hosts');
    }
    const apply = await rawRequest(new URL('/api/config', stack.consoleUrl).href, {
      method: 'POST',
      headers: { Host: `evil.example:${new URL(stack.consoleUrl).port}`, Authorization: `Bearer ${stack.editor.token}`, 'Content-Type': 'application/json', Origin: 'http://evil.example' },
      body: JSON.stringify({ content: withLogLevel(content, 'error'), message: 'rebound', base_commit: commit }),
    });
    expect(apply.status).toBe(421);
    expect(await stateNow()).toEqual(before);
    // The console's own names still work: localhost and its address.
    for (const host of ['localhost', '127.0.0.1']) {
      const res = await rawRequest(new URL('/api/health', stack.consoleUrl).href, { headers: { Host: `${host}:${new URL(stack.consoleUrl).port}` } });
      expect(res.status, host).toBe(200);
    }
  });
});

function expectCommonHeaders(res: Response): void {
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('same-origin');
}

describe('users and tokens made and ended with the CLI', () => {
  it('a new user signs in and uses a token; a revoked token is refused at once while the other works', async () => {
    const ana = await addConsoleUser(stack.consoleDataDir, 'ana', 'editor', 'ana@example.org');
    const cookie = await signInSession(stack.consoleUrl, ana);
    expect((await send('/api/status', { method: 'GET', credential: session(cookie)})).status).toBe(200);
    const second = lastWord(await hotconf(['token', 'create', 'ana', '--data-dir', stack.consoleDataDir]));
    const get = (token: string) => bearerFetch(token)(new URL('/api/status', stack.consoleUrl));
    expect((await get(ana.token)).status).toBe(200);
    expect((await get(second)).status).toBe(200);
    const id = /^hct_([0-9a-f]{16})_/.exec(ana.token)![1]!;
    expect(await hotconf(['token', 'revoke', 'ana', id, '--data-dir', stack.consoleDataDir])).toMatch(/revoked 1 API token/);
    expect((await get(ana.token)).status).toBe(401);
    expect((await get(second)).status).toBe(200);
  });

  it('a new password ends the old sessions and the old password; removing the user refuses its tokens and sessions', async () => {
    const bo = await addConsoleUser(stack.consoleDataDir, 'bo', 'editor');
    const oldCookie = await signInSession(stack.consoleUrl, bo);
    const newPassword = lastWord(await hotconf(['user', 'passwd', 'bo', '--data-dir', stack.consoleDataDir]));
    expect(newPassword).not.toBe(bo.password);
    expect((await send('/api/status', { method: 'GET', credential: session(oldCookie)})).status).toBe(401);
    await expect(signInSession(stack.consoleUrl, bo)).rejects.toThrow(/answered 401/);
    const cookie = await signInSession(stack.consoleUrl, { name: 'bo', password: newPassword });

    expect(await hotconf(['user', 'remove', 'bo', '--data-dir', stack.consoleDataDir])).toMatch(/removed console user bo, 1 API token\(s\) and 1 session\(s\)/);
    expect((await bearerFetch(bo.token)(new URL('/api/status', stack.consoleUrl))).status).toBe(401);
    expect((await send('/api/status', { method: 'GET', credential: session(cookie)})).status).toBe(401);
    expect(await hotconf(['user', 'list', '--data-dir', stack.consoleDataDir])).not.toMatch(/^bo\t/m);
  });

  it('stores no password or token in clear, in a file only its owner can read', async () => {
    const file = join(stack.consoleDataDir, 'users.json');
    const text = readFileSync(file, 'utf8');
    for (const secret of [stack.editor.password, stack.editor.token, stack.editor.token.slice('hct_0123456789abcdef_'.length), viewer.password, admin.token]) expect(text).not.toContain(secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(stack.consoleDataDir, 'sessions.json')).mode & 0o777).toBe(0o600);
  });

  it('says clearly what is wrong: an unknown user, a bad role, an existing name', async () => {
    const fail = (args: string[]) => hotconf([...args, '--data-dir', stack.consoleDataDir]).then(
      () => '',
      (err: { stderr: string; code: number }) => `${err.code}: ${err.stderr}`,
    );
    expect(await fail(['token', 'create', 'nobody'])).toMatch(/^1: hotconf token: no user "nobody" in .*users\.json/);
    expect(await fail(['user', 'add', 'cy', '--role', 'owner'])).toMatch(/^2: hotconf: --role must be one of viewer, editor, admin, not "owner"/);
    expect(await fail(['user', 'add', 'vera', '--role', 'viewer'])).toMatch(/^1: hotconf user: user "vera" already exists/);
    expect(await fail(['user', 'add', '--role', 'viewer'])).toMatch(/^2: hotconf: add takes exactly one user name/);
  });
});

describe('trusted-proxy mode', () => {
  let proxied: RunningConsole;
  beforeAll(async () => {
    // The proxy connects from 127.0.0.2; everyone else, from 127.0.0.1.
    proxied = await startConsole({
      listen: '127.0.0.1:0',
      env: {
        HOTCONF_REPO: stack.repoDir,
        HOTCONF_SERVICE_URL: stack.adminUrl,
        HOTCONF_ADMIN_TOKEN: stack.token,
        HOTCONF_CONSOLE_DATA_DIR: stack.consoleDataDir,
        HOTCONF_AUTH: 'proxy',
        HOTCONF_PROXY_USER_HEADER: 'X-Forwarded-User',
        HOTCONF_TRUSTED_PROXY: '127.0.0.2',
      },
      onOutput: () => {},
    });
  }, 90_000);
  afterAll(() => proxied?.stop());

  /** A request to the proxied console from `localAddress` (GET /api/session unless told). */
  function from(localAddress: string, headers: Record<string, string>, opts: { method?: string; path?: string; body?: string } = {}): Promise<number> {
    return new Promise((resolve, reject) => {
      const url = new URL(opts.path ?? '/api/session', proxied.url);
      const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: opts.method ?? 'GET', localAddress, headers }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(opts.body);
    });
  }

  it('takes the user from the header only when the trusted proxy connects, and only a user the store knows', async () => {
    expect(await from('127.0.0.2', { 'X-Forwarded-User': 'vera' })).toBe(200);
    expect(await from('127.0.0.2', { 'X-Forwarded-User': 'mallory' })).toBe(401);
    expect(await from('127.0.0.1', { 'X-Forwarded-User': 'vera' })).toBe(401);
    // Claiming to be the proxy in any header does not make a peer the proxy.
    expect(await from('127.0.0.1', { 'X-Forwarded-User': 'vera', 'X-Forwarded-For': '127.0.0.2', 'X-Hotconf-Peer': '127.0.0.2' })).toBe(401);
  });

  it('treats the proxy’s user like a browser session: changes only from the console’s own origin; no password sign-in', async () => {
    const { content } = await head();
    const plan = { method: 'POST', path: '/api/config/plan', body: JSON.stringify({ content }) };
    const json = { 'Content-Type': 'application/json', 'X-Forwarded-User': stack.editor.name };
    expect(await from('127.0.0.2', { ...json, Origin: 'http://evil.example' }, plan)).toBe(403);
    expect(await from('127.0.0.2', { ...json, Origin: new URL(proxied.url).origin }, plan)).toBe(200);
    const signIn = { method: 'POST', body: JSON.stringify({ user: viewer.name, password: viewer.password }) };
    expect(await from('127.0.0.1', { 'Content-Type': 'application/json', Origin: new URL(proxied.url).origin }, signIn)).toBe(400);
  });
});

// Last: the per-address limit counts every failure from 127.0.0.1, which all tests share.
describe('failed sign-ins are rate-limited', () => {
  const attempt = (user: string, password: string, extra: Record<string, string> = {}) =>
    fetch(new URL('/api/session', stack.consoleUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: new URL(stack.consoleUrl).origin, ...extra },
      body: JSON.stringify({ user, password }),
    });

  it('per user: after 5 failures the 6th attempt — even with the right password — gets 429 with Retry-After', async () => {
    for (let i = 0; i < 5; i += 1) expect((await attempt(admin.name, `wrong-password-${i}`)).status).toBe(401);
    const limited = await attempt(admin.name, admin.password);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(((await limited.json()) as { error: { message: string } }).error.message).toMatch(/too many failed sign-ins.*try again in \d+ s/);
    // Another user from the same address is not locked out by this one's failures.
    expect((await attempt(viewer.name, viewer.password)).status).toBe(204);
  });

  it('per address: 20 failures over many user names lock the address, whatever X-Forwarded-For claims', async () => {
    // Failed sign-ins from this address so far: bo's old password (above) and the 5 just now.
    let failures = 6;
    for (let i = 0; failures < 20; i += 1, failures += 1) {
      expect((await attempt(`guess-${i}`, 'not-the-password', { 'X-Forwarded-For': `10.0.0.${i}` })).status).toBe(401);
    }
    const limited = await attempt(stack.editor.name, stack.editor.password, { 'X-Forwarded-For': '10.9.9.9' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
