// Discord: one embed (title, description, red while firing / green when resolved) POSTed to
// the webhook URL, as Alertmanager 0.25 sends it (no truncation, an empty `content`).
import type { DiscordConfig } from './configs';
import { HttpNotifier, checkedUrl, placeHttpConfig, type NotifierContext } from './base';
import { groupStatus } from './data';
import { goJson } from './go-json';
import { checkStatus, jsonPost } from './http';
import type { Notification } from './types';

const RED = 0x992d22;
const GREEN = 0x2ecc71;

export class DiscordNotifier extends HttpNotifier {
  readonly kind = 'discord';
  private readonly url: URL;

  constructor(label: string, private readonly config: DiscordConfig, ctx: NotifierContext) {
    super(label, config.send_resolved, ctx, placeHttpConfig(config.http_config, label, ctx.global));
    this.url = checkedUrl(config.webhook_url ?? '', `${label}.webhook_url`);
  }

  protected override secrets(): string[] {
    return [...super.secrets(), this.url.href, this.url.pathname];
  }

  body(n: Notification): string {
    const t = this.renderer(this.data(n));
    const title = t(this.config.title ?? '{{ template "discord.default.title" . }}', `${this.label}.title`);
    const description = t(this.config.message ?? '{{ template "discord.default.message" . }}', `${this.label}.message`);
    return goJson({ content: '', embeds: [{ title, description, color: groupStatus(n.alerts) === 'firing' ? RED : GREEN }] });
  }

  async notify(n: Notification, options: { signal?: AbortSignal } = {}): Promise<void> {
    const answer = await this.client.send(jsonPost(this.url, this.body(n)), { timeoutMs: this.timeoutMs, signal: options.signal });
    checkStatus(answer, { secrets: this.secrets() });
  }
}
