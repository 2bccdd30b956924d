// Measurement 3: 10 concurrent POST /-/reload after one change to the file. Counts how many
// reloads actually ran. hotconf coalesces triggers that arrive during a reload into at most
// one follow-up; Alertmanager queues each call and runs it.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { keepAliveAgent } from './http.mjs';

async function fire(service, callers) {
  // A fresh agent with a socket per caller: all ten requests are on the wire at once.
  const agent = keepAliveAgent(callers);
  try {
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: callers }, () => service.reload(agent)));
    return { results, burstMs: performance.now() - started };
  } finally {
    agent.destroy();
  }
}

async function hotconfRound(hc, n, variant, callers, agent) {
  hc.writeConfig(n, variant);
  const before = await hc.reloadsCompleted(agent);
  const { results, burstMs } = await fire(hc, callers);
  const after = await hc.reloadsCompleted(agent);
  const failed = results.filter((r) => !r.ok);
  const ids = new Set(results.map((r) => r.record?.id));
  // "After its call was sent": the record a caller got must not be a reload that had
  // already started before the caller asked (it might have read the old file).
  const late = results.filter((r) => !(Date.parse(r.record?.started_at) >= r.sentAt));
  const statuses = {};
  for (const r of results) statuses[r.record?.status] = (statuses[r.record?.status] ?? 0) + 1;
  // When the reloads started relative to the first call sent: tells a third reload made of
  // calls the service only read late (its event loop busy) from calls the client sent late.
  const firstSent = Math.min(...results.map((r) => r.sentAt));
  const starts = [...new Map(results.map((r) => [r.record?.id, Date.parse(r.record?.started_at)])).values()].sort((a, b) => a - b);
  return {
    answered: results.length,
    failed: failed.length,
    failures: failed.slice(0, 3).map((r) => r.error),
    distinct_records: ids.size,
    metric_delta: before == null || after == null ? null : after - before,
    statuses,
    started_before_sent: late.length,
    sent_spread_ms: Math.max(...results.map((r) => r.sentAt)) - firstSent,
    reload_starts_ms: starts.map((t) => t - firstSent),
    burst_ms: burstMs,
  };
}

async function alertmanagerRound(am, n, variant, callers) {
  am.writeConfig(n, variant);
  const before = am.reloadsCompleted();
  const { results, burstMs } = await fire(am, callers);
  // Its log line is written before the answer, but reaches our pipe a moment later.
  await sleep(300);
  return {
    answered: results.length,
    failed: results.filter((r) => !r.ok).length,
    reloads_logged: am.reloadsCompleted() - before,
    burst_ms: burstMs,
  };
}

export async function measureBurst({ hc, am, n, rounds, callers, agent, variants }) {
  const hotconf = [];
  const alertmanager = [];
  for (let i = 0; i < rounds; i++) {
    const v = variants.next();
    hotconf.push(await hotconfRound(hc, n, v, callers, agent));
    alertmanager.push(await alertmanagerRound(am, n, v, callers));
  }
  return { n, callers, rounds, hotconf, alertmanager };
}
