// Measurement 4: read throughput — hotconf's GET /api/v2/config vs Alertmanager's
// GET /api/v2/status (both return the running config), same client, same settings, one
// service at a time. wrk when installed (a C client leaves more of the 2 cores to the
// server); otherwise a bounded keep-alive Node loop.
import { spawn, spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { keepAliveAgent, request } from './http.mjs';

export function findWrk() {
  // `wrk --version` prints "wrk debian/4.1.0-3+b2 [epoll] ..." and exits 1.
  const res = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  if (res.error) return null;
  const text = `${res.stdout}${res.stderr}`;
  return /wrk\s+(?:\S*\/)?(\d[\w.+-]*)/.exec(text)?.[1] ?? 'unknown';
}

function runWrk(url, headers, { connections, durationS, threads }) {
  const args = [`-t${threads}`, `-c${connections}`, `-d${durationS}s`, '--timeout', '10s'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    // wrk stops itself after -d; this only guards against a wedged process.
    const guard = setTimeout(() => child.kill('SIGKILL'), (durationS + 30) * 1000);
    child.on('exit', (code) => {
      clearTimeout(guard);
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
      if (code !== 0 || !rps) return reject(new Error(`wrk failed (exit ${code}): ${out.slice(0, 500)}`));
      resolve({
        rps: Number(rps[1]),
        requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? NaN),
        non_2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0),
        socket_errors: /Socket errors:[^\n]*/.exec(out)?.[0] ?? null,
      });
    });
  });
}

async function runNodeLoop(url, headers, { connections, durationS }) {
  const agent = keepAliveAgent(connections);
  let ok = 0;
  let bad = 0;
  const start = performance.now();
  const deadline = start + durationS * 1000;
  try {
    await Promise.all(Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const res = await request(url, { agent, headers, timeoutMs: 10_000 });
        if (res.status === 200) ok++;
        else bad++;
      }
    }));
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - start) / 1000;
  return { rps: ok / seconds, requests: ok + bad, non_2xx: bad, socket_errors: null };
}

async function measureOne(service, path, headers, opts) {
  // One plain request first: the endpoint must work, and its size tells what each request costs.
  const probe = await request(`${service.base}${path}`, { headers });
  if (probe.status !== 200) throw new Error(`${service.name} GET ${path} answered HTTP ${probe.status}: ${probe.body.slice(0, 300)}`);
  const url = `${service.base}${path}`;
  const run = (o) => (opts.wrkVersion ? runWrk(url, headers, o) : runNodeLoop(url, headers, o));
  // A short unmeasured run first: caches, JIT and connection pools warm for both alike.
  await run({ ...opts, durationS: 1 });
  const result = await run(opts);
  return { path, response_bytes: Buffer.byteLength(probe.body), content_type: probe.headers['content-type'] ?? null, ...result };
}

export async function measureThroughput({ hc, hcHeaders, am, n, connections, durationS, threads = 2, nodeClient = false }) {
  const wrkVersion = nodeClient ? null : findWrk();
  const opts = { connections, durationS, threads, wrkVersion };
  const hotconf = await measureOne(hc, '/api/v2/config', hcHeaders, opts);
  const alertmanager = await measureOne(am, '/api/v2/status', {}, opts);
  const client = wrkVersion
    ? `wrk ${wrkVersion} -t${threads} -c${connections} -d${durationS}s`
    : `node keep-alive loop, ${connections} concurrent, ${durationS}s`;
  return { n, client, hotconf, alertmanager, ratio: alertmanager.rps > 0 ? hotconf.rps / alertmanager.rps : null };
}
