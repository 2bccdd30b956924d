// Receiver clients: one per configured receiver, each holding its notifiers. Webhook and
// Slack deliver; every other integration kind is present as a notifier whose every attempt
// fails with "not built yet", so nothing is dropped silently. Building validates URLs and
// touches no network. A receiver set counts its
// sends in flight so a reload releases the old set only once they finished.
//
// Notifier URLs may be secrets (Slack webhook URLs are credentials): no message here ever
// contains one; notifiers are named by their config path instead.
import type { GlobalConfig, Receiver } from '../config/schema';
import { RECEIVER_KINDS, type ReceiverKind } from '../config/sections/receivers';
import { parseDuration } from '../config/duration';
import { InFlight } from './in-flight';
import { slackMessage, webhookMessage, type NotificationGroup } from './notify-payload';

export interface Notifier {
  readonly kind: string;
  /** Config path, e.g. `receivers.2.webhook_configs.0`. */
  readonly label: string;
  readonly sendResolved: boolean;
  readonly timeoutMs: number;
  /** One POST; `group` already holds only the alerts this notifier should send. */
  post(receiver: string, group: NotificationGroup): Promise<void>;
}

export interface BuildOptions {
  /** Sent as `externalURL` in webhook payloads. */
  externalURL?: string;
  /** Alertmanager's global defaults (Slack's URL when a config has none). */
  global?: Pick<GlobalConfig, 'slack_api_url'>;
  /** Injected for tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  /**
   * Notifiers built earlier, by their config object. Notifiers are stateless, so a reload
   * reuses the one of every unchanged webhook/slack config (the validator hands back the
   * same object for an unchanged receiver) instead of parsing its URL and timeout again.
   */
  reuse?: WeakMap<object, Notifier>;
}

export class NotifyError extends Error {
  override name = 'NotifyError';
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

  /** Sends `group` through every notifier at once; rejects naming each one that failed. */
  send(group: NotificationGroup): Promise<void> {
    if (this.isClosed) {
      return Promise.reject(new NotifyError(`receiver "${this.name}" was replaced by a reload: send through the live receivers`));
    }
    return this.inFlight.track(async () => {
      const results = await Promise.allSettled(this.notifiers.map((n) => sendOne(n, this.name, group)));
      const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${this.notifiers[i]!.label}: ${(r.reason as Error).message}`] : []));
      if (failed.length > 0) throw new NotifyError(`receiver "${this.name}" failed: ${failed.join('; ')}`);
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

export function buildReceivers(receivers: readonly Receiver[], opts: BuildOptions = {}): ReceiverSet {
  const inFlight = new InFlight();
  const set = new ReceiverSet(inFlight);
  const doFetch = opts.fetch ?? fetch;
  const externalURL = opts.externalURL ?? '';
  const reused = (config: object, label: string, build: (label: string) => Notifier): Notifier => {
    const known = opts.reuse?.get(config);
    if (known && known.label === label) return known;
    const made = build(label);
    opts.reuse?.set(config, made);
    return made;
  };
  receivers.forEach((r, i) => {
    const name = r.name ?? '';
    if (set.has(name)) throw new Error(`receivers.${i}.name: "${name}" is already defined: receiver names must be unique`);
    const at = `receivers.${i}`;
    const slackUrl = (c: { api_url?: string | undefined }) => c.api_url || opts.global?.slack_api_url || '';
    const notifiers: Notifier[] = [
      ...(r.webhook_configs ?? []).map((c, j) =>
        reused(c, `${at}.webhook_configs.${j}`, (label) => new WebhookNotifier(label, checkedUrl(c.url ?? '', `${label}.url`), c.send_resolved, timeoutOf(c.timeout ?? DEFAULT_TIMEOUT, `${label}.timeout`), c.max_alerts, externalURL, doFetch)),
      ),
      ...(r.slack_configs ?? []).map((c, j) =>
        reused(c, `${at}.slack_configs.${j}`, (label) =>
          slackUrl(c)
            ? new SlackNotifier(label, checkedUrl(slackUrl(c), `${label}.api_url`), c.send_resolved, timeoutOf(DEFAULT_TIMEOUT, `${label}.timeout`), c, doFetch)
            : new NotBuiltNotifier(label, 'slack', c.send_resolved, 'Slack URLs read from api_url_file'),
        ),
      ),
      ...notBuiltKinds(r, at),
    ];
    set.set(name, new ReceiverClient(name, notifiers, inFlight));
  });
  return set;
}

/**
 * Alertmanager's rule: a notifier without send_resolved gets only the firing alerts, and
 * nothing at all when none is firing.
 */
function sendOne(n: Notifier, receiver: string, group: NotificationGroup): Promise<void> {
  if (n.sendResolved) return n.post(receiver, group);
  const firing = group.alerts.filter((a) => a.status === 'firing');
  if (firing.length === 0) return Promise.resolve();
  return n.post(receiver, { ...group, alerts: firing });
}

export class WebhookNotifier implements Notifier {
  readonly kind = 'webhook';

  constructor(
    readonly label: string,
    private readonly url: URL,
    readonly sendResolved: boolean,
    readonly timeoutMs: number,
    private readonly maxAlerts: number,
    private readonly externalURL: string,
    private readonly doFetch: typeof fetch,
  ) {}

  post(receiver: string, group: NotificationGroup): Promise<void> {
    const body = webhookMessage(receiver, group, { maxAlerts: this.maxAlerts, externalURL: this.externalURL });
    return postJson(this.doFetch, this.url, body, this.timeoutMs);
  }
}

export class SlackNotifier implements Notifier {
  readonly kind = 'slack';

  constructor(
    readonly label: string,
    private readonly url: URL,
    readonly sendResolved: boolean,
    readonly timeoutMs: number,
    private readonly message: { channel?: string; username?: string; title?: string; text?: string },
    private readonly doFetch: typeof fetch,
  ) {}

  post(_receiver: string, group: NotificationGroup): Promise<void> {
    const { channel, username, title, text } = this.message;
    return postJson(this.doFetch, this.url, slackMessage(group, { channel, username, title, text }), this.timeoutMs);
  }
}

async function postJson(doFetch: typeof fetch, url: URL, body: unknown, timeoutMs: number): Promise<void> {
  let res: Response;
  try {
    res = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'hotconf' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new NotifyError(describeFetchFailure(err, timeoutMs));
  }
  // Drain the body so the connection returns to the pool.
  await res.body?.cancel().catch(() => undefined);
  if (!res.ok) throw new NotifyError(`HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}`);
}

/** Why a POST failed, from error codes only: fetch's messages can carry the address. */
function describeFetchFailure(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; cause?: { code?: unknown } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs} ms (timeout)`;
  const code = typeof e.cause?.code === 'string' ? e.cause.code : undefined;
  return code ? `request failed (${code})` : 'request failed';
}

function checkedUrl(text: string, path: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${path} is not a valid URL: write an absolute http:// or https:// URL (value not shown: it may be a secret)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${path} uses ${url.protocol.replace(/:$/, '')}: only http:// and https:// URLs can be notified`);
  }
  return url;
}

/** Alertmanager's notify timeout when the config sets none. */
const DEFAULT_TIMEOUT = '10s';

/** Kinds the schema reads but this engine cannot deliver yet. */
const DELIVERING: readonly ReceiverKind[] = ['webhook_configs', 'slack_configs'];

function notBuiltKinds(r: Receiver, at: string): Notifier[] {
  return (Object.keys(RECEIVER_KINDS) as ReceiverKind[])
    .filter((kind) => !DELIVERING.includes(kind))
    .flatMap((kind) => ((r[kind] ?? []) as { send_resolved: boolean }[]).map((c, j) => new NotBuiltNotifier(`${at}.${kind}.${j}`, kind.replace(/_configs$/, ''), c.send_resolved, `${kind} delivery`)));
}

/** An integration hotconf reads but cannot deliver yet: every attempt fails, and says why. */
export class NotBuiltNotifier implements Notifier {
  readonly timeoutMs = 0;
  constructor(
    readonly label: string,
    readonly kind: string,
    readonly sendResolved: boolean,
    private readonly what: string,
  ) {}

  post(): Promise<void> {
    return Promise.reject(new NotifyError(`${this.label}: ${this.what} is not built yet in hotconf; nothing was sent`));
  }
}

function timeoutOf(text: string, path: string): number {
  const ms = parseDuration(text);
  if (ms === null || ms <= 0) throw new Error(`${path}: "${text}" is not a positive duration: write e.g. 5s or 10s`);
  return ms;
}
