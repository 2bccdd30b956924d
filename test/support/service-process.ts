// Runs a real `hotconf serve` process (dist/cli.js, built by `npm test`'s prepare step) on
// free loopback ports in a temp dir, for the process-level acceptance tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './ports';
import { connectSse } from './sse';

const CLI = resolve('dist/cli.js');

export { freePort };

/** One JSON log line of the service (non-JSON lines come as `{ msg: line }`). */
export type LogLine = Record<string, any> & { msg: string };

export interface ServiceProcess {
  dir: string;
  configPath: string;
  dataDir: string;
  adminUrl: string;
  token: string;
  child: ChildProcess;
  logs: string[];
  /** `env` adds to (and overrides) the options' env for this run only. */
  start(env?: Record<string, string>): Promise<void>;
  /** Spawns without waiting for readiness (start() = launch() + waitReady()). */
  launch(env?: Record<string, string>): ChildProcess;
  waitReady(timeoutMs?: number): Promise<void>;
  /** Every log line so far, parsed. */
  lines(): LogLine[];
  /** Resolves with the first log line (past or future) matching; rejects after timeoutMs or on exit. */
  waitForLine(match: RegExp | ((l: LogLine) => boolean), timeoutMs?: number): Promise<LogLine>;
  /** Resolves when the process has exited, with its code and signal. */
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  history(limit?: number): Promise<any[]>;
  /** GET on the service listener. */
  service(port: number, path: string): Promise<Response>;
  writeConfig(text: string): void;
  admin(path: string, init?: RequestInit & { auth?: boolean }): Promise<Response>;
  reload(body?: unknown): Promise<{ status: number; body: any }>;
  status(): Promise<any>;
  metrics(): Promise<string>;
  signal(sig: NodeJS.Signals): void;
  /** Waits until the reload history holds a finished record newer than `afterId`. */
  waitForRecord(afterId: number, timeoutMs?: number): Promise<any>;
  stop(): Promise<number | null>;
  cleanup(): void;
}

export interface ServiceProcessOptions {
  config: string;
  env?: Record<string, string>;
  dir?: string;
  /** The admin listener's address (default 127.0.0.1); the test still reaches it on 127.0.0.1. */
  adminHost?: string;
  /** Run as this uid/gid (a root test runner uses it to make a directory truly read-only). */
  uid?: number;
  gid?: number;
}

export async function serviceProcess(opts: ServiceProcessOptions): Promise<ServiceProcess> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'hotconf-svc-'));
  const configPath = join(dir, 'config.yaml');
  const dataDir = join(dir, 'data');
  const adminPort = await freePort();
  const adminUrl = `http://127.0.0.1:${adminPort}`;
  const token = 'test-token-' + Math.random().toString(36).slice(2);
  writeFileSync(configPath, opts.config);
  const logs: string[] = [];
  const parsed: LogLine[] = [];
  let partial = '';
  const lineWaiters = new Set<() => void>();
  let exitedP: Promise<{ code: number | null; signal: NodeJS.Signals | null }> = Promise.resolve({ code: null, signal: null });

  const svc: ServiceProcess = {
    dir,
    configPath,
    dataDir,
    adminUrl,
    token,
    child: undefined as unknown as ChildProcess,
    logs,
    async start(env) {
      svc.launch(env);
      await svc.waitReady();
    },
    launch(env) {
      logs.length = 0;
      parsed.length = 0;
      partial = '';
      const child = spawn(process.execPath, [CLI, 'serve', '--config', configPath, '--data-dir', dataDir, '--admin-listen', `${opts.adminHost ?? '127.0.0.1'}:${adminPort}`], {
        env: { ...process.env, HOTCONF_ADMIN_TOKEN: token, ...opts.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        cwd: dir,
        ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.gid ?? opts.uid } : {}),
      });
      svc.child = child;
      const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.once('exit', (code, signal) => res({ code, signal })));
      exitedP = exit;
      const take = (d: Buffer) => {
        logs.push(d.toString());
        partial += d.toString();
        let i: number;
        while ((i = partial.indexOf('\n')) >= 0) {
          const text = partial.slice(0, i);
          partial = partial.slice(i + 1);
          let line: LogLine;
          try {
            line = JSON.parse(text);
          } catch {
            line = { msg: text };
          }
          parsed.push(line);
          for (const w of [...lineWaiters]) w();
        }
      };
      child.stdout!.on('data', take);
      child.stderr!.on('data', take);
      void exit.then(() => [...lineWaiters].forEach((w) => w()));
      return child;
    },
    async waitReady(timeoutMs = 20_000) {
      const child = svc.child;
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`hotconf serve exited with ${child.exitCode ?? child.signalCode}:\n${logs.join('')}`);
        const ready = await fetch(`${adminUrl}/-/ready`).then((r) => r.status === 200, () => false);
        if (ready) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`hotconf serve not ready after ${timeoutMs / 1000} s:\n${logs.join('')}`);
    },
    lines: () => [...parsed],
    waitForLine(match, timeoutMs = 20_000) {
      const test = typeof match === 'function' ? match : (l: LogLine) => match.test(l.msg);
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = parsed.find(test);
          if (hit) return done(() => resolve(hit));
          const c = svc.child;
          if (c.exitCode !== null || c.signalCode !== null) done(() => reject(new Error(`the service exited before logging ${match}:\n${logs.join('')}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`no log line ${match} within ${timeoutMs} ms:\n${logs.join('')}`))), timeoutMs);
        const done = (f: () => void) => {
          clearTimeout(timer);
          lineWaiters.delete(check);
          f();
        };
        lineWaiters.add(check);
        check();
      });
    },
    exited: () => exitedP,
    async history(limit = 20) {
      return (await (await svc.admin(`/api/v2/config/reload/history?limit=${limit}`)).json()).records;
    },
    service(port, path) {
      return fetch(`http://127.0.0.1:${port}${path}`);
    },
    writeConfig(text) {
      writeFileSync(configPath, text);
    },
    admin(path, init = {}) {
      const headers = new Headers(init.headers);
      if (init.auth !== false) headers.set('authorization', `Bearer ${token}`);
      return fetch(adminUrl + path, { ...init, headers });
    },
    async reload(body) {
      const res = await svc.admin('/-/reload', { method: 'POST', ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
      return { status: res.status, body: await res.json() };
    },
    async status() {
      return (await svc.admin('/api/v2/config/status')).json();
    },
    async metrics() {
      return (await svc.admin('/metrics')).text();
    },
    signal(sig) {
      svc.child.kill(sig);
    },
    async waitForRecord(afterId, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const { records } = await (await svc.admin('/api/v2/config/reload/history?limit=5')).json();
        const rec = records.find((r: any) => r.id > afterId && r.status !== 'in_progress');
        if (rec) return rec;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`no reload record after id ${afterId} within ${timeoutMs} ms`);
    },
    async stop() {
      const child = svc.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
      child.kill('SIGTERM');
      return (await exitedP).code;
    },
    cleanup() {
      if (svc.child && svc.child.exitCode === null && svc.child.signalCode === null) svc.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return svc;
}

/** A small valid config with the service listener on `port` and its database in the temp dir. */
export function sampleConfig(opts: { port: number; receivers?: string[]; routeReceiver?: string; extra?: string }): string {
  const names = opts.receivers ?? ['default'];
  return [
    'server:',
    '  host: 127.0.0.1',
    `  port: ${opts.port}`,
    '  graceful_shutdown_timeout: 2s',
    'log:',
    '  level: info',
    'database:',
    '  path: alerts.db',
    'route:',
    `  receiver: ${opts.routeReceiver ?? names[0]}`,
    'receivers:',
    ...names.flatMap((n) => [`  - name: ${n}`, '    webhook_configs:', `      - url: http://127.0.0.1:9/${n}`]),
    opts.extra ?? '',
  ].join('\n');
}

/** The receiver names the service listener serves now (GET /api/v2/receivers), sorted. */
export async function liveReceivers(s: ServiceProcess, port: number): Promise<string[]> {
  return ((await (await s.service(port, '/api/v2/receivers')).json()) as { name: string }[]).map((r) => r.name).sort();
}

/** A reload by SIGHUP, answered by its reload.finished event's record. */
export async function hup(s: ServiceProcess): Promise<any> {
  const sse = await connectSse(`${s.adminUrl}/api/v2/config/reload/events`, { token: s.token });
  try {
    s.signal('SIGHUP');
    return (await sse.waitFor((e) => e.event === 'reload.finished', 20_000)).data.record;
  } finally {
    sse.close();
  }
}
