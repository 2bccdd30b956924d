// The alert engine: alerts in, notifications out, as Alertmanager does it. It holds the
// alerts (merged per fingerprint), routes them into aggregation groups, and sends each
// group's notification through the pipeline (time intervals, inhibition, silences, dedup,
// retries). Silences and the notification log are its state; the config's parts (route
// tree, receivers' integrations, inhibition rules, time intervals) come from the live
// components and are read at each use, so a reload takes effect without restarting it.
import type { RouteTree } from '../route-tree';
import type { Alert, PostedAlert } from './alert';
import { receive, resolvedAt } from './alert';
import type { InhibitionIndex, Inhibitor } from '../inhibitor';
import type { Labels } from '../labels';
import { realScheduler, type Scheduler } from './aggregation-group';
import { Dispatcher } from './dispatcher';
import { HeldAlerts } from './held-alerts';
import { NotificationLog } from './notification-log';
import { createPipeline, type PipelineDeps } from './pipeline';
import type { EngineState } from './engine-state';
import { Silences } from './silences';

/** Alertmanager's types.AlertStatus, as its API v2 shows it. */
export interface AlertStatus {
  state: 'active' | 'suppressed';
  silencedBy: string[];
  inhibitedBy: string[];
}

export interface EngineOptions {
  scheduler?: Scheduler;
  /** global.resolve_timeout of the live config, in ms. */
  resolveTimeoutMs(): number;
  current: PipelineDeps['current'];
  onAttempt?: PipelineDeps['onAttempt'];
  /** How often groups, alerts, silences and the log are tidied (Alertmanager: 30 s). */
  maintenanceMs?: number;
  /** Where silences and the notification log persist; in memory only without one. */
  state?: EngineState;
  retry?: PipelineDeps['retry'];
}

/** Resolved alerts stay held this long, so their groups can still tell them resolved. */
const KEEP_RESOLVED_MS = 15 * 60_000;

export class AlertEngine {
  readonly held = new HeldAlerts();
  readonly silences: Silences;
  readonly nflog: NotificationLog;
  private readonly scheduler: Scheduler;
  private readonly dispatcher: Dispatcher;
  private maintenance: unknown = null;
  /** The inhibition index over the held alerts, for one inhibitor and one held version. */
  private inhibition: { inhibitor: Inhibitor; version: number; index: InhibitionIndex<Alert> } | null = null;

  constructor(private readonly opts: EngineOptions) {
    this.scheduler = opts.scheduler ?? realScheduler;
    // Silences and the log are read back from disk first, then written through.
    const state = opts.state;
    this.silences = new Silences(undefined, undefined, state ? (c) => ('stored' in c ? state.saveSilence(c.stored) : state.dropSilence(c.forgotten)) : undefined);
    this.nflog = new NotificationLog(undefined, state ? (key, entry) => state.saveLog(key, entry) : undefined);
    if (state) {
      this.silences.restore(state.loadSilences());
      this.nflog.restore(state.loadLog());
    }
    const deliver = createPipeline({
      scheduler: this.scheduler,
      nflog: this.nflog,
      silences: this.silences,
      current: opts.current,
      muted: (inhibitor, now) => this.muted(inhibitor, now),
      ...(opts.onAttempt ? { onAttempt: opts.onAttempt } : {}),
      ...(opts.retry ? { retry: opts.retry } : {}),
    });
    this.dispatcher = new Dispatcher(this.scheduler, deliver);
    this.scheduleMaintenance();
  }

  /** The live route tree: at start, and after every reload that changed routing. */
  setTree(tree: RouteTree): void {
    this.dispatcher.setTree(tree, this.held.values());
  }

  /** Posted alerts (already read, see posted-alerts.ts): merged, held and routed. */
  receive(posted: readonly PostedAlert[]): Alert[] {
    const held = this.hold(posted);
    for (const alert of held) this.route(alert);
    return held;
  }

  /** The first half of receive: posted alerts merged into the held ones; returns what is
   *  held now for each. Route them (`route`) in the same turn of the event loop, so the
   *  config that routes them is the one in force when they arrived. */
  hold(posted: readonly PostedAlert[]): Alert[] {
    const now = this.scheduler.now();
    const resolveTimeout = this.opts.resolveTimeoutMs();
    return posted.map((p) => this.held.put(receive(p, now, resolveTimeout), now));
  }

  /** The second half of receive: a held alert into the groups of its routes; returns the
   *  receivers of those routes. */
  route(alert: Alert): string[] {
    return [...new Set(this.dispatcher.process(alert).map((node) => node.receiver))];
  }

  /** Whether a target is muted at `now`. The index is shared by every group's notification
   *  until an alert arrives or the rules change; whether a source still fires is checked at
   *  lookup, so an alert that resolved since the index was built mutes nothing. */
  private muted(inhibitor: Inhibitor, now: number): (target: Labels) => boolean {
    if (inhibitor.rules.length === 0) return () => false;
    const index = this.inhibitionIndex(inhibitor);
    return (target) => index.inhibits(target, (source) => !resolvedAt(source, now));
  }

  private inhibitionIndex(inhibitor: Inhibitor): InhibitionIndex<Alert> {
    let cached = this.inhibition;
    if (!cached || cached.inhibitor !== inhibitor || cached.version !== this.held.version) {
      cached = { inhibitor, version: this.held.version, index: inhibitor.index(this.held.list(), (a) => a.labels) };
      this.inhibition = cached;
    }
    return cached.index;
  }

  /**
   * An alert's status as Alertmanager's API shows it (types.AlertStatus), worked out at
   * `now` from the live inhibition rules and the silences, as Alertmanager's API does on
   * every read: the active silences that silence it (sorted ids), the firing alert that
   * inhibits it (its fingerprint), and `suppressed` when either holds.
   */
  statusOf(alert: Alert, now: number): AlertStatus {
    const silencedBy = this.silences.silencing(alert.labels, now, alert.fingerprint).sort();
    const { inhibitor } = this.opts.current();
    const source = inhibitor.rules.length === 0 ? undefined : this.inhibitionIndex(inhibitor).inhibitedBy(alert.labels, (s) => !resolvedAt(s, now));
    const inhibitedBy = source ? [source.fingerprint] : [];
    return { state: silencedBy.length > 0 || inhibitedBy.length > 0 ? 'suppressed' : 'active', silencedBy, inhibitedBy };
  }

  groups() {
    return this.dispatcher.list();
  }

  maintain(): void {
    const now = this.scheduler.now();
    this.dispatcher.prune();
    this.held.collect(now - KEEP_RESOLVED_MS);
    this.nflog.expire(now);
    this.opts.state?.dropLogBefore(now - 120 * 3_600_000);
    this.silences.gc(now);
  }

  stop(): void {
    if (this.maintenance !== null) this.scheduler.clearTimeout(this.maintenance);
    this.maintenance = null;
    this.dispatcher.stop();
  }

  private scheduleMaintenance(): void {
    this.maintenance = this.scheduler.setTimeout(() => {
      this.maintain();
      this.scheduleMaintenance();
    }, this.opts.maintenanceMs ?? 30_000);
    (this.maintenance as { unref?: () => void }).unref?.();
  }
}
