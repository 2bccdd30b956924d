// Runs Debian's Alertmanager 0.25 on loopback for differential tests: one config, a
// temporary storage directory, no clustering. Every wait is bounded; stop() kills the
// process and removes the directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../support/ports';

export const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';
export const INSTALL = 'apt-get install -y --no-install-recommends prometheus-alertmanager';

export function requireAlertmanager(): void {
  if (!existsSync(ALERTMANAGER)) {
    throw new Error(`${ALERTMANAGER} is missing: this test compares hotconf's notifiers with Alertmanager 0.25's. Install it as root: ${INSTALL} (or run node scripts/prepare.mjs --for-test)`);
  }
}

export interface RunningAlertmanager {
  url: string;
  postAlerts(alerts: unknown[]): Promise<void>;
  output(): string;
  stop(): Promise<void>;
}

export async function startAlertmanager(config: string, externalURL: string): Promise<RunningAlertmanager> {
  requireAlertmanager();
  const dir = mkdtempSync(join(tmpdir(), 'hotconf-am-'));
  const file = join(dir, 'alertmanager.yml');
  writeFileSync(file, config);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child: ChildProcess = spawn(
    ALERTMANAGER,
    [`--config.file=${file}`, `--storage.path=${join(dir, 'data')}`, '--cluster.listen-address=', `--web.listen-address=127.0.0.1:${port}`, `--web.external-url=${externalURL}`, '--log.level=debug'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-200_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // The external URL's path is the route prefix.
  const prefix = new URL(externalURL).pathname.replace(/\/$/, '');
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`Alertmanager exited at start:\n${log.slice(-4000)}`);
    }
    const ready = await fetch(`${url}${prefix}/-/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (i >= 150) {
      await stop();
      throw new Error(`Alertmanager was not ready after 15 s:\n${log.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    output: () => log,
    stop,
    async postAlerts(alerts) {
      const r = await fetch(`${url}${prefix}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alerts) });
      if (!r.ok) throw new Error(`POST /api/v2/alerts: ${r.status} ${await r.text()}`);
    },
  };
}

/** Polls `done` every 50 ms until it holds, at most `ms`. */
export async function waitFor(what: string, done: () => boolean, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
