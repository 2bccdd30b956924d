// What happens to a group's notification between its timer and the receivers
// (Alertmanager's notify pipeline), in order:
//   1. time intervals: a route in one of its mute_time_intervals, or outside its
//      active_time_intervals, sends nothing now;
//   2. inhibition: alerts muted by a firing source alert are left out;
//   3. silences: alerts an active silence matches are left out;
//   4. per integration of the receiver, in parallel: dedup against the notification log
//      (anything new to say, or repeat_interval passed?), resolved alerts only with
//      send_resolved, the send with retries (exponential backoff, until the next
//      group_interval), and on success the log entry.
// A notification whose alerts are all left out, or that has nothing new to say, counts as
// delivered: the group then drops its resolved alerts, as Alertmanager's does.
import type { Labels } from '../labels';
import type { Inhibitor } from '../inhibitor';
import { resolvedAt, type Alert } from './alert';
import type { GroupNotification, Scheduler } from './aggregation-group';
import { logKey, needsUpdate, type NotificationLog } from './notification-log';
import type { Silences } from './silences';
import { inIntervals, type IntervalSet } from './time-intervals';

/** One notification as an integration sends it. */
export interface Notification {
  receiver: string;
  groupKey: string;
  groupLabels: Labels;
  /** Firing or resolved as of `now`. */
  alerts: readonly Alert[];
  now: number;
}

/** A failed send; `retryable` as Alertmanager decides it (5xx, 429, network: yes; 4xx: no). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface Integration {
  /** Unique within the receiver, e.g. `webhook/0`: names its notification-log entry. */
  readonly key: string;
  readonly sendResolved: boolean;
  send(n: Notification): Promise<void>;
}

export interface PipelineDeps {
  scheduler: Scheduler;
  nflog: NotificationLog;
  silences: Silences;
  /** The live config's parts, read at each notification (a reload swaps them). */
  current(): { inhibitor: Inhibitor; intervals: IntervalSet; integrations(receiver: string): readonly Integration[] };
  /** Whether a target is muted by an alert firing at `now`, under the inhibitor's rules. */
  muted(inhibitor: Inhibitor, now: number): (target: Labels) => boolean;
  /** Called for each attempt, for history and metrics. */
  onAttempt?(a: DeliveryAttemptEvent): void;
  retry?: { initialMs: number; maxMs: number };
}

/** One try to deliver one notification to one integration. `final` is set on the try that
 *  decides the notification: it succeeded, or it failed and no retry follows. */
export interface DeliveryAttemptEvent {
  receiver: string;
  /** `<kind>/<index>` within the receiver. */
  integration: string;
  groupKey: string;
  groupLabels: Labels;
  attempt: number;
  ok: boolean;
  final: boolean;
  error?: string;
  ms: number;
  alerts: number;
}

export function createPipeline(deps: PipelineDeps): (n: GroupNotification) => Promise<boolean> {
  const retry = deps.retry ?? { initialMs: 500, maxMs: 60_000 };
  return async ({ groupKey, groupLabels, route, alerts, now }) => {
    const live = deps.current();
    if (route.muteTimeIntervals.length > 0 && inIntervals(live.intervals, route.muteTimeIntervals, now)) return true;
    if (route.activeTimeIntervals.length > 0 && !inIntervals(live.intervals, route.activeTimeIntervals, now)) return true;
    const muted = deps.muted(live.inhibitor, now);
    const shown = alerts.filter((a) => !muted(a.labels) && deps.silences.silencing(a.labels, now, a.fingerprint).length === 0);
    if (shown.length === 0) return true;

    const deadline = now + route.groupIntervalMs;
    const results = await Promise.all(
      live.integrations(route.receiver).map((integration) => notifyOne(integration, { receiver: route.receiver, groupKey, groupLabels, alerts: shown, now }, route.repeatIntervalMs, deadline, retry, deps)),
    );
    return results.every(Boolean);
  };
}

async function notifyOne(integration: Integration, n: Notification, repeatMs: number, deadline: number, retry: { initialMs: number; maxMs: number }, deps: PipelineDeps): Promise<boolean> {
  const firing = new Set(n.alerts.filter((a) => !resolvedAt(a, n.now)).map((a) => a.fingerprint));
  const resolved = new Set(n.alerts.filter((a) => resolvedAt(a, n.now)).map((a) => a.fingerprint));
  const key = logKey(n.groupKey, `${n.receiver}/${integration.key}`);
  if (!needsUpdate(deps.nflog.get(key), firing, resolved, { repeatMs, sendResolved: integration.sendResolved, now: n.now })) return true;
  const alerts = integration.sendResolved ? n.alerts : n.alerts.filter((a) => !resolvedAt(a, n.now));
  if (alerts.length === 0) return true;

  let wait = retry.initialMs;
  for (let attempt = 1; ; attempt++) {
    const started = deps.scheduler.now();
    try {
      await integration.send({ ...n, alerts });
      deps.onAttempt?.({ receiver: n.receiver, integration: integration.key, groupKey: n.groupKey, groupLabels: n.groupLabels, attempt, ok: true, final: true, ms: deps.scheduler.now() - started, alerts: alerts.length });
      deps.nflog.record(key, firing, resolved, n.now);
      return true;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const retryable = !(err instanceof DeliveryError) || err.retryable;
      const final = !retryable || deps.scheduler.now() + wait >= deadline;
      deps.onAttempt?.({ receiver: n.receiver, integration: integration.key, groupKey: n.groupKey, groupLabels: n.groupLabels, attempt, ok: false, final, error: message, ms: deps.scheduler.now() - started, alerts: alerts.length });
      if (final) return false;
      await new Promise<void>((resolve) => deps.scheduler.setTimeout(resolve, wait));
      wait = Math.min(wait * 1.5, retry.maxMs);
    }
  }
}
