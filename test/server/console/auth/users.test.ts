// The users file: passwords and tokens stored only as scrypt hashes, owner-only, rewritten
// atomically; every change made by one process (the CLI) is seen by another (the console).
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserStore, UserStoreError } from '../../../../server/console/auth/users';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hotconf-users-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const PASSWORD = 'correct horse battery';

describe('UserStore', () => {
  it('adds a user whose password verifies, and no other does; the file holds no secret and is 0600', async () => {
    const users = new UserStore(dir);
    expect(users.isEmpty()).toBe(true);
    expect(await users.add('ada', 'editor', PASSWORD, 'ada@example.org')).toEqual({ name: 'ada', role: 'editor', email: 'ada@example.org' });
    expect(await users.verifyPassword('ada', PASSWORD)).toEqual({ name: 'ada', role: 'editor', email: 'ada@example.org' });
    expect(await users.verifyPassword('ada', `${PASSWORD}!`)).toBeNull();
    expect(await users.verifyPassword('bob', PASSWORD)).toBeNull();
    const text = readFileSync(users.path, 'utf8');
    expect(text).not.toContain(PASSWORD);
    expect(text).toMatch(/"password": "scrypt\$32768\$8\$1\$/);
    expect(statSync(users.path).mode & 0o777).toBe(0o600);
  });

  it('refuses a taken name, a name that could be an option, and a short password, saying what to do', async () => {
    const users = new UserStore(dir);
    await users.add('ada', 'viewer', PASSWORD);
    await expect(users.add('ada', 'admin', PASSWORD)).rejects.toThrow(/user "ada" already exists/);
    await expect(users.add('--role', 'admin', PASSWORD)).rejects.toThrow(/user name "--role" is not allowed: use 1-64 letters/);
    await expect(users.add('a b', 'admin', PASSWORD)).rejects.toThrow(UserStoreError);
    await expect(users.add('cy', 'admin', 'short')).rejects.toThrow(/shorter than 12 characters/);
    await expect(users.add('cy', 'admin', PASSWORD, 'Cy <cy@x>')).rejects.toThrow(/email .* must look like name@host/);
  });

  it('verifies a token of the form hct_<id>_<secret>, stores only its hash, and refuses it once revoked — also in another process’s store', async () => {
    const cli = new UserStore(dir);
    const console_ = new UserStore(dir);
    await cli.add('ada', 'editor', PASSWORD);
    const { id, token } = await cli.createToken('ada');
    expect(token).toMatch(new RegExp(`^hct_${id}_[A-Za-z0-9_-]{43}$`));
    expect(readFileSync(cli.path, 'utf8')).not.toContain(token.slice(`hct_${id}_`.length));
    expect(await console_.verifyToken(token)).toMatchObject({ name: 'ada', role: 'editor' });
    // Verified once: remembered. Revoked by the CLI: refused at once, memo or not.
    expect(await console_.verifyToken(token)).toMatchObject({ name: 'ada' });
    expect(await console_.verifyToken(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(cli.revokeToken('ada', id)).toBe(1);
    expect(await console_.verifyToken(token)).toBeNull();
    expect(() => cli.revokeToken('ada', id)).toThrow(/has no token with id/);
  });

  it('refuses every token and the password of a removed user', async () => {
    const users = new UserStore(dir);
    await users.add('ada', 'admin', PASSWORD);
    const { token } = await users.createToken('ada');
    users.remove('ada');
    expect(await users.verifyToken(token)).toBeNull();
    expect(await users.verifyPassword('ada', PASSWORD)).toBeNull();
    expect(() => users.remove('ada')).toThrow(/no user "ada"/);
  });

  it('a new password replaces the old one', async () => {
    const users = new UserStore(dir);
    await users.add('ada', 'viewer', PASSWORD);
    await users.setPassword('ada', 'a brand new passphrase');
    expect(await users.verifyPassword('ada', PASSWORD)).toBeNull();
    expect(await users.verifyPassword('ada', 'a brand new passphrase')).toMatchObject({ name: 'ada' });
  });

  it('names a damaged file and what to do, instead of treating it as empty', async () => {
    writeFileSync(join(dir, 'users.json'), '{"version":1,"users":[{"name":"x"}]}');
    expect(() => new UserStore(dir).list()).toThrow(/users\.json is not a hotconf users file \(at users\.0\.role: .*\): restore it from a backup/);
    writeFileSync(join(dir, 'users.json'), 'not json');
    expect(() => new UserStore(dir).list()).toThrow(/users\.json is not JSON/);
  });
});
