import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECTIONS } from '../../../server/config/schema';
import { LogHub } from '../../../server/log';
import { createReloaders } from '../../../server/reloaders';
import { ctx, freePort, makeConfig } from './helpers';

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

  it('starts from nothing in list order and shuts down in reverse, every component live in between', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotconf-reloaders-'));
    const r = createReloaders({ ...deps(), baseDir: dir });
    const port = await freePort();
    const cfg = makeConfig({ server: { port }, database: { path: 'alerts.db' }, log: { level: 'warn' } });
    try {
      const prepared = [];
      for (const c of r.list) prepared.push(await c.prepare(cfg, ctx()));
      for (const [i, c] of r.list.entries()) await c.activate(prepared[i], ctx());
      for (const c of r.list) await c.health(ctx());
      for (const c of r.list) await c.commit(ctx());
      expect(r.logger.current).toEqual({ level: 'warn', format: 'json' });
      expect(r.storage.current!.path).toBe(join(dir, 'alerts.db'));
      expect(r.routing.current!.match({})[0]!.receiver).toBe('default');
      expect(r.receivers.current!.has('default')).toBe(true);
      expect(r.inhibition.current!.rules).toEqual([]);
      expect(r.ingest.current!.maxBodyBytes).toBe(1_048_576);
      expect(r.listener.address()).toEqual({ host: '127.0.0.1', port });
    } finally {
      for (const c of [...r.list].reverse()) await c.close(ctx());
      rmSync(dir, { recursive: true, force: true });
    }
    expect(r.list.every((c) => (c as unknown as { current: unknown }).current === null)).toBe(true);
  });
});
