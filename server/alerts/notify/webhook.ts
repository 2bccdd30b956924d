// Webhook: Alertmanager's version "4" message, POSTed as JSON to `url`. With max_alerts the
// message (status, common labels and annotations included) is built from the first
// max_alerts alerts, and the rest are counted in truncatedAlerts.
import type { WebhookConfig } from './configs';
import { HttpNotifier, checkedUrl, placeHttpConfig, type NotifierContext } from './base';
import { webhookData } from './data';
import { goJson, goMap } from './go-json';
import { checkStatus, jsonPost } from './http';
import type { Notification } from './types';

export class WebhookNotifier extends HttpNotifier {
  readonly kind = 'webhook';
  override readonly timeoutMs: number;
  private readonly url: URL;
  private readonly maxAlerts: number;

  constructor(label: string, config: WebhookConfig, ctx: NotifierContext, timeoutMs: number) {
    super(label, config.send_resolved, ctx, placeHttpConfig(config.http_config, label, ctx.global));
    this.url = checkedUrl(config.url ?? '', `${label}.url`);
    this.maxAlerts = Number(config.max_alerts ?? 0);
    this.timeoutMs = timeoutMs;
  }

  protected override secrets(): string[] {
    return [...super.secrets(), this.url.href, this.url.pathname, this.url.password].filter((s) => s.length > 1);
  }

  /** The request body, as Alertmanager encodes it. */
  body(n: Notification): string {
    const kept = this.maxAlerts > 0 ? n.alerts.slice(0, this.maxAlerts) : n.alerts;
    const d = webhookData({ ...n, alerts: kept }, this.ctx.externalURL);
    return goJson({
      receiver: d.receiver,
      status: d.status,
      alerts: d.alerts.map((a) => ({
        status: a.status,
        labels: goMap(a.labels),
        annotations: goMap(a.annotations),
        startsAt: a.startsAt,
        endsAt: a.endsAt,
        generatorURL: a.generatorURL,
        fingerprint: a.fingerprint,
      })),
      groupLabels: goMap(d.groupLabels),
      commonLabels: goMap(d.commonLabels),
      commonAnnotations: goMap(d.commonAnnotations),
      externalURL: d.externalURL,
      version: '4',
      groupKey: n.groupKey,
      truncatedAlerts: n.alerts.length - kept.length,
    });
  }

  async notify(n: Notification, options: { signal?: AbortSignal } = {}): Promise<void> {
    const answer = await this.client.send(jsonPost(this.url, this.body(n)), { timeoutMs: this.timeoutMs, signal: options.signal });
    checkStatus(answer, { secrets: this.secrets() });
  }
}
