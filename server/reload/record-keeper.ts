// The coordinator's memory: reload records and the last good config, kept in the state
// store (state-store.ts) when it works and in this process's memory when it does not.
//
// Failure policy (DESIGN §10: such failures degrade reporting, never the reload):
//   - No call here throws. A failed write (locked file, full disk, read-only data dir,
//     vanished file) keeps what was to be written in memory, marks the store down and
//     names the problem in `problems` (the status shows it); a retry every RETRY_MS
//     writes the backlog once the store is back, and the warning goes.
//   - While the store is down nothing touches the file except that one retry, so a locked
//     hotconf.db costs one BUSY_TIMEOUT_MS stall per retry, not one per call.
//   - Record ids are given here, not by SQLite, so a reload gets its id whether or not the
//     file answers: the highest stored id + 1, or, when the store cannot even be read at
//     start, the clock in ms (ids keep increasing; they are not dense).
//   - History reads join the stored page with the records this process holds in memory
//     (the newer state wins), so what the admin API serves is what happened.
//   - A last good config that could not be saved is retried with the backlog; until then
//     `lastGood()` answers it from memory.
//   - A corrupt hotconf.db is moved aside and replaced at open (state-store.ts); this says
//     so loudly, once in the log and for the life of the process in `problems`.
import type { ReloadRecord } from '../contract/reload';
import type { Logger } from '../log';
import type { Failpoints } from './failpoints';
import { type LastGood, StateStore } from './state-store';

const RETRY_MS = 1_000;
/** Records of this process kept in memory for history reads while the store is down. */
const RECENT = 500;

export interface RecordKeeperOptions {
  log: Logger;
  failpoints?: Failpoints;
  retryMs?: number;
}

export class RecordKeeper {
  private store: StateStore | null = null;
  private down: string | null = null;
  /** Why the last save of the last good config failed, while it is still pending. */
  private goodFailed: string | null = null;
  private corrupt: string | null = null;
  private nextId: number;
  /** The first id this process gave: older in_progress records are a dead process's. */
  private readonly firstId: number;
  private interruptedMarked = false;
  /** Records whose newest state is not in the file yet. */
  private readonly backlog = new Map<number, ReloadRecord>();
  /** Not saved yet (the store is down or the save failed); `utf8` as in saveLastGood. */
  private pendingGood: (LastGood & { utf8?: Uint8Array }) | null = null;
  private readonly recent = new Map<number, ReloadRecord>();
  private retry: NodeJS.Timeout | null = null;
  private readonly log: Logger;
  private readonly failpoints: Failpoints | undefined;
  private readonly retryMs: number;

  constructor(
    private readonly open: () => StateStore,
    opts: RecordKeeperOptions,
  ) {
    this.log = opts.log;
    this.failpoints = opts.failpoints;
    this.retryMs = opts.retryMs ?? RETRY_MS;
    let max: number | null = null;
    try {
      this.store = open();
      if (this.store.movedAside) {
        const { path, error } = this.store.movedAside;
        this.corrupt = `hotconf.db was corrupt (${error}): moved to ${path} and replaced by an empty one; reload history and the last good config before it are lost`;
        this.log.error(`STATE STORE CORRUPT: ${this.corrupt}`, { moved_to: path });
      }
      max = this.store.maxId();
    } catch (err) {
      this.markDown(err);
    }
    this.nextId = max !== null ? max + 1 : Date.now();
    this.firstId = this.nextId;
  }

  /** What is wrong with the state store now, in words for the status; [] when all is well. */
  get problems(): string[] {
    const out: string[] = [];
    if (this.corrupt) out.push(this.corrupt);
    if (this.goodFailed && this.pendingGood) out.push(`the last good config could not be saved (${this.goodFailed}): retried every ${this.retryMs / 1000} s`);
    if (this.down) {
      const kept = this.backlog.size + (this.pendingGood ? 1 : 0);
      out.push(`state store unavailable (${this.down}): ${kept} write${kept === 1 ? '' : 's'} kept in memory, retried every ${this.retryMs / 1000} s`);
    }
    return out;
  }

  get available(): boolean {
    return this.store !== null && this.down === null;
  }

  /**
   * At start: reloads a previous process left in_progress, now marked interrupted. When the
   * store cannot say, [] (the marking happens once it is back; the file then wins at start).
   */
  markInterrupted(): ReloadRecord[] {
    if (!this.available) return [];
    try {
      const found = this.store!.markInterrupted(this.firstId);
      this.interruptedMarked = true;
      return found;
    } catch (err) {
      this.markDown(err);
      return [];
    }
  }

  allocateId(): number {
    return this.nextId++;
  }

  /** Stores a starting reload's record (status in_progress). */
  begin(record: ReloadRecord): void {
    this.write(record, 'begin');
  }

  /** Stores a record's final (or amended) state. */
  finish(record: ReloadRecord): void {
    this.write(record, 'finish');
  }

  /**
   * Returns null when saved, or why not. A failed save is kept and retried, but does not
   * mark the store down: the record of the same reload is still written at once, so a
   * process killed right after is not mistaken for one that died applying this config.
   */
  saveLastGood(good: Omit<LastGood, 'saved_at'> & { utf8?: Uint8Array }): string | null {
    this.pendingGood = { ...good, saved_at: new Date().toISOString() };
    if (!this.available) return this.down ?? 'the state store is not open';
    try {
      this.failpoints?.hitSync('state.save_last_good');
      this.store!.saveLastGood(this.pendingGood);
      this.pendingGood = null;
      this.goodFailed = null;
      return null;
    } catch (err) {
      this.goodFailed = describe(err);
      this.log.error('state store: the last good config could not be saved; retrying', { error: this.goodFailed });
      this.scheduleRetry();
      return this.goodFailed;
    }
  }

  lastGood(): LastGood | null {
    if (this.pendingGood) {
      const { utf8: _bytes, ...good } = this.pendingGood;
      return good;
    }
    if (!this.available) return null;
    try {
      return this.store!.lastGood();
    } catch (err) {
      this.markDown(err);
      return null;
    }
  }

  history(opts: { limit?: number; before?: number } = {}): { records: ReloadRecord[]; next_before: number | null } {
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
    const before = opts.before ?? Number.MAX_SAFE_INTEGER;
    let stored: { records: ReloadRecord[]; next_before: number | null } = { records: [], next_before: null };
    if (this.available) {
      try {
        stored = this.store!.history({ limit, before });
      } catch (err) {
        this.markDown(err);
      }
    }
    const byId = new Map(stored.records.map((r) => [r.id, r]));
    for (const r of this.recent.values()) if (r.id < before) byId.set(r.id, r);
    const records = [...byId.values()].sort((a, b) => b.id - a.id).slice(0, limit);
    const more = stored.next_before !== null || byId.size > limit;
    return { records, next_before: more && records.length ? records[records.length - 1]!.id : null };
  }

  /** Writes what is left (best effort, once) and closes the file. */
  close(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    if (this.down && this.store) this.flush();
    if (this.backlog.size || this.pendingGood) this.log.error('state store: unsaved reload records lost at shutdown', { records: [...this.backlog.keys()], last_good: this.pendingGood !== null });
    try {
      this.store?.close();
    } catch (err) {
      this.log.warn('state store: close failed', { error: (err as Error).message });
    }
    this.store = null;
  }

  // -------------------------------------------------------------- internals

  private write(record: ReloadRecord, op: 'begin' | 'finish'): void {
    const copy = structuredClone(record);
    this.remember(copy);
    if (this.available) {
      try {
        this.failpoints?.hitSync(`state.${op}`);
        this.store!.put(copy);
        return;
      } catch (err) {
        this.markDown(err);
      }
    }
    this.backlog.set(copy.id, copy);
  }

  private remember(record: ReloadRecord): void {
    this.recent.delete(record.id);
    this.recent.set(record.id, record);
    if (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value!);
  }

  private markDown(err: unknown): void {
    const why = describe(err);
    if (this.down === null) this.log.error('state store unavailable: keeping reload records in memory until it is back', { error: why, path: this.store?.path });
    this.down = why;
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.flush();
    }, this.retryMs);
    this.retry.unref();
  }

  /** One attempt to reopen and write the backlog; reschedules itself while it fails. */
  private flush(): void {
    try {
      this.store ??= this.open();
      if (!this.interruptedMarked) {
        const found = this.store.markInterrupted(this.firstId);
        this.interruptedMarked = true;
        if (found.length) this.log.warn('state store: marked reloads of a previous process interrupted', { ids: found.map((r) => r.id) });
      }
      for (const [id, record] of this.backlog) {
        this.failpoints?.hitSync(record.status === 'in_progress' ? 'state.begin' : 'state.finish');
        this.store.put(record);
        this.backlog.delete(id);
      }
      if (this.pendingGood) {
        this.failpoints?.hitSync('state.save_last_good');
        this.store.saveLastGood(this.pendingGood);
        this.pendingGood = null;
        if (this.goodFailed) this.log.info('state store: the last good config is saved now');
        this.goodFailed = null;
      }
      if (this.down) this.log.info('state store is back: kept records written', { path: this.store.path });
      this.down = null;
    } catch (err) {
      if (this.pendingGood && this.backlog.size === 0 && this.store && !this.down) {
        // Only the last good config failed again (the file itself answers).
        this.goodFailed = describe(err);
        this.scheduleRetry();
      } else this.markDown(err);
    }
  }
}

function describe(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${(err as Error).message}` : (err as Error).message;
}
