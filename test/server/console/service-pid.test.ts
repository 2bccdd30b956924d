// The pid check before a SIGHUP (server/console/service-pid.ts), on real processes: what
// /proc says of a process, and which command lines count as a hotconf service.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { inspectProcess, isHotconfServe, notTheService } from '../../../server/console/service-pid';

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

describe('isHotconfServe', () => {
  it.each([
    [['/usr/bin/node', '/srv/hotconf/dist/cli.js', 'serve', '--config', 'c.yaml'], true],
    [['node', '/srv/hotconf/bin/hotconf.js', 'serve'], true],
    [['/usr/local/bin/hotconf', 'serve', '--data-dir', 'd'], true],
    [['node', '--enable-source-maps', 'dist/cli.js', 'serve'], true],
    [['node', 'dist/cli.js', 'console'], false],
    [['node', 'dist/cli.js', 'up'], false],
    [['/usr/sbin/nginx', '-g', 'daemon off;'], false],
    [['node', 'server.js', 'serve'], false],
  ])('%j → %s', (argv, expected) => {
    expect(isHotconfServe(argv)).toBe(expected);
  });
});

describe('notTheService', () => {
  const writtenAt = Date.parse('2025-01-01T12:00:00Z');
  it('accepts a hotconf service that started before it wrote the pid file', () => {
    expect(notTheService({ argv: ['node', 'dist/cli.js', 'serve'], startedAtMs: writtenAt - 2_000 }, writtenAt)).toBeNull();
  });
  it('accepts a process whose fields are unknown (no /proc): liveness is all that is known', () => {
    expect(notTheService({ argv: null, startedAtMs: null }, writtenAt)).toBeNull();
  });
  it('refuses a process that started after the pid file was written: the number was reused', () => {
    expect(notTheService({ argv: ['node', 'dist/cli.js', 'serve'], startedAtMs: writtenAt + 5_000 }, writtenAt)).toMatch(/after the pid file was written/);
  });
});

describe('inspectProcess (Linux /proc)', () => {
  it('reads a live process: its command line and a start time no later than now', async () => {
    child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)', '/opt/hotconf/dist/cli.js', 'serve'], { stdio: 'ignore' });
    const info = await inspectProcess(child.pid!);
    expect(info?.argv).toEqual([process.execPath, '-e', 'setInterval(() => {}, 1 << 30)', '/opt/hotconf/dist/cli.js', 'serve']);
    expect(isHotconfServe(info!.argv!)).toBe(true);
    expect(info!.startedAtMs).toBeGreaterThan(Date.now() - 60_000);
    expect(info!.startedAtMs).toBeLessThanOrEqual(Date.now() + 1_000);
  });

  it('answers null for a process that has exited', async () => {
    child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    const pid = child.pid!;
    await new Promise((resolve) => child!.once('exit', resolve));
    expect(await inspectProcess(pid)).toBeNull();
  });
});
