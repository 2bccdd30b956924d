// A seeded mutation generator over valid corpus configs. Each mutant is a valid config with one
// or two small, plausible edits: a required field dropped, a value of the wrong type, a receiver
// or interval name duplicated, a matcher or URL broken, a zero duration, an unknown key, a
// dangling receiver or interval reference, and so on. Some edits keep the config valid (a zero
// group_wait, an existing interval referenced), so both verdicts occur; which one is right is
// for amtool to say, never for this file.
//
// Works on the parsed YAML (the `yaml` package's Document, so comments, quoting and flow style
// of untouched nodes survive) and writes mutants as files into a directory, next to copies of
// the corpus's support directories (templates/, secrets/) so relative paths still resolve.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type Document, isMap, isPair, isScalar, isSeq, type Node, type Pair, parseDocument, Scalar, type YAMLMap, type YAMLSeq } from 'yaml';

export interface Mutant {
  /** File name inside outDir. */
  file: string;
  /** Absolute path of the mutant. */
  path: string;
  /** The corpus file it was made from. */
  base: string;
  /** What was done, one entry per mutation. */
  ops: string[];
}

export interface MutateOptions {
  /** Paths of valid configs to mutate. */
  bases: readonly string[];
  count: number;
  seed: number;
  outDir: string;
  /** Directories copied into outDir (by their base name) before writing mutants. */
  supportDirs?: readonly string[];
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

// --- walking the document ---------------------------------------------------------------------

interface Entry {
  /** Key path from the root, e.g. ["receivers", 0, "webhook_configs", 0, "url"]. */
  path: (string | number)[];
  /** The pair holding this value when its parent is a map. */
  pair?: Pair;
  parent?: YAMLMap | YAMLSeq;
  node: Node;
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function entries(doc: Document): Entry[] {
  const out: Entry[] = [];
  const walk = (node: unknown, path: (string | number)[], parent?: YAMLMap | YAMLSeq, pair?: Pair) => {
    if (!node || typeof node !== 'object') return;
    out.push({ path, node: node as Node, parent, pair });
    if (isMap(node)) for (const p of node.items) if (isPair(p)) walk(p.value, [...path, keyOf(p)], node, p);
    if (isSeq(node)) node.items.forEach((it, i) => walk(it, [...path, i], node));
  };
  walk(doc.contents, []);
  return out;
}

const maps = (doc: Document) => entries(doc).filter((e) => isMap(e.node)) as (Entry & { node: YAMLMap })[];
const pairsNamed = (doc: Document, test: (key: string, e: Entry) => boolean) => entries(doc).filter((e) => e.pair && test(keyOf(e.pair), e));

/** Route mappings: the root route and every route under a routes list, with their depth. */
function routes(doc: Document): { node: YAMLMap; root: boolean }[] {
  const out: { node: YAMLMap; root: boolean }[] = [];
  const root = isMap(doc.contents) ? doc.contents.get('route', true) : undefined;
  const walk = (r: unknown, isRoot: boolean) => {
    if (!isMap(r)) return;
    out.push({ node: r, root: isRoot });
    const kids = r.get('routes', true);
    if (isSeq(kids)) for (const k of kids.items) walk(k, false);
  };
  walk(root, true);
  return out;
}

function topSeq(doc: Document, key: string): YAMLSeq | undefined {
  const v = isMap(doc.contents) ? doc.contents.get(key, true) : undefined;
  return isSeq(v) ? v : undefined;
}

function names(seq: YAMLSeq | undefined): string[] {
  return (seq?.items ?? []).flatMap((it) => (isMap(it) && it.has('name') ? [String(it.get('name'))] : []));
}

function plain(doc: Document, value: unknown): Node {
  return doc.createNode(value) as Node;
}

// --- mutation operators -------------------------------------------------------------------------
// Each returns a description of what it did, or null when it does not apply to this document.

type Op = (doc: Document, r: Rand) => string | null;

const REQUIRED_KEYS = new Set([
  'route', 'receivers', 'receiver', 'name', 'url', 'to', 'from', 'smarthost', 'routing_key', 'service_key', 'user_key', 'token',
  'bot_token', 'chat_id', 'room_id', 'webhook_url', 'api_url', 'api_key', 'api_secret', 'corp_id', 'client_id', 'client_secret',
  'token_url', 'start_time', 'end_time', 'title', 'value', 'type', 'text', 'topic_arn', 'phone_number', 'credentials',
  'authorization', 'http_config', 'smtp_smarthost', 'smtp_from', 'slack_api_url', 'slack_api_url_file', 'opsgenie_api_key',
  'victorops_api_key', 'wechat_api_secret', 'wechat_api_corp_id', 'time_intervals', 'mute_time_intervals',
]);

const dropRequired: Op = (doc, r) => {
  const cands = pairsNamed(doc, (k) => REQUIRED_KEYS.has(k));
  if (!cands.length) return null;
  const e = pick(r, cands);
  (e.parent as YAMLMap).delete(e.pair!.key);
  return `drop required-ish key ${e.path.join('.')}`;
};

const dropAny: Op = (doc, r) => {
  const cands = entries(doc).filter((e) => e.pair);
  if (!cands.length) return null;
  const e = pick(r, cands);
  (e.parent as YAMLMap).delete(e.pair!.key);
  return `drop key ${e.path.join('.')}`;
};

const swapType: Op = (doc, r) => {
  const cands = entries(doc).filter((e) => e.pair);
  if (!cands.length) return null;
  const e = pick(r, cands);
  const v = e.node;
  let next: unknown;
  if (isScalar(v)) {
    const val = v.value;
    if (typeof val === 'string') next = pick(r, [[val], { value: val }, 12345, true, null]);
    else if (typeof val === 'number') next = pick(r, ['forty-two', [val], -val - 1, val + 0.5]);
    else if (typeof val === 'boolean') next = pick(r, ['maybe', 1, [val], 'true']);
    else next = pick(r, ['text', 7, ['x']]);
  } else if (isSeq(v)) {
    next = pick(r, ['a-string', 1, { k: 'v' }, null]);
  } else {
    next = pick(r, ['a-string', ['item'], 0, null]);
  }
  e.pair!.value = plain(doc, next);
  return `set ${e.path.join('.')} to ${JSON.stringify(next)}`;
};

const duplicateName: Op = (doc, r) => {
  const lists = (['receivers', 'time_intervals', 'mute_time_intervals'] as const).filter((k) => names(topSeq(doc, k)).length > 0);
  if (!lists.length) return null;
  const key = pick(r, lists);
  const seq = topSeq(doc, key)!;
  const named = seq.items.filter((it) => isMap(it) && it.has('name')) as YAMLMap[];
  const src = pick(r, named);
  if (r() < 0.5 || named.length < 2) {
    seq.items.push(src.clone() as YAMLMap);
    return `duplicate ${key} entry ${JSON.stringify(src.get('name'))}`;
  }
  const other = pick(r, named.filter((n) => n !== src));
  other.set('name', src.get('name'));
  return `rename a ${key} entry to the existing name ${JSON.stringify(src.get('name'))}`;
};

const BROKEN_MATCHERS = ['a<>b', 'severity="critical', 'msg="say "hi""', '1label="x"', 'alert-name="x"', 'service=~"(api"', 'x=~"a{1001}"', 'a="1",,b="2"', 'a=~"(?=x)"'];
const FINE_MATCHERS = ['severity="critical"', 'team=~"db|web"', 'env!=dev', '{a="1", b!~"x.*"}', 'job:up="1"', 'msg="a, b"'];

const breakMatcher: Op = (doc, r) => {
  const lists = pairsNamed(doc, (k) => k === 'matchers' || k === 'source_matchers' || k === 'target_matchers').filter((e) => isSeq(e.node));
  if (lists.length && r() < 0.8) {
    const e = pick(r, lists);
    const seq = e.node as YAMLSeq;
    const m = r() < 0.6 ? pick(r, BROKEN_MATCHERS) : pick(r, FINE_MATCHERS);
    if (seq.items.length && r() < 0.6) seq.items[Math.floor(r() * seq.items.length)] = plain(doc, m);
    else seq.items.push(plain(doc, m));
    return `matcher ${JSON.stringify(m)} in ${e.path.join('.')}`;
  }
  const rs = routes(doc);
  if (!rs.length) return null;
  const route = pick(r, rs);
  const kind = pick(r, ['matchers', 'match', 'match_re'] as const);
  if (kind === 'matchers') route.node.set('matchers', plain(doc, [pick(r, [...BROKEN_MATCHERS, ...FINE_MATCHERS])]));
  else if (kind === 'match') route.node.set('match', plain(doc, { [pick(r, ['severity', 'bad-label', '0x', 'code'])]: pick(r, ['critical', 2, '']) }));
  else route.node.set('match_re', plain(doc, { [pick(r, ['service', 'bad label'])]: pick(r, ['api|web', '(api', '*x', '']) }));
  return `${kind} on the ${route.root ? 'root' : 'child'} route`;
};

const BROKEN_URLS = ['not-a-url', 'ftp://files.example.com/x', 'http://', 'http:///path', '://nohost', 'https://exa mple.com/', 'mailto:ops@example.com', 'http://ok.example.com/%zz'];
// Unusual but well-formed: a check that is too strict rejects these.
const ODD_URLS = ['HTTPS://hooks.example.com/A', 'http://[::1]:9999/x?y=1#z', 'http://user:pw@hooks.example.com', 'https://hooks.example.com:1/'];
const URL_KEYS = /(^|_)url$/;

const breakUrl: Op = (doc, r) => {
  const cands = pairsNamed(doc, (k, e) => URL_KEYS.test(k) && isScalar(e.node));
  if (!cands.length) return null;
  const e = pick(r, cands);
  const u = r() < 0.75 ? pick(r, BROKEN_URLS) : pick(r, ODD_URLS);
  e.pair!.value = plain(doc, u);
  return `set ${e.path.join('.')} to ${JSON.stringify(u)}`;
};

/** Ways to break a notifier field's Go template: Alertmanager parses the opsgenie responder
 *  type when it loads the file, and every other field only when it renders. */
const BROKEN_TEMPLATES: ((t: string) => string)[] = [(t) => t.replace('}}', ''), (t) => `{{ end }}${t}`, (t) => t.replace('{{', '{{ nosuchfunc '), (t) => `${t}{{ if .Status }}`];

const breakTemplate: Op = (doc, r) => {
  const cands = entries(doc).filter((e) => e.path[0] === 'receivers' && isScalar(e.node) && typeof e.node.value === 'string' && e.node.value.includes('{{'));
  if (!cands.length) return null;
  const e = pick(r, cands);
  const broken = pick(r, BROKEN_TEMPLATES)((e.node as Scalar).value as string);
  (e.node as Scalar).value = broken;
  return `set the template at ${e.path.join('.')} to ${JSON.stringify(broken)}`;
};

const durationEdit: Op = (doc, r) => {
  const rs = routes(doc);
  if (!rs.length) return null;
  const route = pick(r, rs);
  const key = pick(r, ['group_interval', 'repeat_interval', 'group_wait', 'group_interval', 'repeat_interval']);
  const value = pick(r, ['0s', '0', '0m', '0s', '1.5h', '5 m', '-1m', '10', '1d', '2w']);
  route.node.set(key, value);
  return `${key}: ${value} on the ${route.root ? 'root' : 'child'} route`;
};

let unknownCounter = 0;
const unknownKey: Op = (doc, r) => {
  const ms = maps(doc);
  if (!ms.length) return null;
  const e = pick(r, ms);
  const key = pick(r, ['timeout', 'enabled', 'description', 'x_extra', 'recevier', 'labels']);
  if (e.node.has(key)) return null;
  e.node.set(key, pick(r, ['x', 1, true, `v${unknownCounter++}`]));
  return `add key ${key} at ${e.path.join('.') || '(top)'}`;
};

const receiverRef: Op = (doc, r) => {
  const rs = routes(doc);
  const recs = topSeq(doc, 'receivers');
  if (r() < 0.6 && rs.length) {
    const route = pick(r, rs);
    const target = r() < 0.7 ? 'no-such-receiver' : (pick(r, names(recs).length ? names(recs) : ['default']));
    route.node.set('receiver', target);
    return `${route.root ? 'root' : 'child'} route receiver -> ${JSON.stringify(target)}`;
  }
  const named = (recs?.items ?? []).filter((it) => isMap(it) && it.has('name')) as YAMLMap[];
  if (!named.length) return null;
  const rec = pick(r, named);
  const old = rec.get('name');
  rec.set('name', `${String(old)}-renamed`);
  return `rename receiver ${JSON.stringify(old)} (references not updated)`;
};

const intervalRef: Op = (doc, r) => {
  const rs = routes(doc);
  if (!rs.length) return null;
  const defined = [...names(topSeq(doc, 'time_intervals')), ...names(topSeq(doc, 'mute_time_intervals'))];
  const child = rs.filter((x) => !x.root);
  const route = child.length && r() < 0.8 ? pick(r, child) : rs[0]!;
  const key = pick(r, ['mute_time_intervals', 'active_time_intervals'] as const);
  const name = defined.length && r() < 0.4 ? pick(r, defined) : 'no-such-interval';
  route.node.set(key, plain(doc, [name]));
  if (r() < 0.3 && !defined.length) {
    // Define it too, sometimes with a broken range.
    const c = isMap(doc.contents) ? doc.contents : null;
    c?.set('time_intervals', plain(doc, [{ name, time_intervals: [pick(r, INTERVAL_RANGES)] }]));
    return `${key}: [${name}] on the ${route.root ? 'root' : 'child'} route, and define it`;
  }
  return `${key}: [${name}] on the ${route.root ? 'root' : 'child'} route`;
};

const INTERVAL_RANGES: unknown[] = [
  { times: [{ start_time: '17:00', end_time: '09:00' }] },
  { times: [{ start_time: '09:00', end_time: '24:00' }] },
  { times: [{ start_time: '9:00', end_time: '17:00' }] },
  { weekdays: ['friday:monday'] },
  { weekdays: ['Monday:Friday'] },
  { weekdays: ['mon'] },
  { days_of_month: ['0'] },
  { days_of_month: ['-7:-1'] },
  { days_of_month: ['-3:5'] },
  { days_of_month: ['1:-1'] },
  { months: ['smarch'] },
  { months: ['may:12'] },
  { months: ['13'] },
  { years: ['2030:2020'] },
  { years: ['2024'] },
  { location: 'Mars/Olympus' },
  { location: 'Asia/Tokyo' },
];

const intervalEdit: Op = (doc, r) => {
  const defs = [...(topSeq(doc, 'time_intervals')?.items ?? []), ...(topSeq(doc, 'mute_time_intervals')?.items ?? [])].filter(isMap) as YAMLMap[];
  if (!defs.length) {
    const c = isMap(doc.contents) ? doc.contents : null;
    if (!c || c.has('time_intervals')) return null;
    const range = pick(r, INTERVAL_RANGES);
    c.set('time_intervals', plain(doc, [{ name: 'added', time_intervals: [range] }]));
    return `add time interval ${JSON.stringify(range)}`;
  }
  const def = pick(r, defs);
  const range = pick(r, INTERVAL_RANGES);
  const list = def.get('time_intervals', true);
  if (isSeq(list) && list.items.length && r() < 0.5) list.items[0] = plain(doc, range);
  else def.set('time_intervals', plain(doc, [range]));
  return `interval ${JSON.stringify(def.get('name'))} range -> ${JSON.stringify(range)}`;
};

const ROOT_EDITS = ['continue', 'matchers', 'mute', 'group_by_all_and_label', 'group_by_dup', 'group_by_bad', 'group_by_all'] as const;

const routeRule: Op = (doc, r) => {
  const rs = routes(doc);
  if (!rs.length) return null;
  const what = pick(r, ROOT_EDITS);
  const route = r() < 0.6 ? rs[0]! : pick(r, rs);
  const where = route.root ? 'root' : 'child';
  switch (what) {
    case 'continue':
      route.node.set('continue', r() < 0.8);
      return `continue on the ${where} route`;
    case 'matchers':
      route.node.set('matchers', plain(doc, ['severity="critical"']));
      return `matchers on the ${where} route`;
    case 'mute':
      route.node.set('mute_time_intervals', plain(doc, []));
      return `empty mute_time_intervals on the ${where} route`;
    case 'group_by_all_and_label':
      route.node.set('group_by', plain(doc, ['...', 'alertname']));
      return `group_by [..., alertname] on the ${where} route`;
    case 'group_by_dup':
      route.node.set('group_by', plain(doc, ['cluster', 'cluster']));
      return `group_by with a duplicate on the ${where} route`;
    case 'group_by_bad':
      route.node.set('group_by', plain(doc, [pick(r, ['bad-label', '1x', 'job:instance', ''])]));
      return `group_by with an invalid label on the ${where} route`;
    default:
      route.node.set('group_by', plain(doc, ['...']));
      return `group_by [...] on the ${where} route`;
  }
};

const FILE_PAIRS: Record<string, string> = {
  password: 'password_file',
  credentials: 'credentials_file',
  bearer_token: 'bearer_token_file',
  api_key: 'api_key_file',
  routing_key: 'routing_key_file',
  service_key: 'service_key_file',
  client_secret: 'client_secret_file',
  slack_api_url: 'slack_api_url_file',
  opsgenie_api_key: 'opsgenie_api_key_file',
  victorops_api_key: 'victorops_api_key_file',
  smtp_auth_password: 'smtp_auth_password_file',
  auth_password: 'auth_password_file',
};

const fileVariant: Op = (doc, r) => {
  const cands = pairsNamed(doc, (k) => k in FILE_PAIRS || Object.values(FILE_PAIRS).includes(k) || k === 'api_url');
  if (!cands.length) return null;
  const e = pick(r, cands);
  const k = keyOf(e.pair!);
  const parent = e.parent as YAMLMap;
  const partner = k === 'api_url' ? 'api_url_file' : (FILE_PAIRS[k] ?? Object.keys(FILE_PAIRS).find((x) => FILE_PAIRS[x] === k)!);
  if (r() < 0.7) {
    parent.set(partner, partner.endsWith('_file') ? 'secrets/placeholder-secret' : partner.endsWith('url') ? 'https://hooks.example.com/x' : 'inline-secret');
    return `add ${partner} next to ${e.path.join('.')}`;
  }
  parent.delete(e.pair!.key);
  parent.set(partner, partner.endsWith('_file') ? 'secrets/placeholder-secret' : 'inline-secret');
  return `replace ${e.path.join('.')} by ${partner}`;
};

const RECEIVER_SNIPPETS: Record<string, unknown> = {
  email_configs: { to: 'x@example.com' },
  slack_configs: { channel: '#x' },
  opsgenie_configs: { message: 'm' },
  victorops_configs: { routing_key: 'r' },
  wechat_configs: { to_user: 'u' },
  webex_configs: { room_id: 'r' },
  pagerduty_configs: { severity: 'critical' },
  telegram_configs: { chat_id: 1, bot_token: 't' },
  pushover_configs: { user_key: 'u' },
  sns_configs: { subject: 's' },
  discord_configs: { title: 't' },
  webhook_configs: { url: 'http://127.0.0.1:9999/added' },
  // No msteams_configs: hotconf accepts it by design while amtool 0.25 does not know it.
};

const addIntegration: Op = (doc, r) => {
  const recs = (topSeq(doc, 'receivers')?.items ?? []).filter(isMap) as YAMLMap[];
  if (!recs.length) return null;
  const rec = pick(r, recs);
  const kind = pick(r, Object.keys(RECEIVER_SNIPPETS));
  const existing = rec.get(kind, true);
  if (isSeq(existing)) existing.items.push(plain(doc, RECEIVER_SNIPPETS[kind]));
  else rec.set(kind, plain(doc, [RECEIVER_SNIPPETS[kind]]));
  return `add ${kind} ${JSON.stringify(RECEIVER_SNIPPETS[kind])} to receiver ${JSON.stringify(rec.get('name'))}`;
};

const yamlBooleans: Op = (doc, r) => {
  const cands = entries(doc).filter((e) => e.pair && isScalar(e.node) && typeof (e.node as Scalar).value === 'boolean');
  if (!cands.length) return null;
  const e = pick(r, cands);
  const word = pick(r, ['yes', 'no', 'on', 'off', 'y', 'n', 'True', 'FALSE', 'enabled']);
  const s = new Scalar(word);
  if (r() < 0.3) s.type = Scalar.QUOTE_DOUBLE;
  e.pair!.value = s;
  // Plain unless quoted here; the writer still quotes words that YAML 1.2 reads as booleans (True, FALSE).
  return `boolean ${e.path.join('.')} written as the string ${JSON.stringify(word)}${s.type === Scalar.QUOTE_DOUBLE ? ' (double-quoted)' : ''}`;
};

const removeSection: Op = (doc, r) => {
  const c = isMap(doc.contents) ? doc.contents : null;
  if (!c) return null;
  const key = pick(r, ['route', 'receivers', 'global', 'templates', 'time_intervals', 'inhibit_rules']);
  if (!c.has(key)) return null;
  c.delete(key);
  return `remove top-level ${key}`;
};

/** Edits that keep a config valid in Alertmanager's eyes (a too-strict checker trips on them). */
const benign: Op = (doc, r) => {
  const what = pick(r, ['route-timing', 'send-resolved', 'child-route', 'comment', 'inhibit'] as const);
  const rs = routes(doc);
  if (what === 'route-timing' && rs.length) {
    const route = pick(r, rs);
    const key = pick(r, ['group_wait', 'group_interval', 'repeat_interval']);
    const value = pick(r, ['1s', '90s', '1h30m', '1d', '1w', '500ms', '1y']);
    route.node.set(key, value);
    return `${key}: ${value} on the ${route.root ? 'root' : 'child'} route`;
  }
  if (what === 'send-resolved') {
    const items = entries(doc).filter((e) => isMap(e.node) && /_configs\.\d+$/.test(e.path.join('.')));
    if (!items.length) return null;
    const e = pick(r, items);
    (e.node as YAMLMap).set('send_resolved', r() < 0.5);
    return `send_resolved on ${e.path.join('.')}`;
  }
  if (what === 'child-route' && rs.length) {
    const recv = names(topSeq(doc, 'receivers'));
    if (!recv.length) return null;
    const parent = pick(r, rs);
    const route = { receiver: pick(r, recv), matchers: [pick(r, FINE_MATCHERS)], continue: r() < 0.5, group_by: pick(r, [['...'], ['alertname'], []]) };
    const kids = parent.node.get('routes', true);
    if (isSeq(kids)) kids.items.push(plain(doc, route));
    else parent.node.set('routes', plain(doc, [route]));
    return `add child route ${JSON.stringify(route)}`;
  }
  if (what === 'inhibit') {
    const c = isMap(doc.contents) ? doc.contents : null;
    if (!c) return null;
    const rule = { source_matchers: [pick(r, FINE_MATCHERS)], target_match: { severity: 'warning' }, equal: ['alertname'] };
    const list = c.get('inhibit_rules', true);
    if (isSeq(list)) list.items.push(plain(doc, rule));
    else c.set('inhibit_rules', plain(doc, [rule]));
    return `add inhibit rule ${JSON.stringify(rule)}`;
  }
  const ms = maps(doc);
  if (!ms.length) return null;
  const e = pick(r, ms);
  e.node.commentBefore = ' a comment added by the mutator';
  return `comment on ${e.path.join('.') || '(top)'}`;
};

export const OPERATORS: Record<string, Op> = {
  benign,
  dropRequired,
  dropAny,
  swapType,
  duplicateName,
  breakMatcher,
  breakUrl,
  breakTemplate,
  durationEdit,
  unknownKey,
  receiverRef,
  intervalRef,
  intervalEdit,
  routeRule,
  fileVariant,
  addIntegration,
  yamlBooleans,
  removeSection,
};

/** Applies one randomly chosen operator that fits the document; returns its description. */
export function mutateOnce(doc: Document, r: Rand): string {
  // benign counts three times so that roughly a quarter of the mutants stay valid.
  const ops = Object.entries(OPERATORS).flatMap((e) => (e[0] === 'benign' ? [e, e, e] : [e]));
  for (let attempt = 0; attempt < 50; attempt++) {
    const [name, op] = pick(r, ops);
    const did = op(doc, r);
    if (did) return `${name}: ${did}`;
  }
  return 'none applied';
}

/**
 * Writes `count` mutants into outDir and returns them. Same bases, count and seed give the same
 * mutants, byte for byte.
 */
export function generateMutants(opts: MutateOptions): Mutant[] {
  const r = rng(opts.seed);
  unknownCounter = 0;
  mkdirSync(opts.outDir, { recursive: true });
  for (const dir of opts.supportDirs ?? []) if (existsSync(dir)) cpSync(dir, join(opts.outDir, basename(dir)), { recursive: true });

  // Only bases that parse as exactly one YAML document without errors.
  const sources = [...opts.bases]
    .sort()
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }))
    .filter((s) => {
      const d = parseDocument(s.text);
      return d.errors.length === 0 && isMap(d.contents);
    });
  if (!sources.length) throw new Error('generateMutants: no usable base configs');

  const width = String(opts.count).length;
  const mutants: Mutant[] = [];
  for (let i = 0; i < opts.count; i++) {
    let src = pick(r, sources);
    let ops: string[] = [];
    let text = '';
    for (let attempt = 0; ; attempt++) {
      const doc = parseDocument(src.text);
      ops = [mutateOnce(doc, r)];
      if (r() < 0.25) ops.push(mutateOnce(doc, r));
      try {
        text = doc.toString({ lineWidth: 0 });
        break;
      } catch (err) {
        // An edit removed the anchor an alias points to: draw another mutant.
        if (attempt > 20) throw err;
        src = pick(r, sources);
      }
    }
    const stem = basename(src.path).replace(/\.ya?ml$/, '');
    const file = `mutant-${String(i + 1).padStart(width, '0')}-${stem}.yml`;
    const path = join(opts.outDir, file);
    const header = `# mutant ${i + 1} of ${basename(src.path)} (seed ${opts.seed}):\n${ops.map((o) => `#   ${o.replace(/\n/g, ' ')}`).join('\n')}\n`;
    writeFileSync(path, header + text);
    mutants.push({ file, path, base: src.path, ops });
  }
  return mutants;
}
