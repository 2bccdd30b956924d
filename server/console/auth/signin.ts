// POST /api/session {"user","password"} → 204 + the session cookie; DELETE /api/session signs
// out. Sign-in is a change like any other: JSON only, from the console's own pages (so no
// other site can sign a browser into an account of its choosing). Failed attempts count per
// user name and per peer address; past the limit the answer is 429 with Retry-After, and the
// password is not even checked.
import { z } from 'zod';
import { HttpError } from '../errors';
import { checkInput, readJson } from '../request';
import { clearedSessionCookie, sessionCookie, sessionIdOf } from './cookie';
import { assertJsonRequest, assertSameOrigin } from './cross-site';
import { identify } from './authorize';
import { overTls, peerAddress } from './peer';
import { consoleAuth, type AuthState } from './state';
import type { User } from './users';

const signInSchema = z.object({
  user: z.string({ error: 'user is required: your console user name' }).min(1, { error: 'user is required' }).max(64, { error: 'user is longer than 64 characters' }),
  password: z.string({ error: 'password is required' }).min(1, { error: 'password is required' }).max(1024, { error: 'password is longer than 1024 characters' }),
});

export async function signIn(req: Request, state: AuthState = consoleAuth()): Promise<Response> {
  assertJsonRequest(req);
  assertSameOrigin(req);
  if (state.settings.mode.kind === 'proxy') {
    throw new HttpError(400, 'sign_in_by_proxy', 'this console signs users in through its trusted proxy (--auth proxy): sign in there; scripts use an API token');
  }
  const { user: name, password } = checkInput(await readJson(req), signInSchema);
  const address = peerAddress(req) ?? 'unknown';
  const retryAfterS = Math.max(state.failuresByUser.retryAfterS(name), state.failuresByAddress.retryAfterS(address));
  if (retryAfterS > 0) {
    throw new HttpError(429, 'rate_limited', `too many failed sign-ins for this user or from this address: try again in ${retryAfterS} s`, { details: { retry_after_s: retryAfterS } });
  }
  const user = await state.users.verifyPassword(name, password);
  if (!user) {
    state.failuresByUser.fail(name);
    state.failuresByAddress.fail(address);
    throw new HttpError(401, 'bad_credentials', 'the user name or the password is wrong');
  }
  state.failuresByUser.clear(name);
  const { id, maxAgeS } = state.sessions.create(user.name);
  return new Response(null, { status: 204, headers: { 'Set-Cookie': sessionCookie(id, maxAgeS, overTls(req)), 'Cache-Control': 'no-store' } });
}

export async function signOut(req: Request, state: AuthState = consoleAuth()): Promise<Response> {
  assertJsonRequest(req);
  assertSameOrigin(req);
  const id = sessionIdOf(req.headers.get('cookie'));
  if (id !== undefined) state.sessions.delete(id);
  return new Response(null, { status: 204, headers: { 'Set-Cookie': clearedSessionCookie(overTls(req)), 'Cache-Control': 'no-store' } });
}

/** GET /api/session: who the request is signed in as (401 when nobody). */
export async function currentUser(req: Request, state: AuthState = consoleAuth()): Promise<User> {
  const caller = await identify(req, state);
  if (!caller) throw new HttpError(401, 'unauthenticated', 'not signed in');
  return caller.user;
}
