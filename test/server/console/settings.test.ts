import { describe, expect, it } from 'vitest';
import { parseSettings, SettingsError } from '../../../server/console/settings';

const base = { HOTCONF_REPO: '/srv/config-repo', HOTCONF_SERVICE_URL: 'http://127.0.0.1:9180/', HOTCONF_ADMIN_TOKEN: 't0k3n' };

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseSettings(env, '/work');
  } catch (err) {
    if (err instanceof SettingsError) return err.problems;
    throw err;
  }
  throw new Error('expected a SettingsError');
}

describe('console settings', () => {
  it('reads the contract env with api signalling', () => {
    const s = parseSettings(base, '/work');
    expect(s).toEqual({
      repoDir: '/srv/config-repo',
      serviceUrl: 'http://127.0.0.1:9180',
      adminToken: 't0k3n',
      signal: { mode: 'api' },
      remote: undefined,
    });
  });

  it('resolves relative paths against the given directory', () => {
    const s = parseSettings({ ...base, HOTCONF_REPO: 'data/config-repo', HOTCONF_SIGNAL: 'pid', HOTCONF_PID_FILE: 'data/hotconf.pid' }, '/work');
    expect(s.repoDir).toBe('/work/data/config-repo');
    expect(s.signal).toEqual({ mode: 'pid', pidFile: '/work/data/hotconf.pid' });
  });

  it('lists every missing variable at once, each naming what to set', () => {
    const problems = problemsOf({});
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/HOTCONF_REPO is not set/);
    expect(problems.join('\n')).toMatch(/HOTCONF_SERVICE_URL is not set: .*http:\/\/127\.0\.0\.1:9180/);
    expect(problems.join('\n')).toMatch(/HOTCONF_ADMIN_TOKEN is not set/);
  });

  it('treats empty variables as unset', () => {
    expect(problemsOf({ ...base, HOTCONF_ADMIN_TOKEN: '' })).toEqual([expect.stringMatching(/HOTCONF_ADMIN_TOKEN is not set/)]);
    expect(parseSettings({ ...base, HOTCONF_USER: '', HOTCONF_SIGNAL: '' }).signal).toEqual({ mode: 'api' });
  });

  it('rejects a service URL that is not http(s)', () => {
    expect(problemsOf({ ...base, HOTCONF_SERVICE_URL: '127.0.0.1:9180' })[0]).toMatch(/must be an http\(s\) URL/);
    expect(problemsOf({ ...base, HOTCONF_SERVICE_URL: 'file:///etc/passwd' })[0]).toMatch(/must be an http\(s\) URL/);
  });

  it('refuses HOTCONF_USER, which once named the author of every commit: the signed-in user is the author now', () => {
    expect(problemsOf({ ...base, HOTCONF_USER: 'Ada <ada@example.org>' })[0]).toMatch(/HOTCONF_USER \(--user\) is no longer used: commits are authored by the signed-in console user/);
  });

  it('rejects an unknown signal mode, and pid mode without a pid file', () => {
    expect(problemsOf({ ...base, HOTCONF_SIGNAL: 'usr1' })[0]).toMatch(/HOTCONF_SIGNAL must be 'api'/);
    expect(problemsOf({ ...base, HOTCONF_SIGNAL: 'pid' })[0]).toMatch(/HOTCONF_SIGNAL=pid needs HOTCONF_PID_FILE/);
  });

  it('never puts the admin token in its error messages', () => {
    const problems = problemsOf({ ...base, HOTCONF_ADMIN_TOKEN: 'sup3r-s3cret', HOTCONF_SIGNAL: 'bogus' });
    expect(problems.join('\n')).not.toContain('sup3r-s3cret');
  });
});
