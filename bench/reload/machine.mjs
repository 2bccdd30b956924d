// What every side-by-side benchmark does before it measures: make sure Alertmanager is
// there, build hotconf, and describe the machine (a shared one: the load average is part
// of the result). Kept out of run.mjs so other benchmarks can import it without running it.
import { execFileSync, spawnSync } from 'node:child_process';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function ensureAlertmanager() {
  const res = spawnSync('bash', [join(ROOT, 'scripts', 'ensure-alertmanager.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (res.status !== 0) throw new Error('Alertmanager is not available (see the message above)');
  return res.stdout.trim().split('\n').at(-1);
}

export function buildHotconf() {
  const res = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] });
  if (res.status !== 0) throw new Error('building hotconf (node scripts/build.mjs) failed; see above');
}

function gitDescribe() {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${sha}+uncommitted` : sha;
  } catch {
    return 'unknown';
  }
}

export function machineInfo(amBin) {
  const amVersion = spawnSync(amBin, ['--version'], { encoding: 'utf8' });
  return {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    mem_gib: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    alertmanager: /version (\S+)/.exec(`${amVersion.stdout}${amVersion.stderr}`)?.[1] ?? 'unknown',
    hotconf_commit: gitDescribe(),
    load_start: os.loadavg()[0],
  };
}
