// `hotconf up` (what `npm start` runs) from the built bundle, in a fresh directory: it creates
// the embedded default — a git repository holding the sample config, the service's data dir
// and admin token, the console's first user — and serves the service and the console, which
// answer. The bundle's own place (dist/, dist/chunks/) must not matter for finding the sample
// config.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/service-process';
import { addConsoleUser, signInSession } from '../support/console-users';

const ROOT = join(import.meta.dirname, '../..');
const SAMPLE = readFileSync(join(ROOT, 'server/config/sample-config.yaml'), 'utf8');

/** The sample config's service listener is 127.0.0.1:8080. */
async function portFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
  });
}

let stopUp: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stopUp?.();
  stopUp = undefined;
});

/** Runs `hotconf up` on `dir` with free admin and console ports; resolves once it printed the console URL. */
async function up(dir: string): Promise<{ out: () => string; admin: number; consoleUrl: string }> {
  const [admin, consolePort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [join(ROOT, 'bin/hotconf.js'), 'up', '--dir', dir, '--admin-listen', `127.0.0.1:${admin}`, '--console-listen', `127.0.0.1:${consolePort}`], {
    cwd: ROOT,
    env: { ...process.env, HOTCONF_ADMIN_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((res) => child.once('exit', res));
  stopUp = async () => {
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  while (!/console\s+http/.test(out)) {
    if (child.exitCode !== null) throw new Error(`hotconf up exited ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`hotconf up did not come up in 60 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { out: () => out, admin, consoleUrl: `http://127.0.0.1:${consolePort}` };
}

describe('hotconf up', () => {
  it('creates the embedded default from the sample config and serves the service and the console', async (ctx) => {
    if (!(await portFree(8080))) ctx.skip(); // someone's `npm start` holds the sample's port
    const dir = mkdtempSync(join(tmpdir(), 'hotconf-up-'));
    const { out, admin, consoleUrl } = await up(dir);

    expect(existsSync(join(dir, 'config-repo/.git'))).toBe(true);
    // The sample, its modeline naming this package's schema file so an editor opening the
    // embedded default finds it.
    const created = readFileSync(join(dir, 'config-repo/config.yaml'), 'utf8');
    expect(created.split('\n')[0]).toBe(`# yaml-language-server: $schema=${join(ROOT, 'schema/hotconf.schema.json')}`);
    expect(existsSync(join(ROOT, 'schema/hotconf.schema.json'))).toBe(true);
    expect(created.split('\n').slice(1)).toEqual(SAMPLE.split('\n').slice(1));
    expect(existsSync(join(dir, 'admin-token'))).toBe(true);
    expect((await fetch(`http://127.0.0.1:8080/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${admin}/-/ready`)).status).toBe(200);
    // The first start made an admin and printed its password once; it signs in.
    const password = /console user admin, password (\S+)\n/.exec(out())?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(out().split(password!).length - 1).toBe(1);
    expect(readFileSync(join(dir, 'users.json'), 'utf8')).not.toContain(password);
    expect((await fetch(`${consoleUrl}/`, { redirect: 'manual' })).headers.get('location')).toMatch(/\/signin$/);
    const cookie = await signInSession(consoleUrl, { name: 'admin', password: password! });
    const page = await fetch(`${consoleUrl}/`, { headers: { Cookie: `hotconf_session=${cookie}` } });
    expect(page.status).toBe(200);
  }, 90_000);

  it('creates no second admin, and prints no password, when the console already has users', async (ctx) => {
    if (!(await portFree(8080))) ctx.skip();
    const dir = mkdtempSync(join(tmpdir(), 'hotconf-up-'));
    const ops = await addConsoleUser(dir, 'ops', 'admin');
    const { out, consoleUrl } = await up(dir);
    expect(out()).not.toMatch(/password/);
    expect((JSON.parse(readFileSync(join(dir, 'users.json'), 'utf8')) as { users: Array<{ name: string }> }).users.map((u) => u.name)).toEqual(['ops']);
    await signInSession(consoleUrl, ops);
  }, 90_000);
});
