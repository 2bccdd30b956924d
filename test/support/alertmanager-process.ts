// The real Alertmanager 0.25 (Debian's prometheus-alertmanager) as a test oracle: started on
// a free loopback port with a given config and a temp storage dir, clustering off, stopped
// and removed after. "What would Alertmanager do" is asked of it, not guessed.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './service-process';

export const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';

export interface AlertmanagerProcess {
  url: string;
  /** The config file it runs: rewrite it and POST /-/reload to run another. */
  configFile: string;
  stop(): Promise<void>;
}

export function assertAlertmanager(): void {
  if (!existsSync(ALERTMANAGER)) {
    throw new Error(`${ALERTMANAGER} is missing: install it as root with apt-get update && apt-get install -y --no-install-recommends prometheus-alertmanager (npm test's prepare step does)`);
  }
}

export async function startAlertmanager(config: string): Promise<AlertmanagerProcess> {
  assertAlertmanager();
  const dir = mkdtempSync(join(tmpdir(), 'hotconf-am-'));
  const configFile = join(dir, 'alertmanager.yml');
  writeFileSync(configFile, config);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(ALERTMANAGER, [`--config.file=${configFile}`, `--storage.path=${join(dir, 'data')}`, '--cluster.listen-address=', `--web.listen-address=127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Alertmanager exited (${child.exitCode}) before it was ready:\n${stderr}`);
    const ok = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Alertmanager was not ready within 20 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    configFile,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
