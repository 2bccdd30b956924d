// The config schema: the single source of truth for what config.yaml may hold.
// The config core validates with it (in the service, the console and the editor's worker),
// and the JSON Schema the editor uses for hover docs and completion is generated from it —
// so every field carries a description written for an operator reading a hover card.
import { z } from 'zod';
import { parseDuration } from './duration';
import { MatcherError, compileAnchored, isLabelName, parseMatcher } from './matchers';

// ---------------------------------------------------------------- field kinds

const DURATION_PATTERN = /^(?:0|(?=\d)(?:\d+y)?(?:\d+w)?(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?(?:\d+ms)?)$/;

const duration = (description: string) =>
  z
    .string()
    .regex(DURATION_PATTERN, { message: 'expected a duration such as 500ms, 30s, 5m, 1h30m or 720h' })
    .refine((s) => parseDuration(s) !== null, { message: 'duration is out of range' })
    .describe(description);

/**
 * A secret-bearing string. In the file it may be a literal or a reference
 * `${env:NAME}` / `${file:/path}`; references are resolved by the load phase before
 * validation, so the schema sees the resolved value. Secret values never appear in
 * errors, API responses, events or diffs (see secrets.ts).
 */
const secret = (description: string) => {
  const field = z.string().min(1, { message: 'must not be empty' }).describe(`${description} Secret: may be written as \${env:NAME} or \${file:/path}; never shown back.`);
  SECRET_FIELDS.add(field);
  return field;
};

/** The schemas made by secret(): secrets.ts finds the secret fields' paths by walking the
 *  schema for these, so there is no second, hand-written list to forget a field in. */
const SECRET_FIELDS = new WeakSet<object>();

export function isSecretField(schema: object): boolean {
  return SECRET_FIELDS.has(schema);
}

const matcherString = z
  .string()
  .superRefine((text, ctx) => {
    try {
      parseMatcher(text);
    } catch (err) {
      if (!(err instanceof MatcherError)) throw err;
      ctx.addIssue({ code: 'custom', message: err.message, params: { rule: 'matcher' } });
    }
  })
  .describe('An Alertmanager matcher: name="value", name!="value", name=~"regex" or name!~"regex".');

const labelName = z.string().refine(isLabelName, { message: 'not a label name: use letters, digits and _, not starting with a digit' });

const labelMap = z.record(labelName, z.string());

const regexMap = z.record(
  labelName,
  z.string().superRefine((source, ctx) => {
    try {
      compileAnchored(source);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message, params: { rule: 'regex' } });
    }
  }),
);

/** Alertmanager receiver kinds hotconf does not implement: a clear error instead of "unknown key". */
const unsupportedKind = (kind: string) =>
  z
    .unknown()
    .refine(() => false, { message: `${kind} receivers are not supported by hotconf: use webhook_configs or slack_configs` })
    .optional()
    .describe(`Not supported by hotconf (Alertmanager's ${kind}).`);

// ---------------------------------------------------------------- sections

export const serverSchema = z
  .strictObject({
    host: z.string().min(1).default('127.0.0.1').describe('Address the service listener binds. Reloadable: a change binds the new address before the old one closes.'),
    port: z.int().min(1).max(65535, { message: 'port must be between 1 and 65535' }).default(8080).describe('TCP port of the service listener (1-65535). Reloadable without refusing requests.'),
    read_timeout: duration('Longest time to read a whole request, headers and body.').default('30s'),
    graceful_shutdown_timeout: duration('How long an old listener keeps draining in-flight requests after a move, and the service on shutdown.').default('10s'),
  })
  .describe('The service listener (alert ingest and /healthz).');

export const logSchema = z
  .strictObject({
    level: z.enum(['debug', 'info', 'warn', 'error']).default('info').describe('Lowest level written.'),
    format: z.enum(['json', 'text']).default('json').describe('json: one object per line; text: human-readable lines.'),
  })
  .describe('Logging. Reloaded atomically.');

export const databaseSchema = z
  .strictObject({
    driver: z.enum(['sqlite', 'postgres']).default('sqlite').describe('sqlite (embedded) or postgres (scale-out; needs url).'),
    path: z.string().min(1).default('data/alerts.db').describe('SQLite file for alert history, relative to the working directory. A change opens, migrates and checks the new file before switching.'),
    url: secret('Postgres connection URL (driver: postgres).').optional(),
    max_connections: z.int().min(1).max(1000).default(10).describe('Connection pool size (1-1000).'),
    retention: duration('How long alert history is kept.').default('720h'),
  })
  .describe('Alert history storage.');

export const webhookSchema = z
  .strictObject({
    max_body_bytes: z.int().min(1).max(100 * 1024 * 1024).default(1_048_576).describe('Largest accepted request body, in bytes.'),
    rate_limit: z
      .strictObject({
        enabled: z.boolean().default(true).describe('Whether ingest is rate limited.'),
        requests_per_second: z.number().positive().default(200).describe('Sustained requests per second.'),
        burst: z.int().min(1).default(400).describe('Requests allowed in a burst above the sustained rate.'),
      })
      .prefault({})
      .describe('Token-bucket rate limit on the ingest API.'),
    authentication: z
      .strictObject({
        type: z.enum(['none', 'api_key']).default('none').describe('none, or api_key (clients send Authorization: Bearer <key> or X-API-Key).'),
        api_key: secret('The key ingest clients must present.').optional(),
      })
      .prefault({})
      .describe('Who may post alerts.'),
  })
  .describe('The ingest API.');

export interface RouteInput {
  receiver?: string;
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  matchers?: string[];
  match?: Record<string, string>;
  match_re?: Record<string, string>;
  continue?: boolean;
  routes?: RouteInput[];
}

export const routeSchema: z.ZodType<RouteInput> = z
  .strictObject({
    receiver: z.string().min(1).optional().describe('Receiver for alerts this route matches (inherited from the parent when absent).'),
    group_by: z.array(z.string()).optional().describe("Labels to group alerts by; ['...'] groups by all labels."),
    group_wait: duration('How long to wait before the first notification of a new group.').optional(),
    group_interval: duration('How long to wait before notifying about new alerts in a group.').optional(),
    repeat_interval: duration('How long to wait before re-sending a notification.').optional(),
    matchers: z.array(matcherString).optional().describe('Alertmanager matchers an alert must satisfy.'),
    match: labelMap.optional().describe('Deprecated equality matchers (label: value).'),
    match_re: regexMap.optional().describe('Deprecated regex matchers (label: regex, anchored).'),
    continue: z.boolean().optional().describe('Keep matching sibling routes after this one matched.'),
    get routes() {
      return z.array(routeSchema).optional().describe('Child routes, tried in order.');
    },
  })
  .describe('An Alertmanager route.');

export const webhookConfigSchema = z.strictObject({
  url: secret('Where the notification is POSTed (Alertmanager webhook payload).'),
  send_resolved: z.boolean().default(true).describe('Also notify when alerts resolve.'),
  timeout: duration('Per-request timeout.').default('10s'),
  max_alerts: z.int().min(0).default(0).describe('Most alerts per message; 0 means all.'),
});

export const slackConfigSchema = z.strictObject({
  api_url: secret('Slack incoming-webhook URL.'),
  channel: z.string().optional().describe("Channel to post to, e.g. '#alerts'."),
  username: z.string().optional().describe('Name shown as the sender.'),
  title: z.string().optional().describe('Message title.'),
  text: z.string().optional().describe('Message body.'),
  send_resolved: z.boolean().default(false).describe('Also notify when alerts resolve.'),
  timeout: duration('Per-request timeout.').default('10s'),
});

export const receiverSchema = z
  .strictObject({
    name: z.string().min(1).describe('Unique receiver name that routes refer to.'),
    webhook_configs: z.array(webhookConfigSchema).optional().describe('Generic webhook notifiers.'),
    slack_configs: z.array(slackConfigSchema).optional().describe('Slack notifiers.'),
    email_configs: unsupportedKind('email_configs'),
    pagerduty_configs: unsupportedKind('pagerduty_configs'),
    opsgenie_configs: unsupportedKind('opsgenie_configs'),
    pushover_configs: unsupportedKind('pushover_configs'),
    victorops_configs: unsupportedKind('victorops_configs'),
    wechat_configs: unsupportedKind('wechat_configs'),
    sns_configs: unsupportedKind('sns_configs'),
    telegram_configs: unsupportedKind('telegram_configs'),
    webex_configs: unsupportedKind('webex_configs'),
    discord_configs: unsupportedKind('discord_configs'),
    msteams_configs: unsupportedKind('msteams_configs'),
  })
  .describe('A named set of notifiers.');

export const inhibitRuleSchema = z
  .strictObject({
    source_matchers: z.array(matcherString).optional().describe('Matchers for the alert that inhibits.'),
    target_matchers: z.array(matcherString).optional().describe('Matchers for the alerts that are muted.'),
    source_match: labelMap.optional().describe('Deprecated: equality matchers for the source.'),
    source_match_re: regexMap.optional().describe('Deprecated: regex matchers for the source.'),
    target_match: labelMap.optional().describe('Deprecated: equality matchers for the target.'),
    target_match_re: regexMap.optional().describe('Deprecated: regex matchers for the target.'),
    equal: z.array(labelName).optional().describe('Labels that must have equal values in source and target.'),
  })
  .describe('Mute target alerts while a matching source alert fires.');

// ---------------------------------------------------------------- the whole file

/** The sections, each with its own schema (defaults included). */
export const configSections = {
  server: serverSchema.prefault({}),
  log: logSchema.prefault({}),
  database: databaseSchema.prefault({}),
  webhook: webhookSchema.prefault({}),
  route: routeSchema.describe('The root of the routing tree. Must name a receiver and has no matchers.'),
  receivers: z.array(receiverSchema).min(1, { message: 'at least one receiver is required' }).describe('Receivers that routes refer to by name.'),
  inhibit_rules: z.array(inhibitRuleSchema).default([]).describe('Inhibition rules.'),
};

export const configSchema = z
  .strictObject(configSections)
  .superRefine((cfg, ctx) => {
    for (const issue of crossFieldIssues(cfg)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, params: { rule: issue.rule } });
  })
  .describe('hotconf / Alert History service configuration (Alertmanager-compatible where it overlaps).');

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type Route = RouteInput;
export type Receiver = Config['receivers'][number];
export type InhibitRule = Config['inhibit_rules'][number];

/** The top-level sections; each belongs to exactly one reloadable component. */
export const SECTIONS = ['server', 'log', 'database', 'webhook', 'route', 'receivers', 'inhibit_rules'] as const;
export type Section = (typeof SECTIONS)[number];

// ---------------------------------------------------------------- cross-field rules

export interface CrossFieldIssue {
  path: (string | number)[];
  message: string;
  rule: string;
}

/** The rules that span fields. Zod runs them through configSchema; the incremental checker
 *  (incremental.ts) calls them directly. */
export function crossFieldIssues(cfg: Record<string, unknown>): CrossFieldIssue[] {
  const out: CrossFieldIssue[] = [];
  // Zod runs this even when some fields have their own (non-aborting) issues — a missing
  // section, for one — so read defensively: what is already reported must not crash the
  // rules that can still be checked. (After an aborting issue, such as a bad enum value,
  // zod skips refinements; those rules then report on the next check.)
  const c = cfg as unknown as Partial<Config>;
  const names = new Map<string, number>();
  (Array.isArray(c.receivers) ? c.receivers : []).forEach((r, i) => {
    if (typeof r?.name !== 'string') return;
    const first = names.get(r.name);
    if (first !== undefined) {
      out.push({ path: ['receivers', i, 'name'], message: `receiver name "${r.name}" is already used by receivers[${first}]: names must be unique`, rule: 'unique_receiver' });
    } else names.set(r.name, i);
  });

  if (c.route && typeof c.route === 'object') checkRoutes(c.route, names, out);
  if (c.database?.driver === 'postgres' && !c.database.url) {
    out.push({ path: ['database', 'url'], message: 'driver postgres needs database.url (e.g. ${env:DATABASE_URL})', rule: 'postgres_url' });
  }
  if (c.webhook?.authentication?.type === 'api_key' && !c.webhook.authentication.api_key) {
    out.push({ path: ['webhook', 'authentication', 'api_key'], message: 'authentication type api_key needs api_key (e.g. ${env:INGEST_API_KEY})', rule: 'api_key_required' });
  }
  return out;
}

function checkRoutes(root: Route, names: Map<string, number>, out: CrossFieldIssue[]): void {
  if (!root.receiver) {
    out.push({ path: ['route', 'receiver'], message: 'the root route must name a receiver (it is the default for every alert)', rule: 'root_receiver' });
  }
  if (root.matchers?.length || Object.keys(root.match ?? {}).length || Object.keys(root.match_re ?? {}).length) {
    out.push({ path: ['route', 'matchers'], message: 'the root route must not have matchers: it matches every alert', rule: 'root_matchers' });
  }
  walkRoutes(root, ['route'], (route, path) => {
    if (route.receiver !== undefined && !names.has(route.receiver)) {
      const known = [...names.keys()].slice(0, 10).join(', ');
      const hint = known ? `add it under receivers or use one of: ${known}` : 'no receivers are defined yet: add one under receivers';
      out.push({ path: [...path, 'receiver'], message: `route names receiver "${route.receiver}", which is not defined: ${hint}`, rule: 'unknown_receiver' });
    }
  });
}

/**
 * Visits every route depth-first. `path` is one array mutated as the walk goes (no copy per
 * route: this runs on every reload over every route); a visitor that keeps it must copy it.
 */
export function walkRoutes(route: Route, path: (string | number)[], visit: (r: Route, path: (string | number)[]) => void): void {
  visit(route, path);
  if (!Array.isArray(route.routes)) return;
  for (let i = 0; i < route.routes.length; i++) {
    path.push('routes', i);
    walkRoutes(route.routes[i]!, path, visit);
    path.length -= 2;
  }
}

/** JSON Schema of the file as written (defaults make fields optional), for the editor. */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
