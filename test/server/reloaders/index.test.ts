import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECTIONS } from '../../../server/config/schema';
import { Registry } from 'prom-client';
import { LogHub, silentLogger } from '../../../server/log';
import { ReloadCoordinator } from '../../../server/reload/coordinator';
import { EventBus } from '../../../server/reload/events';
import { ReloadMetrics } from '../../../server/reload/metrics';
import { RecordKeeper } from '../../../server/reload/record-keeper';
import { StateStore } from '../../../server/reload/state-store';
import { createReloaders } from '../../../server/reloaders';
import { freePort } from './helpers';

const deps = () => ({
  logHub: new LogHub({ level: 'error', format: 'json' }, () => {}),
  serviceHandler: ((_req, res) => res.end('ok')) as import('node:http').RequestListener,
});

describe('createReloaders', () => {
  it('lists the seven components in their deliberate activation order', () => {
    const r = createReloaders(deps());
    expect(r.list.map((c) => c.name)).toEqual(['logger', 'storage', 'receivers', 'routing', 'inhibition', 'ingest', 'listener']);
    expect(r.list).toEqual([r.logger, r.storage, r.receivers, r.routing, r.inhibition, r.ingest, r.listener]);
  });

  it('gives every config section exactly one owner', () => {
    const sections = createReloaders(deps()).list.flatMap((c) => c.sections);
    expect([...sections].sort()).toEqual([...SECTIONS].sort());
  });

  it('marks listener, storage, routing and receivers critical, the rest not', () => {
    const critical = Object.fromEntries(createReloaders(deps()).list.map((c) => [c.name, c.critical]));
    expect(critical).toEqual({ logger: false, storage: true, receivers: true, routing: true, inhibition: false, ingest: false, listener: true });
  });

  it('defaults timeouts to 5 s for listener and storage, 2 s for the others, and takes overrides', () => {
    const defaults = Object.fromEntries(createReloaders(deps()).list.map((c) => [c.name, c.timeoutMs]));
    expect(defaults).toEqual({ logger: 2_000, storage: 5_000, receivers: 2_000, routing: 2_000, inhibition: 2_000, ingest: 2_000, listener: 5_000 });
    expect(createReloaders({ ...deps(), timeouts: { listener: 50, routing: 10 } }).listener.timeoutMs).toBe(50);
  });

  it('starts from nothing in list order and shuts down in reverse, every component live in between (driven by the coordinator)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotconf-reloaders-'));
    const r = createReloaders({ ...deps(), baseDir: dir });
    const port = await freePort();
    const configPath = join(dir, 'config.yaml');
    writeFileSync(configPath, `server: { host: 127.0.0.1, port: ${port} }\nlog: { level: warn }\ndatabase: { path: alerts.db }\nroute: { receiver: default }\nreceivers:\n  - name: default\n    webhook_configs: [{ url: 'http://127.0.0.1:9/hook' }]\n`);
    // Every activate and close, as the coordinator calls them.
    const calls: string[] = [];
    for (const c of r.list) {
      for (const step of ['activate', 'close'] as const) {
        const orig = c[step].bind(c) as (...a: unknown[]) => Promise<void>;
        (c as unknown as Record<string, unknown>)[step] = (...a: unknown[]) => (calls.push(`${step} ${c.name}`), orig(...a));
      }
    }
    const records = new RecordKeeper(() => new StateStore(join(dir, 'data')), { log: silentLogger });
    const coordinator = new ReloadCoordinator({
      configPath,
      reloaders: r.list,
      events: new EventBus(),
      metrics: new ReloadMetrics({ registry: new Registry(), components: r.list.map((c) => c.name), defaultMetrics: false }),
      store: records,
      log: silentLogger,
      provenance: { lookup: async () => ({ commit: null, dirty: false }) },
    });
    try {
      expect((await coordinator.start()).status).toBe('success');
      const names = r.list.map((c) => c.name);
      expect(calls).toEqual(names.map((n) => `activate ${n}`));
      expect(r.logger.current).toEqual({ level: 'warn', format: 'json' });
      expect(r.storage.current!.path).toBe(join(dir, 'alerts.db'));
      expect(r.routing.current!.match({})[0]!.receiver).toBe('default');
      expect(r.receivers.current!.has('default')).toBe(true);
      expect(r.inhibition.current!.rules).toEqual([]);
      expect(r.ingest.current!.maxBodyBytes).toBe(1_048_576);
      expect(r.listener.address()).toEqual({ host: '127.0.0.1', port });

      calls.length = 0;
      await coordinator.close();
      expect(calls).toEqual([...names].reverse().map((n) => `close ${n}`));
      expect(r.list.every((c) => (c as unknown as { current: unknown }).current === null)).toBe(true);
    } finally {
      records.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
