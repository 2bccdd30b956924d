// The systemd units (deploy/systemd/) as systemd itself reads them: `systemd-analyze verify`
// finds no error and no warning (an unknown option or an unparsable value is both), reload
// is SIGHUP, stop is SIGTERM, and the hardening options are on. The units name /usr/bin/node;
// where this machine's node lives elsewhere the check runs on a copy naming the real one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const UNITS = ['hotconf.service', 'hotconf-console.service'];
const dir = mkdtempSync(join(tmpdir(), 'hotconf-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const unitText = (name: string) => readFileSync(join(__dirname, '../../deploy/systemd', name), 'utf8');

/** `Key=value` lines of the [Service] section. */
function serviceSection(text: string): Map<string, string> {
  const body = text.split(/^\[Service\]$/m)[1]!.split(/^\[/m)[0]!;
  return new Map(body.split('\n').filter((l) => /^\w+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

describe('deploy/systemd', () => {
  it('passes systemd-analyze verify with no error and no warning', () => {
    if (!existsSync('/usr/bin/systemd-analyze')) throw new Error('/usr/bin/systemd-analyze is missing: install it as root with apt-get update && apt-get install -y --no-install-recommends systemd (npm test\'s prepare step does)');
    const paths = UNITS.map((name) => {
      const path = join(dir, name);
      writeFileSync(path, unitText(name).replaceAll('/usr/bin/node ', `${process.execPath} `));
      return path;
    });
    const r = spawnSync('/usr/bin/systemd-analyze', ['verify', '--man=no', ...paths], { encoding: 'utf8' });
    expect(r.stderr + r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  it('reloads with SIGHUP to the main process and stops with SIGTERM', () => {
    for (const name of UNITS) {
      const s = serviceSection(unitText(name));
      expect(s.get('KillSignal'), name).toBe('SIGTERM');
      if (name === 'hotconf.service') expect(s.get('ExecReload')).toBe('/bin/kill -HUP $MAINPID');
    }
  });

  it('runs unprivileged with the hardening options on', () => {
    for (const name of UNITS) {
      const s = serviceSection(unitText(name));
      expect(s.get('User'), name).toBe('hotconf');
      for (const [key, value] of [
        ['NoNewPrivileges', 'yes'],
        ['ProtectSystem', 'strict'],
        ['ProtectHome', 'yes'],
        ['PrivateTmp', 'yes'],
        ['PrivateDevices', 'yes'],
        ['RestrictAddressFamilies', 'AF_INET AF_INET6 AF_UNIX'],
        ['SystemCallFilter', '@system-service'],
        ['CapabilityBoundingSet', ''],
      ]) expect(s.get(key!), `${name} ${key}`).toBe(value);
    }
  });
});
