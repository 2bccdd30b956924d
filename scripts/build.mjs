// Builds the server bundle (dist/cli.js) with esbuild. Type checking is `npm run typecheck`;
// the console is built by `next build` (scripts/prepare.mjs decides when).
//
// dist/cli.js is only the entry (server/cli.ts): it installs the signal handlers, then loads
// the rest, which esbuild splits into dist/chunks/ (content-hashed names, so the entry's
// bytes change whenever any chunk does). The chunks of earlier builds are removed first.
// dist/parse-worker.js is the parse worker thread's entry (it shares the config core's chunks);
// dist/checkpoint-worker.js the WAL checkpointer's (server/wal-checkpoint/);
// dist/history-worker.js the history thread's (server/history-thread/).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

/** The commit being built, for `hotconf --version` and hotconf_build_info (none outside git). */
function revision() {
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

rmSync('dist/chunks', { recursive: true, force: true });
await build({
  // The parse worker is a thread's entry of its own (server/parse-worker/client.ts starts it).
  entryPoints: { cli: 'server/cli.ts', 'parse-worker': 'server/parse-worker/entry.ts', 'checkpoint-worker': 'server/wal-checkpoint/entry.ts', 'history-worker': 'server/history-thread/entry.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Dependencies stay in node_modules (native better-sqlite3, prom-client's process metrics).
  packages: 'external',
  sourcemap: true,
  define: { 'process.env.HOTCONF_REVISION': JSON.stringify(revision()) },
  logLevel: 'warning',
});
