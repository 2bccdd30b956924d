// The bodies notifiers send, shaped as Alertmanager shapes them so existing webhook
// consumers and Slack channels keep working: the webhook payload is Alertmanager's version
// "4" message; the Slack message is its attachment form. Templates are not evaluated:
// `title`/`text` from the config are sent as written, and the defaults follow Alertmanager's
// default templates.
import { labelValue, type Labels } from './labels';

export interface NotifyAlert {
  status: 'firing' | 'resolved';
  labels: Labels;
  annotations: Labels;
  startsAt: string;
  /** Absent while firing with no known end. */
  endsAt?: string | null;
  generatorURL?: string;
  fingerprint: string;
}

/** One notification: a group of alerts that share `groupLabels`. */
export interface NotificationGroup {
  /** Identifies the group across notifications (Alertmanager: route path + group labels). */
  groupKey: string;
  groupLabels: Labels;
  alerts: readonly NotifyAlert[];
}

export interface WebhookMessage {
  receiver: string;
  status: 'firing' | 'resolved';
  alerts: Array<Required<Omit<NotifyAlert, 'endsAt'>> & { endsAt: string }>;
  groupLabels: Labels;
  commonLabels: Labels;
  commonAnnotations: Labels;
  externalURL: string;
  version: '4';
  groupKey: string;
  truncatedAlerts: number;
}

/** Go's zero time: what Alertmanager writes as endsAt for an alert with no end. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

export function groupStatus(alerts: readonly NotifyAlert[]): 'firing' | 'resolved' {
  return alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved';
}

/** Alertmanager's webhook body. `maxAlerts` 0 = all; the rest are counted in truncatedAlerts. */
export function webhookMessage(receiver: string, group: NotificationGroup, opts: { maxAlerts: number; externalURL: string }): WebhookMessage {
  const kept = opts.maxAlerts > 0 ? group.alerts.slice(0, opts.maxAlerts) : group.alerts;
  return {
    receiver,
    status: groupStatus(group.alerts),
    alerts: kept.map((a) => ({
      status: a.status,
      labels: a.labels,
      annotations: a.annotations,
      startsAt: a.startsAt,
      endsAt: a.endsAt ?? ZERO_TIME,
      generatorURL: a.generatorURL ?? '',
      fingerprint: a.fingerprint,
    })),
    groupLabels: group.groupLabels,
    commonLabels: common(group.alerts.map((a) => a.labels)),
    commonAnnotations: common(group.alerts.map((a) => a.annotations)),
    externalURL: opts.externalURL,
    version: '4',
    groupKey: group.groupKey,
    truncatedAlerts: group.alerts.length - kept.length,
  };
}

export interface SlackMessage {
  channel?: string;
  username: string;
  attachments: Array<{ title: string; text: string; fallback: string; color: 'danger' | 'good'; mrkdwn_in: string[] }>;
}

export function slackMessage(group: NotificationGroup, opts: { channel?: string; username?: string; title?: string; text?: string }): SlackMessage {
  const status = groupStatus(group.alerts);
  const title = opts.title ?? defaultTitle(group, status);
  return {
    ...(opts.channel ? { channel: opts.channel } : {}),
    username: opts.username ?? 'hotconf',
    attachments: [
      {
        title,
        text: opts.text ?? defaultText(group),
        fallback: title,
        color: status === 'firing' ? 'danger' : 'good',
        mrkdwn_in: ['fallback', 'pretext', 'text'],
      },
    ],
  };
}

/** Alertmanager's slack.default.title: `[FIRING:2] <group label values> (<other common labels>)`. */
function defaultTitle(group: NotificationGroup, status: 'firing' | 'resolved'): string {
  const firing = group.alerts.filter((a) => a.status === 'firing').length;
  const head = status === 'firing' ? `[FIRING:${firing}]` : '[RESOLVED]';
  const groupNames = Object.keys(group.groupLabels).sort();
  const commonLabels = common(group.alerts.map((a) => a.labels));
  const extra = Object.keys(commonLabels)
    .filter((k) => !Object.hasOwn(group.groupLabels, k))
    .sort()
    .map((k) => commonLabels[k]);
  const values = groupNames.map((k) => group.groupLabels[k]).join(' ');
  return [head, values, extra.length ? `(${extra.join(' ')})` : ''].filter(Boolean).join(' ');
}

function defaultText(group: NotificationGroup): string {
  return group.alerts
    .map((a) => {
      const what = labelValue(a.annotations, 'summary') || labelValue(a.annotations, 'description') || labelValue(a.labels, 'alertname');
      return `• [${a.status}] ${what}`;
    })
    .join('\n');
}

/** The label pairs every set shares (Alertmanager's CommonLabels / CommonAnnotations). */
function common(sets: readonly Labels[]): Labels {
  const [first, ...rest] = sets;
  if (!first) return {};
  // fromEntries defines own properties, so even a label named __proto__ survives.
  return Object.fromEntries(Object.entries(first).filter(([k, v]) => rest.every((s) => Object.hasOwn(s, k) && s[k] === v)));
}
