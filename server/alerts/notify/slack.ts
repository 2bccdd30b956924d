// Slack: one attachment POSTed to the incoming-webhook URL (api_url, api_url_file, or the
// global ones), every field rendered with Alertmanager's defaults; the title is cut at 1024
// characters. Fields carry `short` always (their own, else short_fields). An action with a
// url is a link button: its name, value and confirm are dropped, as Alertmanager drops them.
import type { SlackConfig } from './configs';
import { HttpNotifier, checkedUrl, placeHttpConfig, secretOf, type NotifierContext } from './base';
import { truncateInRunes } from './data';
import { goJson } from './go-json';
import { checkStatus, jsonPost } from './http';
import { NotifyError, type Notification } from './types';

const MAX_TITLE_RUNES = 1024;
const T = (name: string) => `{{ template "slack.default.${name}" . }}`;

export class SlackNotifier extends HttpNotifier {
  readonly kind = 'slack';
  private readonly url: URL | undefined;
  private readonly urlFile: { file: string; path: string } | undefined;

  constructor(label: string, private readonly config: SlackConfig, ctx: NotifierContext) {
    super(label, config.send_resolved, ctx, placeHttpConfig(config.http_config, label, ctx.global));
    const g = ctx.global;
    if (config.api_url) this.url = checkedUrl(config.api_url, `${label}.api_url`);
    else if (config.api_url_file) this.urlFile = { file: config.api_url_file, path: `${label}.api_url_file` };
    else if (g?.slack_api_url) this.url = checkedUrl(g.slack_api_url, 'global.slack_api_url');
    else if (g?.slack_api_url_file) this.urlFile = { file: g.slack_api_url_file, path: 'global.slack_api_url_file' };
    else throw new Error(`${label}.api_url: no Slack webhook URL: set api_url (or api_url_file) here or global.slack_api_url`);
  }

  protected override secrets(): string[] {
    return [...super.secrets(), ...(this.url ? [this.url.href, this.url.pathname] : [])];
  }

  /** The request body, as Alertmanager encodes it. */
  body(n: Notification): string {
    const c = this.config;
    const t = this.renderer(this.data(n));
    const field = (v: string | undefined, name: string, fallback: string) => t(v ?? fallback, `${this.label}.${name}`);
    const title = truncateInRunes(field(c.title, 'title', T('title')), MAX_TITLE_RUNES).text;
    const attachment = {
      title: title || undefined,
      title_link: field(c.title_link, 'title_link', T('titlelink')) || undefined,
      pretext: field(c.pretext, 'pretext', T('pretext')) || undefined,
      text: field(c.text, 'text', T('text')),
      fallback: field(c.fallback, 'fallback', T('fallback')),
      callback_id: field(c.callback_id, 'callback_id', T('callbackid')),
      fields: c.fields?.length
        ? c.fields.map((f, i) => ({
            title: t(f.title, `${this.label}.fields.${i}.title`) || undefined,
            value: t(f.value, `${this.label}.fields.${i}.value`) || undefined,
            short: f.short ?? c.short_fields ?? false,
          }))
        : undefined,
      actions: c.actions?.length
        ? c.actions.map((configured, i) => {
            const at = `${this.label}.actions.${i}`;
            // As Alertmanager reads an action: a link button (url) has no name, value or
            // confirmation; an interactive one (name) has no url.
            const a = configured.url ? { ...configured, name: undefined, value: undefined, confirm: undefined } : { ...configured, url: undefined };
            return {
              type: t(a.type, `${at}.type`) || undefined,
              text: t(a.text, `${at}.text`) || undefined,
              url: t(a.url, `${at}.url`) || undefined,
              style: t(a.style, `${at}.style`) || undefined,
              name: t(a.name, `${at}.name`) || undefined,
              value: t(a.value, `${at}.value`) || undefined,
              confirm: a.confirm
                ? {
                    text: t(a.confirm.text, `${at}.confirm.text`) || undefined,
                    title: t(a.confirm.title, `${at}.confirm.title`) || undefined,
                    ok_text: t(a.confirm.ok_text, `${at}.confirm.ok_text`) || undefined,
                    dismiss_text: t(a.confirm.dismiss_text, `${at}.confirm.dismiss_text`) || undefined,
                  }
                : undefined,
            };
          })
        : undefined,
      image_url: t(c.image_url, `${this.label}.image_url`) || undefined,
      thumb_url: t(c.thumb_url, `${this.label}.thumb_url`) || undefined,
      footer: field(c.footer, 'footer', T('footer')),
      color: field(c.color, 'color', '{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}') || undefined,
      mrkdwn_in: c.mrkdwn_in?.length ? c.mrkdwn_in : ['fallback', 'pretext', 'text'],
    };
    return goJson({
      channel: t(c.channel, `${this.label}.channel`) || undefined,
      username: field(c.username, 'username', T('username')) || undefined,
      icon_emoji: field(c.icon_emoji, 'icon_emoji', T('iconemoji')) || undefined,
      icon_url: field(c.icon_url, 'icon_url', T('iconurl')) || undefined,
      link_names: c.link_names || undefined,
      attachments: [attachment],
    });
  }

  async notify(n: Notification, options: { signal?: AbortSignal } = {}): Promise<void> {
    const body = this.body(n);
    const url = this.url ?? checkedUrlAtSend(secretOf(undefined, this.urlFile!.file, this.urlFile!.path), this.urlFile!.path);
    const answer = await this.client.send(jsonPost(url, body), { timeoutMs: this.timeoutMs, signal: options.signal });
    const channel = (JSON.parse(body) as { channel?: string }).channel ?? '';
    try {
      checkStatus(answer, { secrets: [...this.secrets(), url.href, url.pathname] });
    } catch (err) {
      const e = err as NotifyError;
      throw new NotifyError(`channel ${JSON.stringify(channel)}: ${e.message}`, e.retryable, e.status);
    }
  }
}

/** A URL read from a file at send time: a bad one fails the send (not retryable), without showing it. */
export function checkedUrlAtSend(text: string, path: string): URL {
  try {
    return checkedUrl(text, path);
  } catch (err) {
    throw new NotifyError(`${path}: the file holds no usable URL: ${(err as Error).message.replace(`${path} `, '')}`, false);
  }
}
