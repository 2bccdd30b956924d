// Builds the server bundle (dist/cli.js) with esbuild. Type checking is `npm run typecheck`;
// the console is built by `next build` (scripts/prepare.mjs decides when).
import { build } from 'esbuild';

await build({
  entryPoints: ['server/cli.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // Dependencies stay in node_modules (native better-sqlite3, prom-client's process metrics).
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
