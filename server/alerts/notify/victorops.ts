// VictorOps (Splunk On-Call): POST {api_url}{api_key}/{routing_key} with a flat JSON object:
// message_type (CRITICAL/WARNING/INFO while firing, RECOVERY when resolved), entity_id (the
// group key's hash), entity_display_name, state_message (cut at 20480 characters),
// monitoring_tool, and the custom fields, all rendered.
import type { VictoropsConfig } from './configs';
import { HttpNotifier, checkedUrl, placeHttpConfig, secretOf, type NotifierContext } from './base';
import { groupKeyHash, groupStatus, truncateInRunes } from './data';
import { goJson } from './go-json';
import { checkStatus, jsonPost } from './http';
import type { Notification } from './types';

const ALLOWED = new Set(['INFO', 'WARNING', 'CRITICAL']);

export class VictoropsNotifier extends HttpNotifier {
  readonly kind = 'victorops';
  private readonly base: URL;
  private readonly key: { value?: string; file?: string; path: string };

  constructor(label: string, private readonly config: VictoropsConfig, ctx: NotifierContext) {
    super(label, config.send_resolved, ctx, placeHttpConfig(config.http_config, label, ctx.global));
    const g = ctx.global;
    const own = config.api_url;
    this.base = checkedUrl(own || g?.victorops_api_url || '', own ? `${label}.api_url` : 'global.victorops_api_url');
    if (!this.base.pathname.endsWith('/')) this.base.pathname += '/';
    if (config.api_key || config.api_key_file) this.key = { value: config.api_key, file: config.api_key_file, path: `${label}.api_key_file` };
    else if (g?.victorops_api_key || g?.victorops_api_key_file) this.key = { value: g.victorops_api_key, file: g.victorops_api_key_file, path: 'global.victorops_api_key_file' };
    else throw new Error(`${label}.api_key: no VictorOps API key: set api_key (or api_key_file) here or global.victorops_api_key`);
  }

  protected override secrets(): string[] {
    return [...super.secrets(), this.key.value ?? ''];
  }

  /** The URL and body Alertmanager sends. */
  request(n: Notification): { url: URL; body: string } {
    const c = this.config;
    const at = this.label;
    const t = this.renderer(this.data(n));
    const key = secretOf(this.key.value, this.key.file, this.key.path);
    const url = new URL(this.base);
    url.pathname += `${key}/${t(c.routing_key, `${at}.routing_key`)}`;
    const status = groupStatus(n.alerts);
    let messageType = t(c.message_type ?? 'CRITICAL', `${at}.message_type`);
    if (status === 'firing' && !ALLOWED.has(messageType)) messageType = 'CRITICAL';
    if (status === 'resolved') messageType = 'RECOVERY';
    const fields = new Map<string, string>([
      ['message_type', messageType],
      ['entity_id', groupKeyHash(n.groupKey)],
      ['entity_display_name', t(c.entity_display_name ?? '{{ template "victorops.default.entity_display_name" . }}', `${at}.entity_display_name`)],
      ['state_message', truncateInRunes(t(c.state_message ?? '{{ template "victorops.default.state_message" . }}', `${at}.state_message`), 20480).text],
      ['monitoring_tool', t(c.monitoring_tool ?? '{{ template "victorops.default.monitoring_tool" . }}', `${at}.monitoring_tool`)],
    ]);
    for (const [k, v] of Object.entries(c.custom_fields ?? {})) fields.set(k, t(v, `${at}.custom_fields.${k}`));
    return { url, body: goJson(fields) };
  }

  async notify(n: Notification, options: { signal?: AbortSignal } = {}): Promise<void> {
    const { url, body } = this.request(n);
    const answer = await this.client.send(jsonPost(url, body), { timeoutMs: this.timeoutMs, signal: options.signal });
    checkStatus(answer, { secrets: [...this.secrets(), url.pathname] });
  }
}
