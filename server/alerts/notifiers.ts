// Receiver clients: one per configured receiver, each holding a notifier per integration
// (server/alerts/notify/: one file per kind, sending what Alertmanager 0.25 sends; SNS and
// WeChat fail every attempt with "not built yet", so nothing is dropped silently).
// Building validates URLs and the http_config parts hotconf supports, and touches no
// network. A receiver set counts its sends in flight so a reload releases the old set only
// once they finished.
//
// Notifier URLs and keys may be secrets (Slack webhook URLs are credentials): no message
// here ever contains one; notifiers are named by their config path instead.
import type { GlobalConfig, Receiver } from '../config/schema';
import { GLOBAL_DEFAULTS } from '../config/sections/global';
import { parseDuration } from '../config/duration';
import { InFlight } from './in-flight';
import type { NotifierContext } from './notify/base';
import { DiscordNotifier } from './notify/discord';
import { EmailNotifier } from './notify/email';
import { MsteamsNotifier } from './notify/msteams';
import { NotBuiltNotifier } from './notify/not-built';
import { OpsgenieNotifier } from './notify/opsgenie';
import { PagerdutyNotifier } from './notify/pagerduty';
import { PushoverNotifier } from './notify/pushover';
import { SlackNotifier } from './notify/slack';
import { TelegramNotifier } from './notify/telegram';
import { NotifyTemplates, type TemplateSource } from './notify/templates';
import { alertsToSend, NotifyError, type Notifier, type NotificationGroup } from './notify/types';
import { VictoropsNotifier } from './notify/victorops';
import { WebexNotifier } from './notify/webex';
import { WebhookNotifier } from './notify/webhook';

export { NotifyError, alertsToSend, type Notifier, type Notification, type NotificationGroup, type NotifyAlert, type IntegrationKind } from './notify/types';
export { NotBuiltNotifier, WebhookNotifier, SlackNotifier };

export interface BuildOptions {
  /** Alertmanager's --web.external-url: `.ExternalURL` in templates, `externalURL` in webhook payloads. */
  externalURL?: string;
  /** The config's `global` (URLs, keys, SMTP and HTTP defaults); Alertmanager's defaults fill what it lacks. */
  global?: Partial<GlobalConfig>;
  /** The config's `templates:` files, in the order Alertmanager loads them (after the defaults). */
  templateFiles?: readonly TemplateSource[];
  /** Where Pushover and PagerDuty v1 requests go (their URLs are fixed in Alertmanager): tests, relays. */
  endpoints?: { pushover?: string; pagerdutyV1?: string };
  /**
   * Notifiers built earlier, by their config object. A reload reuses the notifier of every
   * unchanged integration config (the validator hands back the same object for an unchanged
   * receiver) as long as `global`, the template files and the external URL are unchanged too.
   */
  reuse?: WeakMap<object, Notifier>;
}

export class ReceiverClient {
  private isClosed = false;

  constructor(
    readonly name: string,
    readonly notifiers: readonly Notifier[],
    private readonly inFlight: InFlight,
  ) {}

  get closed(): boolean {
    return this.isClosed;
  }

  /**
   * One attempt through every notifier at once (without send_resolved a notifier gets only
   * the firing alerts, and is skipped when none fires). Rejects with a NotifyError naming
   * each notifier that failed; it is retryable when any failure is.
   */
  send(group: NotificationGroup): Promise<void> {
    if (this.isClosed) {
      return Promise.reject(new NotifyError(`receiver "${this.name}" was replaced by a reload: send through the live receivers`, true));
    }
    return this.inFlight.track(async () => {
      const results = await Promise.allSettled(this.notifiers.map((n) => sendOne(n, this.name, group)));
      const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [{ label: this.notifiers[i]!.label, err: r.reason as Error }] : []));
      if (failed.length > 0) {
        const retryable = failed.some((f) => !(f.err instanceof NotifyError) || f.err.retryable);
        throw new NotifyError(`receiver "${this.name}" failed: ${failed.map((f) => `${f.label}: ${f.err.message}`).join('; ')}`, retryable);
      }
    });
  }

  close(): void {
    this.isClosed = true;
  }
}

/** The receivers of one config, by name, with their shared in-flight count. */
export class ReceiverSet extends Map<string, ReceiverClient> {
  constructor(readonly inFlight: InFlight) {
    super();
  }

  /** Waits until no send is in flight (true) or `timeoutMs` passed (false), then closes every client. */
  async drainAndClose(timeoutMs: number): Promise<boolean> {
    const idle = await this.inFlight.idle(timeoutMs);
    for (const client of this.values()) client.close();
    return idle;
  }
}

function sendOne(n: Notifier, receiver: string, group: NotificationGroup): Promise<void> {
  const alerts = alertsToSend(n, group.alerts);
  if (alerts.length === 0) return Promise.resolve();
  return n.notify({ ...group, receiver, alerts });
}

export function buildReceivers(receivers: readonly Receiver[], opts: BuildOptions = {}): ReceiverSet {
  const inFlight = new InFlight();
  const set = new ReceiverSet(inFlight);
  const ctx = contextFor(opts);
  const reused = (config: object, label: string, build: (label: string) => Notifier): Notifier => {
    const known = opts.reuse?.get(config);
    if (known && known.label === label && builtWith.get(known) === ctx) return known;
    const made = build(label);
    builtWith.set(made, ctx);
    opts.reuse?.set(config, made);
    return made;
  };
  receivers.forEach((r, i) => {
    const name = r.name ?? '';
    if (set.has(name)) throw new Error(`receivers.${i}.name: "${name}" is already defined: receiver names must be unique`);
    // A reload rebuilds the set for every receiver, changed or not. An unchanged receiver (the
    // same parsed object: the incremental checker keeps it) at the same place, built with the
    // same context, takes its notifiers whole; the others walk the kinds they have.
    const known = opts.reuse ? receiverNotifiers.get(r) : undefined;
    let notifiers: readonly Notifier[];
    if (known && known.index === i && known.ctx === ctx) notifiers = known.notifiers;
    else {
      const built: Notifier[] = [];
      for (const [kind, make] of NOTIFIER_KINDS) {
        const list = r[kind] as readonly object[] | undefined;
        if (!list) continue;
        for (let j = 0; j < list.length; j++) {
          const c = list[j]!;
          built.push(reused(c, `receivers.${i}.${kind}.${j}`, (label) => make(label, c as never, ctx, opts)));
        }
      }
      notifiers = built;
      if (opts.reuse) receiverNotifiers.set(r, { index: i, ctx, notifiers });
    }
    set.set(name, new ReceiverClient(name, notifiers, inFlight));
  });
  return set;
}

type NotifierKind = Extract<keyof Receiver, `${string}_configs`>;
type ConfigOf<K extends NotifierKind> = NonNullable<Receiver[K]>[number];
type MakeNotifier = (label: string, config: never, ctx: NotifierContext, opts: BuildOptions) => Notifier;

/** Every receiver kind and its notifier (integrations are keyed by kind and index, so this order matters nowhere). */
const NOTIFIER_KINDS: ReadonlyArray<readonly [NotifierKind, MakeNotifier]> = [
  ['webhook_configs', (l, c: ConfigOf<'webhook_configs'>, ctx) => new WebhookNotifier(l, c, ctx, timeoutOf(c.timeout ?? DEFAULT_TIMEOUT, `${l}.timeout`))],
  ['slack_configs', (l, c: ConfigOf<'slack_configs'>, ctx) => new SlackNotifier(l, c, ctx)],
  ['email_configs', (l, c: ConfigOf<'email_configs'>, ctx) => new EmailNotifier(l, c, ctx)],
  ['pagerduty_configs', (l, c: ConfigOf<'pagerduty_configs'>, ctx, opts) => new PagerdutyNotifier(l, c, ctx, opts.endpoints?.pagerdutyV1)],
  ['opsgenie_configs', (l, c: ConfigOf<'opsgenie_configs'>, ctx) => new OpsgenieNotifier(l, c, ctx)],
  ['msteams_configs', (l, c: ConfigOf<'msteams_configs'>, ctx) => new MsteamsNotifier(l, c, ctx)],
  ['discord_configs', (l, c: ConfigOf<'discord_configs'>, ctx) => new DiscordNotifier(l, c, ctx)],
  ['telegram_configs', (l, c: ConfigOf<'telegram_configs'>, ctx) => new TelegramNotifier(l, c, ctx)],
  ['webex_configs', (l, c: ConfigOf<'webex_configs'>, ctx) => new WebexNotifier(l, c, ctx)],
  ['victorops_configs', (l, c: ConfigOf<'victorops_configs'>, ctx) => new VictoropsNotifier(l, c, ctx)],
  ['pushover_configs', (l, c: ConfigOf<'pushover_configs'>, ctx, opts) => new PushoverNotifier(l, c, ctx, opts.endpoints?.pushover)],
  ['sns_configs', (l, c: ConfigOf<'sns_configs'>, ctx) => new NotBuiltNotifier(l, 'sns', c.send_resolved, ctx)],
  ['wechat_configs', (l, c: ConfigOf<'wechat_configs'>, ctx) => new NotBuiltNotifier(l, 'wechat', c.send_resolved, ctx)],
];

/** Alertmanager's notify timeout when the config sets none. */
const DEFAULT_TIMEOUT = '10s';

function timeoutOf(text: string, path: string): number {
  const ms = parseDuration(text);
  if (ms === null || ms <= 0) throw new Error(`${path}: "${text}" is not a positive duration: write e.g. 5s or 10s`);
  return ms;
}

// The context each notifier was built with, so a reload reuses a notifier only when its
// global, templates and external URL are the ones of the new build.
const builtWith = new WeakMap<Notifier, NotifierContext>();
/** The notifiers each receiver object was last built into, where, and with which context. */
const receiverNotifiers = new WeakMap<object, { index: number; ctx: NotifierContext; notifiers: readonly Notifier[] }>();
const lastContext = new WeakMap<object, { key: [unknown, string, string]; ctx: NotifierContext }>();
const templateCache = new Map<string, NotifyTemplates>();

function contextFor(opts: BuildOptions): NotifierContext {
  const externalURL = opts.externalURL ?? '';
  const files = opts.templateFiles ?? [];
  const filesKey = files.map((f) => `${f.path}\0${f.text}`).join('\0\0');
  const last = opts.reuse ? lastContext.get(opts.reuse) : undefined;
  if (last && last.key[0] === opts.global && last.key[1] === filesKey && last.key[2] === externalURL) return last.ctx;
  let templates = templateCache.get(filesKey);
  if (!templates) {
    templates = new NotifyTemplates(files);
    if (templateCache.size >= 4) templateCache.delete(templateCache.keys().next().value!);
    templateCache.set(filesKey, templates);
  }
  const ctx: NotifierContext = { templates, externalURL, global: { ...GLOBAL_DEFAULTS, ...opts.global } as GlobalConfig };
  if (opts.reuse) lastContext.set(opts.reuse, { key: [opts.global, filesKey, externalURL], ctx });
  return ctx;
}
