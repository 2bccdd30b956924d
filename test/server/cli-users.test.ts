// `hotconf user …` and `hotconf token …` from the built CLI: the shapes scripts rely on (a
// generated secret as the last word of the last line, shown once), a password from stdin,
// and the console refusing to start without a data dir to hold its users.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/console/start';
import { UserStore } from '../../server/console/auth/users';
import { hotconf } from '../support/console-users';

const CLI = join(projectRoot(), 'dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'hotconf-cli-users-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, env: { ...process.env, HOTCONF_CONSOLE_DATA_DIR: dir } });

describe('hotconf user and token', () => {
  it('user add prints the generated password once, last; --password-stdin sets the given one and prints none', async () => {
    const added = run(['user', 'add', 'ada', '--role', 'editor', '--email', 'ada@example.org']);
    expect(added.status).toBe(0);
    const lines = added.stdout.trim().split('\n');
    expect(lines[0]).toBe(`added console user ada (role editor, commits as ada <ada@example.org>) to ${join(dir, 'users.json')}`);
    const password = lines.at(-1)!.split(' ').at(-1)!;
    expect(lines.at(-1)).toBe(`password for ada (shown once): ${password}`);
    expect(await new UserStore(dir).verifyPassword('ada', password)).toMatchObject({ name: 'ada' });

    const piped = run(['user', 'add', 'bo', '--role', 'viewer', '--password-stdin'], 'a piped passphrase\n');
    expect(piped.status).toBe(0);
    expect(piped.stdout).not.toMatch(/password for/);
    expect(await new UserStore(dir).verifyPassword('bo', 'a piped passphrase')).toMatchObject({ name: 'bo', role: 'viewer' });
    expect(run(['user', 'passwd', 'bo', '--password-stdin'], 'one\ntwo\n').stderr).toMatch(/--password-stdin reads one line/);
    expect(run(['user', 'passwd', 'bo', '--password-stdin'], 'short\n').stderr).toMatch(/shorter than 12 characters/);
  });

  it('user list shows names, roles, emails and token ids, never a hash', () => {
    const token = run(['token', 'create', 'ada']).stdout.trim().split('\n').at(-1)!;
    const id = /^hct_([0-9a-f]{16})_/.exec(token)![1];
    const list = run(['user', 'list']);
    expect(list.stdout).toBe(`ada\teditor\tada@example.org\ttokens: ${id}\nbo\tviewer\tbo@localhost\ttokens: -\n`);
    expect(list.stdout).not.toMatch(/scrypt/);
  });

  it('token revoke --all revokes every token of the user; revoke needs an id or --all', () => {
    run(['token', 'create', 'ada']);
    expect(run(['token', 'revoke', 'ada']).stderr).toMatch(/token revoke takes a user name and a token id \(or --all\)/);
    expect(run(['token', 'revoke', 'ada', '--all']).stdout).toBe('revoked 2 API token(s) of ada\n');
    expect(readFileSync(join(dir, 'users.json'), 'utf8')).toMatch(/"tokens": \[\]/);
  });

  it('keeps every user when several `user add` run at once (each change is made under the file lock)', async () => {
    const names = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
    await Promise.all(names.map((name) => hotconf(['user', 'add', name, '--role', 'viewer', '--data-dir', dir])));
    expect(new UserStore(dir).list().map((u) => u.name)).toEqual(expect.arrayContaining(names));
    expect(existsSync(join(dir, 'users.json.lock'))).toBe(false);
  });

  it('hotconf console refuses to start without a data dir for its users, saying which flag to set', () => {
    const r = spawnSync(process.execPath, [CLI, 'console', '--repo', dir, '--service', 'http://127.0.0.1:9'], {
      encoding: 'utf8',
      env: { ...process.env, HOTCONF_CONSOLE_DATA_DIR: '', HOTCONF_ADMIN_TOKEN: 't' },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/HOTCONF_CONSOLE_DATA_DIR is not set: set it \(or --data-dir\) to the console data dir that holds users\.json/);
  });
});
