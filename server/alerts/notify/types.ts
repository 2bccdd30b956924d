// What a notifier is given and what it answers. One notification is Alertmanager's
// template.Data plus the group key: the receiver's name, a group of alerts that share
// `groupLabels`, and (from the service) the external URL.
import type { Labels } from '../labels';

export interface NotifyAlert {
  status: 'firing' | 'resolved';
  labels: Labels;
  annotations: Labels;
  /** RFC 3339 text, sent as given (webhook) and parsed for templates. */
  startsAt: string;
  /** Absent (or null) while firing: sent as Go's zero time, as Alertmanager does. */
  endsAt?: string | null;
  generatorURL?: string;
  fingerprint: string;
}

/** One notification's group: alerts that share `groupLabels`. */
export interface NotificationGroup {
  /** Identifies the group across notifications (Alertmanager: route path + group labels). */
  groupKey: string;
  groupLabels: Labels;
  alerts: readonly NotifyAlert[];
}

/** A group addressed to one receiver. */
export interface Notification extends NotificationGroup {
  receiver: string;
}

/** The integration kinds, as the config names them without `_configs`. */
export const INTEGRATION_KINDS = [
  'webhook', 'slack', 'email', 'pagerduty', 'opsgenie', 'msteams', 'discord', 'telegram',
  'webex', 'victorops', 'pushover', 'sns', 'wechat',
] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];

/**
 * One configured integration (Alertmanager's Notifier + Integration).
 *
 * `notify` makes exactly one attempt: it renders the integration's templates over the
 * notification and sends the request Alertmanager 0.25 sends. It resolves when the service
 * accepted it and rejects with a NotifyError otherwise; `retryable` says whether the same
 * notification may succeed later (5xx, 429, network errors, timeouts) or never will (other
 * 4xx, a template or config error). Retrying with backoff is the caller's job.
 *
 * The caller filters alerts first: without `sendResolved` it passes only the firing alerts,
 * and calls nothing when none fires (see `alertsToSend`). Messages never contain a secret
 * (URL, key, token); they do not name the integration either: the caller prefixes `label`.
 */
export interface Notifier {
  readonly kind: IntegrationKind;
  /** Config path, e.g. `receivers.2.webhook_configs.0`. */
  readonly label: string;
  readonly sendResolved: boolean;
  /** The longest one attempt takes before it fails as retryable (timeout). */
  readonly timeoutMs: number;
  notify(notification: Notification, options?: { signal?: AbortSignal }): Promise<void>;
}

export class NotifyError extends Error {
  override name = 'NotifyError';
  constructor(
    message: string,
    /** Whether trying the same notification again may succeed. */
    readonly retryable: boolean,
    /** The HTTP status that failed the attempt, if one did. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Alertmanager's rule: without send_resolved only the firing alerts are sent, and nothing when none fires. */
export function alertsToSend(n: Pick<Notifier, 'sendResolved'>, alerts: readonly NotifyAlert[]): readonly NotifyAlert[] {
  return n.sendResolved ? alerts : alerts.filter((a) => a.status === 'firing');
}
