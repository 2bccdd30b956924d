// Ingest benchmark (issue 9): hotconf vs Alertmanager, side by side in the same run, on the
// same Alertmanager file (config.mjs).
//   node bench/ingest/run.mjs [--quick] [--no-build]
// Measures POST /api/v2/alerts throughput and latency at 1 and 20 concurrent senders with 1
// and 100 alerts per request, each without reloads, with a reload every 100 ms, and with the
// reload driver aimed at a server that only answers (the control); then alert-in →
// webhook-out latency with group_wait 0s (warm and idle, and again after the load). Prints markdown tables on stdout (progress on
// stderr) and writes bench/results/ingest.json. Everything runs on 127.0.0.1; the services
// and temp dirs are removed at the end, also on error or Ctrl-C.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROOT, buildHotconf, ensureAlertmanager, machineInfo } from '../reload/machine.mjs';
import { cleanupAll, cleanupOnSignal, freePort, startProcess, tempDir, waitReady } from '../reload/process.mjs';
import { startAlertmanager, startHotconf } from '../reload/services.mjs';
import { HOTCONF_SECTIONS, ingestConfig } from './config.mjs';
import { buildBodies, mergeLoads, runLoad } from './load.mjs';
import { measureNotifyLatency, startCapture } from './notify.mjs';
import { evaluateIngestTargets, renderIngestReport } from './report.mjs';

const RESULTS_PATH = join(ROOT, 'bench', 'results', 'ingest.json');
const PLANS = {
  full: { durationS: 10, rounds: 10, warmupS: 1, notify: { alerts: 200, ratePerS: 50, warmup: 2_000, warmupRatePerS: 500 } },
  quick: { durationS: 1.5, rounds: 2, warmupS: 0.5, notify: { alerts: 50, ratePerS: 50, warmup: 500, warmupRatePerS: 500 } },
};
const CONCURRENCY = [1, 20];
const PER_REQUEST = [1, 100];
const RELOAD_EVERY_MS = 100;

function parseArgs(argv) {
  const known = new Set(['--quick', '--no-build', '--help']);
  const unknown = argv.filter((a) => !known.has(a));
  if (unknown.length || argv.includes('--help')) {
    if (unknown.length) console.error(`unknown option(s): ${unknown.join(' ')}`);
    console.error('usage: node bench/ingest/run.mjs [--quick] [--no-build]\n  --quick     short runs (a smoke test)\n  --no-build  use dist/cli.js as it is');
    process.exit(unknown.length ? 2 : 0);
  }
  return { quick: argv.includes('--quick'), build: !argv.includes('--no-build') };
}

/** Rows hotconf wrote to its alert history (read after it stopped and flushed). */
function persistedRows(hc) {
  const db = new Database(join(hc.dir, 'data', 'alerts.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT count(*) AS n FROM alerts').get().n;
  } finally {
    db.close();
  }
}

/** The Node floor (node-floor.mjs), shaped like a service for runLoad. */
async function startNodeFloor() {
  const port = await freePort();
  const proc = startProcess('node-floor', process.execPath, [join(ROOT, 'bench', 'ingest', 'node-floor.mjs'), String(port)]);
  const base = `http://127.0.0.1:${port}`;
  await waitReady(proc, `${base}/-/ready`);
  return { name: 'node_floor', serviceBase: base };
}

/**
 * The control for the reload runs: the same driver, writing the same bytes every 100 ms,
 * posting to the Node floor's /-/reload instead of the service's. Its process shares the
 * two cores with the load and the service: against a server that only answers, it alone
 * took 1–5 % of the load's throughput (more with 20 senders, when both cores are busy).
 * A service's reload cost is measured against this, not against the plain runs.
 */
function controlSpec(service, floor, dir) {
  return { ...service.reloadSpec(0), configPath: join(dir, `${service.name}.yml`), url: `${floor.serviceBase}/-/reload` };
}

/** Alert → webhook latency of both services, each after `warmup` notifications of its own
 *  (sent faster, not measured); with the alerts hotconf accepted, warm-up included. */
async function notifyLatency(hc, am, capture, { alerts, ratePerS, warmup, warmupRatePerS }, tag, log) {
  log(`alert → webhook latency (${tag}): ${warmup ? `${warmup} warm-up alerts, then ` : ''}${alerts} alerts at ${ratePerS}/s each`);
  const latency = {};
  let hotconfAccepted = 0;
  const accepted = (r) => r.alerts - r.non_2xx - r.socket_errors;
  for (const service of [hc, am]) {
    const warm = warmup ? await measureNotifyLatency(service, capture, { alerts: warmup, ratePerS: warmupRatePerS, tag: `${service.name}-${tag}-warm` }) : null;
    latency[service.name] = await measureNotifyLatency(service, capture, { alerts, ratePerS, tag: `${service.name}-${tag}` });
    if (service === hc) hotconfAccepted = (warm ? accepted(warm) : 0) + accepted(latency.hotconf);
  }
  return { latency, hotconfAccepted };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const mode = args.quick ? 'quick' : 'full';
  const plan = PLANS[mode];
  const interrupted = cleanupOnSignal();
  const log = (msg) => console.error(msg);
  let capture = null;
  try {
    const amBin = ensureAlertmanager();
    if (args.build) buildHotconf();
    const results = { generated_at: new Date().toISOString(), mode, plan, machine: machineInfo(amBin) };
    capture = await startCapture();
    const amText = (_n, variant) => ingestConfig(capture.port, variant);
    const hc = await startHotconf({ root: ROOT, n: 0, variant: 0, amText, hotconfSections: HOTCONF_SECTIONS });
    const am = await startAlertmanager({ bin: amBin, n: 0, variant: 0, amText });
    results.machine.hotconf_builds = [hc.build];
    results.hotconf_text = hc.textNote;
    const floor = await startNodeFloor();
    const controlDir = tempDir('ingest-control');
    log(`started hotconf (pid ${hc.pid}, ingest ${hc.serviceBase}), Alertmanager (pid ${am.pid}, ${am.serviceBase}) and the Node floor (${floor.serviceBase}); webhooks to 127.0.0.1:${capture.port}`);

    // Alert → webhook latency first, on services that are warm (the same number of
    // notifications sent through each beforehand: a process that has notified a few
    // thousand times, as a running one has) and otherwise idle. After the throughput runs it
    // is measured again, for the record: hotconf's history index is then catching up on
    // millions of rows, on its history thread.
    let hcAccepted = 0;
    const idle = await notifyLatency(hc, am, capture, plan.notify, 'idle', log);
    results.notify = idle.latency;
    hcAccepted += idle.hotconfAccepted;

    // The machine is shared and its load drifts by the minute (a first version ran each case
    // as one block and saw Alertmanager 40 % faster *with* reloads). So each case is cut into
    // short segments, interleaved: every round runs hotconf and Alertmanager, each without
    // and with reloads, the order flipped every round; the segments are then summed.
    results.load = [];
    const segmentS = plan.durationS / plan.rounds;
    for (const perRequest of PER_REQUEST) {
      const bodies = buildBodies(perRequest);
      for (const concurrency of CONCURRENCY) {
        const opts = { concurrency, perRequest, bodies };
        const segments = { hotconf: { plain: [], reloading: [], control: [] }, alertmanager: { plain: [], reloading: [], control: [] }, node_floor: { plain: [] } };
        for (const service of [hc, am, floor]) {
          const warm = await runLoad(service, { ...opts, durationS: plan.warmupS });
          if (service === hc) hcAccepted += warm.alerts_accepted;
        }
        for (let round = 0; round < plan.rounds; round++) {
          const services = round % 2 ? [floor, am, hc] : [hc, am, floor];
          const kinds = round % 2 ? ['control', 'reloading', 'plain'] : ['plain', 'reloading', 'control'];
          for (const service of services) {
            // The floor has no config to reload: it runs the plain segments only.
            for (const kind of service === floor ? ['plain'] : kinds) {
              const reloads = kind === 'plain' ? {} : { reloadEveryMs: RELOAD_EVERY_MS, ...(kind === 'control' ? { reloadSpec: controlSpec(service, floor, controlDir) } : {}) };
              const run = await runLoad(service, { ...opts, durationS: segmentS, ...reloads });
              if (service === hc) hcAccepted += run.alerts_accepted;
              segments[service.name][kind].push(run);
            }
          }
        }
        const row = { concurrency, per_request: perRequest, node_floor: { plain: mergeLoads(segments.node_floor.plain) } };
        for (const name of ['hotconf', 'alertmanager']) {
          const plain = mergeLoads(segments[name].plain);
          const reloading = mergeLoads(segments[name].reloading);
          const control = mergeLoads(segments[name].control);
          // Each round's reloading and control segments ran back to back: their ratio is the
          // round's reload cost, free of the drift between rounds (report.mjs takes the median).
          const rounds = segments[name].reloading.map((r, i) => ({ reloading: r.alerts_per_s, control: segments[name].control[i].alerts_per_s }));
          row[name] = { plain, reloading, control, rounds };
          log(`  ${name} c=${concurrency} ×${perRequest}: ${Math.round(plain.alerts_per_s)} alerts/s (p99 ${plain.p99_ms?.toFixed(1)} ms); with reloads ${Math.round(reloading.alerts_per_s)} alerts/s (p99 ${reloading.p99_ms?.toFixed(1)} ms, ${reloading.reloads.reloads} reloads, ${reloading.reloads.failed} failed); control ${Math.round(control.alerts_per_s)} alerts/s (p99 ${control.p99_ms?.toFixed(1)} ms)`);
        }
        results.load.push(row);
      }
    }

    const after = await notifyLatency(hc, am, capture, { ...plan.notify, warmup: 0 }, 'after', log);
    results.notify_after_load = after.latency;
    hcAccepted += after.hotconfAccepted;
    results.capture = { ...capture.counts };

    // Stopping flushes hotconf's history writer; then every accepted alert must be a row.
    await hc.stop();
    await am.stop();
    results.persisted = { hotconf_accepted: hcAccepted, hotconf_rows: persistedRows(hc) };
    results.machine.load_end = os.loadavg()[0];
    results.targets = evaluateIngestTargets(results);
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(RESULTS_PATH, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(renderIngestReport(results));
    log(`wrote ${RESULTS_PATH}`);
  } catch (err) {
    if (!interrupted()) console.error(`bench/ingest failed: ${err.stack ?? err.message}`);
    process.exitCode = 1;
  } finally {
    await capture?.close();
    await cleanupAll();
  }
}

await main();
