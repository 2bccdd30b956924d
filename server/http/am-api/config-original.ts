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
import { PlainScalar } from '../../config/plain-scalar';
import { readYaml } from '../../config/read-yaml';
import type { Config, Route } from '../../config/schema';
import { redactConfig } from '../../config/secrets';
import { goYaml } from './go-yaml';
import { type Obj, Kept, goMap, hostPort, joinDir, matchers, modelDuration, omitEmpty } from './go-values';
import { type Ctx, REDACTED_URL, httpConfig, receiver, routedReceivers, withSlash } from './original-receivers';
import { timeIntervals } from './original-time-intervals';

export { REDACTED_URL };

/** `text` is the config file as loaded (what was written at the fields Alertmanager does
 *  not treat as secrets is read from it); `dir` is the directory relative paths are in. */
export function configOriginal(config: Config, text: string, dir: string): string {
  const c = redactConfig(config) as unknown as Obj;
  const raw = rawDocument(text);
  const written = writtenValues(raw);
  const ctx: Ctx = { dir, written, raw, rawGlobal: c.global as Obj, slashGlobal: new Set(), routed: routedReceivers(config.route) };
  // Receivers first: an integration that takes a global URL can change it (a '/' added).
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

function globalSection(g: Obj, ctx: Ctx): Obj {
  const out: Obj = { resolve_timeout: new Kept(modelDuration(String(g.resolve_timeout))), http_config: httpConfig(g.http_config as Obj | undefined, ctx, ['global', 'http_config']) };
  for (const [key, value] of Object.entries(g)) if (!(key in out)) out[key] = value;
  out.smtp_require_tls = new Kept(g.smtp_require_tls);
  out.smtp_smarthost = hostPort(g.smtp_smarthost);
  for (const key of ctx.slashGlobal) out[key] = withSlash(out[key]);
  return out;
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

// ------------------------------------------------------------------ what the file says

/** The file as read (null when it cannot be read back): a lookup by path. */
function rawDocument(text: string): (path: (string | number)[]) => unknown {
  let doc: unknown;
  try {
    doc = readYaml(text).value;
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
