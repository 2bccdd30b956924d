import { describe, expect, it } from 'vitest';
import { IngestReloader } from '../../../server/reloaders/ingest';
import { ctx, makeConfig } from './helpers';

describe('IngestReloader', () => {
  it('first start makes a gate live; a change swaps it; rollback swaps the old one back', async () => {
    const ingest = new IngestReloader();
    await ingest.activate(await ingest.prepare(makeConfig({ webhook: { max_body_bytes: 100 } }), ctx()), ctx());
    await ingest.health(ctx());
    await ingest.commit(ctx());
    const first = ingest.current!;
    expect(first.maxBodyBytes).toBe(100);

    await ingest.activate(await ingest.prepare(makeConfig({ webhook: { max_body_bytes: 200 } }), ctx()), ctx());
    expect(ingest.current!.maxBodyBytes).toBe(200);
    await ingest.rollback(ctx());
    expect(ingest.current).toBe(first);
  });

  it('prepare fails on api_key auth without a key, leaving the live gate', async () => {
    const ingest = new IngestReloader();
    await ingest.activate(await ingest.prepare(makeConfig(), ctx()), ctx());
    const bad = { ...makeConfig(), webhook: { ...makeConfig().webhook, authentication: { type: 'api_key' as const } } };
    await expect(ingest.prepare(bad, ctx())).rejects.toThrow(/api_key is empty/);
    await expect(ingest.preflight(bad, ctx())).rejects.toThrow(/api_key is empty/);
    expect(ingest.current!.authType).toBe('none');
  });

  it('health checks the live gate’s limits', async () => {
    const ingest = new IngestReloader();
    await expect(ingest.health(ctx())).rejects.toThrow(/no live instance/);
    const cfg = makeConfig();
    await ingest.activate(await ingest.prepare({ ...cfg, webhook: { ...cfg.webhook, rate_limit: { enabled: true, requests_per_second: Number.NaN, burst: 1 } } }, ctx()), ctx());
    await expect(ingest.health(ctx())).rejects.toThrow(/requests_per_second=NaN/);
  });

  it('close drops the live gate', async () => {
    const ingest = new IngestReloader({ timeoutMs: 123 });
    expect(ingest.timeoutMs).toBe(123);
    await ingest.activate(await ingest.prepare(makeConfig(), ctx()), ctx());
    await ingest.close(ctx());
    expect(ingest.current).toBeNull();
  });
});
