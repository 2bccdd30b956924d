// `config.original` of GET /api/v2/status: the running config as Alertmanager 0.25 shows
// its own (config.Config.String(): the loaded config marshalled back to YAML), which is
// what `amtool config show` prints and `amtool config routes` reads back. So it is what
// Alertmanager's loader would have made of the same file, written as yaml.v2 writes it
// (go-yaml.ts):
// - sections and fields in the Go structs' order; unset fields left out where the struct
//   says omitempty, written where it does not (`continue: false`, `smtp_require_tls`,
//   `templates: []`, `send_resolved`, `max_alerts`);
// - what the loader fills in: the global defaults, the HTTP client's (`follow_redirects`,
//   `enable_http2`; bearer_token turned into an Authorization), each integration's defaults
//   (integration-defaults.ts) and the global settings it takes when it has none, relative
//   file paths made absolute against the config file's directory, route and inhibit-rule
//   matchers sorted, email headers From/To/Subject on receivers a route uses (Alertmanager's
//   email notifier adds them to the loaded config);
// - values as Go prints them: durations as model.Duration (`720h` is `30d`) or
//   time.Duration (`1m0s`), matchers as `name="value"`, TLS versions as numbers, time
//   intervals as its timeinterval package writes them (flow lists, and yaml.v2's flow
//   style leaking onto the next interval after a `location`).
// Secrets: every secret is `<secret>`; a `${env:}`/`${file:}` reference and what it
// resolved to never appear. Two fields hotconf takes references in are plain in
// Alertmanager 0.25 (a webhook's `url`, an HTTP client's `proxy_url`): shown as written
// (a proxy's password as Go redacts it, `xxxxx`), or, when they are a reference, as
// `https://secret.invalid/<secret>`, a URL that says so and that Alertmanager still loads.
// hotconf's own sections (server, log, database, webhook) and the webhook `timeout`
// extension are left out: Alertmanager has neither.
import { isAbsolute, join } from 'node:path';
import { parseDuration } from '../../config/duration';
import { type Matcher, parseMatchers } from '../../config/matchers';
import { PlainScalar } from '../../config/plain-scalar';
import { readYaml } from '../../config/read-yaml';
import type { Config, Route } from '../../config/schema';
import { redactConfig } from '../../config/secrets';
import { Flow, goYaml } from './go-yaml';
import { KIND_SHAPES, PAGERDUTY_DETAILS } from './integration-defaults';

type Obj = Record<string, unknown>;

/** A plain (non-secret in Alertmanager) field that held a secret reference. */
export const REDACTED_URL = 'https://secret.invalid/<secret>';

/** `text` is the config file as loaded (what was written at the fields Alertmanager does
 *  not treat as secrets is read from it); `dir` is the directory relative paths are in. */
export function configOriginal(config: Config, text: string, dir: string): string {
  const c = redactConfig(config) as unknown as Obj;
  const raw = rawDocument(text);
  const written = writtenValues(raw);
  const ctx: Ctx = { dir, written, raw, rawGlobal: c.global as Obj, slashGlobal: new Set(), routed: routedReceivers(config.route) };
  const receivers = (c.receivers as Obj[]).map((r, i) => receiver(r, i, ctx));
  const out: Obj = {
    global: globalSection(c.global as Obj, ctx),
    route: route(config.route),
    inhibit_rules: (c.inhibit_rules as Obj[]).map(inhibitRule),
    receivers,
    templates: new Kept(((c.templates as string[] | undefined) ?? []).map((t) => joinDir(dir, t))),
    mute_time_intervals: timeIntervals(c.mute_time_intervals as Obj[] | undefined),
    time_intervals: timeIntervals(c.time_intervals as Obj[] | undefined),
  };
  return goYaml(omitEmpty(out) as Obj);
}

interface Ctx {
  dir: string;
  written: (path: (string | number)[]) => string;
  /** The file's value at a path, as read (numbers with their text). */
  raw: (path: (string | number)[]) => unknown;
  rawGlobal: Obj;
  /** Global URLs an integration took and Alertmanager appended '/' to (the pointer is shared). */
  slashGlobal: Set<string>;
  routed: Set<string>;
}

// ------------------------------------------------------------------ values as Go prints them

/** model.Duration.String(): the largest units first; years and weeks only when exact. */
export function modelDuration(text: string): string {
  let ms = parseDuration(text) ?? 0;
  if (ms === 0) return '0s';
  let out = '';
  const unit = (name: string, size: number, exact: boolean) => {
    if (exact && ms % size !== 0) return;
    const n = Math.floor(ms / size);
    if (n > 0) {
      out += `${n}${name}`;
      ms -= n * size;
    }
  };
  unit('y', 365 * 86_400_000, true);
  unit('w', 7 * 86_400_000, true);
  unit('d', 86_400_000, false);
  unit('h', 3_600_000, false);
  unit('m', 60_000, false);
  unit('s', 1_000, false);
  unit('ms', 1, false);
  return out;
}

const GO_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** time.ParseDuration then time.Duration.String(), to the millisecond: `90s` is `1m30s`. */
export function goDuration(text: string): string {
  let ms = 0;
  for (const m of text.matchAll(/([0-9]*\.?[0-9]+)(ns|us|µs|μs|ms|s|m|h)/g)) ms += Number(m[1]) * GO_UNITS[m[2]!]!;
  if (text.startsWith('-')) ms = -ms;
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  ms = Math.abs(ms);
  if (ms < 1000) return `${sign}${+ms.toFixed(6)}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = +((ms % 60_000) / 1000).toFixed(9);
  return `${sign}${h > 0 ? `${h}h${m}m` : m > 0 ? `${m}m` : ''}${s}s`;
}

/** labels.Matcher.String(): `name<op>"value"`, the value escaped as OpenMetrics does. */
function matcherText(m: Matcher): string {
  return `${m.name}${m.op}"${m.value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`;
}

const OP_ORDER = { '=': 0, '!=': 1, '=~': 2, '!~': 3 } as const;

/** Alertmanager's Matchers: each line parsed, all of them sorted (name, value, type). */
function matchers(lines: readonly string[] | undefined): string[] | undefined {
  if (!lines) return undefined;
  const all = lines.flatMap(parseMatchers);
  all.sort((a, b) => (a.name !== b.name ? (a.name < b.name ? -1 : 1) : a.value !== b.value ? (a.value < b.value ? -1 : 1) : OP_ORDER[a.op] - OP_ORDER[b.op]));
  return all.map(matcherText);
}

/** config.HostPort.String(): host and port joined by ':' (IPv6 hosts lose their brackets). */
function hostPort(text: unknown): unknown {
  if (typeof text !== 'string' || text === '') return text;
  const i = text.lastIndexOf(':');
  return `${text.slice(0, i).replace(/^\[(.*)\]$/, '$1')}:${text.slice(i + 1)}`;
}

/** Go's url.URL.String() of a parsed URL, as far as config files show: the scheme in lower case. */
function goUrl(text: unknown): unknown {
  return typeof text === 'string' ? text.replace(/^[A-Za-z][A-Za-z0-9+.-]*:/, (s) => s.toLowerCase()) : text;
}

/** url.URL.Redacted(): a password in the URL as `xxxxx`. */
function redactedUrl(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i, '$1:xxxxx@');
}

function joinDir(dir: string, path: unknown): unknown {
  return typeof path === 'string' && path !== '' && !isAbsolute(path) ? join(dir, path) : path;
}

// ------------------------------------------------------------------ sections

const TLS_VERSIONS: Record<string, number> = { TLS10: 769, TLS11: 770, TLS12: 771, TLS13: 772 };

function globalSection(g: Obj, ctx: Ctx): Obj {
  const out: Obj = { resolve_timeout: new Kept(modelDuration(String(g.resolve_timeout))), http_config: httpConfig(g.http_config as Obj | undefined, ctx, ['global', 'http_config']) };
  for (const [key, value] of Object.entries(g)) if (!(key in out)) out[key] = value;
  out.smtp_require_tls = new Kept(g.smtp_require_tls);
  out.smtp_smarthost = hostPort(g.smtp_smarthost);
  for (const key of ctx.slashGlobal) out[key] = withSlash(out[key]);
  return out;
}

/** prometheus/common's HTTPClientConfig as Alertmanager holds it after loading. */
function httpConfig(h: Obj | undefined, ctx: Ctx, at: (string | number)[]): Obj {
  if (!h) return { follow_redirects: new Kept(true), enable_http2: new Kept(true) };
  const basic = h.basic_auth as Obj | undefined;
  const auth = h.authorization as Obj | undefined;
  const oauth2 = h.oauth2 as Obj | undefined;
  let authorization: Obj | undefined;
  if (h.bearer_token || h.bearer_token_file) authorization = { type: 'Bearer', credentials: h.bearer_token, credentials_file: joinDir(ctx.dir, h.bearer_token_file) };
  else if (auth) authorization = { type: (auth.type as string | undefined)?.trim() || 'Bearer', credentials: auth.credentials, credentials_file: joinDir(ctx.dir, auth.credentials_file) };
  const proxy = h.proxy_url === undefined ? undefined : ctx.written([...at, 'proxy_url']);
  return {
    basic_auth: basic && { username: basic.username, password: basic.password, password_file: joinDir(ctx.dir, basic.password_file) },
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

function route(r: Route): Obj {
  return {
    receiver: r.receiver,
    group_by: r.group_by,
    match: goMap(r.match),
    match_re: goMap(r.match_re, true),
    matchers: matchers(r.matchers),
    mute_time_intervals: r.mute_time_intervals,
    active_time_intervals: r.active_time_intervals,
    continue: new Kept(r.continue ?? false),
    routes: r.routes?.map(route),
    group_wait: r.group_wait && modelDuration(r.group_wait),
    group_interval: r.group_interval && modelDuration(r.group_interval),
    repeat_interval: r.repeat_interval && modelDuration(r.repeat_interval),
  };
}

function inhibitRule(r: Obj): Obj {
  return {
    source_match: goMap(r.source_match as Obj | undefined),
    source_match_re: goMap(r.source_match_re as Obj | undefined, true),
    source_matchers: matchers(r.source_matchers as string[] | undefined),
    target_match: goMap(r.target_match as Obj | undefined),
    target_match_re: goMap(r.target_match_re as Obj | undefined, true),
    target_matchers: matchers(r.target_matchers as string[] | undefined),
    equal: r.equal,
  };
}

/** The receivers some route names (Alertmanager builds notifiers only for those). */
function routedReceivers(r: Route, into = new Set<string>()): Set<string> {
  if (r.receiver) into.add(r.receiver);
  for (const child of r.routes ?? []) routedReceivers(child, into);
  return into;
}

// ------------------------------------------------------------------ receivers

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

function receiver(r: Obj, i: number, ctx: Ctx): Obj {
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
    // A uint64 beyond 2^53 is written with all its digits, as in the file.
    const maxAlerts = ctx.raw([...at, 'max_alerts']);
    if (maxAlerts instanceof PlainScalar && /^[0-9]+$/.test(maxAlerts.text)) out.max_alerts = BigInt(maxAlerts.text);
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
function withSlash(url: unknown): unknown {
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

/** Go's textproto.CanonicalMIMEHeaderKey. */
function canonicalHeader(name: string): string {
  if (!/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(name)) return name;
  return name
    .split('-')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1).toLowerCase() : w))
    .join('-');
}

// ------------------------------------------------------------------ time intervals

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A range as Alertmanager's timeinterval package writes it: `begin:end`, or one value. */
function range(text: unknown, read: (s: string) => number, show: (n: number) => string): string {
  const [a, b = a] = String(text).toLowerCase().split(/:(?=[^:]*$)/) as [string, string?];
  const begin = read(a.trim());
  const end = read(b!.trim());
  return begin === end ? show(begin) : `${show(begin)}:${show(end)}`;
}

const weekday = (s: string) => WEEKDAYS.indexOf(s);
const month = (s: string) => (MONTHS.includes(s) ? MONTHS.indexOf(s) + 1 : Number(s));
const clock = (t: unknown) => {
  const m = /^(\d+):(\d+)$/.exec(String(t));
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]!.padStart(2, '0')}` : String(t);
};

/**
 * The named intervals, with yaml.v2's flow quirk: its `flow` flag, set by a spec's
 * `location` field (tagged flow, but a string consumes no flow), stays set until the next
 * mapping or sequence it writes — the next spec, or the next named interval, then comes
 * out in flow style.
 */
function timeIntervals(list: Obj[] | undefined): unknown[] | undefined {
  if (!list) return undefined;
  let leak = false;
  const consume = <T extends object>(value: T): T | Flow => {
    const flowed = leak ? new Flow(omitEmpty(value) as Obj) : value;
    leak = false;
    return flowed;
  };
  return list.map((named) => {
    const entry: Obj = { name: named.name };
    const specs = (named.time_intervals as Obj[] | undefined) ?? [];
    const out = consume(entry);
    // The struct field resets the flag before the list is written.
    leak = false;
    entry.time_intervals = new Kept(
      specs.map((spec) => {
        const value: Obj = {
          times: (spec.times as Obj[] | undefined)?.map((t) => ({ start_time: new Kept(clock(t.start_time)), end_time: new Kept(clock(t.end_time)) })),
        };
        const flowed = consume(value);
        if ((spec.weekdays as unknown[] | undefined)?.length) value.weekdays = new Flow((spec.weekdays as string[]).map((w) => range(w, weekday, (n) => WEEKDAYS[n]!)));
        if ((spec.days_of_month as unknown[] | undefined)?.length) value.days_of_month = new Flow((spec.days_of_month as string[]).map((d) => range(d, Number, String)));
        if ((spec.months as unknown[] | undefined)?.length) value.months = new Flow((spec.months as string[]).map((m) => range(m, month, String)));
        if ((spec.years as unknown[] | undefined)?.length) value.years = new Flow((spec.years as string[]).map((y) => range(y, Number, String)));
        if (spec.location !== undefined) {
          value.location = spec.location === '' ? 'UTC' : spec.location;
          leak = true;
        }
        return flowed instanceof Flow ? new Flow(omitEmpty(value) as Obj) : value;
      }),
    );
    return out instanceof Flow ? new Flow(omitEmpty(entry) as Obj) : entry;
  });
}

// ------------------------------------------------------------------ omitempty and Go maps

/** A value yaml.v2 writes even when empty (its field has no omitempty). */
class Kept {
  constructor(readonly value: unknown) {}
}

/** A Go map: every entry written, keys sorted; an empty one is left out (omitempty). */
class GoMap {
  constructor(readonly entries: Obj) {}
}

/** `nullEmpty`: a map of regexes, where Alertmanager writes an empty one as null. */
function goMap(m: Obj | undefined, nullEmpty = false): GoMap | undefined {
  if (!m) return undefined;
  return new GoMap(Object.fromEntries(Object.keys(m).sort().map((k) => [k, nullEmpty && m[k] === '' ? null : m[k]])));
}

/** yaml.v2's omitempty: undefined, null, '', false, 0, empty lists and maps go, unless Kept. */
function omitEmpty(value: unknown): unknown {
  if (value instanceof Kept) return keepInside(value.value);
  if (value instanceof GoMap) return Object.keys(value.entries).length === 0 ? undefined : Object.fromEntries(Object.entries(value.entries).map(([k, v]) => [k, keepInside(v)]));
  if (value instanceof Flow) return value;
  if (Array.isArray(value)) return value.map(keepInside);
  if (value === null || typeof value !== 'object') return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value as Obj)) {
    const cleaned = omitEmpty(v);
    if (v instanceof Kept || !isEmpty(cleaned)) out[k] = cleaned;
  }
  return out;
}

/** A list item (or a Kept value) is written whatever it holds; its own fields still obey omitempty. */
function keepInside(value: unknown): unknown {
  const cleaned = omitEmpty(value);
  return cleaned === undefined ? null : cleaned;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false || v === 0) return true;
  if (v instanceof Flow) return Array.isArray(v.value) ? v.value.length === 0 : false;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v as Obj).length === 0;
}

// ------------------------------------------------------------------ what the file says

/** The file as read (null when it cannot be read back): a lookup by path. */
function rawDocument(text: string): (path: (string | number)[]) => unknown {
  let doc: unknown;
  try {
    doc = readYaml(text);
  } catch {
    doc = undefined;
  }
  return (path) => {
    let node = doc;
    for (const key of path) node = node !== null && typeof node === 'object' && !(node instanceof PlainScalar) ? (node as Record<string | number, unknown>)[key] : undefined;
    return node;
  };
}

/** What the file says at a path: the value as written, or REDACTED_URL for a reference (or
 *  anything that is not a plain string). */
function writtenValues(raw: (path: (string | number)[]) => unknown): (path: (string | number)[]) => string {
  return (path) => {
    const node = raw(path);
    return typeof node === 'string' && !node.includes('${') ? node : REDACTED_URL;
  };
}
