// The whole product on loopback for end-to-end tests: a temp config repo holding the sample
// config (its service port swapped for a free one), the built service (`node dist/cli.js
// serve`) on a free admin port, and the built console (startConsole) on a free port.
// Every test file gets its own stack, so files run in parallel without sharing anything.
// The console has one editor user, `e2e`, made with the real CLI: API calls send its token
// (stack.api), browser pages carry its session (openPage in ../ui.ts signs in).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseDocument } from 'yaml';
import { freePort, projectRoot, startConsole, type RunningConsole } from '../../../server/console/start';
import { initConfigRepo } from '../../../server/git/repo';
import { checkResponsesFrom } from '../../support/spec-check';
import { addConsoleUser, bearerFetch, type ConsoleUser } from '../../support/console-users';

export interface StackOptions {
  /** config.yaml to start from (default: server/config/sample-config.yaml); server.port is replaced by a free port. */
  config?: string;
  /** How the console signals the service after a commit (default 'api'). */
  signal?: 'api' | 'pid';
  /** Extra environment of the service process (e.g. HOTCONF_FAILPOINTS). */
  serviceEnv?: Record<string, string>;
}

export interface Stack {
  consoleUrl: string;
  adminUrl: string;
  servicePid: number;
  repoDir: string;
  dataDir: string;
  configPath: string;
  /** The service's admin token. */
  token: string;
  /** The console's data dir (users.json, sessions.json). */
  consoleDataDir: string;
  /** The console's editor user (password and API token included); commits are authored by it. */
  editor: ConsoleUser;
  /** fetch on the console with the editor's API token (and JSON bodies declared as such). */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** The commit initConfigRepo made: what the service runs at start. */
  initialCommit: string;
  /** The service's listener port (server.port in the config). */
  servicePort: number;
  /** The last lines both processes printed, for failure messages. */
  logs(): string;
  /** Every line both processes printed. */
  allLogs(): string;
  stop(): Promise<void>;
}

const ROOT = projectRoot();
const SAMPLE = join(ROOT, 'server/config/sample-config.yaml');
const CLI = join(ROOT, 'dist/cli.js');
const READY_TIMEOUT_MS = 60_000;

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  assertBuilt();
  const dir = await mkdtemp(join(tmpdir(), 'hotconf-e2e-'));
  const repoDir = join(dir, 'config-repo');
  const dataDir = join(dir, 'data');
  const consoleDataDir = join(dir, 'console');
  const configPath = join(repoDir, 'config.yaml');
  await mkdir(dataDir, { recursive: true });
  const token = randomBytes(16).toString('hex');
  const servicePort = await freePort();
  const logs = new LogTail();
  let service: ChildProcess | undefined;
  let console_: RunningConsole | undefined;

  const stop = async () => {
    await console_?.stop();
    if (service) await stopChild(service);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const { commit: initialCommit } = await initConfigRepo(repoDir, withPort(opts.config ?? readFileSync(SAMPLE, 'utf8'), servicePort));
    const adminPort = await freePort();
    const adminUrl = `http://127.0.0.1:${adminPort}`;
    // The service runs in the temp dir: relative paths in the config (database.path) land there.
    service = spawn(process.execPath, [CLI, 'serve', '--config', configPath, '--data-dir', dataDir, '--admin-listen', `127.0.0.1:${adminPort}`], {
      cwd: dir,
      env: { ...process.env, ...unsetHotconfEnv(), HOTCONF_ADMIN_TOKEN: token, ...opts.serviceEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    logs.follow(service, 'service');
    await waitForReady(`${adminUrl}/-/ready`, service, logs);
    if (service.pid === undefined) throw new Error('the service process has no pid');
    const servicePid = service.pid;

    const editor = await addConsoleUser(consoleDataDir, 'e2e', 'editor');
    console_ = await startConsole({
      listen: '127.0.0.1:0',
      env: {
        ...unsetHotconfEnv(),
        HOTCONF_REPO: repoDir,
        HOTCONF_SERVICE_URL: adminUrl,
        HOTCONF_ADMIN_TOKEN: token,
        HOTCONF_CONSOLE_DATA_DIR: consoleDataDir,
        HOTCONF_SIGNAL: opts.signal ?? 'api',
        HOTCONF_PID_FILE: join(dataDir, 'hotconf.pid'),
      },
      onOutput: (line) => logs.add('console', line),
    });
    const consoleUrl = console_.url;
    // Every answer the tests get from either API is checked against its OpenAPI document.
    checkResponsesFrom(consoleUrl, 'console');
    checkResponsesFrom(adminUrl, 'admin');
    return {
      consoleUrl,
      adminUrl,
      servicePid,
      repoDir,
      dataDir,
      configPath,
      token,
      consoleDataDir,
      editor,
      api: (path, init) => bearerFetch(editor.token)(new URL(path, consoleUrl), init),
      initialCommit,
      servicePort,
      logs: () => logs.text(),
      allLogs: () => logs.all(),
      stop,
    };
  } catch (err) {
    await stop();
    throw new Error(`startStack failed: ${(err as Error).message}\n--- last output ---\n${logs.text()}`, { cause: err });
  }
}

function assertBuilt(): void {
  const missing = [CLI, join(ROOT, '.next/BUILD_ID')].filter((p) => !existsSync(p));
  if (missing.length > 0) {
    throw new Error(`end-to-end tests need the built service and console (missing: ${missing.join(', ')}): run \`node scripts/prepare.mjs --for-test\` (npm test does)`);
  }
}

/** Sets server.port, keeping the file's comments and layout (the editor shows them). */
function withPort(config: string, port: number): string {
  const doc = parseDocument(config);
  if (doc.errors.length > 0) throw new Error(`startStack: the given config is not YAML: ${doc.errors[0]?.message}`);
  doc.setIn(['server', 'port'], port);
  return doc.toString();
}

/**
 * The stack is configured by its arguments only, never by the shell that runs the tests:
 * every inherited HOTCONF_* variable is overridden with undefined (spawn leaves those out).
 */
function unsetHotconfEnv(): Record<string, undefined> {
  return Object.fromEntries(Object.keys(process.env).filter((k) => k.startsWith('HOTCONF_')).map((k) => [k, undefined]));
}

async function waitForReady(url: string, child: ChildProcess, logs: LogTail): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the service exited during start-up (code ${child.exitCode ?? child.signalCode})`);
    }
    const status = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.body?.cancel().then(() => r.status),
      () => 0,
    );
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the service did not answer 200 on ${url} within ${READY_TIMEOUT_MS / 1000} s\n${logs.text()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

class LogTail {
  private readonly lines: string[] = [];

  follow(child: ChildProcess, name: string): void {
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.add(name, line));
    }
  }

  add(name: string, line: string): void {
    this.lines.push(`[${name}] ${line}`);
  }

  /** The last 200 lines, for failure messages. */
  text(): string {
    return this.lines.slice(-200).join('\n');
  }

  /** Every line, for tests that search the whole output (secret-leak-console). */
  all(): string {
    return this.lines.join('\n');
  }
}
