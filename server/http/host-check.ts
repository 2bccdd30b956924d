// Which Host names a listener answers to (DNS rebinding). A page on evil.example whose name
// later resolves to 127.0.0.1 can make the operator's browser call our listeners, but the
// browser still sends `Host: evil.example`: refusing names we were not told about keeps such
// a page from reading the config or changing it. Pure (no Node imports): the service's
// listeners and the console's middleware (Next.js, edge runtime) run the same check.
//
// The rule:
//   - `localhost`, the listen address when it is a name, and every name listed by the
//     operator (`--allowed-hosts`, `server.allowed_hosts`) are accepted, with any port or none;
//   - an IP address (127.0.0.1, [::1], 10.1.2.3 …) is always accepted: a browser sends an IP
//     as Host only when the page's own origin is that IP, which an attacker cannot be;
//   - a wildcard listen address (0.0.0.0, ::) adds no name: the machine's own names must be
//     listed explicitly. `*` in the list turns the check off (for a proxy that checks it);
//   - no Host header at all (HTTP/1.0) is accepted: every browser sends one.
// The port is not compared: rebinding forges the name, and a reverse proxy may forward
// another port than the one we listen on.

export interface HostPolicy {
  /** Lower-case names accepted besides IP addresses. */
  readonly names: ReadonlySet<string>;
  /** `*` was listed: every Host is accepted. */
  readonly any: boolean;
  /** What an operator does to allow a name, e.g. "start hotconf serve with --allowed-hosts NAME". */
  readonly hint: string;
}

export interface HostRefusal {
  status: 421;
  code: 'misdirected_request';
  message: string;
}

const WILDCARD_ADDRESSES = new Set(['', '0.0.0.0', '::', '[::]']);
const NAME_RE = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9_](?:[a-z0-9_-]{0,62}))*$/;

/** The policy of a listener on `listen` (its bind address) with the operator's `allowed` names. */
export function hostPolicy(opts: { listen: string; allowed?: readonly string[]; hint: string }): HostPolicy {
  const names = new Set(['localhost']);
  const listen = normalizeName(opts.listen);
  if (!WILDCARD_ADDRESSES.has(opts.listen) && listen !== null && !isIpLiteral(listen)) names.add(listen);
  let any = false;
  for (const entry of opts.allowed ?? []) {
    if (entry.trim() === '*') any = true;
    else names.add(checkAllowedHost(entry));
  }
  return { names, any, hint: opts.hint };
}

/**
 * Checks one entry of an allowed-hosts list: a host name or an IP address, no port, no
 * scheme. Returns it normalized; throws an Error saying what is wrong.
 */
export function checkAllowedHost(entry: string): string {
  const name = normalizeName(entry.trim());
  if (name === null || (!NAME_RE.test(name) && !isIpLiteral(name))) {
    throw new Error(`"${printable(entry)}" is not a host name: list names like hotconf.example.com or IP addresses, without scheme or port (or * to accept any name)`);
  }
  return name;
}

/** Splits a comma-separated list (a flag or an environment variable); empty items dropped. */
export function parseAllowedHosts(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** null when the request may be served; otherwise the 421 to answer. */
export function checkHost(header: string | null | undefined, policy: HostPolicy): HostRefusal | null {
  if (header === undefined || header === null || policy.any) return null;
  const name = hostName(header);
  if (name !== null && (isIpLiteral(name) || policy.names.has(name))) return null;
  const listed = [...policy.names].join(', ');
  const shown = name ?? printable(header);
  return {
    status: 421,
    code: 'misdirected_request',
    message: `this listener answers only to ${listed} and IP addresses, not to the Host "${shown}" (a foreign name can be DNS rebinding). To allow that name: ${policy.hint}`,
  };
}

/** The name part of a Host header (`name`, `name:port`, `[v6]`, `[v6]:port`), lower-cased
 *  and without a trailing dot; null when the header is not of that form. */
export function hostName(header: string): string | null {
  const value = header.trim().toLowerCase();
  const bracketed = /^(\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/.exec(value);
  if (bracketed) return bracketed[1]!;
  const plain = /^([^:[\]]+)(?::(\d{1,5}))?$/.exec(value);
  return plain ? normalizeName(plain[1]!) : null;
}

function normalizeName(name: string): string | null {
  let n = name.toLowerCase();
  if (n.includes(':') && !n.startsWith('[')) n = `[${n}]`; // a bare IPv6 listen address
  if (n.endsWith('.')) n = n.slice(0, -1);
  return n === '' ? null : n;
}

const IPV4_RE = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function isIpLiteral(name: string): boolean {
  if (IPV4_RE.test(name)) return true;
  if (!name.startsWith('[') || !name.endsWith(']')) return false;
  const inner = name.slice(1, -1);
  // An IPv6 address: hex groups and colons, at most one `::`, optionally ending in IPv4.
  return /^[0-9a-f:]+(?:\d+\.\d+\.\d+\.\d+)?$/.test(inner) && inner.includes(':') && (inner.match(/::/g)?.length ?? 0) <= 1;
}

/** At most 100 visible ASCII characters of what the client sent, for an error message. */
function printable(text: string): string {
  return text.replace(/[^\x21-\x7e]/g, '?').slice(0, 100);
}
