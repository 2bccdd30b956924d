import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyConfig } from '../../../server/console/apply';
import { toHttpError } from '../../../server/console/errors';
import { restoreCommit } from '../../../server/console/restore';
import { CONFIG_A, CONFIG_B, CONFIG_C, CONFIG_UNKNOWN_RECEIVER, harness, rejection, type Harness, AUTHOR } from './fixtures';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.close());

const git = (...args: string[]) => execFileSync('git', ['-C', `${h.dir}/repo`, ...args], { encoding: 'utf8' });

describe('restoreCommit (POST /api/history/{sha}/restore)', () => {
  it('makes a new commit with the old content, reloads the service onto it, and rewrites no history', async () => {
    const b = await applyConfig(h.ctx, { content: CONFIG_B, message: 'b', base_commit: h.initial }, AUTHOR);
    await applyConfig(h.ctx, { content: CONFIG_C, message: 'c', base_commit: b.commit }, AUTHOR);
    const result = await restoreCommit(h.ctx, h.initial, AUTHOR);
    expect(result.noop).toBe(false);
    expect(git('show', `${result.commit}:config.yaml`)).toBe(CONFIG_A);
    expect(git('log', '-1', '--format=%s', result.commit).trim()).toBe(`Revert config to ${h.initial.slice(0, 7)}: Initial configuration`);
    expect(git('rev-list', '--count', 'HEAD').trim()).toBe('4');
    expect(h.reloads().at(-1)).toEqual({ expect_commit: result.commit });
    expect(result.reload.commit).toBe(result.commit);
  });

  it('commits nothing when HEAD already holds that content, and still reloads onto HEAD', async () => {
    const result = await restoreCommit(h.ctx, h.initial.slice(0, 10), AUTHOR);
    expect(result).toMatchObject({ commit: h.initial, noop: true });
    expect(h.reloads()).toEqual([{ expect_commit: h.initial }]);
  });

  it('refuses to restore content that today’s schema rejects (422, nothing committed)', async () => {
    const repo = await h.ctx.repo();
    const { commit: bad } = await repo.commit({ content: CONFIG_UNKNOWN_RECEIVER, message: 'hand-made broken commit', baseCommit: h.initial, author: { name: 'x', email: 'x@y' } });
    await repo.commit({ content: CONFIG_B, message: 'fix', baseCommit: bad, author: { name: 'x', email: 'x@y' } });
    const head = git('rev-parse', 'HEAD').trim();
    const err = toHttpError(await rejection(restoreCommit(h.ctx, bad, AUTHOR)));
    expect([err.status, err.code]).toEqual([422, 'invalid_config']);
    expect(git('rev-parse', 'HEAD').trim()).toBe(head);
    expect(h.reloads()).toEqual([]);
  });

  it('answers 400 for a malformed ref and 404 for a well-formed one that names no commit', async () => {
    expect(toHttpError(await rejection(restoreCommit(h.ctx, '--output=/tmp/x', AUTHOR))).status).toBe(400);
    expect(toHttpError(await rejection(restoreCommit(h.ctx, '0000000', AUTHOR))).status).toBe(404);
  });
});
