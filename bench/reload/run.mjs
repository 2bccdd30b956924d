// Reload benchmark: hotconf vs Alertmanager, side by side in the same run.
//   node bench/reload/run.mjs [--quick] [--no-build] [--node-client] [--am-rss-10k] [--only realworld]
// Prints a markdown table on stdout (progress goes to stderr) and writes
// bench/results/reload.json (reload-realworld.json with --only realworld). Everything runs
// on 127.0.0.1; every loop is bounded; the services and temp dirs are removed at the end,
// also on error or Ctrl-C.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { measureBurst } from './burst.mjs';
import { keepAliveAgent } from './http.mjs';
import { measureLatency } from './latency.mjs';
import { ROOT, buildHotconf, ensureAlertmanager, machineInfo } from './machine.mjs';
import { measureNoop } from './noop.mjs';
import { cleanupAll, cleanupOnSignal } from './process.mjs';
import { measureRealWorld, realWorldText } from './realworld.mjs';
import { renderReport } from './report.mjs';
import { measureRss } from './rss.mjs';
import { startAlertmanager, startHotconf } from './services.mjs';
import { evaluateTargets } from './targets.mjs';
import { measureThroughput } from './throughput.mjs';

const RESULTS_DIR = join(ROOT, 'bench', 'results');

// The brief's counts. Quick mode keeps every step but with counts small enough for a smoke
// test; its numbers say "it runs", not "it is fast". realWorld: reloads per edit, per service
// (300: p95 is then the 15th slowest of 300, where with 100 it was the 5th slowest, and two
// or three stalls of the shared machine decided it; both services get the same count).
const PLANS = {
  full: { sizes: [10, 100, 1000, 10000], reloads: 50, warmup: 5, noop: 50, burstRounds: 10, throughputS: 5, rss: { step: 1000, total: 10000 }, amRssTotal: 1000, realWorld: { n: 1000, reloads: 300, warmup: 10 } },
  quick: { sizes: [10, 1000], reloads: 5, warmup: 1, noop: 5, burstRounds: 1, throughputS: 1, rss: { step: 50, total: 100 }, amRssTotal: 50, realWorld: { n: 1000, reloads: 5, warmup: 1 } },
};
// What --only can pick: one part of the run on its own, with its own results file.
const ONLY = { realworld: 'reload-realworld.json' };
// The dist/cli.js builds the hotconf processes of this run loaded (see services.mjs): more
// than one means someone rebuilt it mid-run, and the report says so.
const builds = new Set();
const HEADLINE_N = 1000;
const BURST_CALLERS = 10;
const THROUGHPUT_CONNECTIONS = 16;

const USAGE = `usage: node bench/reload/run.mjs [--quick] [--no-build] [--node-client] [--am-rss-10k] [--only realworld]
  --quick          small counts (a smoke run, seconds instead of minutes)
  --no-build       use dist/cli.js as it is instead of rebuilding it first
  --node-client    read throughput with the Node loop even when wrk is installed
  --am-rss-10k     also measure Alertmanager's RSS after 10,000 reloads (adds ~4 minutes)
  --only realworld only the real-world file's three edits (section 6, ~1 minute), written to
                   bench/results/reload-realworld.json so a full run's reload.json stays`;

function parseArgs(argv) {
  const known = new Set(['--quick', '--no-build', '--node-client', '--am-rss-10k', '--help']);
  const unknown = [];
  let only = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--only' || a.startsWith('--only=')) {
      only = a === '--only' ? argv[++i] : a.slice('--only='.length);
      if (!Object.hasOwn(ONLY, only ?? '')) unknown.push(`--only ${only ?? '(missing)'}`);
    } else if (!known.has(a)) {
      unknown.push(a);
    }
  }
  if (unknown.length || argv.includes('--help')) {
    if (unknown.length) console.error(`unknown option(s): ${unknown.join(' ')}`);
    console.error(USAGE);
    process.exit(unknown.length ? 2 : 0);
  }
  return {
    quick: argv.includes('--quick'),
    build: !argv.includes('--no-build'),
    nodeClient: argv.includes('--node-client'),
    amRss10k: argv.includes('--am-rss-10k'),
    only,
  };
}

/** Every reload gets a fresh variant, so each one is a real one-receiver change. */
function variantCounter() {
  let v = 0;
  return { next: () => ++v };
}

async function sideBySide(plan, amBin, agent, nodeClient) {
  const variants = variantCounter();
  const log = (msg) => console.error(msg);
  const hc = await startHotconf({ root: ROOT, n: plan.sizes[0], variant: 0 });
  builds.add(hc.build);
  const am = await startAlertmanager({ bin: amBin, n: plan.sizes[0], variant: 0 });
  log(`started hotconf (pid ${hc.pid}) and Alertmanager (pid ${am.pid})`);
  log('1/6 reload latency');
  const latency = await measureLatency({ hc, am, sizes: plan.sizes, reloads: plan.reloads, warmup: plan.warmup, agent, variants });
  log('2/6 unchanged file');
  const noop = await measureNoop({ hc, am, n: HEADLINE_N, reloads: plan.noop, agent, variants });
  log('3/6 concurrent reloads');
  const burst = await measureBurst({ hc, am, n: HEADLINE_N, rounds: plan.burstRounds, callers: BURST_CALLERS, agent, variants });
  log('4/6 read throughput');
  const throughput = await measureThroughput({ hc, hcHeaders: hc.authHeaders, am, n: HEADLINE_N, connections: THROUGHPUT_CONNECTIONS, durationS: plan.throughputS, nodeClient });
  await hc.stop();
  await am.stop();
  return { latency, noop, burst, throughput };
}

/** Fresh processes on the real-world file, served as the same text by both. */
async function realWorld(plan, amBin, agent) {
  const { n, reloads, warmup } = plan.realWorld;
  const hc = await startHotconf({ root: ROOT, n, variant: {}, amText: realWorldText });
  builds.add(hc.build);
  const am = await startAlertmanager({ bin: amBin, n, variant: {}, amText: realWorldText });
  console.error(`6/6 real-world file, N=${n.toLocaleString('en-US')}: hotconf (pid ${hc.pid}, ${hc.textNote}) and Alertmanager (pid ${am.pid}), ${reloads} reloads per edit`);
  const result = await measureRealWorld({ hc, am, n, reloads, warmup, agent });
  await hc.stop();
  await am.stop();
  return result;
}

async function memory(plan, amBin, amRss10k) {
  const log = (msg) => console.error(msg);
  const progress = (name) => (i, rss) => log(`  ${name}: ${i} reloads, RSS ${rss.toFixed(1)} MB`);
  log(`5/6 RSS: hotconf, ${plan.rss.total.toLocaleString('en-US')} reloads`);
  const hc = await startHotconf({ root: ROOT, n: HEADLINE_N, variant: 0 });
  builds.add(hc.build);
  const hotconf = await measureRss(hc, { n: HEADLINE_N, ...plan.rss, onProgress: progress('hotconf') });
  await hc.stop();
  // Alertmanager reloads are slower: the same first checkpoint, and 10,000 only on request.
  const amTotal = amRss10k ? plan.rss.total : plan.amRssTotal;
  log(`5/6 RSS: Alertmanager, ${amTotal.toLocaleString('en-US')} reloads`);
  const am = await startAlertmanager({ bin: amBin, n: HEADLINE_N, variant: 0 });
  const alertmanager = await measureRss(am, { n: HEADLINE_N, step: plan.rss.step, total: amTotal, onProgress: progress('alertmanager') });
  await am.stop();
  const note = amRss10k ? '' : 'Alertmanager after 10,000 reloads not measured (optional, ~4 min): run with --am-rss-10k.';
  return { hotconf, alertmanager, note };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const mode = args.quick ? 'quick' : 'full';
  const plan = PLANS[mode];
  const interrupted = cleanupOnSignal();
  const agent = keepAliveAgent(4);
  try {
    const amBin = ensureAlertmanager();
    if (args.build) buildHotconf();
    const results = { generated_at: new Date().toISOString(), mode, only: args.only, machine: machineInfo(amBin), plan };
    if (!args.only) {
      Object.assign(results, await sideBySide(plan, amBin, agent, args.nodeClient));
      results.rss = await memory(plan, amBin, args.amRss10k);
    }
    results.realworld = await realWorld(plan, amBin, agent);
    results.machine.load_end = os.loadavg()[0];
    results.machine.hotconf_builds = [...builds];
    results.targets = evaluateTargets(results);
    const resultsPath = join(RESULTS_DIR, args.only ? ONLY[args.only] : 'reload.json');
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(renderReport(results));
    console.error(`wrote ${resultsPath}`);
  } catch (err) {
    // After Ctrl-C the services are being killed under us: their resets are not news.
    if (!interrupted()) console.error(`bench/reload failed: ${err.stack ?? err.message}`);
    process.exitCode = 1;
  } finally {
    agent.destroy();
    await cleanupAll();
  }
}

await main();
