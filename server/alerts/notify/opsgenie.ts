// Opsgenie (Alert API v2), as Alertmanager 0.25 calls it, with `Authorization: GenieKey <key>`:
//   firing    POST {api_url}v2/alerts {alias, message (cut at 130 characters), description,
//             details (the common labels, overridden by the config's details), source,
//             responders, tags, note, priority, entity, actions}; with update_alerts also
//             PUT …/v2/alerts/{alias}/message and …/description (?identifierType=alias).
//   resolved  POST {api_url}v2/alerts/{alias}/close?identifierType=alias {source}.
// The alias is the SHA-256 of the group key. A responder of type "teams" becomes one "team"
// responder per comma-separated name; a responder whose fields all render empty is dropped.
// The requests go one after the other; the first failure ends the attempt. Retried: 5xx, 429.
import type { OpsgenieConfig } from './configs';
import { HttpNotifier, checkedUrl, placeHttpConfig, secretOf, type NotifierContext } from './base';
import { groupKeyHash, groupStatus, truncateInRunes } from './data';
import { goJson } from './go-json';
import { USER_AGENT, checkStatus, type OutgoingRequest } from './http';
import type { Notification } from './types';

export class OpsgenieNotifier extends HttpNotifier {
  readonly kind = 'opsgenie';
  private readonly base: URL;
  private readonly key: { value?: string; file?: string; path: string };

  constructor(label: string, private readonly config: OpsgenieConfig, ctx: NotifierContext) {
    super(label, config.send_resolved, ctx, placeHttpConfig(config.http_config, label, ctx.global));
    const g = ctx.global;
    const own = config.api_url;
    this.base = checkedUrl(own || g?.opsgenie_api_url || '', own ? `${label}.api_url` : 'global.opsgenie_api_url');
    if (!this.base.pathname.endsWith('/')) this.base.pathname += '/';
    if (config.api_key || config.api_key_file) this.key = { value: config.api_key, file: config.api_key_file, path: `${label}.api_key_file` };
    else if (g?.opsgenie_api_key || g?.opsgenie_api_key_file) this.key = { value: g.opsgenie_api_key, file: g.opsgenie_api_key_file, path: 'global.opsgenie_api_key_file' };
    else throw new Error(`${label}.api_key: no Opsgenie API key: set api_key (or api_key_file) here or global.opsgenie_api_key`);
  }

  protected override secrets(): string[] {
    return [...super.secrets(), this.key.value ?? ''];
  }

  /** The requests Alertmanager sends for this notification, in order. */
  requests(n: Notification): OutgoingRequest[] {
    const c = this.config;
    const at = this.label;
    const data = this.data(n);
    const t = this.renderer(data);
    const alias = groupKeyHash(n.groupKey);
    const endpoint = (suffix: string, byAlias: boolean): URL => {
      const url = new URL(this.base);
      url.pathname += suffix;
      if (byAlias) url.search = sortedQuery(url.searchParams, ['identifierType', 'alias']);
      return url;
    };
    const source = () => t(c.source ?? '{{ template "opsgenie.default.source" . }}', `${at}.source`);
    const out: { method: 'POST' | 'PUT'; url: URL; body: unknown }[] = [];

    if (groupStatus(n.alerts) === 'resolved') {
      out.push({ method: 'POST', url: endpoint(`v2/alerts/${alias}/close`, true), body: { source: source() } });
    } else {
      const details = new Map<string, string>([...data.CommonLabels]);
      for (const [k, v] of Object.entries(c.details ?? {})) details.set(k, t(v, `${at}.details.${k}`));
      const responders: { id?: string; name?: string; username?: string; type: string }[] = [];
      (c.responders ?? []).forEach((r, i) => {
        const one = {
          id: t(r.id, `${at}.responders.${i}.id`),
          name: t(r.name, `${at}.responders.${i}.name`),
          username: t(r.username, `${at}.responders.${i}.username`),
          type: t(r.type, `${at}.responders.${i}.type`),
        };
        if (!one.id && !one.name && !one.username && !one.type) return;
        if (one.type === 'teams') {
          for (const team of safeSplit(one.name)) responders.push({ name: t(team, `${at}.responders.${i}.name`) || undefined, type: 'team' });
          return;
        }
        responders.push({ id: one.id || undefined, name: one.name || undefined, username: one.username || undefined, type: one.type });
      });
      const message = truncateInRunes(t(c.message ?? '{{ template "opsgenie.default.message" . }}', `${at}.message`), 130).text;
      const description = t(c.description ?? '{{ template "opsgenie.default.description" . }}', `${at}.description`);
      const tags = safeSplit(t(c.tags, `${at}.tags`));
      const actions = safeSplit(t(c.actions, `${at}.actions`));
      out.push({
        method: 'POST',
        url: endpoint('v2/alerts', false),
        body: {
          alias,
          message,
          description: description || undefined,
          details,
          source: source(),
          responders: responders.length ? responders : undefined,
          tags: tags.length ? tags : undefined,
          note: t(c.note, `${at}.note`) || undefined,
          priority: t(c.priority, `${at}.priority`) || undefined,
          entity: t(c.entity, `${at}.entity`) || undefined,
          actions: actions.length ? actions : undefined,
        },
      });
      if (c.update_alerts) {
        out.push({ method: 'PUT', url: endpoint(`v2/alerts/${alias}/message`, true), body: { message: message || undefined } });
        out.push({ method: 'PUT', url: endpoint(`v2/alerts/${alias}/description`, true), body: { description: description || undefined } });
      }
    }
    const key = t(secretOf(this.key.value, this.key.file, this.key.path), `${at}.api_key`);
    return out.map((r) => ({
      method: r.method,
      url: r.url,
      headers: { 'User-Agent': USER_AGENT, 'Content-Type': 'application/json', Authorization: `GenieKey ${key}` },
      body: goJson(r.body),
    }));
  }

  async notify(n: Notification, options: { signal?: AbortSignal } = {}): Promise<void> {
    const secrets = this.secrets();
    for (const request of this.requests(n)) {
      const answer = await this.client.send(request, { timeoutMs: this.timeoutMs, signal: options.signal });
      checkStatus(answer, { secrets });
    }
  }
}

/** Split on commas after trimming the whole text; empty parts dropped (parts keep their spaces). */
function safeSplit(s: string): string[] {
  return s.trim().split(',').filter((x) => x !== '');
}

/** Go's url.Values.Encode of the existing query plus one set parameter: keys sorted. */
function sortedQuery(existing: URLSearchParams, [key, value]: [string, string]): string {
  const params = new Map<string, string[]>();
  for (const [k, v] of existing) params.set(k, [...(params.get(k) ?? []), v]);
  params.set(key, [value]);
  const esc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, '+');
  return [...params.keys()].sort().flatMap((k) => params.get(k)!.map((v) => `${esc(k)}=${esc(v)}`)).join('&');
}
