// Webex: {markdown, roomId} POSTed to api_url (global.webex_api_url by default) with the
// bot token from http_config.authorization; the message is cut at 7439 bytes. As in
// Alertmanager 0.25, room_id is sent as written (not rendered).
import type { WebexConfig } from './configs';
import { HttpNotifier, checkedUrl, placeHttpConfig, type NotifierContext } from './base';
import { truncateInBytes } from './data';
import { goJson } from './go-json';
import { checkStatus, jsonPost } from './http';
import type { Notification } from './types';

const MAX_MESSAGE_BYTES = 7439;

export class WebexNotifier extends HttpNotifier {
  readonly kind = 'webex';
  private readonly url: URL;

  constructor(label: string, private readonly config: WebexConfig, ctx: NotifierContext) {
    super(label, config.send_resolved, ctx, placeHttpConfig(config.http_config, label, ctx.global));
    const own = config.api_url;
    this.url = checkedUrl(own || ctx.global?.webex_api_url || '', own ? `${label}.api_url` : 'global.webex_api_url');
  }

  body(n: Notification): string {
    const t = this.renderer(this.data(n));
    const message = truncateInBytes(t(this.config.message ?? '{{ template "webex.default.message" . }}', `${this.label}.message`), MAX_MESSAGE_BYTES).text;
    return goJson({ markdown: message, roomId: this.config.room_id || undefined });
  }

  async notify(n: Notification, options: { signal?: AbortSignal } = {}): Promise<void> {
    const answer = await this.client.send(jsonPost(this.url, this.body(n)), { timeoutMs: this.timeoutMs, signal: options.signal });
    checkStatus(answer, { secrets: this.secrets() });
  }
}
