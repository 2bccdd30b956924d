// `hotconf serve | console | up | validate | plan | reload | status | user | token`: the commands (loaded by cli.ts, the entry).
// Every flag has an environment variable (DESIGN §1); flags win over the environment.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ExportUsageError, runExport } from './cli-export';
import { runSchema } from './cli-schema';
import { RoutesUsageError, runRoutes } from './cli-routes';
import { ValidateUsageError, runValidate } from './cli-validate';
import { REVISION, VERSION } from './version';
import { type OpenReload, parseOpenReload } from './http/open-reload';
import { LogHub, flushStderr } from './log';
import { StartupError } from './reload/coordinator';
import { routeSignals, startService } from './service';
import { signals } from './process-signals';
import { runConsole, runUp } from './up';
import { AdminCli } from './cli-admin';
import { DEFAULT_ADMIN_LISTEN, adminTokenFrom } from './cli-defaults';
import { checkAllowedHost, parseAllowedHosts } from './http/host-check';
import { DEFAULT_STREAM_LIMITS } from './http/sse';
import { UsersUsageError, runToken, runUser } from './cli-users';

const USAGE = `hotconf — change a live service's configuration safely

  hotconf serve    --config FILE --data-dir DIR [--admin-listen HOST:PORT] [--token-file FILE]
                   [--admin-open-reload loopback]   token-less POST /-/reload from this host (reload sidecars)
                   [--secrets-dir DIR]... [--templates-dir DIR]...
                                        folders \${file:} secrets (default: the data dir) and template
                                        globs (besides the config file's folder) may reach
                   [--allowed-hosts NAME,...]   Host names both listeners answer to (besides
                                                localhost, their addresses and IP addresses)
                   [--sse-max-per-address N] [--sse-max N]   open event streams (64, 512)
  hotconf console  --repo DIR --service URL --data-dir DIR [--listen HOST:PORT] [--token-file FILE]
                   [--auth password|proxy --proxy-user-header X-Forwarded-User --trusted-proxy ADDR]
                   [--signal api|pid --pid-file FILE] [--git-remote NAME]   (push after each commit)
  hotconf up       [--dir DIR]          both, on the embedded default under ./data (what npm start runs)
  hotconf validate [--output text|json] [--no-secrets] FILE...
                                        check config files (- reads stdin); FILE:LINE:COLUMN: path: message
  hotconf routes test [--config FILE] [--tree] label=value...   receivers a label set is routed to
  hotconf routes show [--config FILE]   the routing tree
  hotconf export --alertmanager FILE [-o OUT] [--resolve-secrets]
                                        the file without hotconf's additions, for amtool / Alertmanager
  hotconf schema   [-o FILE]            the config's JSON Schema (what schema/hotconf.schema.json holds)
  hotconf user add NAME --role viewer|editor|admin [--email EMAIL] [--password-stdin] --data-dir DIR
                                        a console user; prints a generated password once (last word)
  hotconf user passwd NAME | user remove NAME | user list   (--data-dir DIR)
  hotconf token create NAME --data-dir DIR   an API token for scripts (last line; Authorization: Bearer)
  hotconf token revoke NAME (TOKEN_ID | --all) --data-dir DIR
  hotconf --version                     (also after any command)
  hotconf plan     FILE [--service URL] what applying FILE would change (dry run on the service)
  hotconf reload   [--service URL] [--expect-commit SHA]
  hotconf status   [--service URL]

Environment: HOTCONF_CONFIG, HOTCONF_DATA_DIR, HOTCONF_SECRETS_DIR, HOTCONF_TEMPLATES_DIR (comma lists),
HOTCONF_ADMIN_LISTEN, HOTCONF_ADMIN_TOKEN, HOTCONF_ADMIN_TOKEN_FILE, HOTCONF_ALLOWED_HOSTS,
HOTCONF_SSE_MAX_PER_ADDRESS, HOTCONF_SSE_MAX, HOTCONF_REPO, HOTCONF_SERVICE_URL, HOTCONF_CONSOLE_LISTEN,
HOTCONF_SIGNAL, HOTCONF_PID_FILE, HOTCONF_REMOTE, HOTCONF_CONSOLE_DATA_DIR, HOTCONF_AUTH,
HOTCONF_PROXY_USER_HEADER, HOTCONF_TRUSTED_PROXY, HOTCONF_ADMIN_OPEN_RELOAD,
HOTCONF_DRIFT_CHECK_MS (serve: how often the running config is compared with git HEAD; default 30000).
`;

export class UsageError extends Error {}

export function parseHostPort(value: string, flag: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new UsageError(`${flag} must be HOST:PORT (e.g. 127.0.0.1:9180), got "${value}"`);
  return { host: (m[1] ?? m[2])!, port };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function allowedHosts(list: string | undefined): string[] {
  return parseAllowedHosts(list).map((entry) => {
    if (entry === '*') return entry;
    try {
      return checkAllowedHost(entry);
    } catch (err) {
      throw new UsageError(`--allowed-hosts: ${(err as Error).message}`);
    }
  });
}

function count(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d{1,6}$/.test(value) || n < 1) throw new UsageError(`${flag} must be a whole number of at least 1, got "${value}"`);
  return n;
}

function need(value: string | undefined, flag: string, env: string): string {
  if (!value) throw new UsageError(`${flag} is required (or set ${env})`);
  return value;
}

function openReloadFrom(value: string | undefined): { openReload?: OpenReload } {
  if (value === undefined) return {};
  try {
    return { openReload: parseOpenReload(value) };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function positiveInt(text: string, name: string): number {
  const n = Number(text);
  if (!/^\d{1,9}$/.test(text) || n < 1) throw new UsageError(`${name} must be a whole number of milliseconds, not "${text.slice(0, 20)}"`);
  return n;
}

/** A repeatable flag whose values may also be comma lists; the env variable when no flag. */
export function dirList(flags: string[] | undefined, envValue: string | undefined, flag: string): string[] {
  const given = flags?.length ? flags : envValue ? [envValue] : [];
  const dirs = given.flatMap((v) => v.split(',')).map((d) => d.trim());
  if (dirs.some((d) => d === '')) throw new UsageError(`${flag} takes folder paths (repeat the flag or separate them with commas); one of them is empty`);
  return dirs;
}

async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      'data-dir': { type: 'string' },
      'admin-listen': { type: 'string' },
      'token-file': { type: 'string' },
      'secrets-dir': { type: 'string', multiple: true },
      'templates-dir': { type: 'string', multiple: true },
      'admin-open-reload': { type: 'string' },
      'allowed-hosts': { type: 'string' },
      'sse-max-per-address': { type: 'string' },
      'sse-max': { type: 'string' },
    },
  });
  const env = process.env;
  const logHub = new LogHub();
  const log = logHub.logger({ component: 'cli' });
  try {
    const service = await startService({
      configPath: need(values.config ?? env.HOTCONF_CONFIG, '--config', 'HOTCONF_CONFIG'),
      dataDir: need(values['data-dir'] ?? env.HOTCONF_DATA_DIR, '--data-dir', 'HOTCONF_DATA_DIR'),
      adminListen: parseHostPort(values['admin-listen'] ?? env.HOTCONF_ADMIN_LISTEN ?? DEFAULT_ADMIN_LISTEN, '--admin-listen'),
      ...optional('adminToken', adminTokenFrom({ env, tokenFile: values['token-file'] })),
      secretsDirs: dirList(values['secrets-dir'], env.HOTCONF_SECRETS_DIR, '--secrets-dir'),
      templatesDirs: dirList(values['templates-dir'], env.HOTCONF_TEMPLATES_DIR, '--templates-dir'),
      ...(env.HOTCONF_FAILPOINTS ? { failpoints: env.HOTCONF_FAILPOINTS } : {}),
      ...openReloadFrom(values['admin-open-reload'] ?? env.HOTCONF_ADMIN_OPEN_RELOAD),
      ...(env.HOTCONF_DRIFT_CHECK_MS ? { driftCheckMs: positiveInt(env.HOTCONF_DRIFT_CHECK_MS, 'HOTCONF_DRIFT_CHECK_MS') } : {}),
      allowedHosts: allowedHosts(values['allowed-hosts'] ?? env.HOTCONF_ALLOWED_HOSTS),
      streamLimits: {
        perAddress: count(values['sse-max-per-address'] ?? env.HOTCONF_SSE_MAX_PER_ADDRESS, '--sse-max-per-address', DEFAULT_STREAM_LIMITS.perAddress),
        total: count(values['sse-max'] ?? env.HOTCONF_SSE_MAX, '--sse-max', DEFAULT_STREAM_LIMITS.total),
      },
      logHub,
    });
    routeSignals(signals, service, log);
  } catch (err) {
    if (err instanceof StartupError || err instanceof UsageError) {
      flushStderr();
      process.stderr.write(`hotconf serve: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const [command, ...rest] = argv;
  // Only the service holds signals for later; every other command gets Node's defaults back.
  if (command !== 'serve' || argv.includes('--version') || rest.includes('--help') || rest.includes('-h')) signals.release();
  if (argv.includes('--version')) {
    process.stdout.write(`hotconf ${VERSION} (revision ${REVISION}, node ${process.version})\n`);
    return;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  try {
    switch (command) {
      case 'serve':
        return await serve(rest);
      case 'console':
        return await runConsole(rest);
      case 'up':
        return await runUp(rest);
      case 'validate':
        process.exitCode = runValidate(rest);
        return;
      case 'routes':
        process.exitCode = runRoutes(rest);
        return;
      case 'export':
        process.exitCode = runExport(rest);
        return;
      case 'schema':
        process.exitCode = runSchema(rest);
        return;
      case 'user':
        return await runUser(rest);
      case 'token':
        return await runToken(rest);
      case 'plan':
      case 'reload':
      case 'status':
        return await new AdminCli(rest).run(command);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof ValidateUsageError || err instanceof RoutesUsageError || err instanceof ExportUsageError || err instanceof UsersUsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`hotconf: ${(err as Error).message}\n\n${USAGE}`);
      process.exit(2);
    }
    process.stderr.write(`hotconf ${command}: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

void main();
