// The reload coordinator: one small object that owns the running config, the reload queue
// and what every reload leaves behind (record, metrics, events, last good config).
//
// Lock contract: at most one reload runs at a time (`active`). Triggers that arrive while a
// reload runs — or while one waits its turn — share ONE follow-up reload (`followUp`),
// started after the active one ends and the burst has gone quiet, so a burst costs at most
// two reloads, and every caller gets the record of a reload that read the file after its
// call.
import { readFileSync } from 'node:fs';
import { IncrementalChecker } from '../config/incremental';
import type { SecretSource } from '../config/secrets';
import type { TemplateSource } from '../config/templates';
import type { Plan } from '../contract/plan';
import type { Provenance } from '../git/provenance';
import type { Logger } from '../log';
import type { ReloadContext, Reloader } from '../reloaders/types';
import type { EventBus } from './events';
import { Failpoints } from './failpoints';
import type { ReloadMetrics } from './metrics';
import { hashText } from './fingerprint';
import { planConfig } from './plan';
import { processSecrets } from './process-secrets';
import { templateFilesBeside } from './template-files';
import { type RunResult, type RunningConfig, runReload } from './run';
import type { StateStore } from './state-store';
import type { ReloadRecord, Trigger } from '../contract/reload';

export interface CoordinatorOptions {
  configPath: string;
  reloaders: readonly Reloader[];
  events: EventBus;
  metrics: ReloadMetrics;
  store: StateStore;
  log: Logger;
  provenance: { lookup(bytes: string): Promise<Provenance> };
  secrets?: SecretSource;
  failpoints?: Failpoints;
  readinessProbe?: (ctx: ReloadContext) => Promise<void>;
  readinessTimeoutMs?: number;
}

export class StartupError extends Error {}

/** A caller's handle on the reload that serves it: its id once started, its record when done. */
export interface Ticket {
  started: Promise<number>;
  done: Promise<ReloadRecord>;
}

type LastGoodInput = { text: string; commit: string | null; source: 'last_good' };

/**
 * A follow-up reload waits for this much quiet before it starts: calls of one burst arrive
 * spread over a few milliseconds (each connection is accepted and parsed in turn), and
 * each of them would otherwise start yet another reload right behind the last.
 */
const COALESCE_MS = 3;
const MAX_COALESCE_MS = 50;

/** Resolves after the I/O already queued in this event-loop iteration has been handled. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

export class ReloadCoordinator {
  private current: RunningConfig | null = null;
  private last: ReloadRecord | null = null;
  /** Set when a rollback failed: components may disagree with `current`. */
  private degraded = false;
  private active: Ticket | null = null;
  private followUp: Ticket | null = null;
  /** When the last reload was asked for (performance.now()). */
  private lastCall = 0;
  private closed = false;
  private readonly secrets: SecretSource;
  private readonly failpoints: Failpoints;
  /** The hot path's parsed and validated chunks of the last file read (incremental.ts). */
  private readonly checker = new IncrementalChecker();
  /** `templates:` globs resolve beside the config file. */
  private readonly templates: TemplateSource;

  constructor(private readonly opts: CoordinatorOptions) {
    this.secrets = opts.secrets ?? processSecrets;
    this.failpoints = opts.failpoints ?? new Failpoints();
    this.templates = templateFilesBeside(opts.configPath);
  }

  get running(): RunningConfig | null {
    return this.current;
  }

  get lastRecord(): ReloadRecord | null {
    return this.last;
  }

  get inProgress(): boolean {
    return this.active !== null;
  }

  /** Ready = running a config and no failed rollback left components in an unknown state. */
  get ready(): boolean {
    return this.current !== null && !this.degraded;
  }

  /** A dry run of `text` against the running config and these components (plan.ts). */
  plan(text: string): Promise<Plan> {
    return planConfig(text, { running: this.current, reloaders: this.opts.reloaders, secrets: this.secrets, templates: this.templates, log: this.opts.log });
  }

  /**
   * First reload of the process. The file wins unless it does not load, or unless the
   * previous process died while applying exactly this file (a crash loop in the making):
   * then the last good config is started and the reason reported.
   */
  async start(): Promise<ReloadRecord> {
    const interrupted = this.opts.store.markInterrupted();
    const text = await this.readConfig().catch(() => null);
    const suspect = text !== null && interrupted.some((r) => r.config_hash === null || r.config_hash === hashText(text));
    if (text !== null && !suspect) {
      const record = await this.enqueue('startup').done;
      if (this.current) return record;
      this.opts.log.error('config file does not load; trying the last good config', { path: this.opts.configPath, status: record.status, error: record.error });
    } else if (suspect) {
      this.opts.log.error('the previous process died while applying this config file; starting on the last good config instead', { path: this.opts.configPath });
    }
    return this.startOnLastGood();
  }

  /** Queue a reload (coalesced with any burst); resolves with its record. */
  reload(trigger: Trigger): Promise<ReloadRecord> {
    return this.request(trigger).done;
  }

  /** Like reload(), but also tells when the reload that will serve this call has started. */
  request(trigger: Trigger): Ticket {
    if (this.closed) {
      const err = Promise.reject(new Error('the service is shutting down'));
      err.catch(() => undefined);
      return { started: err as Promise<never>, done: err as Promise<never> };
    }
    return this.enqueue(trigger);
  }

  /** Waits for the running and queued reloads, then closes the components in reverse order. */
  async close(): Promise<void> {
    this.closed = true;
    await this.followUp?.done.catch(() => undefined);
    await this.active?.done.catch(() => undefined);
    for (const r of [...this.opts.reloaders].reverse()) {
      try {
        await r.close({ signal: AbortSignal.timeout(r.timeoutMs * 2), log: this.opts.log });
      } catch (err) {
        this.opts.log.warn('closing a component failed', { component: r.name, error: (err as Error).message });
      }
    }
  }

  // ---------------------------------------------------------------- queue

  private enqueue(trigger: Trigger, lastGood?: LastGoodInput): Ticket {
    this.lastCall = performance.now();
    if (this.followUp) return this.followUp;
    // A lone call starts its reload on the next event-loop turn (requests already on the
    // sockets join it). A call that comes while a reload runs starts the follow-up, which
    // gathers the rest of the burst: it starts once the running reload ended and no call
    // has come for COALESCE_MS.
    const started = deferred<number>();
    const turn = this.active ? this.active.done.catch(() => undefined).then(() => this.quietPeriod()) : nextTurn();
    const done = turn
      .then(() => {
        this.followUp = null;
        const t = this.launch(trigger, lastGood);
        t.started.then(started.resolve, started.reject);
        return t.done;
      });
    this.followUp = { started: started.promise, done };
    return this.followUp;
  }

  /** Until no call joined for COALESCE_MS, and at most MAX_COALESCE_MS. */
  private async quietPeriod(): Promise<void> {
    const deadline = performance.now() + MAX_COALESCE_MS;
    await nextTurn();
    for (let quiet = performance.now() - this.lastCall; quiet < COALESCE_MS && performance.now() < deadline; quiet = performance.now() - this.lastCall) {
      await new Promise((resolve) => setTimeout(resolve, COALESCE_MS - quiet));
    }
  }

  private launch(trigger: Trigger, lastGood?: LastGoodInput): Ticket {
    const started = deferred<number>();
    const done = this.execute(trigger, started.resolve, lastGood).finally(() => {
      if (this.active?.done === done) this.active = null;
    });
    done.catch(started.reject);
    this.active = { started: started.promise, done };
    return this.active;
  }

  // ---------------------------------------------------------------- one reload

  private async execute(trigger: Trigger, onStarted: (id: number) => void, lastGood?: LastGoodInput): Promise<ReloadRecord> {
    const t0 = performance.now();
    const startedAt = new Date();
    const { metrics, store, events, log } = this.opts;
    metrics.reloadStarted();

    const read = await this.readInput(lastGood);
    const base = {
      trigger,
      commit: read.provenance.commit,
      dirty: read.provenance.dirty,
      config_hash: read.hash,
      status: 'in_progress' as const,
      started_at: startedAt.toISOString(),
      duration_ms: 0,
      phases: [],
      components: [],
      changes: [],
      rolled_back: false,
    };
    const id = store.begin(base);
    events.publish('reload.started', { id, trigger, commit: base.commit });
    onStarted(id);
    // The file is read: from here on this reload cannot serve a new call. One event-loop turn
    // lets the calls already waiting on the sockets see it running and join the follow-up,
    // instead of each starting its own reload after this one.
    await nextTurn();

    let result: RunResult;
    try {
      result = await runReload(
        { id, trigger, text: read.text, hash: read.hash, provenance: read.provenance, source: lastGood ? 'last_good' : 'file', startedAt, t0, readError: read.error },
        this.current,
        { reloaders: this.opts.reloaders, checker: this.checker, templates: this.templates, events, log, secrets: this.secrets, failpoints: this.failpoints, readinessProbe: this.opts.readinessProbe, readinessTimeoutMs: this.opts.readinessTimeoutMs ?? 2000 },
        this.degraded,
      );
    } catch (err) {
      // A bug, not a config problem: record it rather than lose the reload.
      result = this.internalError({ ...base, id }, err, t0);
    }
    this.settle(result);
    return result.record;
  }

  /** The one place a finished reload is accounted for: every path of execute() ends here. */
  private settle({ record, errors, running, degraded }: RunResult): void {
    const { metrics, store, events, log } = this.opts;
    const changed = running !== this.current;
    this.current = running;
    this.degraded = degraded || (this.degraded && record.status !== 'success');
    this.last = record;
    metrics.recordReload({ record, errors, applied: changed, running: { version: running?.version ?? 0, commit: running?.commit ?? null, hash: running?.hash ?? null } });
    try {
      if (changed && running && record.status === 'success' && running.source === 'file') {
        store.saveLastGood({ text: running.text, commit: running.commit, hash: running.hash });
      }
      store.finish(record);
    } catch (err) {
      log.error('could not persist the reload record or the last good config', { reload_id: record.id, error: (err as Error).message });
    }
    events.publish('reload.finished', { id: record.id, status: record.status, duration_ms: record.duration_ms, record });
    const line = {
      reload_id: record.id,
      trigger: record.trigger,
      status: record.status,
      commit: record.commit,
      dirty: record.dirty,
      duration_ms: record.duration_ms,
      phases: Object.fromEntries(record.phases.map((p) => [p.name, p.duration_ms])),
      components: Object.fromEntries(record.components.map((c) => [c.name, `${c.status} ${c.duration_ms}ms`])),
      changes: record.changes.length,
      ...(record.error ? { error: record.error } : {}),
    };
    if (record.status === 'success' || record.status === 'noop') log.info('Completed loading of configuration file', line);
    else log.error('Loading of configuration file failed', line);
  }

  private async startOnLastGood(): Promise<ReloadRecord> {
    const good = this.opts.store.lastGood();
    if (!good) {
      const why = this.last?.issues?.map((i) => `  ${i.path || '(file)'}${i.line ? ` (line ${i.line}, column ${i.column})` : ''}: ${i.message}`).join('\n');
      throw new StartupError(
        `cannot start: ${this.opts.configPath} does not load${this.last?.error ? ` (${this.last.error})` : ''} and there is no last good config yet.\n${why ?? ''}\nFix the file and start again.`,
      );
    }
    const record = await this.enqueue('startup', { text: good.text, commit: good.commit, source: 'last_good' }).done;
    if (!this.current) throw new StartupError(`cannot start: neither ${this.opts.configPath} nor the last good config (saved ${good.saved_at}) could be applied: ${record.error}`);
    this.opts.log.warn('running on the last good config', { commit: good.commit, saved_at: good.saved_at, path: this.opts.configPath });
    return record;
  }

  private async readInput(lastGood?: { text: string; commit: string | null }): Promise<{ text: string; hash: string; provenance: Provenance; error?: string }> {
    if (lastGood) return { text: lastGood.text, hash: hashText(lastGood.text), provenance: { commit: lastGood.commit, dirty: false } };
    try {
      const text = await this.readConfig();
      // Unchanged text (every noop) keeps its hash: a compare instead of a SHA-256.
      const hash = text === this.current?.text ? this.current.fileHash : hashText(text);
      return { text, hash, provenance: await this.opts.provenance.lookup(text) };
    } catch (err) {
      return { text: '', hash: '', provenance: { commit: null, dirty: false }, error: (err as Error).message };
    }
  }

  private async readConfig(): Promise<string> {
    try {
      // Synchronous on purpose: one small file, and the thread-pool round trips of an async
      // read cost more than the read itself on the reload path.
      return readFileSync(this.opts.configPath, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new Error(`config file ${this.opts.configPath} does not exist: create it or point --config at it`);
      if (code === 'EACCES') throw new Error(`config file ${this.opts.configPath} is not readable by the service user: fix its permissions`);
      throw new Error(`cannot read config file ${this.opts.configPath}: ${(err as Error).message}`);
    }
  }

  /** A reload that crashed on a bug: the running config is kept, the failure is recorded. */
  private internalError(record: ReloadRecord, err: unknown, t0: number): RunResult {
    record.status = 'apply_failed';
    record.error = `internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
    record.duration_ms = Math.round((performance.now() - t0) * 1000) / 1000;
    return { record, errors: ['apply_failed'], running: this.current, degraded: this.degraded };
  }
}
