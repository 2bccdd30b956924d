// Measurement 2: reloading an unchanged file. hotconf should find nothing changed and stop
// after the diff phase ('noop'); Alertmanager re-applies the whole file every time.
import { changeAndReload } from './latency.mjs';
import { summarize } from './stats.mjs';

export async function measureNoop({ hc, am, n, reloads, agent, variants }) {
  const v = variants.next();
  await changeAndReload(hc, n, v, agent);
  await changeAndReload(am, n, v, agent);
  const hcWall = [];
  const hcServer = [];
  const statuses = {};
  const amWall = [];
  for (let i = 0; i < reloads; i++) {
    const h = await hc.reload(agent);
    if (h.httpStatus !== 200) throw new Error(`hotconf reload of an unchanged file failed: ${h.error}`);
    statuses[h.record.status] = (statuses[h.record.status] ?? 0) + 1;
    hcWall.push(h.wallMs);
    hcServer.push(h.record.duration_ms);
    const a = await am.reload(agent);
    if (!a.ok) throw new Error(`alertmanager reload of an unchanged file failed: ${a.error}`);
    amWall.push(a.wallMs);
  }
  return {
    n,
    reloads,
    hotconf: { statuses, noop_count: statuses.noop ?? 0, record_ms: summarize(hcServer), wall_ms: summarize(hcWall) },
    alertmanager: { wall_ms: summarize(amWall) },
  };
}
