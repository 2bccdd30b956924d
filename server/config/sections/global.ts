// `global`: Alertmanager's defaults for every notifier — resolve_timeout, the HTTP client,
// SMTP settings, and each service's API URL and credentials. With Alertmanager's defaults,
// so a file without `global` (or with `global:` and nothing under it) reads as it would there.
import { z } from 'zod';
import { httpConfigSchema } from './http-config';
import { bool, duration, hostPort, httpUrl, opt, secret, secretUrl, str } from './fields';

const set = (v: string | undefined): boolean => v !== undefined && v !== '';

/** Alertmanager 0.25's defaults (config.DefaultGlobalConfig). */
export const GLOBAL_DEFAULTS = {
  resolve_timeout: '5m',
  smtp_hello: 'localhost',
  smtp_require_tls: true,
  pagerduty_url: 'https://events.pagerduty.com/v2/enqueue',
  opsgenie_api_url: 'https://api.opsgenie.com/',
  wechat_api_url: 'https://qyapi.weixin.qq.com/cgi-bin/',
  victorops_api_url: 'https://alert.victorops.com/integrations/generic/20131114/alert/',
  telegram_api_url: 'https://api.telegram.org',
  webex_api_url: 'https://webexapis.com/v1/messages',
} as const;

/** A URL with a default: written as null it is unset (and the receivers needing it fail). */
const defaultUrl = (fallback: string, description: string) => z.union([httpUrl(), z.null()]).default(fallback).describe(`${description} Default ${fallback}.`);

export const globalSchema = z
  .strictObject({
    // yaml.v2 reads `resolve_timeout:` with no value as a zero duration.
    resolve_timeout: z.union([duration(), z.null().transform(() => '0s')]).default(GLOBAL_DEFAULTS.resolve_timeout).describe('An alert without endsAt is resolved after this long without an update (default 5m).'),
    http_config: opt(httpConfigSchema).describe('HTTP client settings for every notifier without its own.'),
    smtp_from: str().optional().describe('Default sender address of email notifications.'),
    smtp_hello: str().default(GLOBAL_DEFAULTS.smtp_hello).describe('Host name announced to SMTP servers (default localhost).'),
    smtp_smarthost: hostPort().optional().describe('Default SMTP server, host:port.'),
    smtp_auth_username: str().optional(),
    smtp_auth_password: secret('Default SMTP password.').optional(),
    smtp_auth_password_file: str().optional(),
    smtp_auth_secret: secret('Default SMTP CRAM-MD5 secret.').optional(),
    smtp_auth_identity: str().optional(),
    smtp_require_tls: bool().default(GLOBAL_DEFAULTS.smtp_require_tls).describe('Require STARTTLS (default true).'),
    slack_api_url: secretUrl('Default Slack webhook URL.').optional(),
    slack_api_url_file: str().optional().describe('File holding the default Slack webhook URL.'),
    pagerduty_url: defaultUrl(GLOBAL_DEFAULTS.pagerduty_url, 'PagerDuty Events API URL.'),
    opsgenie_api_url: defaultUrl(GLOBAL_DEFAULTS.opsgenie_api_url, 'Opsgenie API URL.'),
    opsgenie_api_key: secret('Default Opsgenie API key.').optional(),
    opsgenie_api_key_file: str().optional(),
    wechat_api_url: defaultUrl(GLOBAL_DEFAULTS.wechat_api_url, 'WeChat API URL.'),
    wechat_api_secret: secret('Default WeChat API secret.').optional(),
    wechat_api_corp_id: str().optional(),
    victorops_api_url: defaultUrl(GLOBAL_DEFAULTS.victorops_api_url, 'VictorOps API URL.'),
    victorops_api_key: secret('Default VictorOps API key.').optional(),
    victorops_api_key_file: str().optional(),
    telegram_api_url: defaultUrl(GLOBAL_DEFAULTS.telegram_api_url, 'Telegram Bot API URL.'),
    webex_api_url: defaultUrl(GLOBAL_DEFAULTS.webex_api_url, 'Webex API URL.'),
  })
  .superRefine((g, ctx) => {
    const both = (a: keyof typeof g, b: keyof typeof g) => {
      if (set(g[a] as string | undefined) && set(g[b] as string | undefined)) ctx.addIssue({ code: 'custom', message: `set ${a} or ${b}, not both`, path: [a], params: { rule: 'one_of' } });
    };
    both('slack_api_url', 'slack_api_url_file');
    both('opsgenie_api_key', 'opsgenie_api_key_file');
    both('victorops_api_key', 'victorops_api_key_file');
    both('smtp_auth_password', 'smtp_auth_password_file');
  })
  .describe("Defaults for every notifier (Alertmanager's global section).");

export type GlobalConfig = z.output<typeof globalSchema>;
