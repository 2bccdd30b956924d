// Microsoft Teams: an Office 365 connector MessageCard (title, summary, text, theme colour)
// POSTed to the incoming-webhook URL, as Alertmanager 0.27 sends it (0.26's card plus
// `summary`; the URL may come from webhook_url_file, read at every send).
import type { MsteamsConfig } from './configs';
import { HttpNotifier, checkedUrl, placeHttpConfig, secretOf, type NotifierContext } from './base';
import { groupStatus } from './data';
import { goJson } from './go-json';
import { checkStatus, jsonPost } from './http';
import { checkedUrlAtSend } from './slack';
import type { Notification } from './types';

export class MsteamsNotifier extends HttpNotifier {
  readonly kind = 'msteams';
  private readonly url: URL | undefined;

  constructor(label: string, private readonly config: MsteamsConfig, ctx: NotifierContext) {
    super(label, config.send_resolved, ctx, placeHttpConfig(config.http_config, label, ctx.global));
    if (config.webhook_url) this.url = checkedUrl(config.webhook_url, `${label}.webhook_url`);
    else if (!config.webhook_url_file) throw new Error(`${label}.webhook_url: msteams_configs needs webhook_url or webhook_url_file`);
  }

  protected override secrets(): string[] {
    return [...super.secrets(), ...(this.url ? [this.url.href, this.url.pathname] : [])];
  }

  body(n: Notification): string {
    const t = this.renderer(this.data(n));
    const c = this.config;
    return goJson({
      '@context': 'http://schema.org/extensions',
      type: 'MessageCard',
      title: t(c.title ?? '{{ template "msteams.default.title" . }}', `${this.label}.title`),
      summary: t(c.summary ?? '{{ template "msteams.default.summary" . }}', `${this.label}.summary`),
      text: t(c.text ?? '{{ template "msteams.default.text" . }}', `${this.label}.text`),
      themeColor: groupStatus(n.alerts) === 'firing' ? '8C1A1A' : '2DC72D',
    });
  }

  async notify(n: Notification, options: { signal?: AbortSignal } = {}): Promise<void> {
    const body = this.body(n);
    const path = `${this.label}.webhook_url_file`;
    const url = this.url ?? checkedUrlAtSend(secretOf(undefined, this.config.webhook_url_file, path), path);
    const answer = await this.client.send(jsonPost(url, body), { timeoutMs: this.timeoutMs, signal: options.signal });
    checkStatus(answer, { secrets: [...this.secrets(), url.href, url.pathname] });
  }
}
