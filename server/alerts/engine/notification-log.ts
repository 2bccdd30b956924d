// The notification log (Alertmanager's nflog): for each group and each integration of its
// receiver, which alerts the last successful notification held, firing and resolved, and
// when it was sent. It decides, before every send, whether there is anything new to say
// (dedup) or whether repeat_interval has passed; it is state, not config, so reloads never
// touch it, and it is persisted so a restart does not notify again.

export interface LogEntry {
  /** Fingerprints of the alerts the last notification held as firing / resolved. */
  readonly firing: ReadonlySet<string>;
  readonly resolved: ReadonlySet<string>;
  /** When it was sent (epoch ms). */
  readonly at: number;
}

/** Where a log entry is kept: one per group and receiver integration. */
export function logKey(groupKey: string, integration: string): string {
  return `${groupKey}\u0000${integration}`;
}

export class NotificationLog {
  private readonly entries = new Map<string, LogEntry>();

  constructor(
    /** Entries older than this are dropped (Alertmanager keeps its log 120h by default). */
    private readonly retentionMs = 120 * 3_600_000,
    /** Told of every entry recorded (the engine writes it through to disk). */
    private readonly onRecord?: (key: string, entry: LogEntry) => void,
  ) {}

  get(key: string): LogEntry | undefined {
    return this.entries.get(key);
  }

  record(key: string, firing: Iterable<string>, resolved: Iterable<string>, at: number): void {
    const entry = { firing: new Set(firing), resolved: new Set(resolved), at };
    this.entries.set(key, entry);
    this.onRecord?.(key, entry);
  }

  /** Drops entries older than the retention (called now and then, not per send). */
  expire(now: number): number {
    let dropped = 0;
    for (const [key, entry] of this.entries) {
      if (entry.at < now - this.retentionMs) {
        this.entries.delete(key);
        dropped++;
      }
    }
    return dropped;
  }

  /** Every entry, for persisting. */
  snapshot(): [string, LogEntry][] {
    return [...this.entries];
  }

  restore(entries: Iterable<[string, LogEntry]>): void {
    for (const [key, entry] of entries) this.entries.set(key, entry);
  }
}

/**
 * Alertmanager's DedupStage.needsUpdate: notify when nothing was sent yet and something
 * fires; when an alert fires that the last notification did not hold; when everything
 * resolved and the last notification held firing alerts; with send_resolved, when an
 * alert resolved that it did not report resolved; and otherwise once repeat_interval
 * has passed since the last notification.
 */
export function needsUpdate(entry: LogEntry | undefined, firing: ReadonlySet<string>, resolved: ReadonlySet<string>, opts: { repeatMs: number; sendResolved: boolean; now: number }): boolean {
  if (!entry) return firing.size > 0;
  if (!isSubset(firing, entry.firing)) return true;
  if (firing.size === 0) return entry.firing.size > 0;
  if (opts.sendResolved && !isSubset(resolved, entry.resolved)) return true;
  return entry.at < opts.now - opts.repeatMs;
}

function isSubset(subset: ReadonlySet<string>, of: ReadonlySet<string>): boolean {
  for (const x of subset) if (!of.has(x)) return false;
  return true;
}
