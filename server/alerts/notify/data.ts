// Template data (Alertmanager's template.Data) from a notification, and the group-level
// facts notifiers share: status, common labels, the group key's hash.
import { createHash } from 'node:crypto';
import { templateData, type Data, type WebhookData } from '../../template';
import type { Labels } from '../labels';
import type { Notification, NotifyAlert } from './types';

/** Go's zero time: what Alertmanager writes as endsAt for an alert with no end. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

/** Firing when any alert fires (types.Alerts.Status). */
export function groupStatus(alerts: readonly NotifyAlert[]): 'firing' | 'resolved' {
  return alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved';
}

/**
 * The pairs every set shares, as Alertmanager computes them: the first set's pairs whose
 * value every other set has too (a missing name reads as "", as a Go map does).
 */
export function commonPairs(sets: readonly Labels[]): Record<string, string> {
  const [first, ...rest] = sets;
  if (!first) return {};
  const read = (s: Labels, k: string) => (Object.hasOwn(s, k) ? s[k] : '');
  // fromEntries defines own properties, so even a label named __proto__ survives.
  return Object.fromEntries(Object.entries(first).filter(([k, v]) => rest.every((s) => read(s, k) === v)));
}

export interface AlertJson {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

export interface DataJson extends WebhookData {
  receiver: string;
  status: 'firing' | 'resolved';
  alerts: AlertJson[];
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
}

/** The notification as Alertmanager's webhook JSON names its parts (template.Data's JSON). */
export function webhookData(n: Notification, externalURL: string): DataJson {
  return {
    receiver: n.receiver,
    status: groupStatus(n.alerts),
    alerts: n.alerts.map((a) => ({
      status: a.status,
      labels: { ...a.labels },
      annotations: { ...a.annotations },
      startsAt: a.startsAt,
      endsAt: a.endsAt ?? ZERO_TIME,
      generatorURL: a.generatorURL ?? '',
      fingerprint: a.fingerprint,
    })),
    groupLabels: { ...n.groupLabels },
    commonLabels: commonPairs(n.alerts.map((a) => a.labels)),
    commonAnnotations: commonPairs(n.alerts.map((a) => a.annotations)),
    externalURL,
  };
}

export function dataOf(n: Notification, externalURL: string): Data {
  return templateData(webhookData(n, externalURL));
}

/** notify.Key.Hash: the SHA-256 of the group key, in hex (PagerDuty dedup key, Opsgenie alias…). */
export function groupKeyHash(groupKey: string): string {
  return createHash('sha256').update(groupKey, 'utf8').digest('hex');
}

/** notify.TruncateInRunes: at most n characters, the last one "…" when cut. */
export function truncateInRunes(s: string, n: number): { text: string; truncated: boolean } {
  const r = [...s];
  if (r.length <= n) return { text: s, truncated: false };
  if (n <= 3) return { text: r.slice(0, n).join(''), truncated: true };
  return { text: r.slice(0, n - 1).join('') + '…', truncated: true };
}

/** notify.TruncateInBytes: at most n UTF-8 bytes, ending in "…" when cut, never splitting a character. */
export function truncateInBytes(s: string, n: number): { text: string; truncated: boolean } {
  if (Buffer.byteLength(s, 'utf8') <= n) return { text: s, truncated: false };
  if (n <= 3) return { text: n === 3 ? '…' : '.'.repeat(n), truncated: true };
  let out = '';
  let bytes = 0;
  for (const c of s) {
    const len = Buffer.byteLength(c, 'utf8');
    if (bytes + len > n - 3) break;
    out += c;
    bytes += len;
  }
  return { text: out + '…', truncated: true };
}
