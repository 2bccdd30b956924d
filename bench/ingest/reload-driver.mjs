// The "with reloads" half of the ingest benchmark, in a process of its own: every
// `everyMs` it writes the other of the two config variants and POSTs /-/reload, as an
// operator's tooling would, until the parent says stop; then it sends its counts back.
// It runs beside the load generator rather than inside it: in the generator's own event loop
// the reloads' file writes and requests took 3–4 % of the load it could send (measured
// against a server that only answered 200), which the tables then showed as the service's
// reload cost.
//   spawned by load.mjs with fork(); argv[2] = JSON { spec, everyMs } (services.mjs reloadSpec)
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { keepAliveAgent, request } from '../reload/http.mjs';
import { reloadOutcome } from '../reload/services.mjs';

const { spec, everyMs } = JSON.parse(process.argv[2]);
const agent = keepAliveAgent(1);
const stats = { reloads: 0, failed: 0, errors: [], wall_ms: [] };
let stopped = false;
process.on('message', (m) => { if (m === 'stop') stopped = true; });
// The benchmark is gone (killed, crashed): so is the reason to reload.
process.on('disconnect', () => process.exit(0));
process.send('ready');

let variant = 0;
let next = performance.now();
while (!stopped) {
  variant ^= 1;
  writeFileSync(spec.configPath, spec.texts[variant]);
  try {
    const r = reloadOutcome(spec.name, await request(spec.url, { method: 'POST', headers: spec.headers, agent }));
    stats.reloads++;
    stats.wall_ms.push(r.wallMs);
    if (!r.ok) {
      stats.failed++;
      if (stats.errors.length < 3) stats.errors.push(r.error);
    }
  } catch (err) {
    stats.failed++;
    if (stats.errors.length < 3) stats.errors.push(err.message);
  }
  next += everyMs;
  const wait = next - performance.now();
  if (wait > 0) await sleep(wait);
  else next = performance.now(); // a reload slower than the period: no catch-up burst
}
agent.destroy();
process.send({ stats }, () => process.exit(0));
