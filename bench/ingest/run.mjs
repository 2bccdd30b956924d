// Ingest benchmark (issue 9): hotconf vs Alertmanager, side by side in the same run, on the
// same Alertmanager file (config.mjs).
//   node bench/ingest/run.mjs [--quick] [--no-build]
// Measures POST /api/v2/alerts throughput and latency at 1 and 20 concurrent senders with 1
// and 100 alerts per request, each with and without a reload every 100 ms, then alert-in →
// webhook-out latency with group_wait 0s. Prints markdown tables on stdout (progress on
// stderr) and writes bench/results/ingest.json. Everything runs on 127.0.0.1; the services
// and temp dirs are removed at the end, also on error or Ctrl-C.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROOT, buildHotconf, ensureAlertmanager, machineInfo } from '../reload/machine.mjs';
import { cleanupAll, cleanupOnSignal } from '../reload/process.mjs';
import { startAlertmanager, startHotconf } from '../reload/services.mjs';
import { HOTCONF_SECTIONS, ingestConfig } from './config.mjs';
import { buildBodies, mergeLoads, runLoad } from './load.mjs';
import { measureNotifyLatency, startCapture } from './notify.mjs';
import { evaluateIngestTargets, renderIngestReport } from './report.mjs';

const RESULTS_PATH = join(ROOT, 'bench', 'results', 'ingest.json');
const PLANS = {
  full: { durationS: 5, rounds: 5, warmupS: 1, notify: { alerts: 200, ratePerS: 50 } },
  quick: { durationS: 1.5, rounds: 2, warmupS: 0.5, notify: { alerts: 50, ratePerS: 50 } },
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
    log(`started hotconf (pid ${hc.pid}, ingest ${hc.serviceBase}) and Alertmanager (pid ${am.pid}, ${am.serviceBase}); webhooks to 127.0.0.1:${capture.port}`);

    // The machine is shared and its load drifts by the minute (a first version ran each case
    // as one block and saw Alertmanager 40 % faster *with* reloads). So each case is cut into
    // short segments, interleaved: every round runs hotconf and Alertmanager, each without
    // and with reloads, the order flipped every round; the segments are then summed.
    results.load = [];
    let hcAccepted = 0;
    const segmentS = plan.durationS / plan.rounds;
    for (const perRequest of PER_REQUEST) {
      const bodies = buildBodies(perRequest);
      for (const concurrency of CONCURRENCY) {
        const opts = { concurrency, perRequest, bodies };
        const segments = { hotconf: { plain: [], reloading: [] }, alertmanager: { plain: [], reloading: [] } };
        for (const service of [hc, am]) {
          const warm = await runLoad(service, { ...opts, durationS: plan.warmupS });
          if (service === hc) hcAccepted += warm.alerts_accepted;
        }
        for (let round = 0; round < plan.rounds; round++) {
          const services = round % 2 ? [am, hc] : [hc, am];
          const kinds = round % 2 ? ['reloading', 'plain'] : ['plain', 'reloading'];
          for (const service of services) {
            for (const kind of kinds) {
              const run = await runLoad(service, { ...opts, durationS: segmentS, reloadEveryMs: kind === 'reloading' ? RELOAD_EVERY_MS : null });
              if (service === hc) hcAccepted += run.alerts_accepted;
              segments[service.name][kind].push(run);
            }
          }
        }
        const row = { concurrency, per_request: perRequest };
        for (const name of ['hotconf', 'alertmanager']) {
          const plain = mergeLoads(segments[name].plain);
          const reloading = mergeLoads(segments[name].reloading);
          row[name] = { plain, reloading };
          log(`  ${name} c=${concurrency} ×${perRequest}: ${Math.round(plain.alerts_per_s)} alerts/s (p99 ${plain.p99_ms?.toFixed(1)} ms); with reloads ${Math.round(reloading.alerts_per_s)} alerts/s (p99 ${reloading.p99_ms?.toFixed(1)} ms, ${reloading.reloads.reloads} reloads, ${reloading.reloads.failed} failed)`);
        }
        results.load.push(row);
      }
    }

    log(`alert → webhook latency, ${plan.notify.alerts} alerts at ${plan.notify.ratePerS}/s each`);
    results.notify = {
      hotconf: await measureNotifyLatency(hc, capture, { ...plan.notify, tag: 'hc' }),
      alertmanager: await measureNotifyLatency(am, capture, { ...plan.notify, tag: 'am' }),
    };
    hcAccepted += plan.notify.alerts - results.notify.hotconf.non_2xx - results.notify.hotconf.socket_errors;
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
