import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyConfig } from '../../../server/console/apply';
import { toHttpError } from '../../../server/console/errors';
import { commitDetail, listHistory } from '../../../server/console/history';
import { record, sendJson } from './fake-admin';
import { CONFIG_A, CONFIG_B, CONFIG_C, harness, rejection, type Harness, AUTHOR } from './fixtures';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.close());

describe('listHistory and commitDetail (GET /api/history, /api/history/{sha})', () => {
  it('lists commits newest first, each with its newest reload record, paging by cursor', async () => {
    const b = await applyConfig(h.ctx, { content: CONFIG_B, message: 'b', base_commit: h.initial }, AUTHOR);
    const c = await applyConfig(h.ctx, { content: CONFIG_C, message: 'c', base_commit: b.commit }, AUTHOR);
    h.admin.route('GET /api/v2/config/reload/history', (_req, res) =>
      sendJson(res, 200, {
        records: [record({ id: 3, commit: c.commit, status: 'rolled_back' }), record({ id: 2, commit: b.commit, status: 'success' })],
        next_before: null,
      }),
    );
    const first = await listHistory(h.ctx, { limit: 2 });
    expect(first.commits.map((x) => [x.sha, x.subject, x.reload?.status ?? null])).toEqual([
      [c.commit, 'c', 'rolled_back'],
      [b.commit, 'b', 'success'],
    ]);
    expect(first.commits[0]?.author).toBe('Ada Tester');
    expect(first.next_cursor).toBe(h.initial);
    const second = await listHistory(h.ctx, { cursor: first.next_cursor, limit: 2 });
    expect(second.commits.map((x) => [x.sha, x.reload])).toEqual([[h.initial, null]]);
    expect(second.next_cursor).toBeNull();
  });

  it('still lists commits when the service is down, saying why reloads are missing', async () => {
    await h.admin.close();
    const page = await listHistory(h.ctx);
    expect(page.commits).toHaveLength(1);
    expect(page.reloads_error?.code).toBe('service_unreachable');
  });

  it('shows one commit: content, parent, parent content, diff and reload', async () => {
    const b = await applyConfig(h.ctx, { content: CONFIG_B, message: 'debug logs', base_commit: h.initial }, AUTHOR);
    h.admin.route('GET /api/v2/config/reload/history', (_req, res) => sendJson(res, 200, { records: [record({ id: 1, commit: b.commit })], next_before: null }));
    const detail = await commitDetail(h.ctx, b.commit.slice(0, 8));
    expect(detail).toMatchObject({ sha: b.commit, content: CONFIG_B, parent: h.initial, parent_content: CONFIG_A, reload: { id: 1 } });
    expect(detail.commit.subject).toBe('debug logs');
    expect(detail.diff).toContain('+  level: debug');
  });

  it('rejects a malformed sha or cursor with 400 before git runs', async () => {
    expect(toHttpError(await rejection(commitDetail(h.ctx, 'HEAD'))).status).toBe(400);
    expect(toHttpError(await rejection(listHistory(h.ctx, { cursor: '--all' }))).status).toBe(400);
  });
});
