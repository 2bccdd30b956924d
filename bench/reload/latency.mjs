// Measurement 1: reload latency, trigger → done, for a one-receiver change, at several
// config sizes. Both services are driven alternately in the same loop so that noise on the
// shared machine hits both alike; the order flips every iteration.
import { summarize, ratio } from './stats.mjs';

/** A reload that did not apply makes every number after it meaningless: stop loudly. */
export function mustApply(service, result, expectStatus) {
  if (!result.ok) throw new Error(`${service.name} reload failed: ${result.error}`);
  if (expectStatus && result.record?.status !== expectStatus) {
    throw new Error(`${service.name} reload answered status '${result.record?.status}', expected '${expectStatus}' (record ${JSON.stringify(result.record).slice(0, 400)})`);
  }
}

/** Changes the file to a new variant and reloads, checking it applied. */
export async function changeAndReload(service, n, variant, agent) {
  service.writeConfig(n, variant);
  const result = await service.reload(agent);
  mustApply(service, result, service.name === 'hotconf' ? 'success' : undefined);
  return result;
}

const round3 = (x) => Math.round(x * 1000) / 1000;

function sum(xs) {
  return xs.reduce((s, x) => s + x, 0);
}

/** Collects what one hotconf record says about where the time went. */
export function recordBreakdown(record) {
  const components = sum(record.components.map((c) => c.duration_ms));
  const phases = sum(record.phases.map((p) => p.duration_ms));
  return {
    total: record.duration_ms,
    components,
    phases,
    overhead: record.duration_ms - components,
    // The issue's own definition: all phases minus component work (the file read, hashing and
    // record insert before phase 1 are left out; `overhead` above keeps them in).
    phasesOverhead: phases - components,
    betweenPhases: record.duration_ms - phases,
  };
}

export function collectByName(items, into) {
  for (const { name, duration_ms } of items) (into[name] ??= []).push(duration_ms);
}

function p50s(byName) {
  return Object.fromEntries(Object.entries(byName).map(([name, xs]) => [name, summarize(xs).p50]));
}

export async function measureLatency({ hc, am, sizes, reloads, warmup, agent, variants }) {
  const rows = [];
  for (const n of sizes) {
    // Resize both (a big change), then warm up on one-receiver changes: JIT, caches, GC.
    for (let i = 0; i < warmup + 1; i++) {
      const v = variants.next();
      await changeAndReload(hc, n, v, agent);
      await changeAndReload(am, n, v, agent);
    }
    const hcWall = [];
    const amWall = [];
    const breakdowns = [];
    const phases = {};
    const components = {};
    for (let i = 0; i < reloads; i++) {
      const v = variants.next();
      const order = i % 2 === 0 ? [hc, am] : [am, hc];
      for (const service of order) {
        const result = await changeAndReload(service, n, v, agent);
        if (service === hc) {
          hcWall.push(result.wallMs);
          breakdowns.push({ ...recordBreakdown(result.record), outside: result.wallMs - result.record.duration_ms });
          collectByName(result.record.phases, phases);
          collectByName(result.record.components, components);
        } else {
          amWall.push(result.wallMs);
        }
      }
    }
    const hcSummary = summarize(hcWall);
    const amSummary = summarize(amWall);
    rows.push({
      n,
      config_bytes: { hotconf: hc.configBytes, alertmanager: am.configBytes },
      reloads,
      warmup,
      hotconf: {
        wall_ms: hcSummary,
        record_ms: summarize(breakdowns.map((b) => b.total)),
        components_sum_ms: summarize(breakdowns.map((b) => b.components)),
        overhead_ms: summarize(breakdowns.map((b) => b.overhead)),
        between_phases_ms: summarize(breakdowns.map((b) => b.betweenPhases)),
        phases_overhead_ms: summarize(breakdowns.map((b) => b.phasesOverhead)),
        // HTTP both ways plus the bookkeeping after the record's clock stopped (persisting it).
        outside_record_ms: summarize(breakdowns.map((b) => b.outside)),
        phase_p50_ms: p50s(phases),
        component_p50_ms: p50s(components),
      },
      alertmanager: { wall_ms: amSummary },
      // The raw wall times too (µs precision), for anyone who wants another statistic.
      samples_ms: { hotconf: hcWall.map(round3), alertmanager: amWall.map(round3) },
      ratio: { p50: ratio(hcSummary.p50, amSummary.p50), p95: ratio(hcSummary.p95, amSummary.p95) },
    });
    console.error(`  latency N=${n}: hotconf p95 ${hcSummary.p95?.toFixed(2)} ms, alertmanager p95 ${amSummary.p95?.toFixed(2)} ms`);
  }
  return rows;
}
