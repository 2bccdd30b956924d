// The process entry: dist/cli.js. Its first instruction installs the signal handlers
// (process-signals.ts; DESIGN §10: "signal handlers exist from the first instruction").
// Everything else is loaded afterwards with a dynamic import, because the static imports of
// a module are all evaluated before its first line runs — and loading hotconf's modules
// and their dependencies takes ~80 ms, during which a SIGHUP would kill the process.
import { signals } from './process-signals';

signals.install();
await import('./cli-main');
