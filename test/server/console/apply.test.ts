import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyConfig } from '../../../server/console/apply';
import { HttpError, toHttpError, toResponse } from '../../../server/console/errors';
import { record, sendJson } from './fake-admin';
import { AUTHOR, CONFIG_A, CONFIG_B, CONFIG_C, CONFIG_UNKNOWN_RECEIVER, harness, rejection, TOKEN, type Harness } from './fixtures';

let h: Harness;
beforeEach(async () => {
  h = await harness();
});
afterEach(() => h.close());

const git = (...args: string[]) => execFileSync('git', ['-C', `${h.dir}/repo`, ...args], { encoding: 'utf8' }).trim();

describe('applyConfig (POST /api/config)', () => {
  it('commits the content as the console user, reloads the service onto that commit, and returns both', async () => {
    const result = await applyConfig(h.ctx, { content: CONFIG_B, message: 'Turn on debug logs', base_commit: h.initial }, AUTHOR);
    expect(result.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(git('rev-parse', 'HEAD')).toBe(result.commit);
    expect(git('show', 'HEAD:config.yaml') + '\n').toBe(CONFIG_B);
    expect(git('log', '-1', '--format=%an <%ae>|%s')).toBe(`${AUTHOR.name} <${AUTHOR.email}>|Turn on debug logs`);
    expect(h.reloads()).toEqual([{ expect_commit: result.commit }]);
    expect(h.admin.requests.find((r) => r.path === '/-/reload')?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(result.reload).toMatchObject({ commit: result.commit, status: 'success' });
  });

  it('accepts a base given as a short sha', async () => {
    const result = await applyConfig(h.ctx, { content: CONFIG_B, message: 'short base', base_commit: h.initial.slice(0, 7) }, AUTHOR);
    expect(git('rev-parse', 'HEAD^')).toBe(h.initial);
    expect(result.commit).not.toBe(h.initial);
  });

  it('refuses an invalid config with 422 and located errors, committing nothing and not reloading', async () => {
    const err = await rejection(applyConfig(h.ctx, { content: CONFIG_UNKNOWN_RECEIVER, message: 'broken', base_commit: h.initial }, AUTHOR));
    const res = toResponse(err);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: Array<{ path: string; line: number; code: string; message: string }>; error: { message: string } };
    expect(body.errors).toEqual([expect.objectContaining({ path: 'route.routes.0.receiver', line: 4, code: 'unknown_receiver' })]);
    expect(body.error.message).toMatch(/nothing was committed: route\.routes\.0\.receiver \(line 4/);
    expect(git('rev-parse', 'HEAD')).toBe(h.initial);
    expect(h.reloads()).toEqual([]);
  });

  it('refuses YAML that does not parse with 422 and a line number', async () => {
    const err = toHttpError(await rejection(applyConfig(h.ctx, { content: 'route: [unclosed\n', message: 'bad yaml', base_commit: h.initial }, AUTHOR)));
    expect(err.status).toBe(422);
    expect(err.details).toEqual({ kind: 'load_failed' });
    expect((err.fields?.errors as Array<{ line: number | null }>)[0]?.line).toBeGreaterThan(0);
  });

  it('checks secret references for form only: the service, not the console, resolves them', async () => {
    const result = await applyConfig(h.ctx, { content: CONFIG_C, message: 'Page on critical', base_commit: h.initial }, AUTHOR);
    expect(git('rev-parse', 'HEAD')).toBe(result.commit);
  });

  it('answers a stale base with 409 carrying HEAD commit and content, committing nothing', async () => {
    const first = await applyConfig(h.ctx, { content: CONFIG_B, message: 'first', base_commit: h.initial }, AUTHOR);
    const res = toResponse(await rejection(applyConfig(h.ctx, { content: CONFIG_C, message: 'second', base_commit: h.initial }, AUTHOR)));
    expect(res.status).toBe(409);
    const body = (await res.json()) as { head_commit: string; head_content: string };
    expect(body.head_commit).toBe(first.commit);
    expect(body.head_content).toBe(CONFIG_B);
    expect(git('rev-list', '--count', 'HEAD')).toBe('2');
  });

  it('lets exactly one of two simultaneous applies from the same base land', async () => {
    const results = await Promise.allSettled([
      applyConfig(h.ctx, { content: CONFIG_B, message: 'one', base_commit: h.initial }, AUTHOR),
      applyConfig(h.ctx, { content: CONFIG_C, message: 'two', base_commit: h.initial }, AUTHOR),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(toHttpError(rejected?.reason).code).toBe('stale_base');
    expect(git('rev-list', '--count', 'HEAD')).toBe('2');
    expect(h.reloads()).toHaveLength(1);
  });

  it('rejects option-like or malformed base commits with 400 before git runs', async () => {
    const marker = `/tmp/hotconf-console-injection-${process.pid}`;
    for (const base of [`--output=${marker}`, 'HEAD', 'HEAD~1', 'ABCDEF1', '', 'a'.repeat(41)]) {
      const err = toHttpError(await rejection(applyConfig(h.ctx, { content: CONFIG_B, message: 'x', base_commit: base }, AUTHOR)));
      expect([err.status, err.code]).toEqual([400, 'bad_ref']);
    }
    expect(existsSync(marker)).toBe(false);
    expect(git('rev-parse', 'HEAD')).toBe(h.initial);
  });

  it('rejects a body without message or content with a 400 naming the fields', async () => {
    const err = toHttpError(await rejection(applyConfig(h.ctx, { content: 42, message: '   ', base_commit: h.initial }, AUTHOR)));
    expect([err.status, err.code]).toEqual([400, 'bad_request']);
    expect(err.message).toMatch(/content: content must be the YAML text/);
    expect(err.message).toMatch(/message: message is required/);
  });

  it('refuses content identical to HEAD: there is nothing to commit', async () => {
    const err = toHttpError(await rejection(applyConfig(h.ctx, { content: CONFIG_A, message: 'same', base_commit: h.initial }, AUTHOR)));
    expect([err.status, err.code]).toEqual([422, 'nothing_to_commit']);
  });

  it('returns the record of a reload the service rolled back: committed, not applied', async () => {
    h.admin.route('POST /-/reload', (req, res) => {
      const rec = record({ id: 7, commit: (JSON.parse(req.body) as { expect_commit: string }).expect_commit, status: 'rolled_back', rolled_back: true });
      sendJson(res, 500, { error: { code: 'rolled_back', message: 'storage health check failed', details: { record: rec } } });
    });
    const result = await applyConfig(h.ctx, { content: CONFIG_B, message: 'will fail', base_commit: h.initial }, AUTHOR);
    expect(result.reload).toMatchObject({ id: 7, status: 'rolled_back', commit: result.commit });
    expect(git('rev-parse', 'HEAD')).toBe(result.commit);
  });

  it('says the commit landed when the service cannot be reached afterwards (502, commit in details)', async () => {
    await h.admin.close();
    const err = toHttpError(await rejection(applyConfig(h.ctx, { content: CONFIG_B, message: 'service down', base_commit: h.initial }, AUTHOR)));
    const head = git('rev-parse', 'HEAD');
    expect(head).not.toBe(h.initial);
    expect([err.status, err.code]).toEqual([502, 'service_unreachable']);
    expect(err.message).toMatch(new RegExp(`^committed ${head.slice(0, 7)}, but the service was not reloaded: service unreachable at`));
    expect(err.details).toMatchObject({ commit: head });
  });

  it('reports a service whose file is no longer the new commit as 409 commit_mismatch', async () => {
    h.admin.route('POST /-/reload', (_req, res) => sendJson(res, 409, { error: { code: 'commit_mismatch', message: 'mismatch', details: { expected: 'x', commit: 'f'.repeat(40), dirty: true } } }));
    const err = await rejection(applyConfig(h.ctx, { content: CONFIG_B, message: 'raced', base_commit: h.initial }, AUTHOR));
    expect(err).toBeInstanceOf(HttpError);
    const http = err as HttpError;
    expect([http.status, http.code]).toEqual([409, 'commit_mismatch']);
    expect(http.message).toMatch(/its file is at fffffff, edited by hand/);
    expect(http.fields).toBeUndefined();
  });
});
