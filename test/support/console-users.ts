// Console users for tests that run real consoles, made the way an operator makes them: with
// the built CLI (`hotconf user add`, `hotconf token create`), reading the generated password
// and token from the last word of the output, as a script would.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext } from 'playwright-core';
import { projectRoot } from '../../server/console/start';

const run = promisify(execFile);
const CLI = join(projectRoot(), 'dist/cli.js');

export interface ConsoleUser {
  name: string;
  role: 'viewer' | 'editor' | 'admin';
  email: string;
  password: string;
  token: string;
}

export async function hotconf(args: string[], input?: string): Promise<string> {
  const child = run(process.execPath, [CLI, ...args], { env: { ...process.env, HOTCONF_CONSOLE_DATA_DIR: undefined } });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  return (await child).stdout;
}

/** The last word of the last line: where the CLI prints a generated secret. */
export function lastWord(output: string): string {
  return output.trim().split('\n').pop()!.trim().split(/\s+/).pop()!;
}

export async function addConsoleUser(dataDir: string, name: string, role: ConsoleUser['role'], email = `${name}@localhost`): Promise<ConsoleUser> {
  const password = lastWord(await hotconf(['user', 'add', name, '--role', role, '--email', email, '--data-dir', dataDir]));
  const token = lastWord(await hotconf(['token', 'create', name, '--data-dir', dataDir]));
  return { name, role, email, password, token };
}

/** Signs `user` in through POST /api/session (as the sign-in page does); returns the session cookie's value. */
export async function signInSession(consoleUrl: string, user: Pick<ConsoleUser, 'name' | 'password'>): Promise<string> {
  const res = await fetch(new URL('/api/session', consoleUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: new URL(consoleUrl).origin },
    body: JSON.stringify({ user: user.name, password: user.password }),
  });
  if (res.status !== 204) throw new Error(`signing in ${user.name} answered ${res.status}: ${await res.text()}`);
  const cookie = /hotconf_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error(`signing in ${user.name} set no session cookie`);
  return cookie;
}

/** Gives a browser context `user`'s session, as if they had signed in on the page. */
export async function signInBrowser(context: BrowserContext, consoleUrl: string, user: Pick<ConsoleUser, 'name' | 'password'>): Promise<void> {
  const value = await signInSession(consoleUrl, user);
  await context.addCookies([{ name: 'hotconf_session', value, url: new URL(consoleUrl).origin, httpOnly: true, sameSite: 'Strict' }]);
}

/** fetch with `token` as the bearer, and JSON bodies declared as such. */
export function bearerFetch(token: string): (url: string | URL, init?: RequestInit) => Promise<Response> {
  return (url, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${token}`);
    if (init.body !== undefined && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    return fetch(url, { ...init, headers });
  };
}
