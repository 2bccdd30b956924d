// The config rules that span fields and sections, which Alertmanager checks after reading
// the file: unique receiver and time interval names, routes naming receivers and time
// intervals that exist, receivers taking what they lack from `global`. configSchema runs them
// through zod (full validation); the incremental checker (incremental.ts) calls them on
// every reload with a CrossFieldMemo.
import type { z } from 'zod';
import type { GlobalConfig } from './sections/global';
import type { databaseSchema, webhookSchema } from './sections/hotconf';
import type { Receiver } from './sections/receivers';
import type { RouteInput as Route, timeIntervalSchema } from './sections/routing';

/** The sections the rules read, as validated: Config's, named from the sections (schema.ts
 *  joins them into Config and imports this file, so taking Config from there is a circle). */
interface Sections {
  global: GlobalConfig;
  receivers: Receiver[];
  route: Route;
  time_intervals: z.output<typeof timeIntervalSchema>[];
  mute_time_intervals: z.output<typeof timeIntervalSchema>[];
  database: z.output<typeof databaseSchema>;
  webhook: z.output<typeof webhookSchema>;
}

export interface CrossFieldIssue {
  path: (string | number)[];
  message: string;
  rule: string;
}

/**
 * What the last check of each part found, for a caller that checks one config after another
 * (the incremental checker, on every reload). Validated config objects are never changed in
 * place, and an unchanged chunk comes back as the very same object, so a part whose inputs
 * are the same objects as last time has the same issues: a root route edit no longer
 * rebuilds the map of 1,000 receiver names, and a receiver edit that keeps every name no
 * longer walks 1,000 child routes. Each part keeps its issues in the order the rules report
 * them, so the answer is the one a check without the memo gives.
 */
export class CrossFieldMemo {
  names: ReceiverNames | null = null;
  fallbacks: { receivers: readonly unknown[]; global: unknown; byIndex: (CrossFieldIssue[] | undefined)[] } | null = null;
  intervals: { mute: unknown; time: unknown; names: Set<string>; issues: CrossFieldIssue[] } | null = null;
  children: { routes: unknown; receivers: Map<string, number>; intervals: Set<string>; issues: CrossFieldIssue[] } | null = null;
}

interface ReceiverNames {
  /** The list these names were read from. */
  receivers: readonly unknown[];
  /** Each receiver's name, in order (undefined: it has none). */
  list: (string | undefined)[];
  /** Name → index of the first receiver with it. */
  map: Map<string, number>;
  issues: CrossFieldIssue[];
}

const set = (v: unknown): boolean => typeof v === 'string' && v !== '';

/** The rules that span fields, in the order they report. */
export function crossFieldIssues(cfg: Record<string, unknown>, memo?: CrossFieldMemo): CrossFieldIssue[] {
  const out: CrossFieldIssue[] = [];
  // Zod runs this even when some fields have their own (non-aborting) issues — a missing
  // section, for one — so read defensively: what is already reported must not crash the
  // rules that can still be checked.
  const c = cfg as unknown as Partial<Sections>;
  const receivers = Array.isArray(c.receivers) ? c.receivers : [];
  const names = receiverNames(receivers, memo);
  out.push(...names.issues);
  if (c.global && typeof c.global === 'object') out.push(...fallbackIssues(receivers, c.global, memo));

  const intervals = intervalNames(c, memo);
  out.push(...intervals.issues);
  if (c.route && typeof c.route === 'object') checkRoutes(c.route, names.map, intervals.names, memo, out);
  if (c.database?.driver === 'postgres' && !c.database.url) {
    out.push({ path: ['database', 'url'], message: 'driver postgres needs database.url (e.g. ${env:DATABASE_URL})', rule: 'postgres_url' });
  }
  if (c.webhook?.authentication?.type === 'api_key' && !c.webhook.authentication.api_key) {
    out.push({ path: ['webhook', 'authentication', 'api_key'], message: 'authentication type api_key needs api_key (e.g. ${env:INGEST_API_KEY})', rule: 'api_key_required' });
  }
  return out;
}

/** Receiver names must be unique. The same list as last time, or the same names in the same
 *  order (a receiver's URL edited), give the last answer, map included: the route walk is
 *  keyed by it. */
function receiverNames(receivers: readonly (Receiver | undefined)[], memo: CrossFieldMemo | undefined): ReceiverNames {
  const last = memo?.names;
  if (memo && last) {
    if (last.receivers === receivers) return last;
    // A receiver object that is the last list's at the same place has the same name: only
    // the others are read.
    if (last.list.length === receivers.length && receivers.every((r, i) => r === last.receivers[i] || nameOf(r) === last.list[i])) return (memo.names = { ...last, receivers });
  }
  const list: (string | undefined)[] = [];
  const map = new Map<string, number>();
  const issues: CrossFieldIssue[] = [];
  receivers.forEach((r, i) => {
    const name = nameOf(r);
    list.push(name);
    if (name === undefined) return;
    const first = map.get(name);
    if (first !== undefined) {
      issues.push({ path: ['receivers', i, 'name'], message: `receiver name "${name}" is already used by receivers[${first}]: names must be unique`, rule: 'unique_receiver' });
    } else map.set(name, i);
  });
  const names = { receivers, list, map, issues };
  if (memo) memo.names = names;
  return names;
}

function nameOf(r: Receiver | undefined): string | undefined {
  return set(r?.name) ? r!.name : undefined;
}

function fallbackIssues(receivers: readonly (Receiver | undefined)[], global: GlobalConfig, memo: CrossFieldMemo | undefined): CrossFieldIssue[] {
  const last = memo?.fallbacks;
  // Per receiver: what a receiver object at the same place under the same global found last
  // time (a pointer compare), else its own check. Most receivers find nothing.
  const reuse = last && last.global === global && last.receivers.length === receivers.length ? last : null;
  if (reuse?.receivers === receivers) return reuse.byIndex.flatMap((x) => x ?? []);
  const byIndex: (CrossFieldIssue[] | undefined)[] = [];
  receivers.forEach((r, i) => {
    if (reuse && reuse.receivers[i] === r) byIndex[i] = reuse.byIndex[i];
    else {
      const found: CrossFieldIssue[] = [];
      globalFallbacks(r, i, global, found);
      if (found.length > 0) byIndex[i] = found;
    }
  });
  if (memo) memo.fallbacks = { receivers, global, byIndex };
  return byIndex.flatMap((x) => x ?? []);
}

/** Names of time_intervals and mute_time_intervals, unique across both lists. */
function intervalNames(c: Partial<Sections>, memo: CrossFieldMemo | undefined): { names: Set<string>; issues: CrossFieldIssue[] } {
  const last = memo?.intervals;
  if (last && last.mute === c.mute_time_intervals && last.time === c.time_intervals) return last;
  const names = new Set<string>();
  const issues: CrossFieldIssue[] = [];
  for (const section of ['mute_time_intervals', 'time_intervals'] as const) {
    const items = Array.isArray(c[section]) ? c[section] : [];
    items.forEach((t, i) => {
      if (!set(t?.name)) return;
      if (names.has(t.name!)) issues.push({ path: [section, i, 'name'], message: `time interval "${t.name}" is defined twice: names must be unique across time_intervals and mute_time_intervals`, rule: 'unique_time_interval' });
      names.add(t.name!);
    });
  }
  const found = { mute: c.mute_time_intervals, time: c.time_intervals, names, issues };
  if (memo) memo.intervals = found;
  return found;
}

/** A setting a receiver's integration takes from `global` when it has none of its own:
 *  missing from both (none of `own` set on the integration, none of `global` set) is
 *  Alertmanager's error `message`, reported at `field`. */
interface Fallback {
  field: string;
  own: readonly string[];
  global: readonly (keyof GlobalConfig)[];
  message: string;
}

/** Per integration kind, its fallbacks in the order Alertmanager checks them: the first one
 *  missing is the one reported. */
const FALLBACKS: Readonly<Partial<Record<keyof Receiver, readonly Fallback[]>>> = {
  email_configs: [
    { field: 'smarthost', own: ['smarthost'], global: ['smtp_smarthost'], message: 'no SMTP server: set smarthost here or global.smtp_smarthost' },
    { field: 'from', own: ['from'], global: ['smtp_from'], message: 'no sender address: set from here or global.smtp_from' },
  ],
  slack_configs: [{ field: 'api_url', own: ['api_url', 'api_url_file'], global: ['slack_api_url', 'slack_api_url_file'], message: 'no Slack webhook URL: set api_url (or api_url_file) here or global.slack_api_url' }],
  pagerduty_configs: [{ field: 'url', own: ['url'], global: ['pagerduty_url'], message: 'no PagerDuty URL: set url here or global.pagerduty_url' }],
  opsgenie_configs: [
    { field: 'api_url', own: ['api_url'], global: ['opsgenie_api_url'], message: 'no Opsgenie URL: set api_url here or global.opsgenie_api_url' },
    { field: 'api_key', own: ['api_key', 'api_key_file'], global: ['opsgenie_api_key', 'opsgenie_api_key_file'], message: 'no Opsgenie API key: set api_key (or api_key_file) here or global.opsgenie_api_key' },
  ],
  wechat_configs: [
    { field: 'api_url', own: ['api_url'], global: ['wechat_api_url'], message: 'no WeChat URL: set api_url here or global.wechat_api_url' },
    { field: 'api_secret', own: ['api_secret'], global: ['wechat_api_secret'], message: 'no WeChat API secret: set api_secret here or global.wechat_api_secret' },
    { field: 'corp_id', own: ['corp_id'], global: ['wechat_api_corp_id'], message: 'no WeChat corp id: set corp_id here or global.wechat_api_corp_id' },
  ],
  victorops_configs: [
    { field: 'api_url', own: ['api_url'], global: ['victorops_api_url'], message: 'no VictorOps URL: set api_url here or global.victorops_api_url' },
    { field: 'api_key', own: ['api_key', 'api_key_file'], global: ['victorops_api_key', 'victorops_api_key_file'], message: 'no VictorOps API key: set api_key (or api_key_file) here or global.victorops_api_key' },
  ],
  webex_configs: [{ field: 'api_url', own: ['api_url'], global: ['webex_api_url'], message: 'no Webex URL: set api_url here or global.webex_api_url' }],
};
const FALLBACK_KINDS = Object.keys(FALLBACKS) as (keyof Receiver)[];

/** The errors Alertmanager gives for a receiver's integrations that lack a setting which
 *  `global` does not supply either. */
function globalFallbacks(r: Receiver | undefined, i: number, g: GlobalConfig, out: CrossFieldIssue[]): void {
  if (!r) return;
  for (const kind of FALLBACK_KINDS) {
    // This runs for every receiver on every reload, and most receivers (webhooks) have none
    // of these kinds: they pass without allocating.
    const list = r[kind] as readonly Record<string, unknown>[] | undefined;
    if (!list) continue;
    for (let j = 0; j < list.length; j++) {
      const lacking = FALLBACKS[kind]!.find((f) => !f.own.some((k) => set(list[j]![k])) && !f.global.some((k) => set(g[k])));
      if (lacking) out.push({ path: ['receivers', i, kind, j, lacking.field], message: lacking.message, rule: 'global_fallback' });
    }
  }
}

const INTERVAL_FIELDS = ['mute_time_intervals', 'active_time_intervals'] as const;

function checkRoutes(root: Route, receivers: Map<string, number>, intervals: Set<string>, memo: CrossFieldMemo | undefined, out: CrossFieldIssue[]): void {
  if (!set(root.receiver)) {
    out.push({ path: ['route', 'receiver'], message: 'the root route must name a receiver (it is the default for every alert)', rule: 'root_receiver' });
  }
  if (root.matchers?.length || Object.keys(root.match ?? {}).length || Object.keys(root.match_re ?? {}).length) {
    out.push({ path: ['route', 'matchers'], message: 'the root route must not have matchers: it matches every alert', rule: 'root_matchers' });
  }
  if (root.continue) out.push({ path: ['route', 'continue'], message: 'the root route cannot have continue: there is nothing after it to continue to', rule: 'root_continue' });
  if (root.mute_time_intervals?.length) out.push({ path: ['route', 'mute_time_intervals'], message: 'the root route cannot have mute_time_intervals: set them on a child route', rule: 'root_time_intervals' });
  if (root.active_time_intervals?.length) out.push({ path: ['route', 'active_time_intervals'], message: 'the root route cannot have active_time_intervals: set them on a child route', rule: 'root_time_intervals' });
  const place = new RoutePlace();
  visitRoute(root, place, receivers, intervals, out);
  out.push(...childIssues(root.routes, receivers, intervals, memo, place));
}

/** What the walk below the root finds; the same list of child routes, checked against the
 *  same names, finds the same (a root route edit leaves its children's objects alone). */
function childIssues(routes: Route['routes'], receivers: Map<string, number>, intervals: Set<string>, memo: CrossFieldMemo | undefined, place: RoutePlace): CrossFieldIssue[] {
  const last = memo?.children;
  if (last && last.routes === routes && last.receivers === receivers && last.intervals === intervals) return last.issues;
  const issues: CrossFieldIssue[] = [];
  walkChildren(routes, place, (route) => visitRoute(route, place, receivers, intervals, issues));
  if (memo) memo.children = { routes, receivers, intervals, issues };
  return issues;
}

function visitRoute(route: Route, place: RoutePlace, receivers: Map<string, number>, intervals: Set<string>, out: CrossFieldIssue[]): void {
  if (set(route.receiver) && !receivers.has(route.receiver!)) {
    const known = [...receivers.keys()].slice(0, 10).join(', ');
    const hint = known ? `add it under receivers or use one of: ${known}` : 'no receivers are defined yet: add one under receivers';
    out.push({ path: [...place.path(), 'receiver'], message: `route names receiver "${route.receiver}", which is not defined: ${hint}`, rule: 'unknown_receiver' });
  }
  if (route.mute_time_intervals) knownIntervals(route.mute_time_intervals, 'mute_time_intervals', intervals, place, out);
  if (route.active_time_intervals) knownIntervals(route.active_time_intervals, 'active_time_intervals', intervals, place, out);
}

function knownIntervals(names: readonly string[], field: (typeof INTERVAL_FIELDS)[number], intervals: Set<string>, place: RoutePlace, out: CrossFieldIssue[]): void {
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (!intervals.has(name)) out.push({ path: [...place.path(), field, i], message: `time interval "${name}" is not defined: add it under time_intervals`, rule: 'unknown_time_interval' });
  }
}

/**
 * Visits every route below a list of child routes, depth-first. The walk's place is one
 * object, updated as it goes, and a route's path is built only when the visitor asks for it
 * (`place.path()`, to report an issue): most visits report nothing.
 */
function walkChildren(routes: Route['routes'], place: RoutePlace, visit: (r: Route) => void): void {
  if (!Array.isArray(routes)) return;
  for (let i = 0; i < routes.length; i++) {
    place.enter(i);
    visit(routes[i]!);
    walkChildren(routes[i]!.routes, place, visit);
    place.leave();
  }
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
