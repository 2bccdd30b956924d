// The alerts the engine holds (Alertmanager's in-memory provider): one per fingerprint, each
// post merged into what is held; resolved alerts are dropped by a periodic collection (they
// stay long enough for their groups to notify them resolved).
import type { Labels } from '../labels';
import { merge, resolvedAt, type Alert } from './alert';

export class HeldAlerts {
  private readonly byFingerprint = new Map<string, Alert>();
  /** Bumped on every change, so what is derived from the held alerts (the inhibition
   *  index) is rebuilt only when they changed, not on every group's notification. */
  version = 0;

  /** Merges a received alert into the held one; returns what is held now. */
  put(alert: Alert, now: number): Alert {
    const held = this.byFingerprint.get(alert.fingerprint);
    const next = held ? merge(held, alert, now) : alert;
    this.byFingerprint.set(alert.fingerprint, next);
    this.version++;
    return next;
  }

  get(fingerprint: string): Alert | undefined {
    return this.byFingerprint.get(fingerprint);
  }

  list(): Alert[] {
    return [...this.byFingerprint.values()];
  }

  /** The held alerts without a copy (a reload that moves every group reads none of them). */
  values(): IterableIterator<Alert> {
    return this.byFingerprint.values();
  }

  /** Labels of the alerts firing at `now` (inhibition sources). */
  firing(now: number): Labels[] {
    const out: Labels[] = [];
    for (const a of this.byFingerprint.values()) if (!resolvedAt(a, now)) out.push(a.labels);
    return out;
  }

  get size(): number {
    return this.byFingerprint.size;
  }

  /** Drops alerts resolved before `before`; returns how many. */
  collect(before: number): number {
    let dropped = 0;
    for (const [fp, a] of this.byFingerprint) {
      if (a.endsAt < before) {
        this.byFingerprint.delete(fp);
        this.version++;
        dropped++;
      }
    }
    return dropped;
  }
}
