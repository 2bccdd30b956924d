// The reload coordinator: one small object that owns the running config, the reload queue
// and what every reload leaves behind (record, metrics, events, last good config).
//
// Lock contract: at most one reload runs at a time (`active`). Triggers that arrive while a
// reload runs — or while one waits its turn — share ONE follow-up reload (`followUp`),
// started after the active one ends and the burst has gone quiet, so a burst costs at most
// two reloads, and every caller gets the record of a reload that read the file after its
// call.
//
// Failure policy (DESIGN §10; what the service reports is what it runs):
//   - Nothing below execute() can make a reload vanish: every path, a bug included, ends in
//     settle(), which writes the metrics, the record and the reload.finished event.
//   - The state store never fails a reload (record-keeper.ts): records are kept in memory
//     while it is down and written when it is back; the status says so meanwhile.
//   - A last good config that cannot be saved: the reload still succeeds and the service
//     runs the new config; the record carries a warning saying the save failed, the save
//     is retried with the store's backlog, and the next start loads the file (whose record
//     is not `interrupted`), i.e. the new config, not the older last good one.
//   - Provenance that cannot be found (no git, damaged .git, git wedged) makes `commit`
//     null and `provenance` "unknown" on the record and the status; the reload goes on
//     (provenance-guard.ts).
//   - A component step abandoned at its timeout cannot take effect later: components refuse
//     to swap once their signal fired (reloaders/abandoned.ts); one that completes anyway
//     is undone here (lateStep) and the record says so; if another reload has already
//     touched the components, the service turns not-ready (degraded) instead, and the next
//     reload re-applies every component.
import { undeliverableReceivers } from '../alerts/undeliverable';
import { IncrementalChecker } from '../config/incremental';
import { ConfigError } from '../config/errors';
import type { ConfigIssue } from '../contract/config';
import type { SecretSource } from '../config/secrets';
import type { TemplateSource } from '../config/templates';
import type { Plan } from '../contract/plan';
import type { Logger } from '../log';
import { ParseWorker } from '../parse-worker/client';
import type { ReloadContext, Reloader } from '../reloaders/types';
import { type ConfigFileRead, readConfigFile } from './config-file';
import type { EventBus } from './events';
import { Failpoints } from './failpoints';
import type { ReloadMetrics } from './metrics';
import { hashText } from './fingerprint';
import { type PlanDeps, planConfig } from './plan';
import type { ConfigPathRules } from './config-paths';
import { confinedSecrets, processSecrets } from './process-secrets';
import { type GuardedProvenance, type ProvenanceLookup, guardProvenance } from './provenance-guard';
import type { RecordKeeper } from './record-keeper';
import { templateFilesBeside } from './template-files';
import { type LateStep, type RunResult, type RunningConfig, runReload } from './run';
import type { ReloadRecord, Trigger } from '../contract/reload';

export interface CoordinatorOptions {
  configPath: string;
  reloaders: readonly Reloader[];
  events: EventBus;
  metrics: ReloadMetrics;
  /** Records and the last good config; never throws (record-keeper.ts). */
  store: RecordKeeper;
  log: Logger;
  /** Wrapped here so that a failure comes back as provenance "unknown" (provenance-guard.ts). */
  provenance: ProvenanceLookup;
  secrets?: SecretSource;
  /** The folders the files a config names must be in (file-roots.ts); without it (unit
   *  tests) files are read wherever they are. */
  confine?: ConfigPathRules;
  failpoints?: Failpoints;
  readinessProbe?: (ctx: ReloadContext) => Promise<void>;
  readinessTimeoutMs?: number;
  /** The routing impact of a draft, for plans (the service replays its alert history). */
  impact?: PlanDeps['impact'];
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
  /** Abandoned steps still running (run.ts, watchLate): the next reload waits for them. */
  private readonly abandoned = new Set<Promise<unknown>>();
  /** The reload whose run is touching components now (past the abandoned-steps wait). */
  private touching: number | null = null;
  private readonly secrets: SecretSource;
  private readonly failpoints: Failpoints;
  private readonly provenance: { lookup(bytes: string): Promise<GuardedProvenance> };
  /** The hot path's parsed and validated chunks of the last file read (incremental.ts). */
  private readonly checker = new IncrementalChecker();
  /** `templates:` globs resolve beside the config file. */
  private readonly templates: TemplateSource;
  /** Large drafts sent to plan, and large files the checker cannot reuse, are judged on this
   *  thread first (started on first use). */
  private parseWorker: ParseWorker | null = null;

  constructor(private readonly opts: CoordinatorOptions) {
    this.secrets = opts.secrets ?? (opts.confine ? confinedSecrets(opts.confine.roots) : processSecrets);
    this.failpoints = opts.failpoints ?? new Failpoints();
    this.templates = templateFilesBeside(opts.configPath, opts.confine?.roots);
    this.provenance = guardProvenance(opts.provenance, opts.log);
  }

  get running(): RunningConfig | null {
    return this.current;
  }

  get lastRecord(): ReloadRecord | null {
    return this.last;
  }

  /** Shutting down: no new reload is accepted. */
  get closing(): boolean {
    return this.closed;
  }

  get inProgress(): boolean {
    return this.active !== null;
  }

  /** Ready = running a config and no failed rollback left components in an unknown state. */
  get ready(): boolean {
    return this.current !== null && !this.degraded;
  }

  /** Standing problems for the status: the state store's (a last good config not saved yet
   *  included), and receivers of the running config that cannot deliver. */
  get warnings(): string[] {
    return [...this.opts.store.problems, ...undeliverableReceivers(this.current?.config.receivers)];
  }

  /** The parse worker, started on first use; its faults are logged (drafts are then checked
   *  on this thread). */
  private offThread(): ParseWorker {
    return (this.parseWorker ??= new ParseWorker({ onFault: (message) => this.opts.log.warn(message) }));
  }

  /** A dry run of `text` against the running config and these components (plan.ts);
   *  `detail` resolves secrets for real and runs the preflight checks. */
  plan(text: string | Uint8Array, { detail = false }: { detail?: boolean } = {}): Promise<Plan> {
    return planConfig(text, {
      running: this.current,
      reloaders: this.opts.reloaders,
      secrets: this.secrets,
      templates: this.templates,
      ...(this.opts.confine ? { paths: this.opts.confine } : {}),
      detail,
      log: this.opts.log,
      offThread: this.offThread(),
      ...(this.opts.impact ? { impact: this.opts.impact } : {}),
    });
  }

  /**
   * First reload of the process. The file wins unless it does not load, or unless the
   * previous process died while applying exactly this file (a crash loop in the making):
   * then the last good config is started and the reason reported.
   */
  async start(): Promise<ReloadRecord> {
    const interrupted = this.opts.store.markInterrupted();
    const text = await this.readConfig().then((read) => read.text, () => null);
    let suspect = text !== null && interrupted.some((r) => r.config_hash === null || r.config_hash === hashText(text));
    if (suspect && !this.opts.store.lastGood()) {
      // Nothing else to run: trying the file again beats refusing to start.
      this.opts.log.warn('the previous process died while applying this config file, and there is no last good config: trying the file again', { path: this.opts.configPath });
      suspect = false;
    }
    if (!suspect) {
      // An unreadable file (missing, a directory) is tried too: its load_failed record and
      // the log say why the service falls back.
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

  /**
   * Shutdown, first half: no new reload is accepted, and the running and queued ones
   * finish. Resolves with the record of the last reload that ran (null if none).
   */
  async drain(): Promise<ReloadRecord | null> {
    this.closed = true;
    await this.followUp?.done.catch(() => undefined);
    await this.active?.done.catch(() => undefined);
    return this.last;
  }

  /** Shutdown, second half: every component closed, in the reverse of activation order. */
  async closeComponents(onClosed: (name: string, error?: string) => void = () => {}): Promise<void> {
    for (const r of [...this.opts.reloaders].reverse()) {
      try {
        await r.close({ signal: AbortSignal.timeout(r.timeoutMs * 2), log: this.opts.log });
        onClosed(r.name);
      } catch (err) {
        this.opts.log.warn('closing a component failed', { component: r.name, error: (err as Error).message });
        onClosed(r.name, (err as Error).message);
      }
    }
  }

  /** Both halves. */
  async close(): Promise<void> {
    await this.drain();
    await this.closeComponents();
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
    const id = store.allocateId();
    const record: ReloadRecord = {
      id,
      trigger,
      commit: null,
      dirty: false,
      config_hash: null,
      status: 'in_progress',
      started_at: startedAt.toISOString(),
      duration_ms: 0,
      phases: [],
      components: [],
      changes: [],
      rolled_back: false,
    };
    let result: RunResult;
    try {
      const read = await this.readInput(lastGood);
      Object.assign(record, { commit: read.provenance.commit, dirty: read.provenance.dirty, provenance: read.provenance.provenance, config_hash: read.hash || null });
      store.begin(record);
      events.publish('reload.started', { id, trigger, commit: record.commit });
      onStarted(id);
      // The file is read: from here on this reload cannot serve a new call. One event-loop turn
      // lets the calls already waiting on the sockets see it running and join the follow-up,
      // instead of each starting its own reload after this one.
      await nextTurn();
      await this.failpoints.hit('reload.begun', trigger);
      await this.waitForAbandoned(id);
      this.touching = id;
      result = await runReload(
        { id, trigger, text: read.text, ...(read.utf8 ? { utf8: read.utf8 } : {}), hash: read.hash, provenance: read.provenance, source: lastGood ? 'last_good' : 'file', startedAt, t0, readError: read.error, ...(read.errorIssues ? { readIssues: read.errorIssues } : {}) },
        this.current,
        {
          reloaders: this.opts.reloaders,
          checker: this.checker,
          offThread: this.offThread(),
          templates: this.templates,
          ...(this.opts.confine ? { paths: this.opts.confine } : {}),
          events,
          log,
          secrets: this.secrets,
          failpoints: this.failpoints,
          readinessProbe: this.opts.readinessProbe,
          readinessTimeoutMs: this.opts.readinessTimeoutMs ?? 2000,
          onLateStep: (late) => void this.lateStep(late),
        },
        this.degraded,
      );
      if (read.provenance.provenance === 'unknown') (result.record.warnings ??= []).push(`git provenance unknown (${read.provenance.error}): commit is null`);
    } catch (err) {
      // A bug, not a config problem: record it rather than lose the reload.
      result = this.internalError(record, err, t0);
    } finally {
      this.touching = null;
    }
    this.settle(result, trigger);
    return result.record;
  }

  /**
   * Steps a previous reload abandoned may still be running (a component that ignores its
   * signal). A reload waits for them, up to the slowest component's timeout, so a late
   * completion is undone before it touches the same components; past that it goes on.
   */
  private async waitForAbandoned(id: number): Promise<void> {
    if (this.abandoned.size === 0) return;
    const budget = Math.max(...this.opts.reloaders.map((r) => r.timeoutMs));
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = await Promise.race([
      Promise.allSettled([...this.abandoned]).then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), budget))),
    ]);
    clearTimeout(timer);
    if (gaveUp) this.opts.log.warn('a component step abandoned by an earlier reload is still running; this reload goes on without it', { reload_id: id, waited_ms: budget });
  }

  /** An abandoned step finished after all: release or undo what it did (see the header). */
  private async lateStep({ reloader, step, value, record, lateByMs }: LateStep): Promise<void> {
    const { log } = this.opts;
    const ctx = { signal: AbortSignal.timeout(reloader.timeoutMs), log };
    if (step === 'prepare') {
      // Never activated: only its resources need releasing.
      await reloader.discard(value, ctx).catch((err: Error) => log.warn('discarding a late prepare failed', { component: reloader.name, error: err.message }));
      log.warn('a prepare abandoned at its timeout finished later; its instance was discarded', { reload_id: record.id, component: reloader.name, late_by_ms: lateByMs });
      return;
    }
    const note = `${reloader.name}: activate finished ${lateByMs} ms after its timeout`;
    if (this.touching !== null && this.touching !== record.id) {
      // Another reload is working on the components: undoing now could undo *its* swap.
      this.degraded = true;
      log.error(`${note}, while reload ${this.touching} ran; the service is not ready until a reload re-applies every component`, { reload_id: record.id, component: reloader.name });
      this.amend(record, `${note} and could not be undone safely: the service was marked not ready`);
      return;
    }
    try {
      await reloader.rollback(ctx);
      log.error(`${note}: its swap was undone, the previous instance is live again`, { reload_id: record.id, component: reloader.name });
      this.amend(record, `${note}; its late swap was undone`);
    } catch (err) {
      this.degraded = true;
      log.error(`${note} and undoing it failed; the service is not ready until a reload re-applies every component`, { reload_id: record.id, component: reloader.name, error: (err as Error).message });
      this.amend(record, `${note} and undoing it failed: ${(err as Error).message}`);
    }
  }

  /** A warning added to a finished record (stored again; the status shows the newest). */
  private amend(record: ReloadRecord, warning: string): void {
    (record.warnings ??= []).push(warning);
    this.opts.store.finish(record);
  }

  /**
   * The one place a finished reload is accounted for: every path of execute() ends here, and
   * nothing in here may throw (a throw would lose the record and leave in_progress at 1).
   * Order matters for kill -9: the last good config is saved before the record is
   * finished, so a process killed in between restarts on the config it had fully applied.
   */
  private settle({ record, errors, running, degraded, abandoned }: RunResult, trigger: Trigger): void {
    const { metrics, store, events, log } = this.opts;
    const changed = running !== this.current;
    this.current = running;
    this.degraded = degraded || (this.degraded && record.status !== 'success');
    this.last = record;
    for (const p of abandoned) {
      this.abandoned.add(p);
      void p.finally(() => this.abandoned.delete(p));
    }
    try {
      metrics.recordReload({ record, errors, applied: changed, running: { version: running?.version ?? 0, commit: running?.commit ?? null, hash: running?.hash ?? null } });
    } catch (err) {
      metrics.reloadEnded();
      log.error('writing the reload metrics failed', { reload_id: record.id, error: (err as Error).message });
    }
    if (changed && running && record.status === 'success' && running.source === 'file') {
      this.point('reload.before-last-good', trigger);
      const failed = store.saveLastGood({ text: running.text, ...(running.utf8 ? { utf8: running.utf8 } : {}), commit: running.commit, hash: running.hash });
      if (failed) (record.warnings ??= []).push(`the last good config was not saved (${failed}): the service runs this config; if it stopped now, the next start would load the config file, not an older last good config`);
      this.point('reload.after-last-good', trigger);
    }
    store.finish(record);
    this.point('reload.finished', trigger);
    try {
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
        ...(record.warnings?.length ? { warnings: record.warnings } : {}),
      };
      if (record.status === 'success' || record.status === 'noop') log.info('Completed loading of configuration file', line);
      else log.error('Loading of configuration file failed', line);
    } catch (err) {
      log.error('announcing a finished reload failed', { reload_id: record.id, error: (err as Error).message });
    }
  }

  /** A failpoint inside settle(): only `exit` means anything there, and nothing may throw. */
  private point(name: string, trigger: Trigger): void {
    try {
      this.failpoints.hitSync(name, trigger);
    } catch {
      // `throw` at these points is not supported: settle() must finish.
    }
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

  private async readInput(lastGood?: { text: string; commit: string | null }): Promise<{ text: string; utf8?: Uint8Array; hash: string; provenance: GuardedProvenance; error?: string; errorIssues?: ConfigIssue[] }> {
    if (lastGood) return { text: lastGood.text, hash: hashText(lastGood.text), provenance: { commit: lastGood.commit, dirty: false, provenance: lastGood.commit ? 'git' : 'none' } };
    let text: string;
    let utf8: Uint8Array;
    try {
      ({ text, utf8 } = await this.readConfig());
    } catch (err) {
      // Bytes that are not UTF-8 come with their place (config/utf8.ts).
      const errorIssues = err instanceof ConfigError ? { errorIssues: err.issues } : {};
      return { text: '', hash: '', provenance: { commit: null, dirty: false, provenance: 'unknown' }, error: (err as Error).message, ...errorIssues };
    }
    // Unchanged text (every noop) keeps its hash: a compare instead of a SHA-256.
    const hash = text === this.current?.text ? this.current.fileHash : hashText(utf8);
    return { text, utf8, hash, provenance: await this.provenance.lookup(text) };
  }

  private async readConfig(): Promise<ConfigFileRead> {
    return readConfigFile(this.opts.configPath);
  }

  /** A reload that crashed on a bug: the running config is kept, the failure is recorded. */
  private internalError(record: ReloadRecord, err: unknown, t0: number): RunResult {
    record.status = 'apply_failed';
    record.error = `internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
    record.duration_ms = Math.round((performance.now() - t0) * 1000) / 1000;
    return { record, errors: ['apply_failed'], running: this.current, degraded: this.degraded, abandoned: [] };
  }
}
