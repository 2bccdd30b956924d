// Reading the alerts, as Alertmanager's API v2 shows them (api/v2/api.go):
// - GET /api/v2/alerts: every held alert not yet resolved, with the receivers the live
//   route tree sends it to, its status worked out now (silencedBy, inhibitedBy), sorted
//   by fingerprint;
// - GET /api/v2/alerts/groups: the aggregation groups and their unresolved alerts, sorted by
//   group labels then receiver (alerts in notification order).
// Both take `filter` (matchers, repeated: all must match; `name=""` also matches a missing
// label), `active`, `silenced`, `inhibited` (default true: which states to show) and
// `receiver` (an RE2 regex, anchored). `unprocessed` is read and, as in Alertmanager 0.25,
// has no effect: every alert shown has just been processed (its status worked out).
import { RE2JS, RE2JSSyntaxException } from 're2js';
import type { Alert } from '../../alerts/engine/alert';
import type { AlertEngine, AlertStatus } from '../../alerts/engine/engine';
import { compareAlerts, labelSetBefore } from '../../alerts/engine/order';
import type { Labels } from '../../alerts/labels';
import type { RouteTree } from '../../alerts/route-tree';
import { compileAnchored, type AnchoredRegex, type Matcher, MatcherError, matches } from '../../config/matchers';
import { HttpError } from '../errors';
import type { RequestContext } from '../router';
import { boolParam, filterParam, sendAm, sortedKeys } from './respond';

export interface AlertsReadDeps {
  engine: AlertEngine;
  /** The live route tree (null before the first reload). */
  tree(): RouteTree | null;
}

export function getAlerts({ res, url }: RequestContext, deps: AlertsReadDeps): void {
  const query = readQuery(url);
  const now = Date.now();
  const tree = deps.tree();
  const out: GettableAlert[] = [];
  for (const alert of deps.engine.held.list()) {
    const receivers = tree ? tree.match(alert.labels).map((node) => node.receiver) : [];
    if (query.receiver && !receivers.some((r) => query.receiver!.test(r))) continue;
    const status = shown(alert, now, query, deps.engine);
    if (status) out.push(gettable(alert, status, receivers));
  }
  out.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  sendAm(res, 200, out);
}

export function getAlertGroups({ res, url }: RequestContext, deps: AlertsReadDeps): void {
  const query = readQuery(url);
  const now = Date.now();
  // An alert's receivers here are those of the groups it is shown in (Alertmanager's too).
  const receiversOf = new Map<string, string[]>();
  const groups: { labels: Labels; receiver: string; alerts: { alert: Alert; status: AlertStatus }[] }[] = [];
  for (const group of deps.engine.groups().values()) {
    const receiver = group.current.receiver;
    if (query.receiver && !query.receiver.test(receiver)) continue;
    const alerts: { alert: Alert; status: AlertStatus }[] = [];
    for (const alert of group.list()) {
      const status = shown(alert, now, query, deps.engine);
      if (!status) continue;
      receiversOf.set(alert.fingerprint, [...(receiversOf.get(alert.fingerprint) ?? []), receiver]);
      alerts.push({ alert, status });
    }
    if (alerts.length > 0) groups.push({ labels: group.labels, receiver, alerts });
  }
  groups.sort((a, b) => (labelSetBefore(a.labels, b.labels) ? -1 : labelSetBefore(b.labels, a.labels) ? 1 : a.receiver < b.receiver ? -1 : a.receiver > b.receiver ? 1 : 0));
  for (const list of receiversOf.values()) list.sort();
  sendAm(
    res,
    200,
    groups.map((g) => ({
      alerts: g.alerts.sort((a, b) => compareAlerts(a.alert, b.alert)).map(({ alert, status }) => gettable(alert, status, receiversOf.get(alert.fingerprint) ?? [])),
      labels: sortedKeys(g.labels),
      receiver: { name: g.receiver },
    })),
  );
}

interface Query {
  matchers: Matcher[];
  active: boolean;
  silenced: boolean;
  inhibited: boolean;
  receiver: AnchoredRegex | null;
}

function readQuery(url: URL): Query {
  const query: Query = {
    matchers: filterParam(url),
    active: boolParam(url, 'active', true),
    silenced: boolParam(url, 'silenced', true),
    inhibited: boolParam(url, 'inhibited', true),
    receiver: null,
  };
  boolParam(url, 'unprocessed', true);
  const receiver = url.searchParams.get('receiver');
  if (receiver !== null) {
    try {
      // Compiled as Alertmanager compiles it, for its error message (Go's words).
      RE2JS.compile(`^(?:${receiver})$`);
      query.receiver = compileAnchored(receiver);
    } catch (err) {
      if (err instanceof MatcherError || err instanceof RE2JSSyntaxException) throw new HttpError(400, 'bad_receiver', `failed to parse receiver param: ${err.message}`);
      throw err;
    }
  }
  return query;
}

/** The alert's status when the query shows it, else null (Alertmanager's alertFilter). */
function shown(alert: Alert, now: number, query: Query, engine: AlertEngine): AlertStatus | null {
  if (alert.endsAt < now) return null;
  const status = engine.statusOf(alert, now);
  if (!query.active && status.state === 'active') return null;
  if (!query.silenced && status.silencedBy.length > 0) return null;
  if (!query.inhibited && status.inhibitedBy.length > 0) return null;
  return filterMatches(query.matchers, alert.labels) ? status : null;
}

/** Alertmanager's matchFilterLabels: a filter with an empty value passes when the label is
 *  absent (= and =~) or present (!= and !~); otherwise the matcher decides. */
function filterMatches(matchers: readonly Matcher[], labels: Labels): boolean {
  return matchers.every((m) => {
    const present = Object.hasOwn(labels, m.name);
    const negative = m.op === '!=' || m.op === '!~';
    if (m.value === '' && present === negative) return true;
    return matches(m, labels);
  });
}

interface GettableAlert {
  annotations: Labels;
  endsAt: string;
  fingerprint: string;
  receivers: { name: string }[];
  startsAt: string;
  status: AlertStatus;
  updatedAt: string;
  generatorURL?: string;
  labels: Labels;
}

function gettable(alert: Alert, status: AlertStatus, receivers: readonly string[]): GettableAlert {
  return {
    annotations: sortedKeys(alert.annotations),
    endsAt: iso(alert.endsAt),
    fingerprint: alert.fingerprint,
    receivers: receivers.map((name) => ({ name })),
    startsAt: iso(alert.startsAt),
    status: { inhibitedBy: status.inhibitedBy, silencedBy: status.silencedBy, state: status.state },
    updatedAt: iso(alert.updatedAt),
    ...(alert.generatorURL ? { generatorURL: alert.generatorURL } : {}),
    labels: sortedKeys(alert.labels),
  };
}

/** strfmt.DateTime as Alertmanager writes it: RFC 3339 with milliseconds, UTC. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
