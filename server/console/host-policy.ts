// The console answers only to its Host names, as the service's listeners do (DNS
// rebinding: a page on evil.example whose name now resolves to 127.0.0.1 would otherwise
// read the console with the operator's cookie). The rule is the service's
// (server/http/host-check.ts); the console learns its bind address from startConsole
// (HOTCONF_CONSOLE_LISTEN_HOST) and extra names from --allowed-hosts / HOTCONF_ALLOWED_HOSTS.
import { type HostPolicy, hostPolicy, parseAllowedHosts } from '../http/host-check';

const HINT = 'start hotconf console with --allowed-hosts NAME (or HOTCONF_ALLOWED_HOSTS=NAME)';

let policy: HostPolicy | undefined;

/** The running console's policy, built once from its environment. */
export function consoleHostPolicy(env: Record<string, string | undefined> = process.env): HostPolicy {
  return (policy ??= buildConsoleHostPolicy(env));
}

/** Throws an Error naming the bad entry when HOTCONF_ALLOWED_HOSTS holds one. */
export function buildConsoleHostPolicy(env: Record<string, string | undefined>): HostPolicy {
  return hostPolicy({ listen: env.HOTCONF_CONSOLE_LISTEN_HOST ?? '127.0.0.1', allowed: parseAllowedHosts(env.HOTCONF_ALLOWED_HOSTS), hint: HINT });
}
