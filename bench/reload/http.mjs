// A small HTTP client for the benchmark: one request, timed on the client, body read in
// full. Both services are driven through this same code so their numbers compare.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** Keep-alive agent: reload latency should not include a TCP handshake per call. */
export function keepAliveAgent(maxSockets = 32) {
  return new http.Agent({ keepAlive: true, maxSockets });
}

/**
 * Sends one request and resolves when the whole response body has arrived.
 * `sentAt` is Date.now() just before the request leaves (for "did the reload start after
 * my call" checks); `wallMs` is the client-side wall time, trigger → answer complete.
 */
export function request(url, { method = 'GET', headers = {}, body, agent, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const sentAt = Date.now();
    const start = performance.now();
    const req = http.request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          wallMs: performance.now() - start,
          sentAt,
        });
      });
      res.on('error', reject);
    });
    // Bounded: a hung service must fail the benchmark, not stall it forever.
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${url} got no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Parses a JSON body, or throws an error that shows what came back instead. */
export function jsonBody(res, what) {
  try {
    return JSON.parse(res.body);
  } catch {
    throw new Error(`${what}: expected JSON, got HTTP ${res.status}: ${res.body.slice(0, 300)}`);
  }
}

/** Sums every sample of a Prometheus metric (all label sets) in text exposition format. */
export function sumMetric(text, name) {
  let total = 0;
  let seen = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    // Exactly this metric: `name{...} v` or `name v`, not `name_bucket` and friends.
    if (rest[0] !== '{' && rest[0] !== ' ') continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) {
      total += value;
      seen = true;
    }
  }
  return seen ? total : null;
}
