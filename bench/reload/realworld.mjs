// Measurement 6: a real-world-shaped file (gen-am-config.mjs: global SMTP/Slack, basic_auth
// on every webhook, route timing fields, inhibit rules), the same text served by both, and
// three everyday edits measured one at a time: one receiver's URL, the root route's
// group_wait, one inhibit rule. Each edit's reloads flip that one switch back and forth, so
// every reload really changes something and nothing else. Both services are driven in the
// same loop, order flipped every iteration, as in latency.mjs.
import { setTimeout as sleep } from 'node:timers/promises';
import { EDITS, genRealWorldYaml } from '../lib/gen-am-config.mjs';
import { changeAndReload, collectByName, recordBreakdown } from './latency.mjs';
import { ratio, summarize } from './stats.mjs';

const round3 = (x) => Math.round(x * 1000) / 1000;

/**
 * A pause before every reload, so that each is timed on a machine the other service has
 * stopped using: Alertmanager collects garbage on both cores for a while after answering
 * its reload, and hotconf's state store is checkpointed (on a thread of its own) once the
 * writes pause. Back to back, hotconf's reload right after Alertmanager's had a median
 * 0.3–0.4 ms slower than the one before it, on every edit (8 runs of 300, 2026-11-28).
 */
const QUIET_MS = 30;

/** What the report calls each edit. */
export const EDIT_LABELS = {
  receiver: 'one receiver URL',
  groupWait: 'root route group_wait',
  inhibit: 'one inhibit rule',
};

/** For services.mjs: the same generator for both services. */
export const realWorldText = (n, edits) => genRealWorldYaml(n, edits);

function summarizeByName(byName) {
  return Object.fromEntries(Object.entries(byName).map(([name, xs]) => [name, summarize(xs)]));
}

/**
 * Back to the all-zero base on both services. The previous edit may have ended there
 * already, so hotconf may answer 'noop' here: both are fine, a failure is not.
 */
async function resetToBase(services, n, agent) {
  for (const service of services) {
    service.writeConfig(n, {});
    const result = await service.reload(agent);
    if (!result.ok) throw new Error(`${service.name} reload back to the base file failed: ${result.error}`);
  }
}

async function measureEdit({ hc, am, n, edit, reloads, warmup, agent }) {
  await resetToBase([hc, am], n, agent);
  let on = 0;
  // Warm-up on this very edit first (JIT, caches): not recorded.
  for (let i = 0; i < warmup; i++) {
    on ^= 1;
    for (const service of [hc, am]) {
      await sleep(QUIET_MS);
      await changeAndReload(service, n, { [edit]: on }, agent);
    }
  }
  const hcWall = [];
  const amWall = [];
  const breakdowns = [];
  const phases = {};
  const components = {};
  const componentSets = {};
  const changedPaths = new Set();
  for (let i = 0; i < reloads; i++) {
    on ^= 1;
    const order = i % 2 === 0 ? [hc, am] : [am, hc];
    for (const service of order) {
      // changeAndReload insists on hotconf status 'success': a 'noop' would mean the edit
      // did not reach it, and its number would be a different measurement.
      await sleep(QUIET_MS);
      const result = await changeAndReload(service, n, { [edit]: on }, agent);
      if (service === am) {
        amWall.push(result.wallMs);
        continue;
      }
      hcWall.push(result.wallMs);
      breakdowns.push({ ...recordBreakdown(result.record), outside: result.wallMs - result.record.duration_ms });
      collectByName(result.record.phases, phases);
      collectByName(result.record.components, components);
      const set = result.record.components.map((c) => c.name).sort().join(', ') || '(none)';
      componentSets[set] = (componentSets[set] ?? 0) + 1;
      for (const c of result.record.changes ?? []) changedPaths.add(c.path ?? JSON.stringify(c));
    }
  }
  const hcSummary = summarize(hcWall);
  const hcRecord = summarize(breakdowns.map((b) => b.total));
  const amSummary = summarize(amWall);
  return {
    edit,
    label: EDIT_LABELS[edit],
    reloads,
    warmup,
    hotconf: {
      wall_ms: hcSummary,
      record_ms: hcRecord,
      components_sum_ms: summarize(breakdowns.map((b) => b.components)),
      overhead_ms: summarize(breakdowns.map((b) => b.overhead)),
      between_phases_ms: summarize(breakdowns.map((b) => b.betweenPhases)),
      phases_overhead_ms: summarize(breakdowns.map((b) => b.phasesOverhead)),
      outside_record_ms: summarize(breakdowns.map((b) => b.outside)),
      phase_ms: summarizeByName(phases),
      component_ms: summarizeByName(components),
      // Which components each reload ran, and what the records say changed: the check that
      // the edit is the small change it is meant to be.
      component_sets: componentSets,
      changed_paths: [...changedPaths].slice(0, 20),
    },
    alertmanager: { wall_ms: amSummary },
    samples_ms: { hotconf: hcWall.map(round3), hotconf_record: breakdowns.map((b) => round3(b.total)), alertmanager: amWall.map(round3) },
    ratio: {
      p50: ratio(hcSummary.p50, amSummary.p50),
      p95: ratio(hcSummary.p95, amSummary.p95),
      // Server side for hotconf against Alertmanager's wall (it has no server-side figure).
      record_p95: ratio(hcRecord.p95, amSummary.p95),
    },
  };
}

export async function measureRealWorld({ hc, am, n, reloads, warmup, agent }) {
  const rows = [];
  for (const edit of EDITS) {
    const row = await measureEdit({ hc, am, n, edit, reloads, warmup, agent });
    rows.push(row);
    console.error(`  real-world ${edit}: hotconf p95 ${row.hotconf.wall_ms.p95?.toFixed(2)} ms (record ${row.hotconf.record_ms.p95?.toFixed(2)}), alertmanager p95 ${row.alertmanager.wall_ms.p95?.toFixed(2)} ms`);
  }
  return {
    n,
    config_bytes: { hotconf: hc.configBytes, alertmanager: am.configBytes },
    hotconf_text: hc.textNote,
    edits: rows,
  };
}
