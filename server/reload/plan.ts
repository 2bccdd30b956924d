// A plan: the dry run of the pipeline's first phases — load → validate → diff — for a
// proposed config text, plus each affected component's preflight check (is the new port
// free, can the new database file be opened). Nothing is activated and nothing is left
// open, so a plan can run at any time, even while a reload runs (preflight only reads and
// probes). The coordinator runs it (ReloadCoordinator.plan) with its own reloaders.
import { diffConfigs, withTemplateChanges } from '../config/diff';
import { checkConfigText, type SecretSource, type TemplateFile, type TemplateSource } from '../config/load';
import type { Config } from '../config/schema';
import type { ConfigIssue } from '../contract/config';
import type { Plan, PlanComponent } from '../contract/plan';
import type { RoutingImpact } from '../contract/history';
import type { Logger } from '../log';
import type { Reloader } from '../reloaders/types';
import { undeliverableReceivers } from '../alerts/undeliverable';
import type { RunningConfig } from './run';
import { withTimeout } from './timeout';

export interface PlanDeps {
  running: Pick<RunningConfig, 'config' | 'templateFiles'> | null;
  reloaders: readonly Reloader[];
  secrets: SecretSource;
  templates?: TemplateSource;
  log: Logger;
  /** Replays recent alerts through a valid draft (the service's, from its history). */
  impact?: (draft: Config) => RoutingImpact;
}

/** The sections whose change can send an alert elsewhere. */
const ROUTING_SECTIONS = ['route', 'time_intervals', 'mute_time_intervals', 'inhibit_rules'];

export async function planConfig(text: string, deps: PlanDeps): Promise<Plan> {
  const checked = checkConfigText(text, deps.secrets, deps.templates ? { templates: deps.templates } : {});
  if (!checked.ok) {
    const n = checked.issues.length;
    return {
      valid: false,
      errors: checked.issues,
      warnings: [],
      changes: [],
      components: [],
      restart_required: [],
      summary: `${n} ${n === 1 ? 'error' : 'errors'} (${checked.kind === 'load_failed' ? 'the file does not load' : 'the config is not valid'}): nothing would change`,
    };
  }

  const { changes, sections } = withTemplateChanges(diffConfigs(deps.running?.config ?? null, checked.config), deps.running?.templateFiles ?? [], checked.loaded.templateFiles);
  const affected = deps.reloaders.filter((r) => r.sections.some((s) => sections.includes(s)));
  const components = await Promise.all(affected.map((r) => preflight(r, checked.config, deps.log, checked.loaded.templateFiles)));
  const failed = components.filter((c) => c.preflight === 'failed');
  const warnings = [
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
  const head = `${changeCount} ${changeCount === 1 ? 'change' : 'changes'}; reloads ${names}; no restart needed`;
  return errorCount ? `${head}; ${errorCount} preflight ${errorCount === 1 ? 'check fails' : 'checks fail'}: applying would be rejected` : head;
}
