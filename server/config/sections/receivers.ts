// Receivers: a name and any number of integrations of every kind Alertmanager 0.25 knows,
// plus msteams_configs as Alertmanager 0.26+ defines it. Each kind's own rules (required
// fields, "X or X_file, not both", allowed values) live with its schema; the rules that
// need `global` (fallback URLs, keys, SMTP settings) are cross-field rules in receiver-rules.ts.
// Defaults are Alertmanager's (send_resolved, message templates are applied by the notifier).
import { z } from 'zod';
import { requiredInEditor } from '../editor-hints';
import { hasAuthorization, httpConfigSchema, tlsConfigSchema } from './http-config';
import { bool, duration, goDuration, hostPort, httpUrl, int, list, opt, secret, secretUrl, str, stringMap, templateProblem, tmpl, tmplMap } from './fields';

const set = (v: string | undefined): boolean => v !== undefined && v !== '';
type Ctx = z.RefinementCtx;
const rule = (ctx: Ctx, path: (string | number)[], message: string, name = 'receiver_field') => ctx.addIssue({ code: 'custom', message, path, params: { rule: name } });
/** Alertmanager's "at most one of X & X_file". */
function oneOf(ctx: Ctx, c: Record<string, unknown>, a: string, b: string): void {
  if (set(c[a] as string | undefined) && set(c[b] as string | undefined)) rule(ctx, [a], `set ${a} or ${b}, not both`, 'one_of');
}

const sendResolved = (byDefault: boolean) => bool().default(byDefault).describe(`Also notify when alerts resolve (default ${byDefault}).`);
const http = () => opt(httpConfigSchema).describe('HTTP client settings for this integration (default: global.http_config).');

export const webhookConfigSchema = z
  .strictObject({
    send_resolved: sendResolved(true),
    http_config: http(),
    url: secretUrl('Where the notification is POSTed (Alertmanager webhook payload, version 4).').optional(),
    max_alerts: int(0, 18446744073709551615n).default(0).describe('Most alerts per message; 0 means all.'),
    timeout: duration().optional().describe('hotconf extension: per-request timeout (default 10s). `hotconf export --alertmanager` drops it.'),
  })
  .superRefine((c, ctx) => {
    if (!set(c.url)) rule(ctx, ['url'], 'webhook_configs needs url');
  });

export const slackConfigSchema = z
  .strictObject({
    send_resolved: sendResolved(false),
    http_config: http(),
    api_url: secretUrl('Slack incoming-webhook URL (default: global.slack_api_url).').optional(),
    api_url_file: str().optional().describe('File holding the Slack webhook URL.'),
    channel: tmpl('Channel or user to post to.').optional(),
    username: tmpl('Sender name.').optional(),
    color: tmpl('Attachment colour.').optional(),
    title: tmpl('Message title.').optional(),
    title_link: tmpl('Link of the title.').optional(),
    pretext: tmpl('Text above the attachment.').optional(),
    text: tmpl('Message body.').optional(),
    fields: list(
      z.strictObject({ title: tmpl('Field title.').optional(), value: tmpl('Field value.').optional(), short: bool().optional() }).superRefine((f, ctx) => {
        if (!set(f.title)) rule(ctx, ['title'], 'a Slack field needs title');
        else if (!set(f.value)) rule(ctx, ['value'], 'a Slack field needs value');
      }),
    ).describe('Attachment fields.'),
    short_fields: bool().optional(),
    footer: tmpl('Footer.').optional(),
    fallback: tmpl('Plain-text summary.').optional(),
    callback_id: tmpl('Callback id.').optional(),
    icon_emoji: tmpl('Icon emoji.').optional(),
    icon_url: tmpl('Icon URL.').optional(),
    image_url: tmpl('Image URL.').optional(),
    thumb_url: tmpl('Thumbnail URL.').optional(),
    link_names: bool().optional(),
    mrkdwn_in: list(str()),
    actions: list(
      z
        .strictObject({
          type: tmpl('Action type (e.g. button).').optional(),
          text: tmpl('Action label.').optional(),
          url: tmpl('Link of a link button.').optional(),
          style: tmpl('Button style.').optional(),
          name: tmpl('Name of an interactive button.').optional(),
          value: tmpl('Value of an interactive button.').optional(),
          confirm: opt(
            z.strictObject({ text: tmpl('Confirmation text.').optional(), title: tmpl('Title.').optional(), ok_text: tmpl('OK label.').optional(), dismiss_text: tmpl('Dismiss label.').optional() }).superRefine((f, ctx) => {
              if (!set(f.text)) rule(ctx, ['text'], 'a Slack confirmation needs text');
            }),
          ),
        })
        .superRefine((a, ctx) => {
          if (!set(a.type)) rule(ctx, ['type'], 'a Slack action needs type');
          else if (!set(a.text)) rule(ctx, ['text'], 'a Slack action needs text');
          else if (!set(a.url) && !set(a.name)) rule(ctx, ['url'], 'a Slack action needs url (a link button) or name (an interactive button)');
        }),
    ),
  })
  .superRefine((c, ctx) => oneOf(ctx, c, 'api_url', 'api_url_file'));

export const emailConfigSchema = z
  .strictObject({
    send_resolved: sendResolved(false),
    to: tmpl('Recipient address(es), comma-separated.').optional(),
    from: tmpl('Sender address (default: global.smtp_from).').optional(),
    hello: str().optional().describe('Host name announced to the SMTP server (default: global.smtp_hello).'),
    smarthost: hostPort().optional().describe('SMTP server host:port (default: global.smtp_smarthost).'),
    auth_username: str().optional(),
    auth_password: secret('SMTP password.').optional(),
    auth_password_file: str().optional(),
    auth_secret: secret('SMTP CRAM-MD5 secret.').optional(),
    auth_identity: str().optional(),
    headers: tmplMap().describe('Extra mail headers (templates).'),
    html: tmpl('HTML body.').optional(),
    text: tmpl('Text body.').optional(),
    require_tls: bool().optional().describe('Require STARTTLS (default: global.smtp_require_tls).'),
    tls_config: opt(tlsConfigSchema),
  })
  .superRefine((c, ctx) => {
    if (!set(c.to)) rule(ctx, ['to'], 'email_configs needs to (the recipient address)');
    const seen = new Map<string, string>();
    for (const header of Object.keys(c.headers ?? {})) {
      const canonical = canonicalHeader(header);
      if (seen.has(canonical)) rule(ctx, ['headers', header], `header ${canonical} is set twice (as ${seen.get(canonical)} and ${header}): header names are case-insensitive`);
      seen.set(canonical, header);
    }
  });

/** Go's textproto.CanonicalMIMEHeaderKey for the header names a config can hold. */
export function canonicalHeader(name: string): string {
  if (!/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(name)) return name;
  return name
    .split('-')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1).toLowerCase() : w))
    .join('-');
}

const pagerdutyLink = z.strictObject({ href: tmpl('Link.').optional(), text: tmpl('Link text.').optional() });
const pagerdutyImage = z.strictObject({ src: tmpl('Image source.').optional(), alt: tmpl('Alt text.').optional(), href: tmpl('Link.').optional() });

export const pagerdutyConfigSchema = z
  .strictObject({
    send_resolved: sendResolved(true),
    http_config: http(),
    service_key: secret('Integration key (Events API v1).').optional(),
    service_key_file: str().optional(),
    routing_key: secret('Integration key (Events API v2).').optional(),
    routing_key_file: str().optional(),
    url: httpUrl().optional().describe('Events API URL (default: global.pagerduty_url).'),
    client: tmpl('Client name.').optional(),
    client_url: tmpl('Client link.').optional(),
    description: tmpl('Incident description.').optional(),
    details: tmplMap().describe('Custom details (templates).'),
    images: list(pagerdutyImage),
    links: list(pagerdutyLink),
    source: tmpl('Source.').optional(),
    severity: tmpl('Severity.').optional(),
    class: tmpl('Class.').optional(),
    component: tmpl('Component.').optional(),
    group: tmpl('Group.').optional(),
  })
  .superRefine((c, ctx) => {
    if (!set(c.routing_key) && !set(c.service_key) && !set(c.routing_key_file) && !set(c.service_key_file)) rule(ctx, ['routing_key'], 'pagerduty_configs needs routing_key or service_key (or their _file)');
    oneOf(ctx, c, 'routing_key', 'routing_key_file');
    oneOf(ctx, c, 'service_key', 'service_key_file');
  });

const OPSGENIE_RESPONDER_TYPES = ['team', 'teams', 'user', 'escalation', 'schedule'];

export const opsgenieConfigSchema = z
  .strictObject({
    send_resolved: sendResolved(true),
    http_config: http(),
    api_key: secret('API key (default: global.opsgenie_api_key).').optional(),
    api_key_file: str().optional(),
    api_url: httpUrl().optional().describe('API URL (default: global.opsgenie_api_url).'),
    message: tmpl('Alert message.').optional(),
    description: tmpl('Description.').optional(),
    source: tmpl('Source.').optional(),
    details: tmplMap().describe('Details (templates).'),
    entity: tmpl('Entity.').optional(),
    responders: list(
      z.strictObject({ id: tmpl('Responder id.').optional(), name: tmpl('Responder name.').optional(), username: tmpl('Responder user name.').optional(), type: tmpl('team, teams, user, escalation or schedule.').optional() }),
    ),
    actions: tmpl('Comma-separated actions.').optional(),
    tags: tmpl('Comma-separated tags.').optional(),
    note: tmpl('Note.').optional(),
    priority: tmpl('Priority (P1-P5).').optional(),
    update_alerts: bool().optional(),
  })
  .superRefine((c, ctx) => {
    oneOf(ctx, c, 'api_key', 'api_key_file');
    (c.responders ?? []).forEach((r, i) => {
      if (!set(r.id) && !set(r.username) && !set(r.name)) rule(ctx, ['responders', i], 'a responder needs id, username or name');
      // A templated type must parse: the one field template Alertmanager parses when it loads
      // the file (other field templates only warn, template-warnings.ts). A plain one must be
      // a known kind.
      else if ((r.type ?? '').includes('{{')) {
        const problem = templateProblem(r.type!);
        if (problem) rule(ctx, ['responders', i, 'type'], problem, 'template');
      } else if (!OPSGENIE_RESPONDER_TYPES.includes((r.type ?? '').toLowerCase())) {
        rule(ctx, ['responders', i, 'type'], `responder type must be one of ${OPSGENIE_RESPONDER_TYPES.join(', ')} (or a template)`);
      }
    });
  });

export const wechatConfigSchema = z
  .strictObject({
    send_resolved: sendResolved(false),
    http_config: http(),
    api_secret: secret('API secret (default: global.wechat_api_secret).').optional(),
    corp_id: str().optional().describe('Corp id (default: global.wechat_api_corp_id).'),
    message: tmpl('Message.').optional(),
    api_url: httpUrl().optional().describe('API URL (default: global.wechat_api_url).'),
    to_user: tmpl('User.').optional(),
    to_party: tmpl('Party.').optional(),
    to_tag: tmpl('Tag.').optional(),
    agent_id: tmpl('Agent id.').optional(),
    message_type: str().optional().describe('text or markdown (default text).'),
  })
  .superRefine((c, ctx) => {
    if (set(c.message_type) && !['text', 'markdown'].includes(c.message_type!)) rule(ctx, ['message_type'], 'message_type must be text or markdown');
  });

const RESERVED_VICTOROPS_FIELDS = ['routing_key', 'message_type', 'state_message', 'entity_display_name', 'monitoring_tool', 'entity_id', 'entity_state'];

export const victoropsConfigSchema = z
  .strictObject({
    send_resolved: sendResolved(true),
    http_config: http(),
    api_key: secret('API key (default: global.victorops_api_key).').optional(),
    api_key_file: str().optional(),
    api_url: httpUrl().optional().describe('API URL (default: global.victorops_api_url).'),
    routing_key: tmpl('Routing key (required).').optional(),
    message_type: tmpl('CRITICAL, WARNING or INFO (default CRITICAL).').optional(),
    state_message: tmpl('State message.').optional(),
    entity_display_name: tmpl('Entity display name.').optional(),
    monitoring_tool: tmpl('Monitoring tool.').optional(),
    custom_fields: stringMap(),
  })
  .superRefine((c, ctx) => {
    if (!set(c.routing_key)) rule(ctx, ['routing_key'], 'victorops_configs needs routing_key');
    oneOf(ctx, c, 'api_key', 'api_key_file');
    for (const key of Object.keys(c.custom_fields ?? {})) {
      if (RESERVED_VICTOROPS_FIELDS.includes(key)) rule(ctx, ['custom_fields', key], `custom field ${key} is one VictorOps sets itself: use another name`);
    }
  });

export const pushoverConfigSchema = z
  .strictObject({
    send_resolved: sendResolved(true),
    http_config: http(),
    user_key: secret('Recipient user key (required).').optional(),
    token: secret('Application token (required).').optional(),
    title: tmpl('Title.').optional(),
    message: tmpl('Message.').optional(),
    url: tmpl('Supplementary URL.').optional(),
    url_title: tmpl('Title of the URL.').optional(),
    sound: tmpl('Sound.').optional(),
    priority: tmpl('Priority.').optional(),
    retry: goDuration().optional().describe('How often an emergency notification is retried (Go duration, default 1m).'),
    expire: goDuration().optional().describe('How long an emergency notification is retried (Go duration, default 1h).'),
    html: bool().optional(),
  })
  .superRefine((c, ctx) => {
    if (!set(c.user_key)) rule(ctx, ['user_key'], 'pushover_configs needs user_key');
    else if (!set(c.token)) rule(ctx, ['token'], 'pushover_configs needs token');
  });

const sigv4Schema = z
  .strictObject({
    region: str().optional(),
    access_key: str().optional(),
    secret_key: secret('AWS secret key.').optional(),
    profile: str().optional(),
    role_arn: str().optional(),
  })
  .superRefine((c, ctx) => {
    if (set(c.access_key) !== set(c.secret_key)) rule(ctx, ['access_key'], 'sigv4 needs both access_key and secret_key, or neither');
  });

export const snsConfigSchema = z
  .strictObject({
    send_resolved: sendResolved(true),
    http_config: http(),
    api_url: str().optional().describe('SNS API URL.'),
    sigv4: opt(sigv4Schema),
    topic_arn: tmpl('Topic ARN.').optional(),
    phone_number: tmpl('Phone number (SMS).').optional(),
    target_arn: tmpl('Target ARN (mobile push).').optional(),
    subject: tmpl('Subject.').optional(),
    message: tmpl('Message.').optional(),
    attributes: stringMap(),
  })
  .superRefine((c, ctx) => {
    // Alertmanager's test is (target == "") != (topic == "") != (phone == ""): an odd number
    // of the three left empty is refused.
    const empty = [c.target_arn, c.topic_arn, c.phone_number].filter((v) => !set(v)).length;
    if (empty % 2 === 1) rule(ctx, ['topic_arn'], 'sns_configs needs exactly one of topic_arn, target_arn and phone_number');
  });

const TELEGRAM_PARSE_MODES = ['', 'Markdown', 'MarkdownV2', 'HTML'];

export const telegramConfigSchema = z
  .strictObject({
    send_resolved: sendResolved(true),
    http_config: http(),
    api_url: httpUrl().optional().describe('Bot API URL (default: global.telegram_api_url).'),
    bot_token: secret('Bot token (required).').optional(),
    chat_id: int(-9223372036854775808, 9223372036854775807n).optional().describe('Chat id (required).'),
    message: tmpl('Message.').optional(),
    disable_notifications: bool().optional(),
    parse_mode: str().default('HTML').describe('Markdown, MarkdownV2 or HTML (default HTML).'),
  })
  .superRefine((c, ctx) => {
    if (!set(c.bot_token)) rule(ctx, ['bot_token'], 'telegram_configs needs bot_token');
    else if (!c.chat_id) rule(ctx, ['chat_id'], 'telegram_configs needs chat_id');
    else if (!TELEGRAM_PARSE_MODES.includes(c.parse_mode)) rule(ctx, ['parse_mode'], 'parse_mode must be Markdown, MarkdownV2, HTML or empty');
  });

export const webexConfigSchema = z
  .strictObject({
    send_resolved: sendResolved(true),
    http_config: http(),
    api_url: httpUrl().optional().describe('Webex API URL (default: global.webex_api_url).'),
    message: tmpl('Message.').optional(),
    room_id: tmpl('Room id (required).').optional(),
  })
  .superRefine((c, ctx) => {
    if (!set(c.room_id)) rule(ctx, ['room_id'], 'webex_configs needs room_id');
    else if (!hasAuthorization(c.http_config)) rule(ctx, ['http_config'], 'webex_configs needs http_config.authorization (the bot token): Webex has no global credentials');
  });

export const discordConfigSchema = z
  .strictObject({
    send_resolved: sendResolved(true),
    http_config: http(),
    webhook_url: secretUrl('Discord webhook URL (required).').optional(),
    title: tmpl('Title.').optional(),
    message: tmpl('Message.').optional(),
  })
  .superRefine((c, ctx) => {
    if (!set(c.webhook_url)) rule(ctx, ['webhook_url'], 'discord_configs needs webhook_url');
  });

/** Microsoft Teams, as Alertmanager 0.26+ defines it (0.25 does not know it). */
export const msteamsConfigSchema = z
  .strictObject({
    send_resolved: sendResolved(true),
    http_config: http(),
    webhook_url: secretUrl('Incoming-webhook URL.').optional(),
    webhook_url_file: str().optional(),
    title: tmpl('Title.').optional(),
    summary: tmpl('Summary.').optional(),
    text: tmpl('Text.').optional(),
  })
  .superRefine((c, ctx) => {
    if (!set(c.webhook_url) && !set(c.webhook_url_file)) rule(ctx, ['webhook_url'], 'msteams_configs needs webhook_url or webhook_url_file');
    oneOf(ctx, c, 'webhook_url', 'webhook_url_file');
  });

export const RECEIVER_KINDS = {
  discord_configs: discordConfigSchema,
  email_configs: emailConfigSchema,
  pagerduty_configs: pagerdutyConfigSchema,
  slack_configs: slackConfigSchema,
  webhook_configs: webhookConfigSchema,
  opsgenie_configs: opsgenieConfigSchema,
  wechat_configs: wechatConfigSchema,
  pushover_configs: pushoverConfigSchema,
  victorops_configs: victoropsConfigSchema,
  sns_configs: snsConfigSchema,
  telegram_configs: telegramConfigSchema,
  webex_configs: webexConfigSchema,
  msteams_configs: msteamsConfigSchema,
} as const;

export type ReceiverKind = keyof typeof RECEIVER_KINDS;

export const receiverSchema = requiredInEditor(z
  .strictObject({
    name: str().optional().describe('Unique receiver name that routes refer to.'),
    discord_configs: list(discordConfigSchema).describe('Discord webhooks.'),
    email_configs: list(emailConfigSchema).describe('Email over SMTP.'),
    pagerduty_configs: list(pagerdutyConfigSchema).describe('PagerDuty.'),
    slack_configs: list(slackConfigSchema).describe('Slack incoming webhooks.'),
    webhook_configs: list(webhookConfigSchema).describe('Generic webhooks (Alertmanager webhook payload v4).'),
    opsgenie_configs: list(opsgenieConfigSchema).describe('Opsgenie.'),
    wechat_configs: list(wechatConfigSchema).describe('WeChat.'),
    pushover_configs: list(pushoverConfigSchema).describe('Pushover.'),
    victorops_configs: list(victoropsConfigSchema).describe('VictorOps / Splunk On-Call.'),
    sns_configs: list(snsConfigSchema).describe('Amazon SNS.'),
    telegram_configs: list(telegramConfigSchema).describe('Telegram.'),
    webex_configs: list(webexConfigSchema).describe('Cisco Webex.'),
    msteams_configs: list(msteamsConfigSchema).describe('Microsoft Teams (Alertmanager 0.26+).'),
  })
  .superRefine((r, ctx) => {
    if (!set(r.name)) rule(ctx, ['name'], 'a receiver needs a name', 'receiver_name');
  })
  .describe('A named set of integrations.'), ['name']);

export type Receiver = z.output<typeof receiverSchema>;
