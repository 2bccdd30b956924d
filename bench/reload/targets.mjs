// The brief's targets, evaluated against one run's results. Each target says what was
// measured, the limit, and whether it is met (null when the run could not measure it).

const COMPARE = {
  '<=': (a, b) => a <= b,
  '<': (a, b) => a < b,
  '>=': (a, b) => a >= b,
};

export function target(what, measured, op, limit, unit) {
  const met = measured == null || Number.isNaN(measured) ? null : COMPARE[op](measured, limit);
  return { what, measured: measured ?? null, op, limit, unit, met };
}

function maxOf(xs) {
  const present = xs.filter((x) => x != null);
  return present.length ? Math.max(...present) : null;
}

function sumOf(xs) {
  return xs.reduce((s, x) => s + (x ?? 0), 0);
}

export function evaluateTargets({ latency, noop, burst, throughput, rss, realworld }) {
  const targets = [];
  // --only runs leave the other measurements out: no rows for what was not asked for.
  if (latency) {
    const at1k = latency.find((row) => row.n === 1000);
    targets.push(target('hotconf reload p95 at N=1,000 (trigger → done, client wall)', at1k?.hotconf.wall_ms.p95, '<=', 10, 'ms'));
    for (const row of latency) {
      targets.push(target(`reload p95 hotconf / Alertmanager at N=${row.n.toLocaleString('en-US')}`, row.ratio.p95, '<=', 0.5, '×'));
    }
    targets.push(target('hotconf pipeline overhead p95 at N=1,000 (Σ phases − Σ components, the issue\'s definition)', at1k?.hotconf.phases_overhead_ms.p95, '<=', 2, 'ms'));
    targets.push(target('hotconf pipeline overhead p95 at N=1,000, stricter (whole record − Σ components)', at1k?.hotconf.overhead_ms.p95, '<=', 2, 'ms'));
  }
  if (noop) {
    targets.push(target(`unchanged file: hotconf answered 'noop' (of ${noop.reloads})`, noop.hotconf.noop_count, '>=', noop.reloads, ''));
    targets.push(target('unchanged file: hotconf p95, server side (record.duration_ms)', noop.hotconf.record_ms.p95, '<=', 1, 'ms'));
    targets.push(target('unchanged file: hotconf p95, client wall', noop.hotconf.wall_ms.p95, '<=', 1, 'ms'));
  }
  if (burst) {
    const rounds = burst.hotconf;
    targets.push(target(`10 concurrent reloads: hotconf reloads run, distinct records (worst of ${rounds.length})`, maxOf(rounds.map((r) => r.distinct_records)), '<=', 2, ''));
    targets.push(target(`10 concurrent reloads: hotconf reloads run, config_reload_total delta (worst of ${rounds.length})`, maxOf(rounds.map((r) => r.metric_delta)), '<=', 2, ''));
    targets.push(target('10 concurrent reloads: callers whose record started before their call was sent', sumOf(rounds.map((r) => r.started_before_sent)), '<=', 0, ''));
    targets.push(target('10 concurrent reloads: callers whose reload failed', sumOf(rounds.map((r) => r.failed)), '<=', 0, ''));
  }
  if (throughput) {
    targets.push(target('read throughput hotconf GET /api/v2/config ÷ Alertmanager GET /api/v2/status', throughput.ratio, '>=', 15, '×'));
  }
  if (rss?.hotconf) {
    const { points, step, total } = rss.hotconf;
    const first = points.find((p) => p.reloads === step);
    const last = points.at(-1);
    for (const p of [first, last]) {
      if (p) targets.push(target(`hotconf RSS after ${p.reloads.toLocaleString('en-US')} reloads`, p.rss_mb, '<=', 150, 'MB'));
    }
    targets.push(target(`hotconf RSS growth ${step.toLocaleString('en-US')} → ${total.toLocaleString('en-US')} reloads`, rss.hotconf.growth_pct, '<', 5, '%'));
  }
  if (realworld) {
    // Issue 8, acceptance 4: both on client wall time, as the N=1,000 latency target is.
    const at = `real-world file N=${realworld.n.toLocaleString('en-US')}`;
    const receiver = realworld.edits.find((e) => e.edit === 'receiver');
    targets.push(target(`${at}, ${receiver?.label ?? 'one receiver URL'}: hotconf reload p95 (client wall)`, receiver?.hotconf.wall_ms.p95, '<=', 7, 'ms'));
    for (const e of realworld.edits) {
      targets.push(target(`${at}, ${e.label}: reload p95 hotconf / Alertmanager (client wall)`, e.ratio.p95, '<=', 0.25, '×'));
    }
  }
  return targets;
}
