// What Alertmanager 0.25's loader makes of each integration kind (config/notifiers.go), for
// config-original.ts: the order of the struct's fields (yaml.v2 writes them in it), the
// fields it writes even when empty (no `omitempty`), and the defaults it fills in (its
// Default…Config values; a field written empty in the file stays empty).
const tmpl = (name: string) => `{{ template "${name}" . }}`;

export interface KindShape {
  order: readonly string[];
  /** Written even when empty or false (the struct tag has no omitempty). */
  always: readonly string[];
  defaults: Readonly<Record<string, unknown>>;
}

const HEAD = ['send_resolved', 'http_config'];

export const KIND_SHAPES: Readonly<Record<string, KindShape>> = {
  webhook_configs: { order: [...HEAD, 'url', 'max_alerts'], always: ['url', 'max_alerts'], defaults: { send_resolved: true } },
  webex_configs: { order: [...HEAD, 'api_url', 'message', 'room_id'], always: ['room_id'], defaults: { send_resolved: true, message: tmpl('webex.default.message') } },
  discord_configs: { order: [...HEAD, 'webhook_url', 'title', 'message'], always: [], defaults: { send_resolved: true, title: tmpl('discord.default.title'), message: tmpl('discord.default.message') } },
  email_configs: {
    order: ['send_resolved', 'to', 'from', 'hello', 'smarthost', 'auth_username', 'auth_password', 'auth_password_file', 'auth_secret', 'auth_identity', 'headers', 'html', 'text', 'require_tls', 'tls_config'],
    always: ['require_tls'],
    defaults: { send_resolved: false, html: tmpl('email.default.html') },
  },
  pagerduty_configs: {
    order: [...HEAD, 'service_key', 'service_key_file', 'routing_key', 'routing_key_file', 'url', 'client', 'client_url', 'description', 'details', 'images', 'links', 'source', 'severity', 'class', 'component', 'group'],
    always: [],
    defaults: { send_resolved: true, description: '{{ template "pagerduty.default.description" .}}', client: tmpl('pagerduty.default.client'), client_url: tmpl('pagerduty.default.clientURL') },
  },
  slack_configs: {
    order: [...HEAD, 'api_url', 'api_url_file', 'channel', 'username', 'color', 'title', 'title_link', 'pretext', 'text', 'fields', 'short_fields', 'footer', 'fallback', 'callback_id', 'icon_emoji', 'icon_url', 'image_url', 'thumb_url', 'link_names', 'mrkdwn_in', 'actions'],
    always: ['short_fields', 'link_names'],
    defaults: {
      send_resolved: false,
      username: tmpl('slack.default.username'),
      color: '{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}',
      title: tmpl('slack.default.title'),
      title_link: tmpl('slack.default.titlelink'),
      pretext: tmpl('slack.default.pretext'),
      text: tmpl('slack.default.text'),
      footer: tmpl('slack.default.footer'),
      fallback: tmpl('slack.default.fallback'),
      callback_id: tmpl('slack.default.callbackid'),
      icon_emoji: tmpl('slack.default.iconemoji'),
      icon_url: tmpl('slack.default.iconurl'),
    },
  },
  opsgenie_configs: {
    order: [...HEAD, 'api_key', 'api_key_file', 'api_url', 'message', 'description', 'source', 'details', 'entity', 'responders', 'actions', 'tags', 'note', 'priority', 'update_alerts'],
    always: [],
    defaults: { send_resolved: true, message: tmpl('opsgenie.default.message'), description: tmpl('opsgenie.default.description'), source: tmpl('opsgenie.default.source') },
  },
  wechat_configs: {
    order: [...HEAD, 'api_secret', 'corp_id', 'message', 'api_url', 'to_user', 'to_party', 'to_tag', 'agent_id', 'message_type'],
    always: [],
    defaults: { send_resolved: false, message: tmpl('wechat.default.message'), to_user: tmpl('wechat.default.to_user'), to_party: tmpl('wechat.default.to_party'), to_tag: tmpl('wechat.default.to_tag'), agent_id: tmpl('wechat.default.agent_id') },
  },
  victorops_configs: {
    order: [...HEAD, 'api_key', 'api_key_file', 'api_url', 'routing_key', 'message_type', 'state_message', 'entity_display_name', 'monitoring_tool', 'custom_fields'],
    always: ['api_url', 'routing_key', 'message_type', 'state_message', 'entity_display_name', 'monitoring_tool'],
    defaults: { send_resolved: true, message_type: 'CRITICAL', state_message: tmpl('victorops.default.state_message'), entity_display_name: tmpl('victorops.default.entity_display_name'), monitoring_tool: tmpl('victorops.default.monitoring_tool') },
  },
  pushover_configs: {
    order: [...HEAD, 'user_key', 'token', 'title', 'message', 'url', 'url_title', 'sound', 'priority', 'retry', 'expire', 'html'],
    always: ['html'],
    defaults: { send_resolved: true, title: tmpl('pushover.default.title'), message: tmpl('pushover.default.message'), url: tmpl('pushover.default.url'), priority: '{{ if eq .Status "firing" }}2{{ else }}0{{ end }}', retry: '1m', expire: '1h', html: false },
  },
  sns_configs: {
    order: [...HEAD, 'api_url', 'sigv4', 'topic_arn', 'phone_number', 'target_arn', 'subject', 'message', 'attributes'],
    always: ['sigv4'],
    defaults: { send_resolved: true, subject: tmpl('sns.default.subject'), message: tmpl('sns.default.message') },
  },
  telegram_configs: {
    order: [...HEAD, 'api_url', 'bot_token', 'chat_id', 'message', 'disable_notifications', 'parse_mode'],
    always: ['api_url'],
    defaults: { send_resolved: true, message: tmpl('telegram.default.message'), parse_mode: 'HTML' },
  },
};

/** PagerDuty's details always carry these (DefaultPagerdutyDetails), unless the file sets them. */
export const PAGERDUTY_DETAILS: Readonly<Record<string, string>> = {
  firing: '{{ template "pagerduty.default.instances" .Alerts.Firing }}',
  resolved: '{{ template "pagerduty.default.instances" .Alerts.Resolved }}',
  num_firing: '{{ .Alerts.Firing | len }}',
  num_resolved: '{{ .Alerts.Resolved | len }}',
};
