// What an apply answers once its commit has landed and something else happened too
// (server/console/after-commit.ts): another console's commit landed on top before our reload
// (superseded), or a commit attempt failed after the service had loaded its bytes.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyConfig } from '../../../server/console/apply';
import { toHttpError, toResponse } from '../../../server/console/errors';
import { record, sendJson } from './fake-admin';
import { AUTHOR, CONFIG_B, CONFIG_C, harness, rejection, type Harness } from './fixtures';

let h: Harness;
let service: { commit: string | null; dirty: boolean };
beforeEach(async () => {
  h = await harness();
  service = { commit: h.initial, dirty: false };
  h.admin.route('GET /api/v2/config/status', (_req, res) => sendJson(res, 200, { ...service, status: 'success', in_progress: false }));
  h.admin.route('GET /api/v2/config/reload/history', (_req, res) => sendJson(res, 200, { records: [], next_before: null }));
});
afterEach(() => h.close());

describe('an apply superseded by another console’s commit before its reload', () => {
  it('answers 201 with superseded_by (HEAD) and the reload that brought the service onto HEAD', async () => {
    let theirs = '';
    h.admin.route('POST /-/reload', async (req, res) => {
      const expect_commit = (JSON.parse(req.body) as { expect_commit: string }).expect_commit;
      if (!theirs) {
        // Between our commit and our reload, another console commits on top of ours.
        const repo = await h.ctx.repo();
        theirs = (await repo.commit({ content: CONFIG_C, message: 'Page on critical', baseCommit: expect_commit, author: { name: 'Bob', email: 'bob@example.org' } })).commit;
        return sendJson(res, 409, { error: { code: 'commit_mismatch', message: 'moved on', details: { expected: expect_commit, commit: theirs, dirty: false } } });
      }
      service = { commit: expect_commit, dirty: false };
      sendJson(res, 200, record({ id: 12, commit: expect_commit }));
    });
    const result = await applyConfig(h.ctx, { content: CONFIG_B, message: 'Debug logs', base_commit: h.initial }, AUTHOR);
    expect(result.commit).not.toBe(theirs);
    expect(result.superseded_by).toMatchObject({ commit: theirs, author: 'Bob', subject: 'Page on critical' });
    expect(result.reload).toMatchObject({ id: 12, commit: theirs });
    expect(h.reloads()).toEqual([{ expect_commit: result.commit }, { expect_commit: theirs }]);
    expect(service.commit).toBe(theirs);
  });

  it('finds the newer commit’s own reload when its console already brought the service onto HEAD', async () => {
    let theirs = '';
    h.admin.route('POST /-/reload', async (req, res) => {
      const expect_commit = (JSON.parse(req.body) as { expect_commit: string }).expect_commit;
      const repo = await h.ctx.repo();
      theirs = (await repo.commit({ content: CONFIG_C, message: 'theirs', baseCommit: expect_commit, author: AUTHOR })).commit;
      service = { commit: theirs, dirty: false };
      sendJson(res, 409, { error: { code: 'commit_mismatch', message: 'moved on', details: { expected: expect_commit, commit: theirs, dirty: false } } });
    });
    h.admin.route('GET /api/v2/config/reload/history', (_req, res) => sendJson(res, 200, { records: [record({ id: 30, commit: theirs })], next_before: null }));
    const result = await applyConfig(h.ctx, { content: CONFIG_B, message: 'mine', base_commit: h.initial }, AUTHOR);
    expect(result).toMatchObject({ superseded_by: { commit: theirs }, reload: { id: 30, commit: theirs } });
    expect(h.reloads()).toHaveLength(1);
  });

  it('is still an error (409 commit_mismatch, commit in details) when the file was edited by hand instead', async () => {
    h.admin.route('POST /-/reload', async (req, res) => {
      await writeFile(join(h.dir, 'repo', 'config.yaml'), CONFIG_B + '# by hand\n');
      sendJson(res, 409, { error: { code: 'commit_mismatch', message: 'dirty', details: { commit: (JSON.parse(req.body) as { expect_commit: string }).expect_commit, dirty: true } } });
    });
    const err = toHttpError(await rejection(applyConfig(h.ctx, { content: CONFIG_B, message: 'mine', base_commit: h.initial }, AUTHOR)));
    expect([err.status, err.code]).toEqual([409, 'commit_mismatch']);
    expect(err.details).toHaveProperty('commit');
    expect((await toResponse(err).json()) as object).not.toHaveProperty('head_content');
    expect(h.reloads()).toHaveLength(1);
  });
});

describe('a commit attempt that fails after the service loaded its bytes', () => {
  it('reloads the service back onto HEAD: the bytes it runs were rolled back out of the file', async () => {
    // A pre-commit hook runs with the new file in place; an operator's SIGHUP then loads it
    // (dirty). The hook refuses, the file goes back to HEAD's bytes.
    const hooks = join(h.dir, 'repo', '.git', 'hooks');
    await mkdir(hooks, { recursive: true });
    await writeFile(join(hooks, 'pre-commit'), '#!/bin/sh\necho "refused by policy" >&2\nexit 1\n');
    await chmod(join(hooks, 'pre-commit'), 0o755);
    service = { commit: h.initial, dirty: true };
    const err = await rejection(applyConfig(h.ctx, { content: CONFIG_B, message: 'refused', base_commit: h.initial }, AUTHOR));
    expect(toHttpError(err).status).toBeGreaterThanOrEqual(400);
    expect(h.reloads()).toEqual([{ expect_commit: h.initial }]);
  });

  it('leaves the service alone after a lost race: nothing of the loser reached the file', async () => {
    const repo = await h.ctx.repo();
    await repo.commit({ content: CONFIG_C, message: 'winner', baseCommit: h.initial, author: AUTHOR });
    const err = toHttpError(await rejection(applyConfig(h.ctx, { content: CONFIG_B, message: 'loser', base_commit: h.initial }, AUTHOR)));
    expect([err.status, err.code]).toEqual([409, 'stale_base']);
    expect(h.reloads()).toEqual([]);
  });
});
