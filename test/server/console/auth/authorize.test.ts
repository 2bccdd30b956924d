// authorize() on its own: the order of its checks, and the launcher's token, which may
// reconcile and nothing else.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorize } from '../../../../server/console/auth/authorize';
import { createAuthState, type AuthState } from '../../../../server/console/auth/state';
import { toHttpError } from '../../../../server/console/errors';

const LAUNCH = 'l'.repeat(43);
let dir: string;
let state: AuthState;
let editorToken: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hotconf-authorize-'));
  state = createAuthState({ dataDir: dir, mode: { kind: 'password' }, launchToken: LAUNCH });
  await state.users.add('ed', 'editor', 'an editor passphrase');
  editorToken = (await state.users.createToken('ed')).token;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function post(headers: Record<string, string>): Request {
  return new Request('http://127.0.0.1:3000/api/config', { method: 'POST', headers: { Host: '127.0.0.1:3000', ...headers }, body: '{}' });
}

async function status(req: Request, opts: { launcher?: boolean } = {}): Promise<number> {
  try {
    await authorize(req, 'editor', { ...opts, state });
    return 200;
  } catch (err) {
    return toHttpError(err).status;
  }
}

describe('authorize', () => {
  it('accepts the launcher token only where the route allows it', async () => {
    const req = () => post({ Authorization: `Bearer ${LAUNCH}`, 'Content-Type': 'application/json' });
    expect(await status(req(), { launcher: true })).toBe(200);
    expect(await status(req())).toBe(401);
  });

  it('checks the content type before anything else, so a cross-site form never reaches the credential check', async () => {
    expect(await status(post({ 'Content-Type': 'text/plain' }))).toBe(403);
    expect(await status(post({ 'Content-Type': 'application/json' }))).toBe(401);
    expect(await status(post({ 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${editorToken}` }))).toBe(200);
  });

  it('lets reads through without a content type', async () => {
    const get = new Request('http://127.0.0.1:3000/api/config', { headers: { Authorization: `Bearer ${editorToken}` } });
    expect((await authorize(get, 'viewer', { state })).name).toBe('ed');
  });
});
