// PagerDuty. With routing_key: Events API v2 (POST to url, global.pagerduty_url by
// default): event_action trigger/resolve, dedup_key = SHA-256 of the group key, payload
// {summary (cut at 1024 characters), source, severity (default "error"), class, component,
// group, custom_details}, client, client_url, images and links (those with a src / href).
// With service_key: Events API v1 (POST to PagerDuty's generic endpoint): event_type,
// incident_key, description, details, and client/client_url on trigger. Keys may be read
// from *_file at send time and are rendered as templates, as Alertmanager does.
// Details default to firing/resolved/num_firing/num_resolved (a config's own keys win).
// A message over 512000 bytes goes with its details replaced by a note saying so.
// Retried: 5xx and 429 (v2), 5xx, 403 and 429 (v1).
import type { PagerdutyConfig } from './configs';
import { HttpNotifier, checkedUrl, placeHttpConfig, secretOf, type NotifierContext } from './base';
import { groupKeyHash, groupStatus, truncateInRunes } from './data';
import { goJson } from './go-json';
import { checkStatus, jsonPost, type HttpAnswer } from './http';
import type { Notification } from './types';

export const PAGERDUTY_V1_URL = 'https://events.pagerduty.com/generic/2010-04-15/create_event.json';
const MAX_EVENT_BYTES = 512000;
const TOO_BIG = 'Custom details have been removed because the original event exceeds the maximum size of 512KB';

const DEFAULT_DETAILS: Record<string, string> = {
  firing: '{{ template "pagerduty.default.instances" .Alerts.Firing }}',
  resolved: '{{ template "pagerduty.default.instances" .Alerts.Resolved }}',
  num_firing: '{{ .Alerts.Firing | len }}',
  num_resolved: '{{ .Alerts.Resolved | len }}',
};

export class PagerdutyNotifier extends HttpNotifier {
  readonly kind = 'pagerduty';
  private readonly url: URL;
  private readonly v1: boolean;

  /** `v1Url`: where Events API v1 messages go instead of PagerDuty (tests, a relay). */
  constructor(label: string, private readonly config: PagerdutyConfig, ctx: NotifierContext, v1Url = PAGERDUTY_V1_URL) {
    super(label, config.send_resolved, ctx, placeHttpConfig(config.http_config, label, ctx.global));
    this.v1 = !!(config.service_key || config.service_key_file);
    if (this.v1) this.url = checkedUrl(v1Url, `${label} (PagerDuty v1 URL)`);
    else {
      const own = config.url;
      this.url = checkedUrl(own || ctx.global?.pagerduty_url || '', own ? `${label}.url` : 'global.pagerduty_url');
    }
  }

  protected override secrets(): string[] {
    return [...super.secrets(), this.config.routing_key ?? '', this.config.service_key ?? ''];
  }

  /** The request body Alertmanager sends. */
  body(n: Notification): string {
    const c = this.config;
    const at = this.label;
    const t = this.renderer(this.data(n));
    const trigger = groupStatus(n.alerts) === 'firing';
    const details = new Map<string, string>();
    for (const [k, v] of Object.entries({ ...DEFAULT_DETAILS, ...c.details })) details.set(k, t(v, `${at}.details.${k}`));
    const client = c.client ?? '{{ template "pagerduty.default.client" . }}';
    const clientUrl = c.client_url ?? '{{ template "pagerduty.default.clientURL" . }}';
    const description = c.description ?? '{{ template "pagerduty.default.description" .}}';
    const dedup = groupKeyHash(n.groupKey);

    if (this.v1) {
      const key = secretOf(c.service_key, c.service_key_file, `${at}.service_key_file`);
      const message = {
        service_key: t(key, `${at}.service_key`) || undefined,
        incident_key: dedup,
        event_type: trigger ? 'trigger' : 'resolve',
        description: truncateInRunes(t(description, `${at}.description`), 1024).text || undefined,
        event_action: '',
        payload: null,
        client: trigger ? t(client, `${at}.client`) || undefined : undefined,
        client_url: trigger ? t(clientUrl, `${at}.client_url`) || undefined : undefined,
        details: details.size ? details : undefined,
      };
      if (!message.service_key) this.fail('service key cannot be empty');
      return sized(message, () => (message.details = new Map([['error', TOO_BIG]])));
    }

    const key = secretOf(c.routing_key, c.routing_key_file, `${at}.routing_key_file`);
    const payload = {
      summary: truncateInRunes(t(description, `${at}.description`), 1024).text,
      source: t(c.source || client, `${at}.source`),
      severity: t(c.severity || 'error', `${at}.severity`),
      class: t(c.class, `${at}.class`) || undefined,
      component: t(c.component, `${at}.component`) || undefined,
      group: t(c.group, `${at}.group`) || undefined,
      custom_details: details.size ? details : undefined,
    };
    const images = (c.images ?? [])
      .map((im, i) => ({ src: t(im.src, `${at}.images.${i}.src`), alt: t(im.alt, `${at}.images.${i}.alt`), href: t(im.href, `${at}.images.${i}.href`) }))
      .filter((im) => im.src !== '');
    const links = (c.links ?? []).map((l, i) => ({ href: t(l.href, `${at}.links.${i}.href`), text: t(l.text, `${at}.links.${i}.text`) })).filter((l) => l.href !== '');
    const message = {
      routing_key: t(key, `${at}.routing_key`) || undefined,
      dedup_key: dedup,
      event_action: trigger ? 'trigger' : 'resolve',
      payload,
      client: t(client, `${at}.client`) || undefined,
      client_url: t(clientUrl, `${at}.client_url`) || undefined,
      images: images.length ? images : undefined,
      links: links.length ? links : undefined,
    };
    if (!message.routing_key) this.fail('routing key cannot be empty');
    return sized(message, () => (payload.custom_details = new Map([['error', TOO_BIG]])));
  }

  async notify(n: Notification, options: { signal?: AbortSignal } = {}): Promise<void> {
    const answer = await this.client.send(jsonPost(this.url, this.body(n)), { timeoutMs: this.timeoutMs, signal: options.signal });
    checkStatus(answer, { retryCodes: this.v1 ? [403] : [], details: errorDetails, secrets: this.secrets() });
  }
}

/** Encodes the message; over PagerDuty's limit, encodes it again with its details dropped. */
function sized(message: object, dropDetails: () => void): string {
  const body = goJson(message);
  if (Buffer.byteLength(body, 'utf8') <= MAX_EVENT_BYTES) return body;
  dropDetails();
  return goJson(message);
}

/** PagerDuty explains a 400 in JSON ({message, errors}); other answers are not quoted. */
function errorDetails(answer: HttpAnswer): string {
  if (answer.status !== 400) return '';
  try {
    const r = JSON.parse(answer.body) as { message?: unknown; errors?: unknown };
    const errors = Array.isArray(r.errors) ? r.errors.map(String).join(',') : '';
    return `${typeof r.message === 'string' ? r.message : ''}: ${errors}`;
  } catch {
    return '';
  }
}
