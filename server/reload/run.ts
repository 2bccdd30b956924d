// One reload, phase by phase (DESIGN §4):
//
//   load → validate → diff → apply → reload → health
//
// Each phase is timed and announced on the event bus; the first failing phase decides the
// status, and the phases after it are recorded as skipped. Failures after the swap roll back.
// The coordinator (coordinator.ts) owns the queue and the running config; this file owns
// the steps of one run and never touches shared state except through the reloaders.
import { diffConfigs, withTemplateChanges } from '../config/diff';
import type { IncrementalChecker } from '../config/incremental';
import { ConfigError, type LoadedConfig, type TemplateFile, type TemplateSource, validateConfig } from '../config/load';
import { configError, located } from '../config/errors';
import { OFF_THREAD_CHARS, type ParseWorker } from '../parse-worker/client';
import type { Config, Section } from '../config/schema';
import { memoizeSecrets, type SecretSource } from '../config/secrets';
import type { Provenance } from '../git/provenance';
import type { Logger } from '../log';
import type { ReloadContext, Reloader } from '../reloaders/types';
import type { ConfigIssue } from '../contract/config';
import type { EventBus } from './events';
import type { Failpoints } from './failpoints';
import { type ConfigPathRules, assertConfigPaths } from './config-paths';
import { configIdentity, quickFingerprint } from './fingerprint';
import { TimeoutError, withTimeout } from './timeout';
import { PHASES, type ComponentRecord, type ProvenanceKind, type ErrorType, type PhaseName, type ReloadRecord, type ReloadStatus, type RollbackReason, type StepStatus, type Trigger } from '../contract/reload';

/** The config the service runs, and where it came from. Replaced, never mutated. */
export interface RunningConfig {
  config: Config;
  text: string;
  /** config.yaml's bytes when they are exactly `text` in UTF-8 (config-file.ts). */
  utf8?: Uint8Array;
  /** The files `templates:` named when this config loaded: part of what it is. */
  templateFiles: TemplateFile[];
  /** sha256 of config.yaml's bytes. */
  fileHash: string;
  /** What identifies the config: fileHash, joined by the template files' bytes when there are any. */
  hash: string;
  secretsFingerprint: string;
  commit: string | null;
  dirty: boolean;
  /** Where `commit` comes from (unknown: git could not be asked; commit is null). */
  provenance?: ProvenanceKind;
  /** +1 for every reload that changed the running config. */
  version: number;
  /** `last_good`: the file did not load at start and the service runs the last good config. */
  source: 'file' | 'last_good';
  applied_at: string;
}

export interface ReloadInput {
  id: number;
  trigger: Trigger;
  text: string;
  utf8?: Uint8Array;
  hash: string;
  provenance: Provenance & { provenance?: ProvenanceKind };
  source: RunningConfig['source'];
  startedAt: Date;
  t0: number;
  /** The file could not be read: phase 1 fails with this message. */
  readError?: string;
  /** Where the read failed in the file, when that is known (bytes that are not UTF-8). */
  readIssues?: ConfigIssue[];
}

export interface RunDeps {
  reloaders: readonly Reloader[];
  /** Parsed and validated chunks of the last load: unchanged ones are not redone. */
  checker: IncrementalChecker;
  /** Where a text longer than OFF_THREAD_CHARS is judged first when the checker cannot reuse
   *  its chunks: a large text that fails costs the parse worker, not this event loop. */
  offThread?: Pick<ParseWorker, 'check'>;
  events: EventBus;
  log: Logger;
  secrets: SecretSource;
  /** Where `templates:` files are read from (beside the config file). */
  templates?: TemplateSource;
  /** Which folders the files the config names must be in (database.path, *_file); none in unit tests. */
  paths?: ConfigPathRules;
  failpoints: Failpoints;
  /** Service readiness checked in the health phase (the listener answering, by default). */
  readinessProbe?: (ctx: ReloadContext) => Promise<void>;
  readinessTimeoutMs: number;
  /**
   * A prepare or activate this run abandoned at its timeout finished anyway (the component
   * ignored its signal). The coordinator undoes it (coordinator.ts, `lateStep`).
   */
  onLateStep?: (late: LateStep) => void;
}

/** A step that completed after the run had given up on it. */
export interface LateStep {
  reloader: Reloader;
  step: 'prepare' | 'activate';
  /** What prepare returned (to discard it). */
  value: unknown;
  /** The record of the run that abandoned it (to add a warning to). */
  record: ReloadRecord;
  /** How long after the timeout it finished. */
  lateByMs: number;
}

export interface RunResult {
  record: ReloadRecord;
  errors: ErrorType[];
  running: RunningConfig | null;
  /** A rollback failed: components may disagree with `running`; the next reload must touch all. */
  degraded: boolean;
  /** Steps abandoned at their timeout that are still running; they settle when they end. */
  abandoned: Promise<unknown>[];
}

/** A phase failed; carries what the record and the metrics need. */
class PhaseFailure extends Error {
  constructor(
    readonly status: ReloadStatus,
    message: string,
  ) {
    super(message);
  }
}

export async function runReload(input: ReloadInput, prev: RunningConfig | null, deps: RunDeps, forceAll: boolean): Promise<RunResult> {
  const run = new Run(input, deps);
  let running = prev;
  try {
    const loaded = await run.phase('load', () => load(input, prev, forceAll, deps));
    if (!loaded) {
      run.skip('validate', 'identical to the running config (same bytes, same secrets)');
      await run.phase('diff', () => undefined);
      running = { ...prev!, commit: input.provenance.commit, dirty: input.provenance.dirty, provenance: input.provenance.provenance };
      return run.result('noop', running, false);
    }
    const config = await run.phase('validate', async () => {
      if (loaded.refusedOffThread) throw loaded.refusedOffThread;
      const valid = await validated();
      assertConfigPaths(valid, input.text, deps.paths);
      // What loads but deserves a word: a second YAML document, a field template that does not parse.
      for (const warning of loaded.config.warnings) run.warn(located(warning));
      return valid;

      async function validated() {
        const fast = deps.checker.validateFast(loaded!.config);
        if (fast) return fast;
        // Invalid, or not judged by chunks: the full validation locates every issue, which for
        // a large text is the parse worker's to pay first.
        if (offThreadFor(input.text, deps)) {
          const refused = await judgeOffThread(input.text, deps);
          if (refused) throw refused;
        }
        return validateConfig(loaded!.config);
      }
    });
    const diff = await run.phase('diff', () => withTemplateChanges(diffConfigs(prev?.config ?? null, config), prev?.templateFiles ?? [], loaded.config.templateFiles));
    run.record.changes = diff.changes;
    run.templateFiles = loaded.config.templateFiles;
    const next: RunningConfig = {
      config,
      text: input.text,
      ...(input.utf8 ? { utf8: input.utf8 } : {}),
      templateFiles: loaded.config.templateFiles,
      fileHash: input.hash,
      hash: configIdentity(input.hash, loaded.config.templateFiles),
      secretsFingerprint: loaded.secretsFingerprint,
      commit: input.provenance.commit,
      dirty: input.provenance.dirty,
      provenance: input.provenance.provenance,
      version: (prev?.version ?? 0) + 1,
      source: input.source,
      applied_at: input.startedAt.toISOString(),
    };
    const affected = prev && !forceAll ? deps.reloaders.filter((r) => r.sections.some((s) => diff.sections.includes(s))) : [...deps.reloaders];
    if (affected.length === 0) {
      // The text changed but not the config (comments, formatting, key order): nothing to
      // reload, but the running config now *is* this text and this commit.
      for (const p of ['apply', 'reload', 'health'] as const) run.skip(p, 'no component affected');
      running = { ...next, version: prev!.version };
      return run.result('noop', running, false);
    }

    const prepared = await run.phase('apply', () => run.prepareAll(affected, config));
    running = next; // the pointer swap: from here on a failure must roll back

    const reverted = await run.phase('reload', () => run.activateAll(prepared));
    const revertedInHealth = await run.phase('health', () => run.checkHealth(prepared.filter((p) => !reverted.includes(p.reloader))));
    const revertedSections = [...reverted, ...revertedInHealth].flatMap((r) => r.sections);
    if (revertedSections.length > 0) running = keepOldSections(next, prev, revertedSections);

    await run.commitAll(prepared.filter((p) => !reverted.includes(p.reloader) && !revertedInHealth.includes(p.reloader)));
    return run.result('success', running, false);
  } catch (err) {
    if (err instanceof RollbackNeeded) {
      // A failed rollback leaves components in an unknown state: `degraded` until a reload succeeds.
      const ok = await run.rollback(err.activated, err.reason);
      return run.result(ok ? 'rolled_back' : 'rollback_failed', ok ? prev : running, !ok, err.message);
    }
    if (err instanceof PhaseFailure) return run.result(err.status, running, err.status === 'rollback_failed', err.message);
    throw err;
  }
}

// ------------------------------------------------------------------ phase 1: load

/** The loaded config and the fingerprint of the secrets it used; null when the input is
 *  identical to the running config (a no-op). */
async function load(
  input: ReloadInput,
  prev: RunningConfig | null,
  forceAll: boolean,
  deps: RunDeps,
): Promise<{ config: LoadedConfig; secretsFingerprint: string; refusedOffThread?: ConfigError } | null> {
  if (input.readError !== undefined) throw new ConfigError('load_failed', input.readError, input.readIssues ?? []);
  // One read per variable and file for this load: the fingerprint then describes exactly
  // the values the config was resolved with.
  const secrets = memoizeSecrets(deps.secrets);
  const secretsFingerprint = quickFingerprint(input.text, secrets);
  // Caddy's rule: identical input is a no-op. Identical means the same bytes *and* the same
  // resolved secrets (a rotated ${file:...} secret must reload). Checked before parsing,
  // because parsing is the most expensive step of a reload.
  if (prev && !forceAll && prev.fileHash === input.hash && prev.secretsFingerprint === secretsFingerprint && sameTemplateFiles(prev, deps.templates)) return null;
  // A large text of which the checker would parse much anew (a first load, anchors, a hostile
  // or broken file, a rewrite) is judged on the parse worker first: when it is refused
  // there, nothing costly runs here. Refused by the schema: the validate phase says why,
  // without the text being parsed here at all.
  if (offThreadFor(input.text, deps) && !((deps.checker.freshLength(input.text) ?? Infinity) <= OFF_THREAD_CHARS)) {
    const refusedOffThread = await judgeOffThread(input.text, deps);
    if (refusedOffThread?.kind === 'load_failed') throw refusedOffThread;
    if (refusedOffThread) return { config: { text: input.text, resolved: undefined, templateFiles: [], warnings: [] }, secretsFingerprint, refusedOffThread };
  }
  try {
    return { config: deps.checker.load(input.text, secrets, deps.templates), secretsFingerprint };
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError('load_failed', (err as Error).message, []);
  }
}

function offThreadFor(text: string, deps: RunDeps): Pick<ParseWorker, 'check'> | undefined {
  return text.length > OFF_THREAD_CHARS ? deps.offThread : undefined;
}

/** The parse worker's verdict on `text` as the error this reload fails with; undefined when
 *  it found nothing wrong (secrets are "present" there: the real check runs here after) or
 *  could not judge (then this thread checks, within the parse limits). */
async function judgeOffThread(text: string, deps: RunDeps): Promise<ConfigError | undefined> {
  const verdict = await deps.offThread!.check(text);
  if (!verdict || verdict.ok) return undefined;
  const headline = verdict.kind === 'load_failed' ? 'config.yaml does not load' : 'config.yaml is not a valid hotconf config';
  return configError(verdict.kind, headline, verdict.issues);
}

/** Whether the template files of the running config still read the same (a template edited
 *  on disk must reload even though config.yaml did not change). */
function sameTemplateFiles(prev: RunningConfig, source: TemplateSource | undefined): boolean {
  if (!source || prev.config.templates.length === 0) return true;
  try {
    const now = prev.config.templates.flatMap((glob) => source.read(glob));
    return now.length === prev.templateFiles.length && now.every((f, i) => f.path === prev.templateFiles[i]!.path && f.text === prev.templateFiles[i]!.text);
  } catch {
    return false; // the load phase reports why
  }
}

function keepOldSections(next: RunningConfig, prev: RunningConfig | null, sections: Section[]): RunningConfig {
  if (!prev) return next;
  const config = { ...next.config } as Record<Section, unknown>;
  for (const s of sections) config[s] = prev.config[s];
  return { ...next, config: config as Config };
}

// ------------------------------------------------------------------ the run's bookkeeping

interface Prepared {
  reloader: Reloader;
  value: unknown;
}

class RollbackNeeded extends Error {
  constructor(
    readonly reason: RollbackReason,
    readonly activated: Reloader[],
    message: string,
  ) {
    super(message);
  }
}

class Run {
  readonly record: ReloadRecord;
  readonly errors: ErrorType[] = [];
  readonly abandoned: Promise<unknown>[] = [];
  private readonly components = new Map<string, ComponentRecord>();
  private readonly log: Logger;
  /** The loaded config's template files, handed to every step (ReloadContext). */
  templateFiles: readonly TemplateFile[] = [];

  constructor(
    private readonly input: ReloadInput,
    private readonly deps: RunDeps,
  ) {
    this.log = deps.log;
    this.record = {
      id: input.id,
      trigger: input.trigger,
      commit: input.provenance.commit,
      dirty: input.provenance.dirty,
      ...(input.provenance.provenance ? { provenance: input.provenance.provenance } : {}),
      config_hash: input.hash,
      status: 'in_progress',
      started_at: input.startedAt.toISOString(),
      duration_ms: 0,
      phases: [],
      components: [],
      changes: [],
      rolled_back: false,
    };
  }

  async phase<T>(name: PhaseName, fn: () => T | Promise<T>): Promise<T> {
    this.deps.events.publish('phase.started', { id: this.record.id, phase: name });
    const t = performance.now();
    try {
      const value = await fn();
      this.endPhase(name, 'success', t);
      return value;
    } catch (err) {
      const failure = this.classify(name, err);
      const timedOut = err instanceof TimeoutError || (err instanceof RollbackNeeded && err.reason === 'timeout');
      this.endPhase(name, timedOut ? 'timeout' : 'failed', t, failure.message);
      throw failure;
    }
  }

  skip(name: PhaseName, why: string): void {
    this.deps.events.publish('phase.started', { id: this.record.id, phase: name });
    this.endPhase(name, 'skipped', performance.now(), why);
  }

  /** Phase 4: build every affected component's new instance; old ones keep serving. */
  async prepareAll(affected: readonly Reloader[], config: Config): Promise<Prepared[]> {
    const prepared: Prepared[] = [];
    for (const reloader of affected) {
      try {
        const value = await this.step(reloader, 'prepare', (ctx) => reloader.prepare(config, ctx));
        prepared.push({ reloader, value });
      } catch (err) {
        this.finishComponent(reloader.name, err instanceof TimeoutError ? 'timeout' : 'failed', message(err));
        for (const p of prepared.reverse()) await this.discard(p, reloader.name);
        this.errors.push(err instanceof TimeoutError ? 'timeout' : 'apply_failed');
        throw new PhaseFailure('apply_failed', `${reloader.name}: ${message(err)}`);
      }
    }
    return prepared;
  }

  /**
   * Phase 5: swap each component in list order. A critical failure rolls everything back;
   * a non-critical one reverts only that component (returned) and the reload goes on.
   */
  async activateAll(prepared: Prepared[]): Promise<Reloader[]> {
    const activated: Reloader[] = [];
    const reverted: Reloader[] = [];
    for (const [i, p] of prepared.entries()) {
      const { reloader } = p;
      try {
        await this.step(reloader, 'activate', (ctx) => reloader.activate(p.value, ctx));
        activated.push(reloader);
        this.finishComponent(reloader.name, 'success');
      } catch (err) {
        const timedOut = err instanceof TimeoutError;
        this.errors.push(timedOut ? 'timeout' : 'reload_failed');
        this.finishComponent(reloader.name, timedOut ? 'timeout' : 'failed', message(err));
        if (reloader.critical) {
          for (const rest of prepared.slice(i + 1)) await this.discard(rest, reloader.name);
          // The failed component may be half-swapped: it is rolled back too.
          throw new RollbackNeeded(timedOut ? 'timeout' : 'critical_failed', [...activated, reloader], `${reloader.name}: ${message(err)}`);
        }
        await this.revertAlone(reloader, err);
        reverted.push(reloader);
      }
    }
    return reverted;
  }

  /** Phase 6: every activated component, then the service's readiness. */
  async checkHealth(active: Prepared[]): Promise<Reloader[]> {
    const reverted: Reloader[] = [];
    const activated = active.map((p) => p.reloader);
    for (const reloader of activated) {
      try {
        await this.step(reloader, 'health', (ctx) => reloader.health(ctx));
      } catch (err) {
        const timedOut = err instanceof TimeoutError;
        this.errors.push(timedOut ? 'timeout' : 'reload_failed');
        this.finishComponent(reloader.name, timedOut ? 'timeout' : 'failed', `health: ${message(err)}`);
        if (reloader.critical) throw new RollbackNeeded(timedOut ? 'timeout' : 'health_check_failed', activated, `${reloader.name} health: ${message(err)}`);
        await this.revertAlone(reloader, err);
        reverted.push(reloader);
      }
    }
    if (this.deps.readinessProbe) {
      const probe = this.deps.readinessProbe;
      try {
        await withTimeout('service readiness', this.deps.readinessTimeoutMs, (signal) => probe({ signal, log: this.log }));
      } catch (err) {
        this.errors.push(err instanceof TimeoutError ? 'timeout' : 'reload_failed');
        throw new RollbackNeeded(err instanceof TimeoutError ? 'timeout' : 'health_check_failed', activated, `service readiness: ${message(err)}`);
      }
    }
    return reverted;
  }

  /** The reload stuck: old instances are released (drains start, handles close). */
  async commitAll(prepared: Prepared[]): Promise<void> {
    for (const { reloader } of prepared) {
      try {
        await withTimeout(`${reloader.name} commit`, reloader.timeoutMs, async (signal) => {
          await this.deps.failpoints.hit(`${reloader.name}.commit`, this.input.trigger, signal);
          return reloader.commit({ signal, log: this.log });
        });
      } catch (err) {
        // The new config is live; only the release of the old instance failed.
        this.warn(`${reloader.name}: releasing the previous instance failed: ${message(err)}`);
      }
    }
  }

  /** Reverse order; every component is attempted even after one fails. */
  async rollback(activated: Reloader[], reason: RollbackReason): Promise<boolean> {
    const t = performance.now();
    const id = this.record.id;
    this.record.rolled_back = true;
    this.record.rollback_reason = reason;
    this.deps.events.publish('rollback.started', { id, reason, components: activated.map((r) => r.name) });
    const failures: string[] = [];
    for (const reloader of [...activated].reverse()) {
      try {
        await this.step(reloader, 'rollback', (ctx) => reloader.rollback(ctx));
        this.finishComponent(reloader.name, 'rolled_back');
      } catch (err) {
        failures.push(`${reloader.name}: ${message(err)}`);
        this.finishComponent(reloader.name, 'rollback_failed', message(err));
      }
    }
    const duration_ms = round(performance.now() - t);
    if (failures.length) this.errors.push('rollback_failed');
    this.deps.events.publish('rollback.finished', {
      id,
      status: failures.length ? 'failed' : 'success',
      duration_ms,
      ...(failures.length ? { error: failures.join('; ') } : {}),
    });
    return failures.length === 0;
  }

  result(status: ReloadStatus, running: RunningConfig | null, degraded: boolean, error?: string): RunResult {
    for (const name of PHASES) if (!this.record.phases.some((p) => p.name === name)) this.record.phases.push({ name, status: 'skipped', duration_ms: 0 });
    this.record.status = status;
    this.record.components = [...this.components.values()];
    this.record.duration_ms = round(performance.now() - this.input.t0);
    if (error) this.record.error = error;
    return { record: this.record, errors: this.errors, running, degraded, abandoned: this.abandoned };
  }

  // -------------------------------------------------------------- helpers

  /** One lifecycle call of one component: failpoint, timeout, time added to its record. */
  private async step<T>(reloader: Reloader, step: 'prepare' | 'activate' | 'health' | 'rollback', fn: (ctx: ReloadContext) => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await withTimeout(`${reloader.name} ${step}`, reloader.timeoutMs, async (signal) => {
        await this.deps.failpoints.hit(`${reloader.name}.${step}`, this.input.trigger, signal);
        // A hung step (or failpoint) that wakes after the timeout goes no further: the
        // component's own check before its swap is the second line (reloaders/abandoned.ts).
        signal.throwIfAborted();
        return fn({ signal, log: this.log, templateFiles: this.templateFiles });
      });
    } catch (err) {
      if (err instanceof TimeoutError && (step === 'prepare' || step === 'activate')) this.watchLate(reloader, step, err);
      throw err;
    } finally {
      const rec = this.component(reloader.name);
      rec.duration_ms = round(rec.duration_ms + performance.now() - t);
    }
  }

  /**
   * An abandoned prepare or activate may still complete, if its component ignores the
   * signal: then what it built must be released, and what it swapped undone. The run is
   * over by then; the coordinator, which knows whether another reload has touched the
   * component since, does it.
   */
  private watchLate(reloader: Reloader, step: 'prepare' | 'activate', err: TimeoutError): void {
    const expiredAt = performance.now();
    const settled = err.late.then(
      (value) => this.deps.onLateStep?.({ reloader, step, value, record: this.record, lateByMs: round(performance.now() - expiredAt) }),
      (cause: unknown) =>
        // It failed after all (usually: refused because abandoned): nothing took effect. Said
        // in the log, so an operator (and a test) sees the abandoned step come to its end.
        this.log.info('an abandoned step ended without taking effect', { reload_id: this.record.id, component: reloader.name, step, late_by_ms: round(performance.now() - expiredAt), error: message(cause) }),
    );
    this.abandoned.push(settled);
  }

  private async revertAlone(reloader: Reloader, cause: unknown): Promise<void> {
    try {
      await this.step(reloader, 'rollback', (ctx) => reloader.rollback(ctx));
      this.warn(`${reloader.name} (not critical) failed and kept its previous settings: ${message(cause)}`);
    } catch (err) {
      // The component is now in an unknown state: the reload ends as rollback_failed and the
      // service reports not-ready until a later reload succeeds.
      this.errors.push('rollback_failed');
      this.finishComponent(reloader.name, 'rollback_failed', message(err));
      throw new PhaseFailure('rollback_failed', `${reloader.name}: could not revert after a failure: ${message(err)}`);
    }
  }

  private async discard(p: Prepared, because: string): Promise<void> {
    try {
      await withTimeout(`${p.reloader.name} discard`, p.reloader.timeoutMs, (signal) => p.reloader.discard(p.value, { signal, log: this.log }));
      this.finishComponent(p.reloader.name, 'skipped', `discarded: ${because} failed`);
    } catch (err) {
      this.warn(`${p.reloader.name}: discarding the prepared instance failed: ${message(err)}`);
    }
  }

  private component(name: string): ComponentRecord {
    let rec = this.components.get(name);
    if (!rec) this.components.set(name, (rec = { name, status: 'skipped', duration_ms: 0 }));
    return rec;
  }

  private finishComponent(name: string, status: StepStatus, error?: string): void {
    const rec = this.component(name);
    rec.status = status;
    if (error) rec.error = error;
    else delete rec.error;
    this.deps.events.publish('component.finished', { id: this.record.id, component: name, status, duration_ms: rec.duration_ms, ...(error ? { error } : {}) });
  }

  private endPhase(name: PhaseName, status: StepStatus, t: number, error?: string): void {
    const duration_ms = round(performance.now() - t);
    this.record.phases.push({ name, status, duration_ms, ...(error ? { error } : {}) });
    this.deps.events.publish('phase.finished', { id: this.record.id, phase: name, status, duration_ms, ...(error ? { error } : {}) });
  }

  private classify(phase: PhaseName, err: unknown): Error {
    if (err instanceof PhaseFailure || err instanceof RollbackNeeded) return err;
    if (err instanceof ConfigError) {
      this.record.issues = err.issues;
      this.errors.push(err.kind);
      return new PhaseFailure(err.kind, err.message);
    }
    // A bug in a phase that should not throw: report it as a failure of that phase.
    const type: ErrorType = phase === 'load' ? 'load_failed' : phase === 'validate' ? 'validation_failed' : 'apply_failed';
    this.errors.push(type);
    return new PhaseFailure(type, `${phase}: ${message(err)}`);
  }

  warn(text: string): void {
    (this.record.warnings ??= []).push(text);
    this.log.warn(text, { reload_id: this.record.id });
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

