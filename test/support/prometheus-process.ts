// A real Prometheus (Debian's `prometheus` package, 2.42) for tests: started on a free
// loopback port with a given config and rule files in a temp dir (its TSDB too), stopped
// and removed after. It scrapes hotconf and evaluates hotconf's alert rules, or sends its
// own alerts to hotconf, exactly as an operator's Prometheus would.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './service-process';

export const PROMETHEUS = '/usr/bin/prometheus';
export const PROMTOOL = '/usr/bin/promtool';

export interface PrometheusProcess {
  url: string;
  dir: string;
  /** Its own /metrics, as text. */
  metrics(): Promise<string>;
  /** An instant query; the `data.result` vector (throws on an error answer). */
  query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  /** Alerts as GET /api/v1/alerts lists them. */
  alerts(): Promise<{ labels: Record<string, string>; state: 'pending' | 'firing' }[]>;
  stop(): Promise<void>;
}

export function assertPrometheus(): void {
  for (const bin of [PROMETHEUS, PROMTOOL]) {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: install it as root with apt-get update && apt-get install -y --no-install-recommends prometheus (npm test's prepare step does)`);
  }
}

/** `files` are written beside the config (rule files); `config` may name them relatively.
 *  `args` are added to the command line. */
export async function startPrometheus(config: string, files: Record<string, string> = {}, args: string[] = []): Promise<PrometheusProcess> {
  assertPrometheus();
  const dir = mkdtempSync(join(tmpdir(), 'hotconf-prom-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'prometheus.yml'), config);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(PROMETHEUS, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, ...args], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8000)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Prometheus exited (${child.exitCode}) before it was ready:\n${stderr}`);
    if (await fetch(`${url}/-/ready`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Prometheus was not ready within 30 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const api = async (path: string) => {
    const body = (await (await fetch(url + path)).json()) as { status: string; error?: string; data: any };
    if (body.status !== 'success') throw new Error(`Prometheus ${path}: ${body.error}`);
    return body.data;
  };
  return {
    url,
    dir,
    metrics: async () => (await fetch(`${url}/metrics`)).text(),
    query: async (expr) => (await api(`/api/v1/query?query=${encodeURIComponent(expr)}`)).result,
    alerts: async () => (await api('/api/v1/alerts')).alerts,
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

/** The value of one sample of a metric in Prometheus text format, or undefined. */
export function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const body = line.slice(name.length + 1, line.lastIndexOf('}'));
    const have = Object.fromEntries([...body.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}
