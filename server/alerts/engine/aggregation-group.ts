// One aggregation group: the alerts one route collects under one set of group labels, and
// the timers that decide when they are notified (Alertmanager's dispatch.aggrGroup):
// - the first notification waits group_wait — unless an alert is older than that already,
//   then it goes at once;
// - after each notification the next comes group_interval later (the notification itself
//   decides, through the notification log, whether there is anything new to say);
// - alerts that were resolved when notified successfully, and not updated since, leave.
// A group that outlives a reload keeps its alerts and timer; its new settings apply from
// the next notification on.
import type { Labels } from '../labels';
import type { RouteNode } from '../route-tree';
import { resolvedAt, type Alert } from './alert';
import { compareAlerts } from './order';

export interface Scheduler {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

// A zero wait (group_wait: 0s, a group that is already overdue) runs on the next turn of the
// event loop: Node's setTimeout waits at least 1 ms, where Go's timer fires at once.
const immediates = new WeakSet<object>();

export const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    if (ms > 0) return setTimeout(fn, ms);
    const handle = setImmediate(fn);
    immediates.add(handle);
    return handle;
  },
  clearTimeout: (h) => (immediates.has(h as object) ? clearImmediate(h as NodeJS.Immediate) : clearTimeout(h as NodeJS.Timeout)),
};

/** What a group hands over when its timer fires. */
export interface GroupNotification {
  groupKey: string;
  groupLabels: Labels;
  route: RouteNode;
  /** In Alertmanager's order; `resolved` as of `now`. */
  alerts: readonly Alert[];
  now: number;
}

/** Delivers a notification; true when every integration succeeded. */
export type Deliver = (n: GroupNotification) => Promise<boolean>;

export class AggregationGroup {
  private readonly alerts = new Map<string, Alert>();
  private timer: unknown = null;
  private hasFlushed = false;
  private flushing = false;
  private stopped = false;

  constructor(
    readonly key: string,
    readonly labels: Labels,
    private route: RouteNode,
    private readonly scheduler: Scheduler,
    private readonly deliver: Deliver,
  ) {
    this.schedule(route.groupWaitMs);
  }

  get size(): number {
    return this.alerts.size;
  }

  get current(): RouteNode {
    return this.route;
  }

  list(): Alert[] {
    return [...this.alerts.values()];
  }

  insert(alert: Alert): void {
    this.alerts.set(alert.fingerprint, alert);
    // An alert older than group_wait needs no waiting: notify now.
    if (!this.hasFlushed && alert.startsAt + this.route.groupWaitMs < this.scheduler.now()) this.schedule(0);
  }

  /** A reload kept this group's route (same key); its new settings apply from now on. A
   *  group still waiting whose alerts are older than a shortened group_wait notifies now. */
  setRoute(route: RouteNode): void {
    const waitShortened = route.groupWaitMs < this.route.groupWaitMs;
    this.route = route;
    if (!waitShortened || this.hasFlushed) return;
    const now = this.scheduler.now();
    for (const alert of this.alerts.values()) {
      if (alert.startsAt + route.groupWaitMs < now) return this.schedule(0);
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = this.scheduler.setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    this.timer = null;
    this.schedule(this.route.groupIntervalMs);
    this.hasFlushed = true;
    // A notification still running (a slow receiver) is not overtaken by the next one.
    if (this.flushing || this.alerts.size === 0) return;
    this.flushing = true;
    try {
      await this.flush();
    } finally {
      this.flushing = false;
    }
  }

  private async flush(): Promise<void> {
    const now = this.scheduler.now();
    const alerts = this.list().sort(compareAlerts);
    const delivered = await this.deliver({ groupKey: this.key, groupLabels: this.labels, route: this.route, alerts, now }).catch(() => false);
    if (!delivered) return;
    for (const sent of alerts) {
      const held = this.alerts.get(sent.fingerprint);
      if (held && resolvedAt(sent, now) && held.updatedAt === sent.updatedAt) this.alerts.delete(sent.fingerprint);
    }
  }
}
