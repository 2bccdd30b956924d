// Alert in → webhook out: one alert per request, each with a unique `uid` label so it is a
// group of its own on the group_wait: 0s route, sent at a modest fixed rate; the capture
// server (same process, same clock) notes when each uid arrives in a webhook payload.
// Latency = arrival − the moment just before the POST left.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { keepAliveAgent, request } from '../reload/http.mjs';
import { percentile } from '../reload/stats.mjs';

/** A webhook receiver on 127.0.0.1: counts sink posts, timestamps latency alerts by uid. */
export async function startCapture() {
  const arrivals = new Map();
  const counts = { sink: 0, latency: 0, bad: 0 };
  let waiter = null;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      res.writeHead(200).end();
      if (req.url === '/sink') return void counts.sink++;
      counts.latency++;
      try {
        for (const a of JSON.parse(Buffer.concat(chunks).toString('utf8')).alerts ?? []) {
          const uid = a.labels?.uid;
          if (uid && !arrivals.has(uid)) arrivals.set(uid, at);
        }
      } catch {
        counts.bad++;
      }
      waiter?.();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: server.address().port,
    arrivals,
    counts,
    /** Resolves once every uid has arrived or `timeoutMs` passed. */
    async waitFor(uids, timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      while (uids.some((u) => !arrivals.has(u)) && performance.now() < deadline) {
        await Promise.race([new Promise((r) => (waiter = r)), sleep(Math.max(1, deadline - performance.now()))]);
      }
      waiter = null;
    },
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  };
}

export async function measureNotifyLatency(service, capture, { alerts, ratePerS, tag }) {
  const url = `${service.serviceBase}/api/v2/alerts`;
  const agent = keepAliveAgent(4);
  const sent = new Map();
  const non2xx = {};
  let socketErrors = 0;
  const gapMs = 1000 / ratePerS;
  const start = performance.now();
  const inflight = [];
  try {
    for (let i = 0; i < alerts; i++) {
      // Fixed schedule, not closed loop: a slow answer must not thin out the sending rate.
      const due = start + i * gapMs;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const uid = `${tag}-${i}`;
      const body = Buffer.from(JSON.stringify([{ labels: { alertname: 'NotifyLatency', bench: 'latency', uid }, annotations: { summary: 'alert-to-notification latency probe' } }]));
      sent.set(uid, performance.now());
      inflight.push(request(url, { method: 'POST', body, agent, timeoutMs: 10_000, headers: { 'content-type': 'application/json', 'content-length': String(body.length) } })
        .then((res) => { if (res.status < 200 || res.status >= 300) non2xx[res.status] = (non2xx[res.status] ?? 0) + 1; })
        .catch(() => { socketErrors++; }));
    }
    await Promise.all(inflight);
    await capture.waitFor([...sent.keys()], 10_000);
  } finally {
    agent.destroy();
  }
  const latencies = [];
  for (const [uid, at] of sent) {
    const arrived = capture.arrivals.get(uid);
    if (arrived !== undefined) latencies.push(arrived - at);
  }
  latencies.sort((a, b) => a - b);
  return {
    alerts,
    rate_per_s: ratePerS,
    notified: latencies.length,
    missing: alerts - latencies.length,
    p50_ms: percentile(latencies, 50),
    p99_ms: percentile(latencies, 99),
    max_ms: latencies.at(-1) ?? null,
    non_2xx: Object.values(non2xx).reduce((s, c) => s + c, 0),
    socket_errors: socketErrors,
  };
}
