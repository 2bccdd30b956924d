// Closed-loop ingest load: `concurrency` senders, each posting the next body as soon as the
// previous answer arrived, for `durationS`, over one keep-alive agent. Bodies are built
// before the clock starts (the client shares 2 cores with the server: it should spend them
// sending, not serialising). Optionally a reload every `reloadEveryMs` runs alongside, from
// a process of its own (reload-driver.mjs).
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { keepAliveAgent, request } from '../reload/http.mjs';
import { percentile } from '../reload/stats.mjs';

// Distinct alerts cycled through: what a Prometheus fleet re-sends every evaluation, so the
// services update held alerts as well as add new ones (the pool is 10 alertnames × 100).
const POOL = 1000;
const DRIVER = fileURLToPath(new URL('./reload-driver.mjs', import.meta.url));

/** `count` distinct bodies of `perRequest` alerts each, as Buffers ready to send. */
export function buildBodies(perRequest, count = Math.max(1, Math.ceil(POOL / perRequest))) {
  const startsAt = new Date().toISOString();
  const bodies = [];
  for (let b = 0; b < count; b++) {
    const alerts = [];
    for (let j = 0; j < perRequest; j++) {
      const i = (b * perRequest + j) % POOL;
      alerts.push({
        labels: { alertname: `BenchAlert${i % 10}`, instance: `host-${i}:9100`, job: 'node', severity: i % 3 ? 'warning' : 'critical' },
        annotations: { summary: `bench alert ${i}`, description: 'ingest benchmark load' },
        startsAt,
        generatorURL: `http://127.0.0.1:9090/graph?g0.expr=up${i}`,
      });
    }
    bodies.push(Buffer.from(JSON.stringify(alerts)));
  }
  return bodies;
}

/** Reloads every `everyMs` as `spec` says (services.mjs reloadSpec), alternating its two
 *  variants, until `stop()`: from a
 *  process of its own (reload-driver.mjs), so the reloads do not take this process's time
 *  from the load. Resolves once the driver is running. */
async function reloadLoop(spec, everyMs) {
  const driver = fork(DRIVER, [JSON.stringify({ spec, everyMs })], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise((resolve) => driver.once('exit', resolve));
  const message = () => new Promise((resolve, reject) => {
    driver.once('message', resolve);
    exited.then(() => reject(new Error('the reload driver exited early')));
  });
  await message(); // 'ready'
  return {
    async stop() {
      const answer = message();
      driver.send('stop');
      const { stats } = await answer;
      await exited;
      return stats;
    },
  };
}

/**
 * One load run against `service.serviceBase`/api/v2/alerts; with `reloadEveryMs`, the
 * service's reloads run alongside (or those of `reloadSpec`, e.g. aimed elsewhere). Returns requests/s and alerts/s
 * (2xx only), latency p50/p99 of every answered request, non-2xx by status, socket errors.
 */
export async function runLoad(service, { concurrency, perRequest, durationS, reloadEveryMs = null, reloadSpec = null, bodies }) {
  const url = `${service.serviceBase}/api/v2/alerts`;
  const agent = keepAliveAgent(concurrency);
  const latencies = [];
  const non2xx = {};
  let ok = 0;
  let socketErrors = 0;
  let firstError = null;
  let cursor = 0;
  const reloader = reloadEveryMs ? await reloadLoop(reloadSpec ?? service.reloadSpec(0), reloadEveryMs) : null;
  const start = performance.now();
  const deadline = start + durationS * 1000;
  try {
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const body = bodies[cursor++ % bodies.length];
        try {
          const res = await request(url, {
            method: 'POST', body, agent, timeoutMs: 10_000,
            headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
          });
          latencies.push(res.wallMs);
          if (res.status >= 200 && res.status < 300) ok++;
          else {
            non2xx[res.status] = (non2xx[res.status] ?? 0) + 1;
            firstError ??= `HTTP ${res.status}: ${res.body.slice(0, 200)}`;
          }
        } catch (err) {
          socketErrors++;
          firstError ??= err.message;
          await sleep(5); // a refused connection must not spin the loop
        }
      }
    }));
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - start) / 1000;
  const reloads = reloader ? await reloader.stop() : null;
  return summarizeLoad({ concurrency, perRequest, reloadEveryMs, seconds, ok, latencies, non2xx, socketErrors, firstError, reloads: reloads && [reloads] });
}

/**
 * Several segments of the same load as one result: requests and seconds summed, latency
 * percentiles over every request of every segment, reload counts summed.
 */
export function mergeLoads(runs) {
  const non2xx = {};
  for (const r of runs) for (const [status, c] of Object.entries(r.non_2xx_by_status)) non2xx[status] = (non2xx[status] ?? 0) + c;
  const reloads = runs.flatMap((r) => r.raw.reloads ?? []);
  return summarizeLoad({
    concurrency: runs[0].concurrency,
    perRequest: runs[0].per_request,
    reloadEveryMs: runs[0].reload_every_ms,
    seconds: runs.reduce((s, r) => s + r.seconds, 0),
    ok: runs.reduce((s, r) => s + r.requests_ok, 0),
    latencies: runs.flatMap((r) => r.raw.latencies),
    non2xx,
    socketErrors: runs.reduce((s, r) => s + r.socket_errors, 0),
    firstError: runs.find((r) => r.first_error)?.first_error ?? null,
    reloads: reloads.length ? reloads : null,
    segments: runs.length,
  });
}

function summarizeLoad({ concurrency, perRequest, reloadEveryMs, seconds, ok, latencies, non2xx, socketErrors, firstError, reloads, segments = 1 }) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const result = {
    concurrency,
    per_request: perRequest,
    reload_every_ms: reloadEveryMs,
    segments,
    seconds,
    requests_ok: ok,
    rps: ok / seconds,
    alerts_per_s: (ok * perRequest) / seconds,
    alerts_accepted: ok * perRequest,
    p50_ms: percentile(sorted, 50),
    p99_ms: percentile(sorted, 99),
    non_2xx: Object.values(non2xx).reduce((s, c) => s + c, 0),
    non_2xx_by_status: non2xx,
    socket_errors: socketErrors,
    first_error: firstError,
    reloads: reloads && {
      reloads: reloads.reduce((s, r) => s + r.reloads, 0),
      failed: reloads.reduce((s, r) => s + r.failed, 0),
      errors: reloads.flatMap((r) => r.errors).slice(0, 3),
      wall_p50_ms: percentile([...reloads.flatMap((r) => r.wall_ms)].sort((a, b) => a - b), 50),
      wall_p99_ms: percentile([...reloads.flatMap((r) => r.wall_ms)].sort((a, b) => a - b), 99),
    },
  };
  // The raw samples, for merging segments; not enumerable, so they stay out of the JSON.
  Object.defineProperty(result, 'raw', { value: { latencies, reloads } });
  return result;
}
