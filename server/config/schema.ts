// The config schema: the single source of truth for what config.yaml may hold — Alertmanager
// 0.25's config (an operator's alertmanager.yml is a complete hotconf config, judged as
// `amtool check-config` judges it) plus hotconf's own optional sections. The config core
// validates with it (in the service, the console and the editor's worker), and the JSON
// Schema the editor uses for hover docs and completion is generated from it — so every field
// carries a description written for an operator reading a hover card.
//
// The sections live in ./sections/ (one file each); this file joins them and holds the rules
// that span sections (cross-field rules), which Alertmanager checks after reading the file.
import { z } from 'zod';
import { editorHints } from './editor-hints';
import { list, opt, str } from './sections/fields';
import { globalSchema, type GlobalConfig } from './sections/global';
import { databaseSchema, logSchema, serverSchema, webhookSchema } from './sections/hotconf';
import { receiverSchema, type Receiver } from './sections/receivers';
import { inhibitRuleSchema, routeSchema, timeIntervalSchema, type RouteInput } from './sections/routing';

export { isSecretField, isTemplateField } from './sections/fields';
export { inhibitRuleSchema, receiverSchema, routeSchema };

/** `global` when the file has none: built once (every reload of such a file gets the same
 *  object, so the differ sees it unchanged at a glance). Read-only, like all of Config. */
let defaultGlobal: GlobalConfig | undefined;
function globalDefaults(): GlobalConfig {
  return (defaultGlobal ??= globalSchema.parse({}));
}

/** The sections, each with its own schema (defaults included). */
export const configSections = {
  global: opt(globalSchema).transform((g) => g ?? globalDefaults()),
  templates: list(str()).transform((t) => t ?? []).describe('Go template files (globs, relative to this file) whose {{ define }}s notifiers can use.'),
  route: routeSchema.describe('The root of the routing tree. Must name a receiver and has no matchers.'),
  receivers: list(receiverSchema).transform((r) => r ?? []).describe('Receivers that routes refer to by name.'),
  inhibit_rules: list(inhibitRuleSchema).transform((r) => r ?? []).describe('Inhibition rules.'),
  time_intervals: list(timeIntervalSchema).transform((t) => t ?? []).describe('Named time intervals for routes (mute_time_intervals, active_time_intervals).'),
  mute_time_intervals: list(timeIntervalSchema).transform((t) => t ?? []).describe('Deprecated name of time_intervals (still read).'),
  server: serverSchema.prefault({}),
  log: logSchema.prefault({}),
  database: databaseSchema.prefault({}),
  webhook: webhookSchema.prefault({}),
};

export const configSchema = z
  .strictObject(configSections)
  .superRefine((cfg, ctx) => {
    for (const issue of crossFieldIssues(cfg)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, params: { rule: issue.rule } });
  })
  .describe('hotconf / Alert History service configuration: Alertmanager 0.25 format plus hotconf sections.');

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type Route = RouteInput;
export type { Receiver, GlobalConfig };
export type InhibitRule = Config['inhibit_rules'][number];

/** The top-level sections; each belongs to exactly one reloadable component. */
export const SECTIONS = ['global', 'templates', 'route', 'receivers', 'inhibit_rules', 'time_intervals', 'mute_time_intervals', 'server', 'log', 'database', 'webhook'] as const;
export type Section = (typeof SECTIONS)[number];

// ---------------------------------------------------------------- cross-field rules

export interface CrossFieldIssue {
  path: (string | number)[];
  message: string;
  rule: string;
}

const set = (v: unknown): boolean => typeof v === 'string' && v !== '';

/** The rules that span fields. Zod runs them through configSchema; the incremental checker
 *  (incremental.ts) calls them directly. */
export function crossFieldIssues(cfg: Record<string, unknown>): CrossFieldIssue[] {
  const out: CrossFieldIssue[] = [];
  // Zod runs this even when some fields have their own (non-aborting) issues — a missing
  // section, for one — so read defensively: what is already reported must not crash the
  // rules that can still be checked.
  const c = cfg as unknown as Partial<Config>;
  const receivers = Array.isArray(c.receivers) ? c.receivers : [];
  const names = new Map<string, number>();
  receivers.forEach((r, i) => {
    if (!set(r?.name)) return;
    const first = names.get(r.name!);
    if (first !== undefined) {
      out.push({ path: ['receivers', i, 'name'], message: `receiver name "${r.name}" is already used by receivers[${first}]: names must be unique`, rule: 'unique_receiver' });
    } else names.set(r.name!, i);
  });
  if (c.global && typeof c.global === 'object') receivers.forEach((r, i) => globalFallbacks(r, i, c.global!, out));

  const intervals = intervalNames(c, out);
  if (c.route && typeof c.route === 'object') checkRoutes(c.route, names, intervals, out);
  if (c.database?.driver === 'postgres' && !c.database.url) {
    out.push({ path: ['database', 'url'], message: 'driver postgres needs database.url (e.g. ${env:DATABASE_URL})', rule: 'postgres_url' });
  }
  if (c.webhook?.authentication?.type === 'api_key' && !c.webhook.authentication.api_key) {
    out.push({ path: ['webhook', 'authentication', 'api_key'], message: 'authentication type api_key needs api_key (e.g. ${env:INGEST_API_KEY})', rule: 'api_key_required' });
  }
  return out;
}

/** Names of time_intervals and mute_time_intervals, unique across both lists. */
function intervalNames(c: Partial<Config>, out: CrossFieldIssue[]): Set<string> {
  const names = new Set<string>();
  for (const section of ['mute_time_intervals', 'time_intervals'] as const) {
    const items = Array.isArray(c[section]) ? c[section] : [];
    items.forEach((t, i) => {
      if (!set(t?.name)) return;
      if (names.has(t.name!)) out.push({ path: [section, i, 'name'], message: `time interval "${t.name}" is defined twice: names must be unique across time_intervals and mute_time_intervals`, rule: 'unique_time_interval' });
      names.add(t.name!);
    });
  }
  return names;
}

/** The settings a receiver takes from `global` when it has none of its own, and the errors
 *  Alertmanager gives when neither has them. */
function globalFallbacks(r: Receiver | undefined, i: number, g: GlobalConfig, out: CrossFieldIssue[]): void {
  // This runs for every receiver on every reload, and most receivers (webhooks) have none
  // of these kinds: they leave before anything is allocated.
  if (!r || !(r.email_configs || r.slack_configs || r.pagerduty_configs || r.opsgenie_configs || r.wechat_configs || r.victorops_configs || r.webex_configs)) return;
  for (const [j, e] of (r.email_configs ?? []).entries()) {
    if (!set(e.smarthost) && !set(g.smtp_smarthost)) missing(out, i, 'email_configs', j, 'smarthost', 'no SMTP server: set smarthost here or global.smtp_smarthost');
    else if (!set(e.from) && !set(g.smtp_from)) missing(out, i, 'email_configs', j, 'from', 'no sender address: set from here or global.smtp_from');
  }
  for (const [j, s] of (r.slack_configs ?? []).entries()) {
    if (!set(s.api_url) && !set(s.api_url_file) && !set(g.slack_api_url) && !set(g.slack_api_url_file)) {
      missing(out, i, 'slack_configs', j, 'api_url', 'no Slack webhook URL: set api_url (or api_url_file) here or global.slack_api_url');
    }
  }
  for (const [j, p] of (r.pagerduty_configs ?? []).entries()) {
    if (!set(p.url) && !set(g.pagerduty_url)) missing(out, i, 'pagerduty_configs', j, 'url', 'no PagerDuty URL: set url here or global.pagerduty_url');
  }
  for (const [j, o] of (r.opsgenie_configs ?? []).entries()) {
    if (!set(o.api_url) && !set(g.opsgenie_api_url)) missing(out, i, 'opsgenie_configs', j, 'api_url', 'no Opsgenie URL: set api_url here or global.opsgenie_api_url');
    else if (!set(o.api_key) && !set(o.api_key_file) && !set(g.opsgenie_api_key) && !set(g.opsgenie_api_key_file)) {
      missing(out, i, 'opsgenie_configs', j, 'api_key', 'no Opsgenie API key: set api_key (or api_key_file) here or global.opsgenie_api_key');
    }
  }
  for (const [j, w] of (r.wechat_configs ?? []).entries()) {
    if (!set(w.api_url) && !set(g.wechat_api_url)) missing(out, i, 'wechat_configs', j, 'api_url', 'no WeChat URL: set api_url here or global.wechat_api_url');
    else if (!set(w.api_secret) && !set(g.wechat_api_secret)) missing(out, i, 'wechat_configs', j, 'api_secret', 'no WeChat API secret: set api_secret here or global.wechat_api_secret');
    else if (!set(w.corp_id) && !set(g.wechat_api_corp_id)) missing(out, i, 'wechat_configs', j, 'corp_id', 'no WeChat corp id: set corp_id here or global.wechat_api_corp_id');
  }
  for (const [j, v] of (r.victorops_configs ?? []).entries()) {
    if (!set(v.api_url) && !set(g.victorops_api_url)) missing(out, i, 'victorops_configs', j, 'api_url', 'no VictorOps URL: set api_url here or global.victorops_api_url');
    else if (!set(v.api_key) && !set(v.api_key_file) && !set(g.victorops_api_key) && !set(g.victorops_api_key_file)) {
      missing(out, i, 'victorops_configs', j, 'api_key', 'no VictorOps API key: set api_key (or api_key_file) here or global.victorops_api_key');
    }
  }
  for (const [j, w] of (r.webex_configs ?? []).entries()) {
    if (!set(w.api_url) && !set(g.webex_api_url)) missing(out, i, 'webex_configs', j, 'api_url', 'no Webex URL: set api_url here or global.webex_api_url');
  }
}

function missing(out: CrossFieldIssue[], i: number, kind: string, j: number, field: string, message: string): void {
  out.push({ path: ['receivers', i, kind, j, field], message, rule: 'global_fallback' });
}

const INTERVAL_FIELDS = ['mute_time_intervals', 'active_time_intervals'] as const;

function checkRoutes(root: Route, receivers: Map<string, number>, intervals: Set<string>, out: CrossFieldIssue[]): void {
  if (!set(root.receiver)) {
    out.push({ path: ['route', 'receiver'], message: 'the root route must name a receiver (it is the default for every alert)', rule: 'root_receiver' });
  }
  if (root.matchers?.length || Object.keys(root.match ?? {}).length || Object.keys(root.match_re ?? {}).length) {
    out.push({ path: ['route', 'matchers'], message: 'the root route must not have matchers: it matches every alert', rule: 'root_matchers' });
  }
  if (root.continue) out.push({ path: ['route', 'continue'], message: 'the root route cannot have continue: there is nothing after it to continue to', rule: 'root_continue' });
  if (root.mute_time_intervals?.length) out.push({ path: ['route', 'mute_time_intervals'], message: 'the root route cannot have mute_time_intervals: set them on a child route', rule: 'root_time_intervals' });
  if (root.active_time_intervals?.length) out.push({ path: ['route', 'active_time_intervals'], message: 'the root route cannot have active_time_intervals: set them on a child route', rule: 'root_time_intervals' });
  walkRoutes(root, (route, place) => {
    if (set(route.receiver) && !receivers.has(route.receiver!)) {
      const known = [...receivers.keys()].slice(0, 10).join(', ');
      const hint = known ? `add it under receivers or use one of: ${known}` : 'no receivers are defined yet: add one under receivers';
      out.push({ path: [...place.path(), 'receiver'], message: `route names receiver "${route.receiver}", which is not defined: ${hint}`, rule: 'unknown_receiver' });
    }
    if (route.mute_time_intervals) knownIntervals(route.mute_time_intervals, 'mute_time_intervals', intervals, place, out);
    if (route.active_time_intervals) knownIntervals(route.active_time_intervals, 'active_time_intervals', intervals, place, out);
  });
}

function knownIntervals(names: readonly string[], field: (typeof INTERVAL_FIELDS)[number], intervals: Set<string>, place: RoutePlace, out: CrossFieldIssue[]): void {
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (!intervals.has(name)) out.push({ path: [...place.path(), field, i], message: `time interval "${name}" is not defined: add it under time_intervals`, rule: 'unknown_time_interval' });
  }
}

/**
 * Visits every route depth-first. The walk's place is one object, updated as it goes, and a
 * route's path is built only when the visitor asks for it (`place.path()`, to report an
 * issue): this runs on every reload over every route, and most visits report nothing.
 */
function walkRoutes(root: Route, visit: (r: Route, place: RoutePlace) => void): void {
  const place = new RoutePlace();
  const walk = (route: Route): void => {
    visit(route, place);
    if (!Array.isArray(route.routes)) return;
    for (let i = 0; i < route.routes.length; i++) {
      place.enter(i);
      walk(route.routes[i]!);
      place.leave();
    }
  };
  walk(root);
}

/** Child indices from the root down to the route being visited. Its array only grows (a
 *  shrinking array would be reallocated on the next push). */
class RoutePlace {
  private readonly indices: number[] = [];
  private depth = 0;

  enter(index: number): void {
    this.indices[this.depth++] = index;
  }

  leave(): void {
    this.depth--;
  }

  path(): (string | number)[] {
    const out: (string | number)[] = ['route'];
    for (let d = 0; d < this.depth; d++) out.push('routes', this.indices[d]!);
    return out;
  }
}

/** JSON Schema of the file as written (defaults make fields optional), for editors. */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any', override: editorView }) as Record<string, unknown>;
}

/** The text of schema/hotconf.schema.json (`hotconf schema`); a test keeps the file equal to it. */
export function schemaFileText(): string {
  const { $schema, ...schema } = configJsonSchema();
  return `${JSON.stringify({ $schema, title: "hotconf config: Alertmanager 0.25 (plus msteams_configs) and hotconf's server, log, database, webhook", ...schema }, null, 2)}\n`;
}

/**
 * What an editor sees differs from zod's input in two ways. A plain YAML number or boolean
 * reaches zod as a PlainScalar (the reader keeps its text, as yaml.v2 does) — a custom
 * type JSON Schema cannot express, which would come out as "anything"; an editor sees a
 * number or a boolean there, so that is what the schema says (and a mapping or a list
 * where a scalar belongs is then a type error in the editor too). And fields that
 * Alertmanager requires but reads as "" when missing are required (editor-hints.ts).
 */
function editorView(ctx: { zodSchema: z.core.$ZodTypes; jsonSchema: z.core.JSONSchema.BaseSchema }): void {
  if (ctx.zodSchema._zod.def.type === 'custom') {
    for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
    ctx.jsonSchema.type = ['number', 'boolean'];
  }
  const hint = editorHints.get(ctx.zodSchema);
  if (hint) ctx.jsonSchema.required = [...new Set([...(ctx.jsonSchema.required ?? []), ...hint.required])];
}
