// Issue 11, acceptance 2: a hostile-YAML corpus (test/security/hostile-yaml-corpus.ts: alias
// bombs, merge-key chains of 180 KB and 1 MB, `__proto__` merges, nesting 10,000 deep, one
// byte over the size limit, duplicate keys, tags, bytes that are not
// UTF-8) through every way a config text reaches a parser:
//   (a) the admin plan of a real `hotconf serve` (what the console's plan forwards to),
//   (b) the config file + SIGHUP of that process,
//   (c) the console's check before a commit or restore (server/console/validate.ts), run
//       in-process here for its event-loop lag; hostile-yaml-console.test.ts sends the same
//       corpus to a real console's plan and apply as a signed-in editor.
// Each must be answered with a located issue (inputs up to 1 MB: within ANSWER_CEILING_MS),
// the service's RSS must not grow by more than 50 MB, /-/healthy must answer meanwhile
// (within HEALTH_CEILING_MS), and the running config must stay in force. The targets of 200
// and 100 ms are measured by bench/hostile/run.ts: the ceilings catch an unbounded parse.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../server/config/errors';
import { HttpError } from '../../server/http/errors';
import { assertValidConfig } from '../../server/console/validate';
import { type ServiceProcess, freePort, hup, liveReceivers, sampleConfig, serviceProcess } from '../support/service-process';
import { ANSWER_CEILING_MS, HEALTH_CEILING_MS, HOSTILE, HOSTILE_TEXT_ONLY, type HostileInput, mergeChain } from './hostile-yaml-corpus';

const ONE_MB = 1_000_000;
const small = (h: HostileInput) => h.body.length <= ONE_MB;

/** The service's resident memory (VmRSS) and its high-water mark (VmHWM), in bytes. */
function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

function growth(before: { rss: number }, after: { rss: number; hwm: number }, baseline: { rss: number; hwm: number }): string {
  const mib = (bytes: number) => `${bytes >= 0 ? '+' : ''}${(bytes / 2 ** 20).toFixed(1)} MiB`;
  return `RSS ${mib(after.rss - before.rss)} (since start ${mib(after.rss - baseline.rss)}, peak ${mib(after.hwm - baseline.hwm)})`;
}

/** Polls /-/healthy back to back while `work` runs; the slowest answer, in ms. */
async function whileHealthPolled<T>(svc: ServiceProcess, work: () => Promise<T>): Promise<{ result: T; slowestHealthyMs: number }> {
  let running = true;
  let slowest = 0;
  const poll = (async () => {
    while (running) {
      const t0 = performance.now();
      const res = await fetch(`${svc.adminUrl}/-/healthy`);
      await res.text();
      expect(res.status).toBe(200);
      slowest = Math.max(slowest, performance.now() - t0);
    }
  })();
  try {
    return { result: await work(), slowestHealthyMs: slowest };
  } finally {
    running = false;
    await poll;
  }
}

function expectLocated(issue: { code: string; line: number | null; column: number | null } | undefined, input: HostileInput): void {
  expect(issue).toMatchObject({ code: input.code, ...(input.line ? { line: input.line } : {}) });
  expect(issue!.line).toBeGreaterThanOrEqual(1);
  expect(issue!.column).toBeGreaterThanOrEqual(1);
}

describe('hostile YAML against a real service', () => {
  let svc: ServiceProcess;
  let port: number;
  let goodConfig: string;
  let baseline: { rss: number; hwm: number };
  let running: { config_hash: string; version: number };
  const measured: string[] = [];

  beforeAll(async () => {
    port = await freePort();
    goodConfig = sampleConfig({ port, receivers: ['default', 'team'] });
    svc = await serviceProcess({ config: goodConfig });
    await svc.start();
    // Steady state first: one large ordinary plan starts the parse worker, as the first
    // large draft of any day would.
    const warm = await svc.admin('/api/v2/config/plan', { method: 'POST', body: mergeChain(100_000).replace(/<<: \*x\d+, /g, '') });
    expect(warm.status).toBe(200);
    baseline = memoryOf(svc.child.pid!);
    running = await svc.status();
  }, 30_000);

  afterAll(async () => {
    console.log(`hostile YAML, measured:\n${measured.join('\n')}`);
    await svc?.stop();
    svc?.cleanup();
  });

  async function expectRunningConfigKept(): Promise<void> {
    const status = await svc.status();
    expect(status).toMatchObject({ ready: true, config_hash: running.config_hash, version: running.version });
    expect(await liveReceivers(svc, port)).toEqual(['default', 'team']);
  }

  describe('(a) the admin plan', () => {
    it.each(HOSTILE.map((h) => [h.name, h] as const))('%s', async (_name, input) => {
      const before = memoryOf(svc.child.pid!);
      const measure = () =>
        whileHealthPolled(svc, async () => {
          const t0 = performance.now();
          const res = await svc.admin('/api/v2/config/plan', { method: 'POST', body: typeof input.body === 'string' ? input.body : new Uint8Array(input.body) });
          const plan = await res.json();
          return { status: res.status, plan, ms: performance.now() - t0 };
        });
      let { result, slowestHealthyMs } = await measure();
      // The machine is shared: any one request can stall behind other work. A slow answer is
      // measured once more and the better run judged; a real regression is slow both times.
      if (result.ms >= ANSWER_CEILING_MS || slowestHealthyMs >= HEALTH_CEILING_MS) ({ result, slowestHealthyMs } = await measure());
      const mem = memoryOf(svc.child.pid!);
      measured.push(`plan  | ${input.name} | ${result.ms.toFixed(1)} ms | healthy max ${slowestHealthyMs.toFixed(1)} ms | ${growth(before, mem, baseline)}`);
      expect(result.status).toBe(200);
      expect(result.plan.valid).toBe(false);
      expectLocated(result.plan.errors[0], input);
      if (small(input)) expect(result.ms).toBeLessThan(ANSWER_CEILING_MS);
      expect(slowestHealthyMs).toBeLessThan(HEALTH_CEILING_MS);
      expect(mem.rss - before.rss).toBeLessThan(50 * 2 ** 20);
      await expectRunningConfigKept();
    });
  });

  describe('(b) the config file and SIGHUP', () => {
    afterAll(async () => {
      svc.writeConfig(goodConfig);
      expect((await hup(svc)).status).toMatch(/success|noop/);
    });

    it.each(HOSTILE.map((h) => [h.name, h] as const))('%s', async (_name, input) => {
      const before = memoryOf(svc.child.pid!);
      writeFileSync(svc.configPath, input.body);
      let { result: record, slowestHealthyMs } = await whileHealthPolled(svc, () => hup(svc));
      // As in (a): a slow reload is measured once more (the file is unchanged, but a failed
      // load is never a no-op: it is read and refused again).
      if (record.duration_ms >= ANSWER_CEILING_MS || slowestHealthyMs >= HEALTH_CEILING_MS) ({ result: record, slowestHealthyMs } = await whileHealthPolled(svc, () => hup(svc)));
      const mem = memoryOf(svc.child.pid!);
      const load = record.phases.find((p: { name: string }) => p.name === 'load');
      measured.push(`hup   | ${input.name} | load ${load?.duration_ms?.toFixed?.(1)} ms, reload ${record.duration_ms.toFixed(1)} ms | healthy max ${slowestHealthyMs.toFixed(1)} ms | ${growth(before, mem, baseline)}`);
      expect(record.status).toBe(input.kind ?? 'load_failed');
      // The record carries the first issue, located: "…: line L, column C: message".
      expect(record.error).toMatch(input.line ? new RegExp(`line ${input.line}, column \\d+: `) : /line \d+, column \d+: /);
      if (small(input)) expect(record.duration_ms).toBeLessThan(ANSWER_CEILING_MS);
      expect(slowestHealthyMs).toBeLessThan(HEALTH_CEILING_MS);
      expect(mem.rss - before.rss).toBeLessThan(50 * 2 ** 20);
      await expectRunningConfigKept();
    });
  });
});

describe('(c) hostile YAML through the console\'s check before a commit', () => {
  beforeAll(async () => {
    // As for the service: the first large draft starts the console's parse worker.
    await assertValidConfig(sampleConfig({ port: 1 }) + `x_padding: "${'a'.repeat(100_000)}"\n`).catch(() => undefined);
  }, 30_000);

  // The console receives drafts as JSON strings: bytes that are not UTF-8 cannot arrive, but
  // half a surrogate pair (\ud800 in JSON) can.
  const drafts = [...HOSTILE.filter((h) => typeof h.body === 'string'), ...HOSTILE_TEXT_ONLY];
  it.each(drafts.map((h) => [h.name, h] as const))('%s', async (_name, input) => {
    // The console's own event loop must keep serving: its lag is sampled every 5 ms.
    let lag = 0;
    let last = performance.now();
    const sampler = setInterval(() => {
      const now = performance.now();
      lag = Math.max(lag, now - last - 5);
      last = now;
    }, 5);
    const t0 = performance.now();
    let refused: unknown;
    try {
      await assertValidConfig(input.body as string);
    } catch (err) {
      refused = err;
    }
    const ms = performance.now() - t0;
    clearInterval(sampler);
    expect(refused).toBeInstanceOf(HttpError);
    const err = refused as HttpError & { fields?: { errors?: ConfigError['issues'] } };
    expect(err.status).toBe(422);
    expectLocated(err.fields?.errors?.[0], input);
    if (small(input)) expect(ms).toBeLessThan(ANSWER_CEILING_MS);
    expect(lag).toBeLessThan(HEALTH_CEILING_MS);
  });
});
