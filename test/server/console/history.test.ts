import { describe, expect, it } from 'vitest';
import type { ReloadHistoryPage } from '../../../server/contract/status';
import { historyQuery, newestReloads } from '../../../server/console/history';
import type { ReloadRecord } from '../../../server/contract/reload';
import { record } from './fake-admin';

const T0 = Date.parse('2026-01-01T12:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const sha = (c: string) => c.repeat(40);

/** A fake service history: `records` newest first, served in pages of `limit` before an id. */
function serviceWith(records: ReloadRecord[]) {
  const calls: Array<{ limit?: number; before?: number | null }> = [];
  return {
    calls,
    async history(opts: { limit?: number; before?: number | null } = {}): Promise<ReloadHistoryPage> {
      calls.push(opts);
      const older = records.filter((r) => opts.before == null || r.id < opts.before);
      const page = older.slice(0, opts.limit ?? 50);
      const last = page[page.length - 1];
      return { records: page, next_before: older.length > page.length && last ? last.id : null };
    },
  };
}

const bounds = { pageSize: 2, maxPages: 10, clockSlackMs: 1000 };

describe('newestReloads (joining commits with reload records)', () => {
  it('gives each commit its newest record, across pages', async () => {
    const service = serviceWith([
      record({ id: 5, commit: sha('a'), status: 'success', started_at: at(50) }),
      record({ id: 4, commit: sha('b'), status: 'rolled_back', started_at: at(40) }),
      record({ id: 3, commit: sha('a'), status: 'rolled_back', started_at: at(30) }),
      record({ id: 2, commit: sha('c'), status: 'success', started_at: at(20) }),
    ]);
    const found = await newestReloads(service, [
      { sha: sha('a'), date: at(29) },
      { sha: sha('b'), date: at(35) },
      { sha: sha('c'), date: at(10) },
    ], bounds);
    expect(found.get(sha('a'))?.id).toBe(5);
    expect(found.get(sha('b'))?.status).toBe('rolled_back');
    expect(found.get(sha('c'))?.id).toBe(2);
  });

  it('stops reading as soon as every commit is found', async () => {
    const service = serviceWith([
      record({ id: 9, commit: sha('a'), started_at: at(90) }),
      record({ id: 8, commit: sha('x'), started_at: at(80) }),
      record({ id: 7, commit: sha('y'), started_at: at(70) }),
    ]);
    await newestReloads(service, [{ sha: sha('a'), date: at(1) }], bounds);
    expect(service.calls).toHaveLength(1);
  });

  it('stops once records are older than the oldest commit: a reload never precedes its commit', async () => {
    const many = Array.from({ length: 20 }, (_, i) => record({ id: 20 - i, commit: sha('f'), started_at: at(100 - i * 10) }));
    const service = serviceWith(many);
    const found = await newestReloads(service, [{ sha: sha('e'), date: at(85) }], bounds);
    expect(found.size).toBe(0);
    expect(service.calls.length).toBeLessThanOrEqual(2);
  });

  it('reads at most maxPages pages', async () => {
    const many = Array.from({ length: 50 }, (_, i) => record({ id: 50 - i, commit: sha('f'), started_at: at(1000) }));
    const service = serviceWith(many);
    await newestReloads(service, [{ sha: sha('e'), date: at(0) }], { ...bounds, maxPages: 3 });
    expect(service.calls).toHaveLength(3);
  });

  it('leaves out reloads of a hand-edited file: they did not load the commit as committed', async () => {
    const service = serviceWith([
      record({ id: 2, commit: sha('a'), dirty: true, status: 'success', started_at: at(20) }),
      record({ id: 1, commit: sha('a'), dirty: false, status: 'rolled_back', started_at: at(10) }),
    ]);
    const found = await newestReloads(service, [{ sha: sha('a'), date: at(5) }], bounds);
    expect(found.get(sha('a'))?.id).toBe(1);
  });

  it('asks nothing when there are no commits', async () => {
    const service = serviceWith([record()]);
    expect((await newestReloads(service, [], bounds)).size).toBe(0);
    expect(service.calls).toHaveLength(0);
  });
});

describe('historyQuery', () => {
  it('reads cursor and limit, treating an empty cursor as the first page', () => {
    expect(historyQuery(new URLSearchParams('cursor=abc1234&limit=20'))).toEqual({ cursor: 'abc1234', limit: 20 });
    expect(historyQuery(new URLSearchParams('cursor='))).toEqual({ cursor: null, limit: undefined });
  });

  it('rejects a limit outside 1..200 with a 400 naming the parameter', () => {
    expect(() => historyQuery(new URLSearchParams('limit=500'))).toThrow(/limit must be a whole number between 1 and 200/);
    expect(() => historyQuery(new URLSearchParams('limit=-1'))).toThrow(/limit/);
  });
});
