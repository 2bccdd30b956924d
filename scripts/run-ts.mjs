// Runs a TypeScript entry point (a benchmark, a one-off tool) by bundling it with esbuild
// into a temp file next to node_modules, so imports resolve exactly as in the server build.
// Usage: node scripts/run-ts.mjs bench/git/bench.ts [args...]
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs FILE.ts [args...]');
  process.exit(2);
}
const dir = mkdtempSync(join(resolve('node_modules'), '.run-ts-'));
const outfile = join(dir, 'entry.mjs');
await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', sourcemap: 'inline', logLevel: 'warning' });
process.argv = [process.argv[0], resolve(entry), ...args];
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
await import(pathToFileURL(outfile).href);
