// Pushover: POST https://api.pushover.net/1/messages.json with every parameter in the query
// string (sorted, as Go's url.Values encodes them) and an empty text/plain body, as
// Alertmanager 0.25 sends it. Title, message and URL are cut at 250, 1024 and 512
// characters; an empty message becomes "(no details)"; retry and expire go as whole seconds.
import { parseGoDuration } from '../../config/duration';
import type { PushoverConfig } from './configs';
import { HttpNotifier, checkedUrl, placeHttpConfig, type NotifierContext } from './base';
import { truncateInRunes } from './data';
import { USER_AGENT, checkStatus } from './http';
import type { Notification } from './types';

export const PUSHOVER_API_URL = 'https://api.pushover.net/1/messages.json';

export class PushoverNotifier extends HttpNotifier {
  readonly kind = 'pushover';
  private readonly url: URL;

  /** `apiUrl`: where to send instead of Pushover (tests, a relay). */
  constructor(label: string, private readonly config: PushoverConfig, ctx: NotifierContext, apiUrl = PUSHOVER_API_URL) {
    super(label, config.send_resolved, ctx, placeHttpConfig(config.http_config, label, ctx.global));
    this.url = checkedUrl(apiUrl, `${label} (Pushover API URL)`);
  }

  protected override secrets(): string[] {
    return [...super.secrets(), this.config.token ?? '', this.config.user_key ?? ''];
  }

  /** The query string Alertmanager sends. */
  query(n: Notification): string {
    const c = this.config;
    const at = this.label;
    const data = this.data(n);
    const t = this.renderer(data);
    const params: [string, string][] = [];
    params.push(['token', t(c.token, `${at}.token`)]);
    params.push(['user', t(c.user_key, `${at}.user_key`)]);
    params.push(['title', truncateInRunes(t(c.title ?? '{{ template "pushover.default.title" . }}', `${at}.title`), 250).text]);
    const messageField = c.message ?? '{{ template "pushover.default.message" . }}';
    let message: string;
    if (c.html) {
      params.push(['html', '1']);
      message = this.renderer(data, 'html')(messageField, `${at}.message`);
    } else {
      message = t(messageField, `${at}.message`);
    }
    message = truncateInRunes(message, 1024).text.trim() || '(no details)';
    params.push(['message', message]);
    params.push(['url', truncateInRunes(t(c.url ?? '{{ template "pushover.default.url" . }}', `${at}.url`), 512).text]);
    params.push(['url_title', t(c.url_title, `${at}.url_title`)]);
    params.push(['priority', t(c.priority ?? '{{ if eq .Status "firing" }}2{{ else }}0{{ end }}', `${at}.priority`)]);
    params.push(['retry', String(seconds(c.retry, 60))]);
    params.push(['expire', String(seconds(c.expire, 3600))]);
    params.push(['sound', t(c.sound, `${at}.sound`)]);
    // url.Values.Encode: keys sorted (stable for repeated keys), QueryEscape on both sides.
    return params
      .map((p, i) => [p, i] as const)
      .sort(([a, i], [b, j]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : i - j))
      .map(([[k, v]]) => `${queryEscape(k)}=${queryEscape(v)}`)
      .join('&');
  }

  async notify(n: Notification, options: { signal?: AbortSignal } = {}): Promise<void> {
    const url = new URL(this.url);
    url.search = this.query(n);
    const request = { method: 'POST' as const, url, headers: { 'User-Agent': USER_AGENT, 'Content-Type': 'text/plain' }, body: '' };
    const answer = await this.client.send(request, { timeoutMs: this.timeoutMs, signal: options.signal });
    checkStatus(answer, { secrets: this.secrets() });
  }
}

function seconds(text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const ms = parseGoDuration(text);
  return ms === null ? fallback : Math.trunc(ms / 1000);
}

/** Go's url.QueryEscape. */
export function queryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+');
}
