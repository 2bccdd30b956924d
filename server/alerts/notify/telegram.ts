// Telegram: the Bot API's sendMessage, as Alertmanager 0.25 calls it through telebot:
// POST {api_url}/bot{token}/sendMessage with a JSON object of strings (chat_id, text,
// parse_mode, disable_web_page_preview "true", disable_notification "true" when set).
// With parse_mode HTML (the default) the message renders as html/template would. The
// message is cut at 4096 characters. Telegram answers {"ok": false, "description": …} on
// failure; the token is part of the URL, so no message here shows the URL.
import type { TelegramConfig } from './configs';
import { HttpNotifier, checkedUrl, placeHttpConfig, type NotifierContext } from './base';
import { truncateInRunes } from './data';
import { goJson, goMap } from './go-json';
import { USER_AGENT, checkStatus, redact } from './http';
import { NotifyError, type Notification } from './types';

const MAX_MESSAGE_RUNES = 4096;

export class TelegramNotifier extends HttpNotifier {
  readonly kind = 'telegram';
  private readonly url: URL;
  private readonly token: string;

  constructor(label: string, private readonly config: TelegramConfig, ctx: NotifierContext) {
    super(label, config.send_resolved, ctx, placeHttpConfig(config.http_config, label, ctx.global));
    const own = config.api_url;
    const base = own || ctx.global?.telegram_api_url || '';
    checkedUrl(base, own ? `${label}.api_url` : 'global.telegram_api_url');
    this.token = config.bot_token ?? '';
    if (!this.token) throw new Error(`${label}.bot_token: telegram_configs needs bot_token`);
    this.url = checkedUrl(`${base}/bot${this.token}/sendMessage`, `${label}.bot_token`);
  }

  protected override secrets(): string[] {
    return [...super.secrets(), this.token, this.url.href];
  }

  body(n: Notification): string {
    const c = this.config;
    const t = this.renderer(this.data(n), c.parse_mode === 'HTML' ? 'html' : 'text');
    const text = truncateInRunes(t(c.message ?? '{{ template "telegram.default.message" . }}', `${this.label}.message`), MAX_MESSAGE_RUNES).text;
    const params: Record<string, string> = { chat_id: String(c.chat_id ?? 0), text };
    if (c.parse_mode) params['parse_mode'] = c.parse_mode;
    params['disable_web_page_preview'] = 'true';
    if (c.disable_notifications) params['disable_notification'] = 'true';
    return goJson(goMap(params));
  }

  async notify(n: Notification, options: { signal?: AbortSignal } = {}): Promise<void> {
    const request = { method: 'POST' as const, url: this.url, headers: { 'User-Agent': USER_AGENT, 'Content-Type': 'application/json' }, body: this.body(n) };
    const answer = await this.client.send(request, { timeoutMs: this.timeoutMs, signal: options.signal });
    let reply: { ok?: unknown; description?: unknown; error_code?: unknown } | undefined;
    try {
      reply = JSON.parse(answer.body) as typeof reply;
    } catch {
      reply = undefined;
    }
    if (reply && reply.ok === false) {
      const code = typeof reply.error_code === 'number' ? reply.error_code : answer.status;
      const retryable = code >= 500 || code === 429 || code < 400;
      throw new NotifyError(redact(`telegram: ${String(reply.description ?? 'request refused')} (${code})`, this.secrets()), retryable, answer.status);
    }
    checkStatus(answer, { secrets: this.secrets() });
  }
}
