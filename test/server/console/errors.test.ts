import { describe, expect, it, vi } from 'vitest';
import { HttpError, json, toResponse } from '../../../server/console/errors';
import { SettingsError } from '../../../server/console/settings';
import { ConflictError, InputError, NothingToCommitError, RepoBusyError, RepoStateError } from '../../../server/git/errors';
import { RefError, RefNotFoundError } from '../../../server/git/refs';

async function answer(err: unknown): Promise<{ status: number; body: Record<string, unknown> & { error: { code: string; message: string; details?: unknown } } }> {
  const res = toResponse(err);
  return { status: res.status, body: (await res.json()) as never };
}

describe('toResponse', () => {
  it('answers an HttpError with its status and the { error: { code, message, details } } body', async () => {
    const { status, body } = await answer(new HttpError(418, 'teapot', 'short and stout', { details: { spout: 1 } }));
    expect(status).toBe(418);
    expect(body).toEqual({ error: { code: 'teapot', message: 'short and stout', details: { spout: 1 } } });
  });

  it('puts contract fields at the top level next to error (422 errors)', async () => {
    const { body } = await answer(new HttpError(422, 'invalid_config', 'bad', { fields: { errors: [{ path: 'a' }] } }));
    expect(body.errors).toEqual([{ path: 'a' }]);
    expect(body.error.code).toBe('invalid_config');
  });

  it('maps a repository held by another writer to 503 repo_busy with Retry-After: nothing was written, try again', async () => {
    const res = toResponse(new RepoBusyError({ pid: 4242, host: 'h', since: 0, op: 'commit' }, 10_000, 'another process is writing to the config repository'));
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toBe('2');
    const body = (await res.json()) as { error: { code: string; message: string; details: unknown } };
    expect(body.error).toMatchObject({ code: 'repo_busy', details: { waited_ms: 10_000, holder_pid: 4242 } });
    expect(body.error.message).toMatch(/nothing was committed: try again in a moment$/);
  });

  it('maps a stale base to 409 with HEAD commit and content for the three-way merge', async () => {
    const { status, body } = await answer(new ConflictError('stale_base', 'b'.repeat(40), 'head: yaml\n', 'HEAD moved'));
    expect(status).toBe(409);
    expect(body.head_commit).toBe('b'.repeat(40));
    expect(body.head_content).toBe('head: yaml\n');
    expect(body.error.code).toBe('stale_base');
    expect(body.error.message).toMatch(/HEAD is now bbbbbbb/);
  });

  it('maps a rejected push to 409 push_rejected, saying nothing was forced', async () => {
    const { status, body } = await answer(new ConflictError('push_rejected', 'c'.repeat(40), '', 'rejected'));
    expect([status, body.error.code]).toEqual([409, 'push_rejected']);
    expect(body.error.message).toMatch(/Nothing was forced/);
  });

  it('maps a malformed ref to 400 and an unknown one to 404', async () => {
    expect((await answer(new RefError('invalid commit reference'))).status).toBe(400);
    expect((await answer(new RefError('x'))).body.error.code).toBe('bad_ref');
    expect((await answer(new RefNotFoundError('no such commit'))).status).toBe(404);
  });

  it('maps repository input problems to 400/422 and a broken repository to 500', async () => {
    expect((await answer(new InputError('message', 'message is empty'))).body.error).toMatchObject({ code: 'bad_request', details: { field: 'message' } });
    expect((await answer(new NothingToCommitError('d'.repeat(40)))).status).toBe(422);
    expect((await answer(new RepoStateError('detached_head', 'HEAD is detached'))).body.error).toMatchObject({ code: 'repo_state', details: { state: 'detached_head' } });
  });

  it('maps a misconfigured console to 500 console_misconfigured with the list of problems', async () => {
    const { status, body } = await answer(new SettingsError(['HOTCONF_REPO is not set']));
    expect([status, body.error.code]).toEqual([500, 'console_misconfigured']);
    expect(body.error.message).toContain('HOTCONF_REPO is not set');
  });

  it('answers anything else with 500 internal and logs it on the console side', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { status, body } = await answer(new TypeError('x is not a function'));
    expect([status, body.error.code]).toEqual([500, 'internal']);
    expect(body.error.message).toMatch(/x is not a function/);
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });

  it('marks every answer, errors and successes, as not cacheable', () => {
    expect(toResponse(new HttpError(400, 'x', 'y')).headers.get('cache-control')).toBe('no-store');
    expect(json({ ok: true }, 201).headers.get('cache-control')).toBe('no-store');
    expect(json({ ok: true }, 201).status).toBe(201);
  });
});
