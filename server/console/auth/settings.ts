// The console's sign-in settings, from the environment the CLI sets (DESIGN §1, §9):
//   HOTCONF_CONSOLE_DATA_DIR   where users.json and sessions.json live (required)
//   HOTCONF_AUTH               'password' (sign-in page, the default) or 'proxy'
//   HOTCONF_PROXY_USER_HEADER  proxy mode: the header that names the user (X-Forwarded-User)
//   HOTCONF_TRUSTED_PROXY      proxy mode: the one peer address that header is taken from
//   HOTCONF_LAUNCH_TOKEN       set by startConsole only: lets the launcher ask for the start
//                              reconcile (one random value per console process)
import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { SettingsError, type Env } from '../settings';

export type AuthMode = { kind: 'password' } | { kind: 'proxy'; header: string; trustedProxy: string };

export interface AuthSettings {
  dataDir: string;
  mode: AuthMode;
  launchToken: string | undefined;
}

const HEADER_RE = /^[A-Za-z0-9-]{1,64}$/;

export function parseAuthSettings(env: Env, cwd: string = process.cwd()): AuthSettings {
  const problems: string[] = [];
  const dataDir = env.HOTCONF_CONSOLE_DATA_DIR;
  if (!dataDir) problems.push('HOTCONF_CONSOLE_DATA_DIR is not set: set it (or --data-dir) to the console data dir that holds users.json; `hotconf up` uses ./data');
  const kind = env.HOTCONF_AUTH || 'password';
  let mode: AuthMode = { kind: 'password' };
  if (kind === 'proxy') {
    const header = env.HOTCONF_PROXY_USER_HEADER ?? '';
    const trustedProxy = normalizeAddress(env.HOTCONF_TRUSTED_PROXY ?? '');
    if (!HEADER_RE.test(header)) problems.push('--auth proxy needs --proxy-user-header (HOTCONF_PROXY_USER_HEADER), a header name such as X-Forwarded-User');
    if (!isIP(trustedProxy)) problems.push('--auth proxy needs --trusted-proxy (HOTCONF_TRUSTED_PROXY), the IP address the proxy connects from, e.g. 127.0.0.1');
    mode = { kind: 'proxy', header: header.toLowerCase(), trustedProxy };
  } else if (kind !== 'password') {
    problems.push(`HOTCONF_AUTH (--auth) must be 'password' (the sign-in page) or 'proxy' (a trusted SSO proxy names the user), not "${kind.slice(0, 40)}"`);
  }
  if (problems.length > 0) throw new SettingsError(problems);
  return { dataDir: isAbsolute(dataDir!) ? dataDir! : resolve(cwd, dataDir!), mode, launchToken: env.HOTCONF_LAUNCH_TOKEN || undefined };
}

/** "::ffff:127.0.0.1" (an IPv4 peer on a dual-stack socket) is 127.0.0.1. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  return trimmed.toLowerCase().startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}
