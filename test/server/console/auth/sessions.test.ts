// The sessions file: ids kept only as hashes, expiry enforced here, and a bounded number of
// sessions per user.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_SESSIONS_PER_USER, SESSION_TTL_S, SessionStore } from '../../../../server/console/auth/sessions';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hotconf-sessions-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SessionStore', () => {
  it('finds a session by its id until it expires; the file holds only a hash of the id, mode 0600', () => {
    let now = 0;
    const sessions = new SessionStore(dir, () => now);
    const { id, maxAgeS } = sessions.create('ada');
    expect(maxAgeS).toBe(SESSION_TTL_S);
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sessions.userOf(id)).toBe('ada');
    expect(new SessionStore(dir, () => now).userOf(id)).toBe('ada'); // a restarted console
    expect(readFileSync(sessions.path, 'utf8')).not.toContain(id);
    expect(statSync(sessions.path).mode & 0o777).toBe(0o600);
    now = SESSION_TTL_S * 1000;
    expect(sessions.userOf(id)).toBeUndefined();
  });

  it('ends one session on sign-out and all of a user’s sessions on demand', () => {
    const sessions = new SessionStore(dir);
    const [a1, a2, b] = [sessions.create('ada').id, sessions.create('ada').id, sessions.create('bob').id];
    sessions.delete(a1);
    expect(sessions.userOf(a1)).toBeUndefined();
    expect(sessions.userOf(a2)).toBe('ada');
    expect(sessions.deleteForUser('ada')).toBe(1);
    expect(sessions.userOf(a2)).toBeUndefined();
    expect(sessions.userOf(b)).toBe('bob');
  });

  it('keeps the newest sessions of a user who signs in again and again', () => {
    const sessions = new SessionStore(dir);
    const ids = Array.from({ length: MAX_SESSIONS_PER_USER + 5 }, () => sessions.create('ada').id);
    expect(ids.filter((id) => sessions.userOf(id) === 'ada')).toEqual(ids.slice(5));
  });
});
