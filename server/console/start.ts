// Starting and stopping the built console (`hotconf console`, `hotconf up`, the e2e harness).
// Next runs as `node node_modules/next/dist/bin/next start`, not through npx: killing npx can
// leave the real server holding the port (STACK_NOTES "Processes"); this way the pid we hold
// is the server's own.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseAuthSettings, type AuthSettings } from './auth/settings';
import { buildConsoleHostPolicy } from './host-policy';
import { parseSettings, SettingsError, type ConsoleSettings, type Env } from './settings';

export interface StartConsoleOptions {
  /** 'host:port' ('[::1]:3000' for IPv6); port 0 picks a free port. */
  listen: string;
  /** The console's HOTCONF_* settings; merged over process.env and checked before starting. */
  env?: Env;
  /** Project root holding node_modules/next and the .next build; found from this file by default. */
  root?: string;
  /** Each line the console prints; default: to stderr, prefixed "[console] ". */
  onOutput?: (line: string) => void;
  readyTimeoutMs?: number;
}

export interface RunningConsole {
  url: string;
  pid: number;
  /** SIGTERM, then SIGKILL after 5 s; resolves once the process has exited. */
  stop(): Promise<void>;
  /** Resolves with the exit code (null when killed by a signal) when the process ends. */
  exited: Promise<number | null>;
}

const STOP_GRACE_MS = 5_000;
const DEFAULT_READY_TIMEOUT_MS = 60_000;

export async function startConsole(opts: StartConsoleOptions): Promise<RunningConsole> {
  const { host, port: askedPort } = parseListen(opts.listen);
  const merged: Env = { ...process.env, ...opts.env };
  // Fail here, with every problem listed, not on the first request. Paths are made absolute
  // against the caller's directory: the console process runs in the project root.
  const { settings, auth } = parseConsoleEnv(merged);
  buildConsoleHostPolicy({ ...merged, HOTCONF_CONSOLE_LISTEN_HOST: host });
  // The launcher's own credential, for the start reconcile below: random per process, known
  // to this process and the console's environment only.
  const launchToken = randomBytes(32).toString('base64url');
  const root = opts.root ?? projectRoot();
  assertBuilt(root);
  const env: NodeJS.ProcessEnv = {
    ...merged,
    HOTCONF_REPO: settings.repoDir,
    HOTCONF_CONSOLE_DATA_DIR: auth.dataDir,
    HOTCONF_LAUNCH_TOKEN: launchToken,
    HOTCONF_CONSOLE_LISTEN_HOST: host,
    ...(settings.signal.mode === 'pid' ? { HOTCONF_PID_FILE: settings.signal.pidFile } : {}),
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_ENV: 'production' as const,
  };
  const port = askedPort === 0 ? await freePort(host) : askedPort;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  // The preload stamps each request with its socket's address (./peer-address.mjs).
  const preload = join(root, 'server/console/peer-address.mjs');
  const child = spawn(process.execPath, ['--import', pathToFileURL(preload).href, join(root, 'node_modules/next/dist/bin/next'), 'start', '-H', host, '-p', String(port)], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const recent = captureOutput(child, opts.onOutput ?? ((line) => process.stderr.write(`[console] ${line}\n`)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = () => stopProcess(child, exited);

  try {
    await waitUntilReady(`${url}/api/health`, exited, opts.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\nlast console output:\n${recent().join('\n') || '(none)'}`);
  }
  if (child.pid === undefined) throw new Error('the console process has no pid');
  await askForStartReconcile(url, launchToken, (line) => (opts.onOutput ?? ((l) => process.stderr.write(`[console] ${l}\n`)))(line));
  return { url, pid: child.pid, stop, exited };
}

/** Both halves of the console's settings, every problem of either listed at once. */
function parseConsoleEnv(env: Env): { settings: ConsoleSettings; auth: AuthSettings } {
  const problems: string[] = [];
  const attempt = <T>(parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (err) {
      if (!(err instanceof SettingsError)) throw err;
      problems.push(...err.problems);
      return undefined;
    }
  };
  const settings = attempt(() => parseSettings(env));
  const auth = attempt(() => parseAuthSettings(env));
  if (!settings || !auth) throw new SettingsError(problems);
  return { settings, auth };
}

export function parseListen(listen: string): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s[\]]+)):(\d{1,5})$/.exec(listen.trim());
  const host = m?.[1] ?? m?.[2];
  const port = Number(m?.[3]);
  if (!host || !Number.isInteger(port) || port > 65535) {
    throw new Error(`console listen address "${listen}" must be HOST:PORT, e.g. 127.0.0.1:3000 (port 0-65535; IPv6 as [::1]:3000)`);
  }
  return { host, port };
}

/** A port nothing listens on right now (the OS picks it); for tests and port 0. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('the OS gave no port'))));
    });
  });
}

/** The directory of hotconf's package.json, above this file (server/console/ or dist/). */
export function projectRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'hotconf') return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find hotconf's package.json above ${from}`);
  }
}

function assertBuilt(root: string): void {
  if (!existsSync(join(root, 'node_modules/next/dist/bin/next'))) {
    throw new Error(`Next.js is not installed under ${root}/node_modules: run \`npm install\` there`);
  }
  if (!existsSync(join(root, '.next/BUILD_ID'))) {
    throw new Error(`the console is not built (${root}/.next/BUILD_ID is missing): run \`npx next build\` in ${root} (npm start does it for you)`);
  }
}

/** Streams the child's lines to `onLine`; returns a getter of the last lines, for errors. */
function captureOutput(child: ChildProcess, onLine: (line: string) => void): () => string[] {
  const last: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      last.push(line);
      if (last.length > 40) last.shift();
      onLine(line);
    });
  }
  return () => [...last];
}

/**
 * The console reconciles the service with HEAD when it starts (DESIGN §10): a commit whose
 * reload never ran, because the last console died in between, gets loaded. Next has no
 * start hook that shares the route handlers' modules, so the launcher asks the console
 * itself, once it answers; the console then works in the background (and retries while the
 * service is not up). A failure here is reported, never fatal: the console still serves.
 */
async function askForStartReconcile(url: string, launchToken: string, report: (line: string) => void): Promise<void> {
  try {
    const res = await fetch(`${url}/api/reconcile`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${launchToken}` },
      body: JSON.stringify({ reason: 'start' }),
      signal: AbortSignal.timeout(10_000),
    });
    await res.body?.cancel();
    if (res.status !== 202) report(`hotconf console reconcile (start): not started: POST /api/reconcile answered ${res.status}`);
  } catch (err) {
    report(`hotconf console reconcile (start): not started: ${(err as Error).message}`);
  }
}

async function waitUntilReady(healthUrl: string, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone !== undefined) throw new Error(`the console exited (code ${gone}) before answering ${healthUrl}`);
    try {
      const res = await fetch(healthUrl, { signal: AbortSignal.timeout(2_000) });
      await res.body?.cancel();
      if (res.status === 200) return;
    } catch {
      // Not listening yet: keep polling until the deadline.
    }
    if (Date.now() > deadline) throw new Error(`the console did not answer ${healthUrl} within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stopProcess(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}
