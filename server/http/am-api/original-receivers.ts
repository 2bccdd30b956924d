// The receivers of `config.original` (config-original.ts): each integration as Alertmanager's
// loader leaves it — its defaults (integration-defaults.ts), the global settings it takes
// when it has none, its HTTP client (also global's) with file paths joined to the config's
// directory — and the small rewrites its notifiers make to the loaded config.
import { PlainScalar } from '../../config/plain-scalar';
import { canonicalHeader } from '../../config/sections/receivers';
import type { Route } from '../../config/schema';
import { type Obj, GoMap, Kept, goDuration, goMap, goUrl, hostPort, joinDir, redactedUrl } from './go-values';
import { KIND_SHAPES, PAGERDUTY_DETAILS } from './integration-defaults';

/** A plain (non-secret in Alertmanager) field that held a secret reference. */
export const REDACTED_URL = 'https://secret.invalid/<secret>';

export interface Ctx {
  dir: string;
  written: (path: (string | number)[]) => string;
  /** The file's value at a path, as read (numbers with their text). */
  raw: (path: (string | number)[]) => unknown;
  rawGlobal: Obj;
  /** Global URLs an integration took and Alertmanager appended '/' to (the pointer is shared). */
  slashGlobal: Set<string>;
  routed: Set<string>;
}

const UINT64_MAX = (1n << 64n) - 1n;

const TLS_VERSIONS: Record<string, number> = { TLS10: 769, TLS11: 770, TLS12: 771, TLS13: 772 };

/** prometheus/common's HTTPClientConfig as Alertmanager holds it after loading. */
export function httpConfig(h: Obj | undefined, ctx: Ctx, at: (string | number)[]): Obj {
  if (!h) return { follow_redirects: new Kept(true), enable_http2: new Kept(true) };
  const basic = h.basic_auth as Obj | undefined;
  const auth = h.authorization as Obj | undefined;
  const oauth2 = h.oauth2 as Obj | undefined;
  let authorization: Obj | undefined;
  if (h.bearer_token || h.bearer_token_file) authorization = { type: 'Bearer', credentials: h.bearer_token, credentials_file: joinDir(ctx.dir, h.bearer_token_file) };
  else if (auth) authorization = { type: (auth.type as string | undefined)?.trim() || 'Bearer', credentials: auth.credentials, credentials_file: joinDir(ctx.dir, auth.credentials_file) };
  const proxy = h.proxy_url === undefined ? undefined : ctx.written([...at, 'proxy_url']);
  return {
    // prometheus/common's BasicAuth prints its username always (no omitempty), even when only
    // a password is given.
    basic_auth: basic && { username: new Kept(basic.username ?? ''), password: basic.password, password_file: joinDir(ctx.dir, basic.password_file) },
    authorization,
    oauth2: oauth2 && {
      client_id: oauth2.client_id,
      client_secret: oauth2.client_secret,
      client_secret_file: new Kept(joinDir(ctx.dir, oauth2.client_secret_file) ?? ''),
      scopes: oauth2.scopes,
      token_url: oauth2.token_url,
      endpoint_params: goMap(oauth2.endpoint_params as Obj | undefined),
      tls_config: tlsConfig(oauth2.tls_config as Obj | undefined, ctx),
      proxy_url: oauth2.proxy_url,
    },
    proxy_url: proxy === undefined ? undefined : proxy === REDACTED_URL ? proxy : redactedUrl(proxy),
    tls_config: tlsConfig(h.tls_config as Obj | undefined, ctx),
    follow_redirects: new Kept(h.follow_redirects ?? true),
    enable_http2: new Kept(h.enable_http2 ?? true),
  };
}

/** common's TLSConfig: written only when something is set, then with insecure_skip_verify. */
function tlsConfig(t: Obj | undefined, ctx: Ctx, join = true): Obj | undefined {
  if (!t || Object.values(t).every((v) => v === undefined || v === '' || v === false)) return undefined;
  const version = (v: unknown) => (typeof v === 'string' && v !== '' ? TLS_VERSIONS[v] : undefined);
  const file = (f: unknown) => (join ? joinDir(ctx.dir, f) : f);
  return {
    ca_file: file(t.ca_file),
    cert_file: file(t.cert_file),
    key_file: file(t.key_file),
    server_name: t.server_name,
    insecure_skip_verify: new Kept(t.insecure_skip_verify ?? false),
    min_version: version(t.min_version),
    max_version: version(t.max_version),
  };
}

/** The receivers some route names (Alertmanager builds notifiers only for those). */
export function routedReceivers(r: Route, into = new Set<string>()): Set<string> {
  if (r.receiver) into.add(r.receiver);
  for (const child of r.routes ?? []) routedReceivers(child, into);
  return into;
}

/** Integration kinds in the order of Alertmanager's Receiver struct (msteams came in 0.26). */
const KINDS = ['discord_configs', 'email_configs', 'pagerduty_configs', 'slack_configs', 'webhook_configs', 'opsgenie_configs', 'wechat_configs', 'pushover_configs', 'victorops_configs', 'sns_configs', 'telegram_configs', 'webex_configs', 'msteams_configs'];

/** The global settings Alertmanager's loader copies into an integration: each group is
 *  copied whole, and only when the integration sets none of its fields. */
const FROM_GLOBAL: Record<string, [field: string, global: string][][]> = {
  slack_configs: [[['api_url', 'slack_api_url'], ['api_url_file', 'slack_api_url_file']]],
  pagerduty_configs: [[['url', 'pagerduty_url']]],
  opsgenie_configs: [[['api_url', 'opsgenie_api_url']], [['api_key', 'opsgenie_api_key'], ['api_key_file', 'opsgenie_api_key_file']]],
  wechat_configs: [[['api_url', 'wechat_api_url']], [['api_secret', 'wechat_api_secret']], [['corp_id', 'wechat_api_corp_id']]],
  victorops_configs: [[['api_url', 'victorops_api_url']], [['api_key', 'victorops_api_key'], ['api_key_file', 'victorops_api_key_file']]],
  telegram_configs: [[['api_url', 'telegram_api_url']]],
  webex_configs: [[['api_url', 'webex_api_url']]],
  email_configs: [
    [['smarthost', 'smtp_smarthost']],
    [['from', 'smtp_from']],
    [['hello', 'smtp_hello']],
    [['auth_username', 'smtp_auth_username']],
    [['auth_password', 'smtp_auth_password'], ['auth_password_file', 'smtp_auth_password_file']],
    [['auth_secret', 'smtp_auth_secret']],
    [['auth_identity', 'smtp_auth_identity']],
    [['require_tls', 'smtp_require_tls']],
  ],
};

/** Alertmanager makes sure these URLs end in '/' (it appends paths to them). */
const SLASHED: Record<string, string> = { opsgenie_configs: 'opsgenie_api_url', wechat_configs: 'wechat_api_url', victorops_configs: 'victorops_api_url' };

export function receiver(r: Obj, i: number, ctx: Ctx): Obj {
  const out: Obj = { name: r.name };
  for (const kind of KINDS) {
    const list = r[kind] as Obj[] | undefined;
    if (list?.length) out[kind] = list.map((c, j) => integration(kind, c, ['receivers', i, kind, j], r.name as string, ctx));
  }
  return out;
}

function integration(kind: string, c: Obj, at: (string | number)[], receiverName: string, ctx: Ctx): Obj {
  const shape = KIND_SHAPES[kind];
  const out: Obj = { ...c };
  for (const [field, value] of Object.entries(shape?.defaults ?? {})) if (out[field] === undefined) out[field] = value;
  if (kind === 'webhook_configs') {
    delete out.timeout; // hotconf's extension
    out.url = goUrl(ctx.written([...at, 'url']));
    // A uint64 beyond 2^53 is written with all its digits, as in the file. Digits past the
    // uint64 range reach Go as a float, and yaml.v2 lets through only those that round to
    // 2^64, which Go on amd64 converts to 2^63 (what Alertmanager then shows).
    const maxAlerts = ctx.raw([...at, 'max_alerts']);
    if (maxAlerts instanceof PlainScalar && /^[0-9]+$/.test(maxAlerts.text)) {
      const digits = BigInt(maxAlerts.text);
      out.max_alerts = digits <= UINT64_MAX ? digits : 1n << 63n;
    }
  }
  if (kind !== 'email_configs') {
    const own = c.http_config as Obj | undefined;
    out.http_config = httpConfig(own ?? (ctx.rawGlobal.http_config as Obj | undefined), ctx, own ? [...at, 'http_config'] : ['global', 'http_config']);
  }
  for (const group of FROM_GLOBAL[kind] ?? []) {
    if (group.every(([field]) => out[field] === undefined || out[field] === '')) for (const [field, from] of group) out[field] = ctx.rawGlobal[from];
  }
  const globalUrl = SLASHED[kind];
  if (globalUrl && typeof out.api_url === 'string') {
    if (out.api_url === ctx.rawGlobal[globalUrl]) ctx.slashGlobal.add(globalUrl);
    out.api_url = withSlash(out.api_url);
  }
  switch (kind) {
    case 'pagerduty_configs':
      out.details = { ...Object.fromEntries(Object.entries(PAGERDUTY_DETAILS).filter(([k]) => (c.details as Obj | undefined)?.[k] === undefined)), ...(c.details as Obj | undefined) };
      if (!out.source) out.source = out.client;
      break;
    case 'email_configs': {
      out.smarthost = hostPort(out.smarthost);
      // Alertmanager joins the HTTP clients' file paths to the config's directory, not email's.
      out.tls_config = tlsConfig(c.tls_config as Obj | undefined, ctx, false);
      const headers = Object.fromEntries(Object.entries((c.headers as Obj | undefined) ?? {}).map(([k, v]) => [canonicalHeader(k), v]));
      if (ctx.routed.has(receiverName)) {
        headers.Subject ??= '{{ template "email.default.subject" . }}';
        headers.To ??= out.to;
        headers.From ??= out.from;
      }
      out.headers = headers;
      break;
    }
    case 'wechat_configs':
      if (!out.message_type) out.message_type = 'text';
      break;
    case 'pushover_configs':
      for (const f of ['retry', 'expire']) if (typeof out[f] === 'string') out[f] = goDuration(out[f] as string);
      break;
  }
  for (const f of ['details', 'headers', 'custom_fields', 'attributes']) if (out[f]) out[f] = goMap(out[f] as Obj);
  // The struct's order, then whatever hotconf knows beyond it (msteams).
  const order = shape ? [...shape.order, ...Object.keys(out).filter((k) => !shape.order.includes(k))] : Object.keys(out);
  const always = new Set(['send_resolved', ...(shape?.always ?? [])]);
  return Object.fromEntries(order.filter((k) => k in out || always.has(k)).map((k) => [k, always.has(k) ? new Kept(out[k] ?? zero(k)) : out[k]]));
}

/** The URL with its path ending in '/' (Go's: a URL without a path has an empty one). */
export function withSlash(url: unknown): unknown {
  if (typeof url !== 'string') return url;
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)([^?#]*)(.*)$/i.exec(url);
  if (!m || m[2]!.endsWith('/')) return url;
  return `${m[1]}${m[2]}/${m[3]}`;
}

function zero(field: string): unknown {
  if (field === 'sigv4') return {};
  if (['short_fields', 'link_names', 'html', 'send_resolved'].includes(field)) return false;
  return '';
}
