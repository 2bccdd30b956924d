// A plan: the dry run of the pipeline's first phases — load → validate → diff — for a
// proposed config text, plus each affected component's preflight check (is the new port
// free, can the new database file be opened). Nothing is activated and nothing is left
// open, so a plan can run at any time, even while a reload runs (preflight only reads and
// probes). The coordinator runs it (ReloadCoordinator.plan) with its own reloaders.
//
// Detail is opt-in (`detail: true`, `?detail=1` on the admin API). Without it the plan
// tells nothing about the service's surroundings: secret references are judged by their
// form only (as the console judges them: whether a variable is set or a file exists stays
// unsaid) and compared with the running config by what is written, not by value; and no
// preflight runs (whether a port is in use or a file can be opened stays unsaid). The
// console asks for detail only for the users allowed to apply (editors).
import { diffConfigs, withTemplateChanges } from '../config/diff';
import { located } from '../config/errors';
import { ConfigError, checkConfigText, presentSecrets, type ConfigErrorKind, type SecretSource, type TemplateFile, type TemplateSource } from '../config/load';
import type { Config } from '../config/schema';
import { decodeConfigBytes } from '../config/utf8';
import type { ConfigIssue } from '../contract/config';
import type { Plan, PlanComponent } from '../contract/plan';
import type { RoutingImpact } from '../contract/history';
import type { Logger } from '../log';
import { OFF_THREAD_CHARS, type ParseWorker } from '../parse-worker/client';
import type { Reloader } from '../reloaders/types';
import { undeliverableReceivers } from '../alerts/undeliverable';
import type { RunningConfig } from './run';
import { type ConfigPathRules, configPathIssues } from './config-paths';
import { withTimeout } from './timeout';

export interface PlanDeps {
  running: Pick<RunningConfig, 'config' | 'templateFiles' | 'text'> | null;
  reloaders: readonly Reloader[];
  secrets: SecretSource;
  templates?: TemplateSource;
  /** The folders the files a config names must be in (database.path, *_file). */
  paths?: ConfigPathRules;
  /** Resolve secrets for real and run the preflight checks (see the top of this file). */
  detail: boolean;
  log: Logger;
  /** Where a draft longer than OFF_THREAD_CHARS is checked first, off the event loop. */
  offThread?: Pick<ParseWorker, 'check'>;
  /** Replays recent alerts through a valid draft (the service's, from its history). */
  impact?: (draft: Config) => RoutingImpact;
}

/** The sections whose change can send an alert elsewhere. */
const ROUTING_SECTIONS = ['route', 'time_intervals', 'mute_time_intervals', 'inhibit_rules'];

/** `input`: the draft's text, or its bytes as received (decoded strictly: not UTF-8 → invalid). */
export async function planConfig(input: string | Uint8Array, deps: PlanDeps): Promise<Plan> {
  let text: string;
  try {
    text = typeof input === 'string' ? input : decodeConfigBytes(input);
  } catch (err) {
    if (err instanceof ConfigError) return invalid(err.kind, err.issues);
    throw err;
  }
  if (deps.offThread && text.length > OFF_THREAD_CHARS) {
    // A draft the worker finds invalid is invalid whatever the service's secrets and template
    // files hold: its issues are the answer (those of unresolved references and template
    // files, which only this thread can check, come once the others are fixed). A valid one
    // is known to parse within its limits, and is checked again here for real.
    const pre = await deps.offThread.check(text);
    if (pre && !pre.ok) return invalid(pre.kind, pre.issues);
  }
  const secrets = deps.detail ? deps.secrets : presentSecrets;
  const checked = checkConfigText(text, secrets, deps.templates ? { templates: deps.templates } : {});
  if (!checked.ok) return invalid(checked.kind, checked.issues);
  const pathIssues = deps.paths ? configPathIssues(checked.config, text, deps.paths) : [];
  if (pathIssues.length > 0) return invalid('validation_failed', pathIssues);

  const before = deps.detail ? (deps.running?.config ?? null) : runningAsWritten(deps.running);
  const { changes, sections } = withTemplateChanges(diffConfigs(before, checked.config), deps.running?.templateFiles ?? [], checked.loaded.templateFiles);
  const affected = deps.reloaders.filter((r) => r.sections.some((s) => sections.includes(s)));
  if (!deps.detail) {
    const components = affected.map((r): PlanComponent => ({ name: r.name, critical: r.critical, preflight: 'skipped' }));
    const warnings = [...checked.loaded.warnings.map(located), ...undeliverableReceivers(checked.config.receivers)];
    return { valid: true, errors: [], warnings, changes, components, restart_required: [], summary: summarize(changes.length, components, 0) };
  }
  const components = await Promise.all(affected.map((r) => preflight(r, checked.config, deps.log, checked.loaded.templateFiles)));
  const failed = components.filter((c) => c.preflight === 'failed');
  const warnings = [
    ...checked.loaded.warnings.map(located),
    ...failed.filter((c) => !c.critical).map((c) => `${c.name}: ${c.error} (not critical: it would keep its previous settings)`),
    ...undeliverableReceivers(checked.config.receivers),
  ];
  const errors: ConfigIssue[] = failed
    .filter((c) => c.critical)
    .map((c) => ({ path: sectionOf(c.name, deps.reloaders), line: null, column: null, message: `${c.name}: ${c.error}`, code: 'preflight_failed' }));

  const impact = deps.impact && sections.some((s) => ROUTING_SECTIONS.includes(s)) ? impactOf(deps.impact, checked.config) : undefined;
  return {
    valid: errors.length === 0,
    errors,
    warnings,
    changes,
    components,
    restart_required: [],
    summary: summarize(changes.length, components, errors.length),
    ...(impact ? { impact } : {}),
  };
}

function invalid(kind: ConfigErrorKind, issues: ConfigIssue[]): Plan {
  const n = issues.length;
  return {
    valid: false,
    errors: issues,
    warnings: [],
    changes: [],
    components: [],
    restart_required: [],
    summary: `${n} ${n === 1 ? 'error' : 'errors'} (${kind === 'load_failed' ? 'the file does not load' : 'the config is not valid'}): nothing would change`,
  };
}

/** The running config with its secret references judged like the draft's (by form), so the
 *  diff shows a reference that was rewritten, never a value that differs. */
const asWritten = new WeakMap<object, Config | null>();
function runningAsWritten(running: PlanDeps['running']): Config | null {
  if (!running) return null;
  if (!asWritten.has(running)) {
    const checked = checkConfigText(running.text, presentSecrets);
    asWritten.set(running, checked.ok ? checked.config : running.config);
  }
  return asWritten.get(running) ?? null;
}

/** The impact is information: when it cannot be worked out the plan says why and stands. */
function impactOf(impact: (draft: Config) => RoutingImpact, draft: Config): RoutingImpact {
  try {
    return impact(draft);
  } catch (err) {
    return { replayed: 0, limit: 0, changed: 0, moves: [], samples: [], sample_cap: 0, starved: [], duration_ms: 0, error: (err as Error).message };
  }
}

async function preflight(r: Reloader, next: Config, log: Logger, templateFiles: readonly TemplateFile[]): Promise<PlanComponent> {
  try {
    await withTimeout(`${r.name} preflight`, r.timeoutMs, (signal) => r.preflight(next, { signal, log, templateFiles }));
    return { name: r.name, critical: r.critical, preflight: 'ok' };
  } catch (err) {
    return { name: r.name, critical: r.critical, preflight: 'failed', error: (err as Error).message };
  }
}

function sectionOf(name: string, reloaders: readonly Reloader[]): string {
  return reloaders.find((r) => r.name === name)?.sections[0] ?? '';
}

function summarize(changeCount: number, components: PlanComponent[], errorCount: number): string {
  if (changeCount === 0) return 'no change: applying this would be a no-op';
  const names = components.map((c) => c.name).join(', ');
  const skipped = components.some((c) => c.preflight === 'skipped') ? '; preflight checks not run (they are shown to editors only)' : '';
  const head = `${changeCount} ${changeCount === 1 ? 'change' : 'changes'}; reloads ${names}; no restart needed${skipped}`;
  return errorCount ? `${head}; ${errorCount} preflight ${errorCount === 1 ? 'check fails' : 'checks fail'}: applying would be rejected` : head;
}
