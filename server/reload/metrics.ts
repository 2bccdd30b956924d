// The reload metrics. Names, labels and buckets are fixed by DESIGN §4: dashboards and
// alert rules depend on them. The registry is injected so every test gets a fresh one
// (prom-client throws when a name is registered twice in one registry).
//
// Every label value of the counters is initialised to 0 at construction, so each series
// exists from the first scrape on every path; `recordReload` is the ONE place a finished
// reload writes its metrics (the coordinator calls it from a `finally`).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ErrorType, PhaseName, ReloadRecord, RollbackReason } from '../contract/reload';
import { PHASES } from '../contract/reload';

export const ERROR_TYPES: readonly ErrorType[] = ['load_failed', 'validation_failed', 'apply_failed', 'reload_failed', 'timeout', 'rollback_failed'];
export const ROLLBACK_REASONS: readonly RollbackReason[] = ['critical_failed', 'timeout', 'health_check_failed'];
const FINAL_STATUSES = ['success', 'noop', 'load_failed', 'validation_failed', 'apply_failed', 'rolled_back', 'rollback_failed'] as const;

export interface ReloadOutcome {
  record: ReloadRecord;
  /** Error types this reload produced (usually one; a failed rollback adds rollback_failed). */
  errors: ErrorType[];
  /** Whether the running config changed (success with activated components). */
  applied: boolean;
  /** The running config after the reload, for version/info. */
  running: { version: number; commit: string | null; hash: string | null };
}

export class ReloadMetrics {
  readonly registry: Registry;
  private readonly total: Counter<'status'>;
  private readonly duration: Histogram;
  private readonly phaseDuration: Histogram<'phase'>;
  private readonly componentDuration: Histogram<'component'>;
  private readonly errors: Counter<'type'>;
  private readonly lastSuccess: Gauge;
  private readonly rollbacks: Counter<'reason'>;
  private readonly version: Gauge;
  private readonly lastSuccessful: Gauge;
  private readonly inProgress: Gauge;
  private readonly info: Gauge<'commit' | 'hash'>;
  private readonly signals: Counter<'signal'>;

  constructor(opts: { registry?: Registry; components: readonly string[]; defaultMetrics?: boolean }) {
    const registers = [(this.registry = opts.registry ?? new Registry())];
    if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });

    this.total = new Counter({ name: 'config_reload_total', help: 'Config reloads by final status.', labelNames: ['status'], registers });
    this.duration = new Histogram({
      name: 'config_reload_duration_seconds',
      help: 'Duration of a whole reload, trigger to verdict.',
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
      registers,
    });
    this.phaseDuration = new Histogram({
      name: 'config_reload_phase_duration_seconds',
      help: 'Duration of each reload phase that ran.',
      labelNames: ['phase'],
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.2, 0.5],
      registers,
    });
    this.componentDuration = new Histogram({
      name: 'config_reload_component_duration_seconds',
      help: 'Duration of each component reload (prepare + activate + health).',
      labelNames: ['component'],
      buckets: [0.0005, 0.001, 0.01, 0.05, 0.1, 0.2, 0.5, 1],
      registers,
    });
    this.errors = new Counter({ name: 'config_reload_errors_total', help: 'Reload errors by type.', labelNames: ['type'], registers });
    this.lastSuccess = new Gauge({ name: 'config_reload_last_success_timestamp_seconds', help: 'Unix time of the last successful reload (noop included).', registers });
    this.rollbacks = new Counter({ name: 'config_reload_rollbacks_total', help: 'Rollbacks by reason.', labelNames: ['reason'], registers });
    this.version = new Gauge({ name: 'config_reload_version', help: 'Version of the running config: +1 per applied change.', registers });
    this.lastSuccessful = new Gauge({ name: 'config_last_reload_successful', help: 'Whether the last reload succeeded (1) or failed (0).', registers });
    this.inProgress = new Gauge({ name: 'config_reload_in_progress', help: '1 while a reload runs.', registers });
    this.info = new Gauge({ name: 'config_info', help: 'The running config: commit and content hash.', labelNames: ['commit', 'hash'], registers });

    // Not one of DESIGN's eight: how many signals the process handled, so that a burst of
    // SIGHUPs can be told apart from the few the kernel delivered (it merges pending ones).
    this.signals = new Counter({ name: 'hotconf_signals_received_total', help: 'Signals the service handled (SIGHUP held during start-up included).', labelNames: ['signal'], registers });

    // Every series exists from the first scrape (rate() and absent() behave).
    for (const s of FINAL_STATUSES) this.total.inc({ status: s }, 0);
    for (const t of ERROR_TYPES) this.errors.inc({ type: t }, 0);
    for (const r of ROLLBACK_REASONS) this.rollbacks.inc({ reason: r }, 0);
    for (const p of PHASES) this.phaseDuration.zero({ phase: p });
    for (const c of opts.components) this.componentDuration.zero({ component: c });
    this.inProgress.set(0);
    for (const s of ['SIGHUP', 'SIGTERM', 'SIGINT']) this.signals.inc({ signal: s }, 0);
  }

  signalReceived(signal: string): void {
    this.signals.inc({ signal });
  }

  reloadStarted(): void {
    this.inProgress.set(1);
  }

  /** For the path where recordReload itself failed: in_progress must not stay 1. */
  reloadEnded(): void {
    this.inProgress.set(0);
  }

  /** The one place a finished reload's metrics are written; no path skips it. */
  recordReload({ record, errors, running }: ReloadOutcome): void {
    const ok = record.status === 'success' || record.status === 'noop';
    this.total.inc({ status: record.status });
    this.duration.observe(record.duration_ms / 1000);
    for (const p of record.phases) if (p.status !== 'skipped') this.phaseDuration.observe({ phase: p.name as PhaseName }, p.duration_ms / 1000);
    for (const c of record.components) this.componentDuration.observe({ component: c.name }, c.duration_ms / 1000);
    for (const t of errors) this.errors.inc({ type: t });
    if (record.rollback_reason) this.rollbacks.inc({ reason: record.rollback_reason });
    if (ok) this.lastSuccess.set(Date.parse(record.started_at) / 1000 + record.duration_ms / 1000);
    this.lastSuccessful.set(ok ? 1 : 0);
    this.setRunning(running);
    this.inProgress.set(0);
  }

  setRunning(running: ReloadOutcome['running']): void {
    this.version.set(running.version);
    this.info.reset();
    this.info.set({ commit: running.commit ?? 'none', hash: running.hash ?? 'none' }, 1);
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
