// A POST /api/v2/alerts body read as Alertmanager 0.25 reads it, in its two steps:
// 1. the body must fit the API's schema — a JSON array of objects with `labels` (an object
//    of strings, required), `annotations` (the same), `startsAt`/`endsAt` (RFC 3339) and
//    `generatorURL` (a string); anything else refuses the whole body (nothing is taken);
// 2. each alert is then checked on its own: empty label values are dropped; an alert left
//    without labels, with more than MAX_LABELS_PER_ALERT of them (hotconf's own limit), with
//    an invalid label name, or ending before it starts is refused,
//    while the other alerts of the body are still taken (Alertmanager answers 400 and keeps
//    them).
// Every problem names the alert's index and field.
import { isLabelName } from '../../config/matchers';
import type { PostedAlert } from './alert';

export interface ReadAlerts {
  alerts: PostedAlert[];
  problems: string[];
}

/** The body does not fit the API's schema: nothing of it is taken. */
export class PostedAlertsError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/** Label pairs one alert may carry. Alertmanager sets no limit, but every label is hashed
 *  into the fingerprint, matched by every route and inhibit rule, stored and sent with every
 *  notification of its group: an alert with 100,000 labels costs that at each step. Real
 *  alerts carry tens; a thousand leaves room for any generator while refusing the absurd. */
export const MAX_LABELS_PER_ALERT = 1_000;

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export function readPostedAlerts(body: unknown): ReadAlerts {
  if (!Array.isArray(body)) throw new PostedAlertsError(['the body must be a JSON array of alerts, e.g. [{"labels": {"alertname": "X"}}]']);
  const shapeProblems = body.flatMap((raw, i) => shapeOf(raw, `alerts[${i}]`));
  if (shapeProblems.length > 0) throw new PostedAlertsError(shapeProblems);

  const alerts: PostedAlert[] = [];
  const problems: string[] = [];
  (body as Record<string, unknown>[]).forEach((a, i) => {
    const labels = Object.fromEntries(Object.entries(a.labels as Record<string, string>).filter(([, v]) => v !== ''));
    const startsAt = time(a.startsAt);
    const endsAt = time(a.endsAt);
    const badName = Object.keys(labels).find((name) => !isLabelName(name));
    const count = Object.keys(labels).length;
    if (count === 0) problems.push(`alerts[${i}].labels: at least one label pair required`);
    else if (count > MAX_LABELS_PER_ALERT) problems.push(`alerts[${i}].labels: ${count} label pairs, more than the ${MAX_LABELS_PER_ALERT} an alert may carry`);
    else if (badName !== undefined) problems.push(`alerts[${i}].labels.${badName}: invalid label name`);
    else if (startsAt !== undefined && endsAt !== undefined && endsAt < startsAt) problems.push(`alerts[${i}].endsAt: start time must be before end time`);
    else {
      alerts.push({
        labels,
        annotations: (a.annotations as Record<string, string> | undefined) ?? {},
        ...(startsAt !== undefined ? { startsAt } : {}),
        ...(endsAt !== undefined ? { endsAt } : {}),
        ...(typeof a.generatorURL === 'string' ? { generatorURL: a.generatorURL } : {}),
      });
    }
  });
  return { alerts, problems };
}

/** Problems of one alert against the API's schema. */
function shapeOf(raw: unknown, at: string): string[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return [`${at}: must be an object`];
  const a = raw as Record<string, unknown>;
  const out: string[] = [];
  if (a.labels === undefined) out.push(`${at}.labels: required`);
  else out.push(...stringsOf(a.labels, `${at}.labels`));
  if (a.annotations !== undefined) out.push(...stringsOf(a.annotations, `${at}.annotations`));
  for (const field of ['startsAt', 'endsAt'] as const) {
    const v = a[field];
    if (v !== undefined && (typeof v !== 'string' || !RFC3339.test(v) || !Number.isFinite(Date.parse(v)))) out.push(`${at}.${field}: must be an RFC 3339 date-time, e.g. 2026-11-27T10:00:00Z`);
  }
  if (a.generatorURL !== undefined && typeof a.generatorURL !== 'string') out.push(`${at}.generatorURL: must be a string (a URI)`);
  return out;
}

function stringsOf(value: unknown, at: string): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${at}: must be an object of name: value`];
  return Object.entries(value)
    .filter(([, v]) => typeof v !== 'string')
    .map(([name]) => `${at}.${name}: must be a string`);
}

/** Go's zero time, parsed once: time() runs twice per posted alert, on the ingest path. */
const GO_ZERO_TIME_MS = Date.parse('0001-01-01T00:00:00Z');

/** Go's zero time means "not set", as an absent field does. */
function time(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return ms <= GO_ZERO_TIME_MS ? undefined : ms;
}
