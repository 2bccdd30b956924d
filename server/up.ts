// `hotconf console` and `hotconf up`.
//
// `up` is what `npm start` runs: it creates the embedded default under ./data on first use
// (a git repo data/config-repo with the sample config.yaml, the service's data dir with its
// SQLite state and admin token, the console's first user), then runs the service as a child process — so the pid it
// prints is the service's own, ready for `kill -HUP` — and the console next to it.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot, startConsole } from './console/start';
import { initConfigRepo } from './git/repo';
import { SCHEMA_FILE, SCHEMA_MODELINE } from './config/schema-file';
import { DEFAULT_ADMIN_LISTEN, DEFAULT_CONSOLE_LISTEN, DEFAULT_DATA_DIR, adminTokenFrom, defaultServiceUrl } from './cli-defaults';
import { adminTokenFromDataDir } from './service';
import { silentLogger } from './log';
import { generatePassword, UserStore } from './console/auth/users';


export async function runConsole(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      repo: { type: 'string' },
      service: { type: 'string' },
      listen: { type: 'string' },
      signal: { type: 'string' },
      'pid-file': { type: 'string' },
      'git-remote': { type: 'string' },
      'token-file': { type: 'string' },
      'data-dir': { type: 'string' },
      auth: { type: 'string' },
      'proxy-user-header': { type: 'string' },
      'trusted-proxy': { type: 'string' },
      'allowed-hosts': { type: 'string' },
    },
  });
  const env = process.env;
  const repo = values.repo ?? env.HOTCONF_REPO;
  if (!repo) throw new Error('--repo is required (or set HOTCONF_REPO): the git repository holding config.yaml');
  const consoleEnv: Record<string, string> = {
    HOTCONF_REPO: resolve(repo),
    HOTCONF_SERVICE_URL: values.service ?? defaultServiceUrl(env),
    HOTCONF_SIGNAL: values.signal ?? env.HOTCONF_SIGNAL ?? 'api',
  };
  const pidFile = values['pid-file'] ?? env.HOTCONF_PID_FILE;
  if (pidFile) consoleEnv.HOTCONF_PID_FILE = resolve(pidFile);
  const remote = values['git-remote'] ?? env.HOTCONF_REMOTE;
  if (remote) consoleEnv.HOTCONF_REMOTE = remote;
  const token = adminTokenFrom({ env, tokenFile: values['token-file'] });
  if (token) consoleEnv.HOTCONF_ADMIN_TOKEN = token;
  const dataDir = values['data-dir'] ?? env.HOTCONF_CONSOLE_DATA_DIR;
  if (dataDir) consoleEnv.HOTCONF_CONSOLE_DATA_DIR = resolve(dataDir);
  const auth = { HOTCONF_AUTH: values.auth, HOTCONF_PROXY_USER_HEADER: values['proxy-user-header'], HOTCONF_TRUSTED_PROXY: values['trusted-proxy'] };
  for (const [name, value] of Object.entries(auth)) if (value !== undefined) consoleEnv[name] = value;
  const allowedHosts = values['allowed-hosts'] ?? env.HOTCONF_ALLOWED_HOSTS;
  if (allowedHosts !== undefined) consoleEnv.HOTCONF_ALLOWED_HOSTS = allowedHosts;
  const listen = values.listen ?? env.HOTCONF_CONSOLE_LISTEN ?? DEFAULT_CONSOLE_LISTEN;
  const console_ = await startConsole({ listen, env: consoleEnv });
  process.stdout.write(`console: ${console_.url}\n`);
  const stop = () => void console_.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * The sample config as the embedded default starts with it. Its modeline names the schema
 * relative to the sample's place in this package; in data/config-repo that path leads
 * nowhere, so it names the package's schema file by its absolute path instead.
 */
export function sampleConfigFor(root: string): string {
  const text = readFileSync(join(root, 'server/config/sample-config.yaml'), 'utf8');
  return text.replace(SCHEMA_MODELINE, `# yaml-language-server: $schema=${join(root, SCHEMA_FILE)}`);
}

export async function runUp(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { dir: { type: 'string' }, 'admin-listen': { type: 'string' }, 'console-listen': { type: 'string' } },
  });
  const dir = resolve(values.dir ?? DEFAULT_DATA_DIR);
  const repoDir = join(dir, 'config-repo');
  const configPath = join(repoDir, 'config.yaml');
  const adminListen = values['admin-listen'] ?? process.env.HOTCONF_ADMIN_LISTEN ?? DEFAULT_ADMIN_LISTEN;
  const consoleListen = values['console-listen'] ?? process.env.HOTCONF_CONSOLE_LISTEN ?? DEFAULT_CONSOLE_LISTEN;

  if (!existsSync(join(repoDir, '.git'))) {
    // Found from the package root: the bundle's own place (dist/, dist/chunks/) is a build detail.
    await initConfigRepo(repoDir, sampleConfigFor(projectRoot()));
    process.stdout.write(`created the embedded default: ${repoDir} (git, branch main) with a sample config.yaml\n`);
  }
  await createFirstAdmin(dir);
  const token = adminTokenFrom({}) ?? adminTokenFromDataDir(dir, silentLogger);
  const adminUrl = `http://${adminListen}`;

  const service = spawn(process.execPath, [process.argv[1]!, 'serve', '--config', configPath, '--data-dir', dir, '--admin-listen', adminListen], {
    env: { ...process.env, HOTCONF_ADMIN_TOKEN: token },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitForService(service, adminUrl);

  const console_ = await startConsole({
    listen: consoleListen,
    env: {
      HOTCONF_REPO: repoDir,
      HOTCONF_SERVICE_URL: adminUrl,
      HOTCONF_ADMIN_TOKEN: token,
      HOTCONF_SIGNAL: 'api',
      HOTCONF_PID_FILE: join(dir, 'hotconf.pid'),
      HOTCONF_CONSOLE_DATA_DIR: dir,
    },
  }).catch((err: unknown) => {
    service.kill('SIGTERM');
    throw err;
  });

  process.stdout.write(
    [
      '',
      `  console      ${console_.url}`,
      `  service pid  ${service.pid}   (edit ${configPath}, then: kill -HUP ${service.pid})`,
      `  admin API    ${adminUrl}   (metrics: ${adminUrl}/metrics; token in ${join(dir, 'admin-token')})`,
      '',
      '  Ctrl-C stops both.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await console_.stop();
    service.kill('SIGTERM');
    await new Promise((r) => (service.exitCode !== null ? r(null) : service.once('exit', r)));
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  service.once('exit', (code) => {
    if (!stopping) {
      process.stderr.write(`hotconf up: the service exited (code ${code}); stopping the console\n`);
      void stop(1);
    }
  });
}

/**
 * The first `npm start` has no console user yet: make an admin and say its password, once
 * (only its hash is kept). Later starts find the user and print nothing.
 */
async function createFirstAdmin(dir: string): Promise<void> {
  const users = new UserStore(dir);
  if (!users.isEmpty()) return;
  const password = generatePassword();
  await users.add('admin', 'admin', password);
  process.stdout.write(`created the first console user (shown once; \`hotconf user passwd admin --data-dir ${dir}\` sets a new one):\n  console user admin, password ${password}\n`);
}

async function waitForService(child: ChildProcess, adminUrl: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? 1));
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`the service exited during start-up (code ${exited}); its log is above`);
    const ok = await fetch(`${adminUrl}/-/ready`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error(`the service did not answer on ${adminUrl} within 30 s`);
}
