// The benchmark's printed report: markdown tables, one per measurement, then the targets.

export function num(x, digits = 2) {
  if (x == null || Number.isNaN(x)) return 'n/a';
  if (Number.isInteger(x)) return x.toLocaleString('en-US');
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString('en-US');
  if (Math.abs(x) >= 100) return x.toFixed(0);
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(digits);
}

const count = (n) => n.toLocaleString('en-US');
const kb = (bytes) => `${Math.round(bytes / 1024)} KiB`;

export function table(headers, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

function latencySection(latency) {
  const wall = table(
    ['N', 'config (hc / AM)', 'reloads', 'hotconf p50', 'p95', 'max', 'AM p50', 'p95', 'max', 'ratio p50', 'ratio p95'],
    latency.map((r) => [
      count(r.n), `${kb(r.config_bytes.hotconf)} / ${kb(r.config_bytes.alertmanager)}`, r.reloads,
      num(r.hotconf.wall_ms.p50), num(r.hotconf.wall_ms.p95), num(r.hotconf.wall_ms.max),
      num(r.alertmanager.wall_ms.p50), num(r.alertmanager.wall_ms.p95), num(r.alertmanager.wall_ms.max),
      num(r.ratio.p50), num(r.ratio.p95),
    ]),
  );
  const phaseNames = [...new Set(latency.flatMap((r) => Object.keys(r.hotconf.phase_p50_ms)))];
  const inside = table(
    ['N', 'record p50', 'record p95', 'Σ components p50', 'phases − components p95', 'overhead p50', 'overhead p95', 'between phases p95', 'wall − record p50', ...phaseNames.map((p) => `${p} p50`)],
    latency.map((r) => [
      count(r.n), num(r.hotconf.record_ms.p50), num(r.hotconf.record_ms.p95), num(r.hotconf.components_sum_ms.p50),
      num(r.hotconf.phases_overhead_ms.p95), num(r.hotconf.overhead_ms.p50), num(r.hotconf.overhead_ms.p95), num(r.hotconf.between_phases_ms.p95), num(r.hotconf.outside_record_ms.p50),
      ...phaseNames.map((p) => num(r.hotconf.phase_p50_ms[p])),
    ]),
  );
  const componentNames = [...new Set(latency.flatMap((r) => Object.keys(r.hotconf.component_p50_ms)))];
  const perComponent = componentNames.length
    ? table(['N', ...componentNames.map((c) => `${c} p50`)], latency.map((r) => [count(r.n), ...componentNames.map((c) => num(r.hotconf.component_p50_ms[c]))]))
    : '(no component durations in the records)';
  return [
    '## 1. Reload latency, one receiver changed (ms, trigger → done, client wall time)',
    wall,
    '',
    'hotconf, from its reload records (ms). overhead = record.duration_ms − Σ component durations (includes load/validate/diff); between phases = record − Σ phases (file read, hash, provenance, record insert); wall − record = HTTP + persisting the record after its clock stopped.',
    inside,
    '',
    perComponent,
  ].join('\n');
}

function noopSection(noop) {
  const statuses = Object.entries(noop.hotconf.statuses).map(([s, c]) => `${s}: ${c}`).join(', ');
  return [
    `## 2. Unchanged file, N=${count(noop.n)}, ${noop.reloads} reloads (ms)`,
    table(
      ['service', 'result', 'server p50', 'server p95', 'wall p50', 'wall p95', 'wall max'],
      [
        ['hotconf', statuses, num(noop.hotconf.record_ms.p50), num(noop.hotconf.record_ms.p95), num(noop.hotconf.wall_ms.p50), num(noop.hotconf.wall_ms.p95), num(noop.hotconf.wall_ms.max)],
        ['Alertmanager', 'full re-apply (200)', 'n/a', 'n/a', num(noop.alertmanager.wall_ms.p50), num(noop.alertmanager.wall_ms.p95), num(noop.alertmanager.wall_ms.max)],
      ],
    ),
  ].join('\n');
}

function burstSection(burst) {
  const rows = burst.hotconf.map((h, i) => {
    const a = burst.alertmanager[i];
    const statuses = Object.entries(h.statuses).map(([s, c]) => `${s}×${c}`).join(' ');
    return [i + 1, h.distinct_records, h.metric_delta ?? 'n/a', statuses, h.started_before_sent, h.failed, h.sent_spread_ms, h.reload_starts_ms.join(', '), num(h.burst_ms), a.reloads_logged, a.failed, num(a.burst_ms)];
  });
  return [
    `## 3. ${burst.callers} concurrent POST /-/reload after one change, N=${count(burst.n)}`,
    table(['round', 'hc records', 'hc metric Δ', 'hc statuses', 'hc started before sent', 'hc failed', 'hc calls sent within ms', 'hc reloads started at ms', 'hc burst ms', 'AM reloads (log)', 'AM failed', 'AM burst ms'], rows),
  ].join('\n');
}

function throughputSection(t) {
  const row = (name, r) => [name, `GET ${r.path}`, kb(r.response_bytes), r.content_type ?? '', num(r.rps, 0), count(r.requests), r.non_2xx, r.socket_errors ?? ''];
  return [
    `## 4. Read throughput, N=${count(t.n)} (client: ${t.client})`,
    table(['service', 'endpoint', 'response', 'type', 'req/s', 'requests', 'non-2xx', 'socket errors'], [row('hotconf', t.hotconf), row('Alertmanager', t.alertmanager)]),
    `ratio hotconf / Alertmanager: ${num(t.ratio)}×`,
  ].join('\n');
}

function memoryColumns(points) {
  // Whatever detail the service's own /metrics gave, in the order first seen.
  return [...new Set(points.flatMap((p) => Object.keys(p).filter((k) => k !== 'reloads' && k !== 'rss_mb')))];
}

function rssSection(rss) {
  const parts = ['## 5. Memory after many reloads (fresh process, N=1,000, two variants alternated; MB = 10^6 bytes)'];
  for (const [name, r] of [['hotconf', rss.hotconf], ['Alertmanager', rss.alertmanager]]) {
    if (!r) continue;
    const extra = memoryColumns(r.points);
    parts.push(
      `${name}: ${count(r.total)} reloads in ${num(r.seconds, 0)} s, reload wall p50 ${num(r.wall_ms.p50)} ms / p95 ${num(r.wall_ms.p95)} ms${r.growth_pct == null ? '' : `; RSS growth ${count(r.step)} → ${count(r.total)}: ${num(r.growth_pct)} %`}`,
      table(['reloads', 'RSS MB', ...extra.map((k) => k.replace(/_mb$/, ' MB'))], r.points.map((p) => [count(p.reloads), num(p.rss_mb, 1), ...extra.map((k) => num(p[k], 1))])),
      '',
    );
  }
  if (rss.note) parts.push(rss.note);
  return parts.join('\n');
}

const pair = (s) => `${num(s.p50)} / ${num(s.p95)}`;

function realWorldSection(rw) {
  const reloads = rw.edits[0]?.reloads ?? 0;
  const wall = table(
    ['edit', 'hotconf p50', 'p95', 'max', 'hotconf record p50', 'record p95', 'AM p50', 'p95', 'max', 'ratio p50', 'ratio p95', 'ratio p95 (hc record)'],
    rw.edits.map((e) => [
      e.label, num(e.hotconf.wall_ms.p50), num(e.hotconf.wall_ms.p95), num(e.hotconf.wall_ms.max),
      num(e.hotconf.record_ms.p50), num(e.hotconf.record_ms.p95),
      num(e.alertmanager.wall_ms.p50), num(e.alertmanager.wall_ms.p95), num(e.alertmanager.wall_ms.max),
      num(e.ratio.p50), num(e.ratio.p95), num(e.ratio.record_p95),
    ]),
  );
  const phaseNames = [...new Set(rw.edits.flatMap((e) => Object.keys(e.hotconf.phase_ms)))];
  const phases = table(
    ['edit', ...phaseNames, 'Σ phases − Σ components', 'record − Σ phases', 'wall − record'],
    rw.edits.map((e) => [
      e.label, ...phaseNames.map((p) => (e.hotconf.phase_ms[p] ? pair(e.hotconf.phase_ms[p]) : 'n/a')),
      pair(e.hotconf.phases_overhead_ms), pair(e.hotconf.between_phases_ms), pair(e.hotconf.outside_record_ms),
    ]),
  );
  const components = table(
    ['edit', 'components run (reloads)', 'component p50 / p95', 'Σ components', 'record − Σ components', 'changed (from the records)'],
    rw.edits.map((e) => [
      e.label,
      Object.entries(e.hotconf.component_sets).map(([set, c]) => `${set} (${c})`).join('; '),
      Object.entries(e.hotconf.component_ms).map(([name, s]) => `${name} ${pair(s)}`).join('; ') || 'none',
      pair(e.hotconf.components_sum_ms), pair(e.hotconf.overhead_ms),
      e.hotconf.changed_paths.join(', '),
    ]),
  );
  return [
    `## 6. Real-world file, N=${count(rw.n)}: three edits, ${reloads} reloads each per service (ms, trigger → done)`,
    `One file for both (${kb(rw.config_bytes.alertmanager)}; hotconf's: ${rw.hotconf_text}): global SMTP + Slack, root route with group_by/group_wait/group_interval/repeat_interval, ${count(rw.n)} webhook receivers with basic_auth, ${count(rw.n)} child routes, 5 inhibit rules. Each edit flips one value back and forth. hotconf p50/p95/max and AM = client wall time; hotconf record = the reload record's duration_ms; ratios are hotconf ÷ Alertmanager.`,
    wall,
    '',
    'hotconf per phase, p50 / p95 (ms, from the reload records). record − Σ phases = file read, hash, provenance, record insert; wall − record = HTTP + persisting the record.',
    phases,
    '',
    'hotconf per component, p50 / p95 (ms).',
    components,
  ].join('\n');
}

export function targetsSection(targets, quick) {
  // Ratios get a third digit: 0.252 against a limit of 0.25 should not print as 0.25.
  const mark = (met) => (met == null ? 'not measured' : met ? 'MET' : 'MISSED');
  return [
    '## Targets',
    quick ? '_quick run: counts are too small for the targets to mean much_' : '',
    table(['target', 'measured', 'limit', 'result'], targets.map((t) => [t.what, `${num(t.measured, t.unit === '×' ? 3 : 2)} ${t.unit}`.trim(), `${t.op} ${t.limit} ${t.unit}`.trim(), mark(t.met)])),
  ].join('\n');
}

export function renderReport(results) {
  const m = results.machine;
  const header = [
    '# Reload benchmark: hotconf vs Alertmanager, same run',
    `machine: ${m.nproc} cores (${m.cpu}), ${m.mem_gib} GiB · Node ${m.node} · Alertmanager ${m.alertmanager} · hotconf ${m.hotconf_commit} · ${results.mode} mode · ${results.generated_at}`,
    `load average (1 min) at start ${num(m.load_start)}, at end ${num(m.load_end)}: the machine is shared, so compare the two services within this run only`,
    `dist/cli.js sha256 ${(m.hotconf_builds ?? []).join(', ') || 'n/a'}${m.hotconf_builds?.length > 1 ? ' — WARNING: rebuilt during the run, the sections ran different builds' : ''}`,
  ];
  const sections = [header.join('\n')];
  if (results.only) sections.push(`_--only ${results.only}: the other measurements were not run_`);
  if (results.latency) sections.push(latencySection(results.latency));
  if (results.noop) sections.push(noopSection(results.noop));
  if (results.burst) sections.push(burstSection(results.burst));
  if (results.throughput) sections.push(throughputSection(results.throughput));
  if (results.rss) sections.push(rssSection(results.rss));
  if (results.realworld) sections.push(realWorldSection(results.realworld));
  sections.push(targetsSection(results.targets, results.mode === 'quick'));
  return `${sections.join('\n\n')}\n`;
}
