// The two services under test, behind one shape so every measurement drives them the same
// way: write a config variant, trigger a reload over HTTP, read memory.
//   { name, pid, base, configBytes, writeConfig(n, variant), reload(agent), reloadSpec(n),
//     reloadsCompleted(agent), memoryDetail(agent), rssBytes(), stop() }
// Both take an optional `amText(n, variant)`: an Alertmanager file to serve instead of the
// generated equivalent pair, the same bytes for both (`variant` is then whatever amText takes).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { genAlertmanagerYaml, genHotconfYaml } from '../lib/gen-config.mjs';
import { jsonBody, request, sumMetric } from './http.mjs';
import { freePort, portFree, rssBytes, startProcess, stopProcess, tempDir, waitReady } from './process.mjs';

const mb = (bytes) => (bytes == null ? null : bytes / 1_000_000);

function writeFile(path, text) {
  writeFileSync(path, text);
  return Buffer.byteLength(text);
}

/**
 * The generator with its last few texts kept: the measurements flip between two or three
 * variants, and building a 285 KB file anew before every reload made this process collect
 * garbage in the middle of the very round trips it times (the shorter a service's reload,
 * the more those pauses weigh). Generators are pure functions of (size, variant).
 */
function memoized(gen, keep = 8) {
  const texts = new Map();
  return (size, v) => {
    const key = `${size}|${JSON.stringify(v)}`;
    let text = texts.get(key);
    if (text === undefined) {
      text = gen(size, v);
      texts.set(key, text);
      if (texts.size > keep) texts.delete(texts.keys().next().value);
    }
    return text;
  };
}

/** Alertmanager, clustering off, on a free loopback port, with its own temp storage. */
export async function startAlertmanager({ bin, n, variant, amText }) {
  const dir = tempDir('am');
  const configPath = join(dir, 'alertmanager.yml');
  const gen = memoized(amText ?? ((size, v) => genAlertmanagerYaml(size, { variant: v })));
  let configBytes = writeFile(configPath, gen(n, variant));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = startProcess('alertmanager', bin, [
    `--config.file=${configPath}`,
    `--storage.path=${join(dir, 'data')}`,
    '--cluster.listen-address=',
    `--web.listen-address=127.0.0.1:${port}`,
    // Its default of 8 GETs in flight would answer the throughput test with 503s.
    '--web.get-concurrency=64',
    '--log.level=info',
  ], { countPattern: /Completed loading of configuration file/ });
  await waitReady(proc, `${base}/-/ready`);
  return {
    name: 'alertmanager',
    pid: proc.child.pid,
    base,
    /** One listener serves both its API and /-/reload. */
    serviceBase: base,
    get configBytes() { return configBytes; },
    writeConfig(size, v) {
      configBytes = writeFile(configPath, gen(size, v));
    },
    /** 200 (empty body) once the reload is done; 500 with the reason on a bad file. */
    async reload(agent) {
      return reloadOutcome('alertmanager', await request(`${base}/-/reload`, { method: 'POST', agent }));
    },
    /** What a reload driver in another process needs (bench/ingest/reload-driver.mjs). */
    reloadSpec: (size) => ({ name: 'alertmanager', configPath, texts: [gen(size, 0), gen(size, 1)], url: `${base}/-/reload`, headers: {} }),
    /** Reloads finished so far, from its log (it logs one line per completed reload). */
    reloadsCompleted: () => proc.matched,
    /** Where the memory is, from its own /metrics (Go runtime). */
    async memoryDetail(agent) {
      const text = (await request(`${base}/metrics`, { agent })).body;
      return { go_heap_inuse_mb: mb(sumMetric(text, 'go_memstats_heap_inuse_bytes')), go_sys_mb: mb(sumMetric(text, 'go_memstats_sys_bytes')) };
    },
    rssBytes: () => rssBytes(proc.child.pid),
    stop: () => stopProcess(proc),
  };
}

/** Short sha256 of dist/cli.js: which build a hotconf process runs (dist/ is shared). */
function buildId(cli) {
  return createHash('sha256').update(readFileSync(cli)).digest('hex').slice(0, 12);
}

// hotconf's service listener when the file has no server section (its schema's default).
const DEFAULT_SERVICE_PORT = 8080;

/**
 * `node dist/cli.js serve` with its own temp config, data dir and admin token. The service
 * listener gets a free port of its own, written into the config (it is a reloadable field).
 *
 * With `amText`, hotconf serves that Alertmanager file byte for byte, hotconf's own sections
 * left to their defaults: it runs in its temp dir, so the default database path
 * (data/alerts.db, relative to the working directory) lands there, and the service listener
 * takes the default 127.0.0.1:8080. Only if 8080 is taken (another run, another tool) is a
 * two-line `server: port:` section put in front; `textNote` then says so, for the report.
 * `hotconfSections` (with `amText`): hotconf-only YAML put in front as well, for what a
 * benchmark must set that Alertmanager has no field for (the ingest rate limit).
 * `serviceBase` is the service listener (alert ingest); `base` the admin listener.
 */
export async function startHotconf({ root, n, variant, amText, hotconfSections = '' }) {
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build it with 'node scripts/build.mjs' (run from ${root})`);
  const dir = tempDir('hotconf');
  const configPath = join(dir, 'config.yaml');
  const dataDir = join(dir, 'data');
  const servicePort = amText && (await portFree(DEFAULT_SERVICE_PORT)) ? DEFAULT_SERVICE_PORT : await freePort();
  // Inside the data dir: the service refuses a database.path that leads out of it.
  const dbPath = join(dataDir, 'alerts.db');
  const serverSection = servicePort === DEFAULT_SERVICE_PORT ? '' : `server:\n  port: ${servicePort}\n`;
  const prefix = `${serverSection}${hotconfSections}`;
  const sameText = Boolean(amText) && prefix === '';
  const added = [
    serverSection && `a 'server: {port: ${servicePort}}' section (127.0.0.1:${DEFAULT_SERVICE_PORT} was taken)`,
    hotconfSections && `hotconf-only sections: ${hotconfSections.trim().replace(/\s*\n\s*/g, ' ')}`,
  ].filter(Boolean);
  const textNote = !amText ? null
    : sameText ? 'byte-identical to Alertmanager\'s file'
    : `Alertmanager's file plus, in front, ${added.join('; ')}`;
  const gen = memoized(!amText ? (size, v) => genHotconfYaml(size, { variant: v, port: servicePort, dbPath })
    : sameText ? amText
    : (size, v) => `${prefix}${amText(size, v)}`);
  let configBytes = writeFile(configPath, gen(n, variant));
  // dist/cli.js is shared with whoever else builds in this checkout: note which build this
  // process loaded, and refuse one that was rewritten while it started (a mix of two).
  const build = buildId(cli);
  const adminPort = await freePort();
  const base = `http://127.0.0.1:${adminPort}`;
  const token = randomBytes(24).toString('hex');
  const auth = { authorization: `Bearer ${token}` };
  const proc = startProcess('hotconf', process.execPath, [
    cli, 'serve', '--config', configPath, '--data-dir', dataDir, '--admin-listen', `127.0.0.1:${adminPort}`,
  ], { cwd: amText ? dir : root, env: { ...process.env, HOTCONF_ADMIN_TOKEN: token } });
  await waitReady(proc, `${base}/-/ready`);
  if (buildId(cli) !== build) throw new Error(`${cli} was rebuilt while hotconf started (someone else ran the build?): run the benchmark again`);
  // RSS is read from the pid we spawned: make sure that is the service (no wrapper process).
  const pidFromFile = readPidFile(dataDir);
  if (pidFromFile !== null && pidFromFile !== proc.child.pid) {
    throw new Error(`hotconf wrote pid ${pidFromFile} to ${join(dataDir, 'hotconf.pid')} but the process started is ${proc.child.pid}: RSS would be measured on the wrong process`);
  }
  return {
    name: 'hotconf',
    pid: proc.child.pid,
    base,
    serviceBase: `http://127.0.0.1:${servicePort}`,
    /** Its working directory: with `amText`, the default data/alerts.db is under it. */
    dir,
    authHeaders: auth,
    build,
    textNote,
    get configBytes() { return configBytes; },
    writeConfig(size, v) {
      configBytes = writeFile(configPath, gen(size, v));
    },
    /** Answers when the reload is done, with its reload record (200, or 4xx/5xx + record). */
    async reload(agent) {
      return reloadOutcome('hotconf', await request(`${base}/-/reload`, { method: 'POST', headers: auth, agent }));
    },
    /** What a reload driver in another process needs (bench/ingest/reload-driver.mjs). */
    reloadSpec: (size) => ({ name: 'hotconf', configPath, texts: [gen(size, 0), gen(size, 1)], url: `${base}/-/reload`, headers: auth }),
    /** Sum of config_reload_total over every status label. */
    async reloadsCompleted(agent) {
      const res = await request(`${base}/metrics`, { agent });
      return sumMetric(res.body, 'config_reload_total');
    },
    /** Where the memory is, from its own /metrics (prom-client's default Node metrics). */
    async memoryDetail(agent) {
      const text = (await request(`${base}/metrics`, { agent })).body;
      return {
        heap_used_mb: mb(sumMetric(text, 'nodejs_heap_size_used_bytes')),
        heap_total_mb: mb(sumMetric(text, 'nodejs_heap_size_total_bytes')),
        external_mb: mb(sumMetric(text, 'nodejs_external_memory_bytes')),
      };
    },
    rssBytes: () => rssBytes(proc.child.pid),
    stop: () => stopProcess(proc),
  };
}

/** A POST /-/reload answer as the benchmarks count it: Alertmanager's 200 (empty body, 500
 *  with the reason on a bad file), or hotconf's 200 with a success or noop record. */
export function reloadOutcome(name, res) {
  if (name === 'alertmanager') {
    return { ok: res.status === 200, httpStatus: res.status, wallMs: res.wallMs, sentAt: res.sentAt, error: res.status === 200 ? undefined : res.body.trim() };
  }
  const record = jsonBody(res, 'hotconf POST /-/reload');
  const ok = res.status === 200 && (record.status === 'success' || record.status === 'noop');
  return { ok, httpStatus: res.status, wallMs: res.wallMs, sentAt: res.sentAt, record, error: ok ? undefined : describeFailure(res.status, record) };
}

function describeFailure(httpStatus, record) {
  const detail = record.error ?? record.status ?? JSON.stringify(record).slice(0, 300);
  return `HTTP ${httpStatus}, status ${record.status}: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`;
}

function readPidFile(dataDir) {
  const path = join(dataDir, 'hotconf.pid');
  // Line 1 is the pid; line 2 the JSON that verifies it (server/pid-file.ts).
  return existsSync(path) ? Number(readFileSync(path, 'utf8').split('\n')[0].trim()) : null;
}
