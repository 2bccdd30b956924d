// History benchmark (issue 10):
//   node bench/history/run.mjs [--quick]
// 1. 100,000 stored alerts and 100,000 delivery attempts; for several filters, the first,
//    a middle and the last page (100 rows) are fetched over HTTP from the history API, and
//    their p95 compared with the 50 ms target;
// 2. retention: 50,000 expired rows pruned (the service's pruner, its default batch and
//    duty cycle) while alerts are ingested into the same database as fast as the event
//    loop allows; ingest throughput with vs without the pruner, same run, target ≤ 5 %;
// 3. routing impact: the last 1,000 alerts replayed through a 1,000-route draft, target
//    ≤ 200 ms (p95), reading the alerts from the history included.
// Prints markdown tables on stdout (progress on stderr), writes bench/results/history.json.
// The TypeScript half (measure.ts) is bundled with esbuild into a temp dir at the project
// root, so its imports resolve as the server build's do; the dir goes at exit.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../reload/machine.mjs';

const known = new Set(['--quick', '--help']);
const args = process.argv.slice(2);
const unknown = args.filter((a) => !known.has(a));
if (unknown.length || args.includes('--help')) {
  if (unknown.length) console.error(`unknown option(s): ${unknown.join(' ')}`);
  console.error('usage: node bench/history/run.mjs [--quick]\n  --quick  fewer samples and a shorter ingest window (a smoke test)');
  process.exit(unknown.length ? 2 : 0);
}

const dir = mkdtempSync(join(ROOT, '.bench-history-'));
const cleanup = () => rmSync(dir, { recursive: true, force: true });
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => process.exit(130));
const outfile = join(dir, 'measure.mjs');
await build({ entryPoints: [join(ROOT, 'bench', 'history', 'measure.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'warning' });
const { main } = await import(pathToFileURL(outfile).href);
try {
  await main({ quick: args.includes('--quick'), root: ROOT, workDir: dir });
} catch (err) {
  console.error(err.stack ?? err.message);
  process.exitCode = 1;
}
