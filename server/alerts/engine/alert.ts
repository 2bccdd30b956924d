// An alert as the engine holds it, with Alertmanager's lifecycle rules (types.Alert):
// - an alert posted without startsAt starts now (or at its endsAt, if it has one);
// - one without endsAt is "firing until resolve_timeout passes without an update": its
//   endsAt is set to now + resolve_timeout and marked as a timeout;
// - a later post of the same label set merges with what is held (merge below);
// - an alert is resolved once its endsAt is not in the future.
import type { Labels } from '../labels';
import { fingerprint } from './fingerprint';

export interface Alert {
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly generatorURL: string;
  /** When the engine last received it (epoch ms): the newer of two posts wins a merge. */
  readonly updatedAt: number;
  /** endsAt was set by resolve_timeout, not by the sender. */
  readonly timeout: boolean;
  readonly fingerprint: string;
}

/** An alert as a client posts it; times in epoch ms, absent when not given. */
export interface PostedAlert {
  labels: Labels;
  annotations?: Labels;
  startsAt?: number;
  endsAt?: number;
  generatorURL?: string;
}

/** Alertmanager's API v2 handling of a posted alert (api/v2/api.go postAlertsHandler). */
export function receive(posted: PostedAlert, now: number, resolveTimeoutMs: number): Alert {
  const startsAt = posted.startsAt ?? posted.endsAt ?? now;
  const timeout = posted.endsAt === undefined;
  return {
    labels: posted.labels,
    annotations: posted.annotations ?? {},
    startsAt,
    endsAt: timeout ? now + resolveTimeoutMs : posted.endsAt!,
    generatorURL: posted.generatorURL ?? '',
    updatedAt: now,
    timeout,
    fingerprint: fingerprint(posted.labels),
  };
}

export function resolvedAt(alert: Alert, at: number): boolean {
  return alert.endsAt <= at;
}

/**
 * Two posts of one alert combined (types.Alert.Merge), at `now`: the younger wins, but the
 * earliest start is kept; of two resolved ends the later is kept, and a sender's explicit
 * end beats a resolve_timeout guess when it is the later one.
 */
export function merge(a: Alert, b: Alert, now: number): Alert {
  const [older, younger] = b.updatedAt < a.updatedAt ? [b, a] : [a, b];
  const startsAt = older.startsAt < younger.startsAt ? older.startsAt : younger.startsAt;
  let endsAt = younger.endsAt;
  if (resolvedAt(younger, now)) {
    if (resolvedAt(older, now) && older.endsAt > younger.endsAt) endsAt = older.endsAt;
  } else if (older.endsAt > younger.endsAt && !older.timeout) {
    endsAt = older.endsAt;
  }
  return { ...younger, startsAt, endsAt };
}
