// The validated config of each integration kind, as the schema hands it over.
import type { Receiver } from '../../config/schema';

type ItemOf<K extends keyof Receiver> = NonNullable<Receiver[K]> extends readonly (infer T)[] ? T : never;

export type WebhookConfig = ItemOf<'webhook_configs'>;
export type SlackConfig = ItemOf<'slack_configs'>;
export type EmailConfig = ItemOf<'email_configs'>;
export type PagerdutyConfig = ItemOf<'pagerduty_configs'>;
export type OpsgenieConfig = ItemOf<'opsgenie_configs'>;
export type MsteamsConfig = ItemOf<'msteams_configs'>;
export type DiscordConfig = ItemOf<'discord_configs'>;
export type TelegramConfig = ItemOf<'telegram_configs'>;
export type WebexConfig = ItemOf<'webex_configs'>;
export type VictoropsConfig = ItemOf<'victorops_configs'>;
export type PushoverConfig = ItemOf<'pushover_configs'>;
export type SnsConfig = ItemOf<'sns_configs'>;
export type WechatConfig = ItemOf<'wechat_configs'>;
