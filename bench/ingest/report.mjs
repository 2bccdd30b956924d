// The ingest benchmark's targets (issue 9) and printed report.
import { num, table, targetsSection } from '../reload/report.mjs';
import { target } from '../reload/targets.mjs';

const label = (row) => `${row.concurrency} sender${row.concurrency > 1 ? 's' : ''} × ${row.per_request} alert${row.per_request > 1 ? 's' : ''}/request`;
const ratio = (a, b) => (a == null || b == null || b === 0 ? null : a / b);
/** Alerts/s lost from `base` to `run`, as a percentage of `base`. */
const lossPct = (base, run) => (base > 0 ? (100 * (base - run)) / base : null);
const costPct = (base, run) => lossPct(base.alerts_per_s, run.alerts_per_s);

/**
 * The reload cost as the target reads it: each round's reloading segment against its control,
 * which ran right before or after it, then the median over the rounds. The machine is shared:
 * a sum over the segments moved by ±5 % from one disturbed second (hotconf's control — the
 * driver running, aimed elsewhere — came out 4.9 % *faster* than its plain runs with no
 * driver at all), more than the 2 % it is meant to resolve.
 */
export function pairedCostPct(rounds) {
  const costs = rounds.map((r) => lossPct(r.control, r.reloading)).filter((c) => c != null);
  if (!costs.length) return null;
  // The middle value, or the mean of the middle two (not the lower one, which would flatter).
  const sorted = costs.sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function evaluateIngestTargets({ load, notify, persisted }) {
  const targets = [];
  for (const row of load) {
    const hc = row.hotconf;
    const am = row.alertmanager;
    targets.push(target(`${label(row)}: hotconf ÷ Alertmanager alerts/s (no reloads)`, ratio(hc.plain.alerts_per_s, am.plain.alerts_per_s), '>=', 1.2, '×'));
  }
  // Each accepted alert is one history row: fewer rows than accepted alerts means lost ones.
  targets.push(target(`hotconf persisted every accepted alert: accepted − history rows (${persisted.hotconf_accepted.toLocaleString('en-US')} accepted)`, persisted.hotconf_accepted - persisted.hotconf_rows, '<=', 0, ''));
  for (const row of load) {
    const { control, reloading } = row.hotconf;
    // Against the control runs: the same reload driver posting to a server that only answers.
    targets.push(target(`${label(row)}: hotconf throughput lost to a reload every 100 ms (median of ${row.hotconf.rounds.length} paired rounds)`, pairedCostPct(row.hotconf.rounds), '<=', 2, '%'));
    targets.push(target(`${label(row)}: hotconf p99 with ÷ without reloads`, ratio(reloading.p99_ms, control.p99_ms), '<=', 1.2, '×'));
  }
  targets.push(target('alert → webhook p99: hotconf ÷ Alertmanager', ratio(notify.hotconf.p99_ms, notify.alertmanager.p99_ms), '<=', 1, '×'));
  targets.push(target('alert → webhook: hotconf alerts never notified', notify.hotconf.missing, '<=', 0, ''));
  return targets;
}

const SERVICE_NAMES = { hotconf: 'hotconf', alertmanager: 'Alertmanager', node_floor: 'Node floor (parse + 200, reference)' };

const RELOAD_KINDS = { plain: 'no', reloading: 'every 100 ms', control: 'control: driver → floor' };

function loadRow(row, name, which) {
  const r = row[name][which];
  const errs = Object.entries(r.non_2xx_by_status).map(([s, c]) => `${s}×${c}`).join(' ') || '0';
  const reloads = r.reloads ? `${r.reloads.reloads} (${r.reloads.failed} failed)` : '–';
  return [label(row), SERVICE_NAMES[name], RELOAD_KINDS[which], num(r.rps, 0), num(r.alerts_per_s, 0), num(r.p50_ms), num(r.p99_ms), errs, r.socket_errors, reloads];
}

function ratioRow(row) {
  const hc = row.hotconf;
  const am = row.alertmanager;
  const pct = (v) => (v == null ? 'n/a' : `${num(v)} %`);
  return [
    label(row),
    num(ratio(hc.plain.alerts_per_s, am.plain.alerts_per_s), 3),
    num(ratio(hc.reloading.alerts_per_s, am.reloading.alerts_per_s), 3),
    `${pct(pairedCostPct(hc.rounds))} (sum ${pct(costPct(hc.control, hc.reloading))})`, num(ratio(hc.reloading.p99_ms, hc.control.p99_ms), 3),
    `${pct(pairedCostPct(am.rounds))} (sum ${pct(costPct(am.control, am.reloading))})`, num(ratio(am.reloading.p99_ms, am.control.p99_ms), 3),
    pct(costPct(hc.plain, hc.control)),
    num(ratio(row.node_floor.plain.alerts_per_s, am.plain.alerts_per_s), 3),
  ];
}

export function renderIngestReport(results) {
  const m = results.machine;
  const n = results.notify;
  const d = results.plan.durationS;
  const notifyRow = (name, r) => [name, r.alerts, r.notified, r.missing, num(r.p50_ms), num(r.p99_ms), num(r.max_ms), r.non_2xx, r.socket_errors];
  const sections = [
    [
      '# Ingest benchmark: hotconf vs Alertmanager, same run',
      `machine: ${m.nproc} cores (${m.cpu}), ${m.mem_gib} GiB · Node ${m.node} · Alertmanager ${m.alertmanager} · hotconf ${m.hotconf_commit} · ${results.mode} mode · ${results.generated_at}`,
      `load average (1 min) at start ${num(m.load_start)}, at end ${num(m.load_end)}: the machine is shared, so compare the two services within this run only`,
      `dist/cli.js sha256 ${m.hotconf_builds.join(', ')} · hotconf's file: ${results.hotconf_text}`,
      `client: Node keep-alive loop in the benchmark process (it shares the cores with the service under test), closed loop, ${d} s per case and service, in ${results.plan.rounds} interleaved segments (hotconf / Alertmanager, without / with reloads, order flipped each round), one service loaded at a time; the reloads come from a process of their own; hotconf persists every alert to SQLite (history rows afterwards: ${results.persisted.hotconf_rows.toLocaleString('en-US')} for ${results.persisted.hotconf_accepted.toLocaleString('en-US')} accepted)`,
    ].join('\n'),
    [
      '## 1. POST /api/v2/alerts throughput and latency (latency = client wall time per request, ms)',
      table(['load', 'service', 'reloads', 'req/s', 'alerts/s', 'p50', 'p99', 'non-2xx', 'socket errors', 'reloads done'],
        results.load.flatMap((row) => [...['hotconf', 'alertmanager'].flatMap((name) => ['plain', 'reloading', 'control'].map((kind) => loadRow(row, name, kind))), loadRow(row, 'node_floor', 'plain')])),
      '',
      'Ratios. hc ÷ AM: alerts/s. Reload cost: throughput lost with a reload every 100 ms, against the control (the same reload driver, writing the same bytes, posting to the Node floor instead: the driver\'s own share of the two cores is not the service\'s cost), as the median of the rounds\' paired segments (each reloading segment against the control run next to it), and in brackets over the summed segments; p99 ×: with reloads ÷ control. Driver alone: what the control lost against no driver at all. Node floor ÷ AM: a bare Node server that only parses the body — the ceiling for any Node service with this client.',
      table(['load', 'hc ÷ AM', 'hc ÷ AM with reloads', 'hotconf reload cost', 'hotconf p99 ×', 'AM reload cost', 'AM p99 ×', 'driver alone (hotconf runs)', 'Node floor ÷ AM'], results.load.map(ratioRow)),
    ].join('\n'),
    [
      `## 2. Alert in → webhook out, group_wait 0s, one alert per group (${n.hotconf.alerts} alerts at ${n.hotconf.rate_per_s}/s, ms)`,
      `Measured before the throughput runs, on warm, idle services (each sent ${results.plan.notify.warmup.toLocaleString('en-US')} notifications first, not counted):`,
      table(['service', 'sent', 'notified', 'missing', 'p50', 'p99', 'max', 'non-2xx', 'socket errors'], [notifyRow('hotconf', n.hotconf), notifyRow('Alertmanager', n.alertmanager)]),
      '',
      `Again right after the throughput runs (for the record, not a target: hotconf's history thread is catching up on the index of ${results.persisted.hotconf_rows.toLocaleString('en-US')} rows on whatever core is idle):`,
      table(['service', 'sent', 'notified', 'missing', 'p50', 'p99', 'max', 'non-2xx', 'socket errors'], [notifyRow('hotconf', results.notify_after_load.hotconf), notifyRow('Alertmanager', results.notify_after_load.alertmanager)]),
    ].join('\n'),
    targetsSection(results.targets, results.mode === 'quick'),
  ];
  return `${sections.join('\n\n')}\n`;
}
