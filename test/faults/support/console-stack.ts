// One config repository, one real `hotconf serve`, and any number of real console processes
// (the built Next app, started as `hotconf console` starts it) on it — for the console fault
// tests. Consoles can be killed with SIGKILL and started again on the same repository; every
// line a console prints is kept, and a test waits on lines (a failpoint's report, a
// reconcile) instead of on timers. Each console's API calls are made as an editor user named
// after it (made with the real CLI, commits authored "<name> <name@example.org>").
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseDocument } from 'yaml';
import { freePort, projectRoot, startConsole, type RunningConsole } from '../../../server/console/start';
import { initConfigRepo } from '../../../server/git/repo';
import { addConsoleUser } from '../../support/console-users';

const ROOT = projectRoot();
const CLI = join(ROOT, 'dist/cli.js');
export const SAMPLE = readFileSync(join(ROOT, 'server/config/sample-config.yaml'), 'utf8');

export interface ConsoleProcess {
  readonly name: string;
  readonly url: string;
  /** The console server's pid (the process a failpoint pauses). */
  readonly pid: number;
  /** The API token of the editor this console's calls are made as. */
  readonly token: string;
  readonly exited: Promise<number | null>;
  /** Resolves with the first line printed from now on (or already printed, with `seen`) that matches. */
  line(pattern: RegExp, opts?: { timeoutMs?: number; seen?: boolean }): Promise<string>;
  kill9(): Promise<void>;
  stop(): Promise<void>;
  api<T = unknown>(path: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; body: T }>;
}

export interface ConsoleStack {
  repoDir: string;
  adminUrl: string;
  token: string;
  initialCommit: string;
  /** Starts a console on the stack's repository and service; `env` adds to its HOTCONF_* settings. */
  console(name: string, opts?: { env?: Record<string, string>; signal?: 'api' | 'pid' }): Promise<ConsoleProcess>;
  serviceStatus(): Promise<{ commit: string | null; dirty: boolean; in_progress: boolean; status: string | null }>;
  /** The service's reload records, newest first. */
  serviceRecords(limit?: number): Promise<Array<{ id: number; commit: string | null; dirty: boolean; status: string; trigger: string }>>;
  logs(): string;
  stop(): Promise<void>;
}

export async function startConsoleStack(): Promise<ConsoleStack> {
  const dir = await mkdtemp(join(tmpdir(), 'hotconf-faults-console-'));
  const repoDir = join(dir, 'config-repo');
  const dataDir = join(dir, 'data');
  const consoleDataDir = join(dir, 'console');
  await mkdir(dataDir, { recursive: true });
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (name: string): Promise<string> => {
    if (!tokens.has(name)) tokens.set(name, addConsoleUser(consoleDataDir, name, 'editor', `${name}@example.org`).then((u) => u.token));
    return tokens.get(name)!;
  };
  const token = randomBytes(16).toString('hex');
  const recent: string[] = [];
  const log = (who: string, line: string) => {
    recent.push(`[${who}] ${line}`);
    if (recent.length > 300) recent.shift();
  };
  const consoles: ConsoleProcess[] = [];
  let service: ChildProcess | undefined;

  const { commit: initialCommit } = await initConfigRepo(repoDir, withPort(SAMPLE, await freePort()));
  const adminPort = await freePort();
  const adminUrl = `http://127.0.0.1:${adminPort}`;
  service = spawn(process.execPath, [CLI, 'serve', '--config', join(repoDir, 'config.yaml'), '--data-dir', dataDir, '--admin-listen', `127.0.0.1:${adminPort}`], {
    cwd: dir,
    env: { ...process.env, ...unsetHotconfEnv(), HOTCONF_ADMIN_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [service.stdout, service.stderr]) if (stream) createInterface({ input: stream }).on('line', (l) => log('service', l));
  await waitForReady(`${adminUrl}/-/ready`, service);

  const admin = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${adminUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return (await res.json()) as T;
  };

  return {
    repoDir,
    adminUrl,
    token,
    initialCommit,
    async console(name, opts = {}) {
      const lines: string[] = [];
      const apiToken = await tokenOf(name);
      const waiters = new Set<{ pattern: RegExp; done: (line: string) => void }>();
      const running: RunningConsole = await startConsole({
        listen: '127.0.0.1:0',
        env: {
          ...unsetHotconfEnv(),
          HOTCONF_REPO: repoDir,
          HOTCONF_SERVICE_URL: adminUrl,
          HOTCONF_ADMIN_TOKEN: token,
          HOTCONF_CONSOLE_DATA_DIR: consoleDataDir,
          HOTCONF_SIGNAL: opts.signal ?? 'api',
          HOTCONF_PID_FILE: join(dataDir, 'hotconf.pid'),
          ...opts.env,
        },
        onOutput: (line) => {
          log(name, line);
          lines.push(line);
          for (const w of waiters) if (w.pattern.test(line)) w.done(line);
        },
      });
      const proc: ConsoleProcess = {
        name,
        url: running.url,
        pid: running.pid,
        token: apiToken,
        exited: running.exited,
        line(pattern, { timeoutMs = 60_000, seen = false } = {}) {
          const already = seen ? lines.find((l) => pattern.test(l)) : undefined;
          if (already !== undefined) return Promise.resolve(already);
          return new Promise((resolve, reject) => {
            const waiter = {
              pattern,
              done: (l: string) => {
                clearTimeout(timer);
                waiters.delete(waiter);
                resolve(l);
              },
            };
            const timer = setTimeout(() => {
              waiters.delete(waiter);
              reject(new Error(`console ${name} printed no line matching ${pattern} within ${timeoutMs / 1000} s\n${recent.slice(-40).join('\n')}`));
            }, timeoutMs);
            waiters.add(waiter);
          });
        },
        async kill9() {
          process.kill(running.pid, 'SIGKILL');
          await running.exited;
        },
        stop: () => running.stop(),
        async api(path, init = {}) {
          const res = await fetch(`${running.url}${path}`, {
            method: init.method ?? 'GET',
            headers: { Authorization: `Bearer ${apiToken}`, ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
            body: init.body === undefined ? undefined : JSON.stringify(init.body),
          });
          return { status: res.status, body: (await res.json()) as never };
        },
      };
      consoles.push(proc);
      return proc;
    },
    serviceStatus: () => admin('/api/v2/config/status'),
    async serviceRecords(limit = 20) {
      return (await admin<{ records: never[] }>(`/api/v2/config/reload/history?limit=${limit}`)).records;
    },
    logs: () => recent.join('\n'),
    async stop() {
      await Promise.all(consoles.map((c) => c.stop()));
      if (service && service.exitCode === null && service.signalCode === null) {
        const exited = new Promise((r) => service!.once('exit', r));
        service.kill('SIGTERM');
        const timer = setTimeout(() => service!.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The sample config with its service listener on `port` (comments kept). */
function withPort(config: string, port: number): string {
  const doc = parseDocument(config);
  doc.setIn(['server', 'port'], port);
  return doc.toString();
}

/** The stack is configured by its arguments only, never by the shell running the tests. */
function unsetHotconfEnv(): Record<string, undefined> {
  return Object.fromEntries(Object.keys(process.env).filter((k) => k.startsWith('HOTCONF_')).map((k) => [k, undefined]));
}

async function waitForReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the service exited during start-up (${child.exitCode ?? child.signalCode})`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status === 200, () => false);
    if (ok) return;
    // Start-up takes seconds; this poll is the only readiness signal the service offers.
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the service did not answer 200 on ${url} within 60 s`);
}
