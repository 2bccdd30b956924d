// `config.original` of GET /api/v2/status: the running config as Alertmanager 0.25 shows
// its own (config.Config.String(): the loaded config marshalled back to YAML), which is
// what `amtool config show` prints and `amtool config routes` reads back. So it is written
// the way Go's yaml.v2 writes Alertmanager's structs:
// - sections and fields in the structs' order; unset fields left out where the struct says
//   omitempty, written out where it does not (`continue: false`, `smtp_require_tls`,
//   `templates: []`, `send_resolved`, `max_alerts`);
// - Alertmanager's defaults filled in as its loader fills them: the global section's, the
//   HTTP client's (`follow_redirects`, `enable_http2`), and each integration's http_config
//   taken from global when it has none;
// - durations as model.Duration prints them (`720h` is `30d`), matchers as `name="value"`;
// - every secret as `<secret>`: a `${env:}`/`${file:}` reference and what it resolved to
//   never appear. Two fields hotconf takes secret references in are plain in Alertmanager
//   0.25 (a webhook's `url`, an HTTP client's `proxy_url`): shown as written, or, when they
//   are a reference, as a URL that says so and that Alertmanager still loads
//   (`https://secret.invalid/<secret>`). hotconf's own sections — server, log, database, webhook — are left out,
//   as is the webhook `timeout` extension: Alertmanager has neither).
// Not filled in yet: the default message templates of the non-webhook integrations (Slack's
// `title`, email's `html`, …) — Alertmanager writes them out, hotconf's notifiers apply
// them when sending; `amtool config show` differs there, `amtool config routes` does not.
import { stringify } from 'yaml';
import { parseDuration } from '../../config/duration';
import { parseMatchers } from '../../config/matchers';
import { readYaml } from '../../config/read-yaml';
import type { Config, Route } from '../../config/schema';
import { redactConfig } from '../../config/secrets';

type Obj = Record<string, unknown>;

/** A plain (non-secret in Alertmanager) field that held a secret reference. */
export const REDACTED_URL = 'https://secret.invalid/<secret>';

/** `text` is the config file as loaded: what was written (a value or a reference) at the
 *  fields Alertmanager does not treat as secrets is read from it. */
export function configOriginal(config: Config, text: string): string {
  const c = redactConfig(config) as unknown as Obj;
  const written = writtenValues(text);
  const global = globalSection(c.global as Obj);
  const out: Obj = {
    global,
    route: route(c.route as Route),
    inhibit_rules: (c.inhibit_rules as Obj[]).map(inhibitRule),
    receivers: (c.receivers as Obj[]).map((r, i) => receiver(r, global, (kind, j, path) => written(['receivers', i, kind, j, ...path]))),
    templates: c.templates ?? [],
    mute_time_intervals: c.mute_time_intervals,
    time_intervals: c.time_intervals,
  };
  return stringify(omitEmpty(out, ['templates']), { indentSeq: false, lineWidth: 0, singleQuote: true, aliasDuplicateObjects: false });
}

/** model.Duration.String(): the largest units first; years and weeks only when exact. */
export function goDuration(text: string): string {
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

const HTTP_DEFAULTS = { follow_redirects: true, enable_http2: true };

function globalSection(g: Obj): Obj {
  const { resolve_timeout, http_config, ...rest } = g;
  return { resolve_timeout: goDuration(String(resolve_timeout)), http_config: httpConfig(http_config as Obj | undefined), ...rest };
}

/** prometheus/common's HTTPClientConfig after its own defaults: bearer_token becomes an
 *  Authorization (type Bearer), authorization's type defaults to Bearer. */
function httpConfig(h: Obj | undefined): Obj {
  if (!h) return { ...HTTP_DEFAULTS };
  const { basic_auth, authorization, oauth2, bearer_token, bearer_token_file, proxy_url, tls_config, follow_redirects, enable_http2 } = h;
  let auth = authorization as Obj | undefined;
  if (bearer_token || bearer_token_file) auth = { type: 'Bearer', ...(bearer_token ? { credentials: bearer_token } : {}), ...(bearer_token_file ? { credentials_file: bearer_token_file } : {}) };
  else if (auth) auth = { ...auth, type: (auth.type as string | undefined)?.trim() || 'Bearer' };
  return { basic_auth, authorization: auth, oauth2, proxy_url, tls_config, follow_redirects: follow_redirects ?? true, enable_http2: enable_http2 ?? true };
}

function route(r: Route): Obj {
  return {
    receiver: r.receiver,
    group_by: r.group_by,
    match: sortedMap(r.match),
    match_re: sortedMap(r.match_re),
    matchers: matcherStrings(r.matchers),
    mute_time_intervals: r.mute_time_intervals,
    active_time_intervals: r.active_time_intervals,
    continue: r.continue ?? false,
    routes: r.routes?.map(route),
    group_wait: r.group_wait && goDuration(r.group_wait),
    group_interval: r.group_interval && goDuration(r.group_interval),
    repeat_interval: r.repeat_interval && goDuration(r.repeat_interval),
  };
}

function inhibitRule(r: Obj): Obj {
  return {
    source_match: sortedMap(r.source_match as Obj | undefined),
    source_match_re: sortedMap(r.source_match_re as Obj | undefined),
    source_matchers: matcherStrings(r.source_matchers as string[] | undefined),
    target_match: sortedMap(r.target_match as Obj | undefined),
    target_match_re: sortedMap(r.target_match_re as Obj | undefined),
    target_matchers: matcherStrings(r.target_matchers as string[] | undefined),
    equal: r.equal,
  };
}

/** Integration kinds in the order of Alertmanager's Receiver struct (msteams came in 0.26). */
const KINDS = ['discord_configs', 'email_configs', 'pagerduty_configs', 'slack_configs', 'webhook_configs', 'opsgenie_configs', 'wechat_configs', 'pushover_configs', 'victorops_configs', 'sns_configs', 'telegram_configs', 'webex_configs', 'msteams_configs'];

/** The global settings Alertmanager's loader copies into an integration that has none. */
const FROM_GLOBAL: Record<string, [field: string, global: string][]> = {
  slack_configs: [['api_url', 'slack_api_url'], ['api_url_file', 'slack_api_url_file']],
  pagerduty_configs: [['url', 'pagerduty_url']],
  opsgenie_configs: [['api_url', 'opsgenie_api_url'], ['api_key', 'opsgenie_api_key'], ['api_key_file', 'opsgenie_api_key_file']],
  wechat_configs: [['api_url', 'wechat_api_url'], ['api_secret', 'wechat_api_secret'], ['corp_id', 'wechat_api_corp_id']],
  victorops_configs: [['api_url', 'victorops_api_url'], ['api_key', 'victorops_api_key'], ['api_key_file', 'victorops_api_key_file']],
  telegram_configs: [['api_url', 'telegram_api_url']],
  webex_configs: [['api_url', 'webex_api_url']],
  email_configs: [['from', 'smtp_from'], ['hello', 'smtp_hello'], ['smarthost', 'smtp_smarthost'], ['auth_username', 'smtp_auth_username'], ['auth_password', 'smtp_auth_password'], ['auth_secret', 'smtp_auth_secret'], ['auth_identity', 'smtp_auth_identity'], ['require_tls', 'smtp_require_tls']],
};

type Written = (kind: string, index: number, path: string[]) => string;

function receiver(r: Obj, global: Obj, written: Written): Obj {
  const out: Obj = { name: r.name };
  for (const kind of KINDS) {
    const list = r[kind] as Obj[] | undefined;
    if (list?.length) out[kind] = list.map((c, j) => integration(kind, c, global, (path) => written(kind, j, path)));
  }
  return out;
}

function integration(kind: string, c: Obj, global: Obj, written: (path: string[]) => string): Obj {
  const out: Obj = { ...c };
  if (kind === 'webhook_configs') {
    delete out.timeout;
    out.url = written(['url']);
  }
  const own = c.http_config as Obj | undefined;
  if (own?.proxy_url !== undefined) out.http_config = { ...own, proxy_url: written(['http_config', 'proxy_url']) };
  if ('http_config' in c || kind !== 'email_configs') out.http_config = httpConfig((out.http_config as Obj | undefined) ?? (global.http_config as Obj));
  for (const [field, from] of FROM_GLOBAL[kind] ?? []) if (out[field] === undefined || out[field] === '') out[field] = global[from];
  // http_config sits second, after send_resolved, in every integration that has one.
  const { send_resolved, http_config, ...rest } = out;
  return { send_resolved, ...(http_config ? { http_config } : {}), ...rest };
}

/** What the file says at a path: the value as written, or REDACTED_URL for a reference (or
 *  anything that cannot be read back). */
function writtenValues(text: string): (path: (string | number)[]) => string {
  let raw: unknown;
  try {
    raw = readYaml(text);
  } catch {
    raw = undefined;
  }
  return (path) => {
    let node = raw;
    for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
    return typeof node === 'string' && !node.includes('${') ? node : REDACTED_URL;
  };
}

/** One `name="value"` per matcher, as Alertmanager's Matchers marshal (a braced line with
 *  two matchers becomes two entries). */
function matcherStrings(lines: readonly string[] | undefined): string[] | undefined {
  return lines?.flatMap(parseMatchers).map((m) => `${m.name}${m.op}"${m.value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`);
}

/** Go marshals maps with their keys sorted. */
function sortedMap(m: Obj | undefined): Obj | undefined {
  return m && Object.fromEntries(Object.keys(m).sort().map((k) => [k, m[k]]));
}

/** yaml.v2's omitempty: undefined, null, '', empty lists and maps go (except `keep`). */
function omitEmpty(value: unknown, keep: readonly string[] = []): unknown {
  if (Array.isArray(value)) return value.map((v) => omitEmpty(v));
  if (value === null || typeof value !== 'object') return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value as Obj)) {
    const cleaned = omitEmpty(v);
    const empty = cleaned === undefined || cleaned === null || cleaned === '' || (Array.isArray(cleaned) && cleaned.length === 0) || (typeof cleaned === 'object' && cleaned !== null && !Array.isArray(cleaned) && Object.keys(cleaned).length === 0);
    if (!empty || keep.includes(k)) out[k] = cleaned;
  }
  return out;
}
