// Who is calling, and may they (DESIGN §9). Every console route handler starts with
//   const user = await authorize(req, 'editor');
// which returns the caller or throws the HttpError to answer: 401 when nobody is signed in,
// 403 for a cross-site request or a role too low. The caller is, first found:
//   1. Authorization: Bearer <API token>      (scripts; `hotconf token create NAME`)
//   2. the trusted proxy's user header       (--auth proxy; only from --trusted-proxy)
//   3. the session cookie                     (the sign-in page)
// A mutating request must send JSON (always) and come from the console's own origin (unless a
// bearer token authenticates it: no browser attaches one on another site's behalf).
import { timingSafeEqual } from 'node:crypto';
import { HttpError } from '../errors';
import { sessionIdOf } from './cookie';
import { assertJsonRequest, assertSameOrigin, isMutating } from './cross-site';
import { peerAddress } from './peer';
import { roleAllows, type Role } from './roles';
import { consoleAuth, type AuthState } from './state';
import type { User } from './users';

export type Via = 'token' | 'proxy' | 'session' | 'launcher';

export interface Caller {
  user: User;
  via: Via;
}

export interface AuthorizeOptions {
  /** Also accept the launcher's per-process token (HOTCONF_LAUNCH_TOKEN): the start reconcile only. */
  launcher?: boolean;
  state?: AuthState;
}

/** The launcher acts as this user: allowed to reconcile, nothing else. */
const LAUNCHER: User = { name: 'hotconf-console', role: 'editor', email: 'hotconf-console@localhost' };

export async function authorize(req: Request, need: Role, opts: AuthorizeOptions = {}): Promise<User> {
  return (await authorizeCaller(req, need, opts)).user;
}

export async function authorizeCaller(req: Request, need: Role, opts: AuthorizeOptions = {}): Promise<Caller> {
  const state = opts.state ?? consoleAuth();
  const mutating = isMutating(req);
  if (mutating) assertJsonRequest(req);
  const caller = await identify(req, state, opts.launcher === true);
  if (!caller) {
    throw new HttpError(401, 'unauthenticated', 'sign in first: open the console and sign in, or send Authorization: Bearer <API token> (`hotconf token create NAME` makes one)');
  }
  if (mutating && (caller.via === 'session' || caller.via === 'proxy')) assertSameOrigin(req);
  if (!roleAllows(caller.user.role, need)) {
    throw new HttpError(403, 'forbidden', `user ${caller.user.name} has the role ${caller.user.role}; this needs ${need} or above: ask an admin for an account with that role; nothing was changed`);
  }
  return caller;
}

/** The caller a request names, or null when it names none; a bad credential is a 401. */
export async function identify(req: Request, state: AuthState, allowLauncher = false): Promise<Caller | null> {
  const authorization = req.headers.get('authorization');
  if (authorization !== null) return bearerCaller(authorization, state, allowLauncher);

  const mode = state.settings.mode;
  if (mode.kind === 'proxy') {
    const named = req.headers.get(mode.header);
    if (named !== null && peerAddress(req) === mode.trustedProxy) {
      const user = state.users.find(named.trim());
      if (!user) throw new HttpError(401, 'unknown_user', `the proxy signed in "${named.trim().slice(0, 64)}", who is not a console user: an admin adds them with \`hotconf user add NAME --role ROLE\``);
      return { user, via: 'proxy' };
    }
  }

  const sessionId = sessionIdOf(req.headers.get('cookie'));
  const name = sessionId === undefined ? undefined : state.sessions.userOf(sessionId);
  const user = name === undefined ? undefined : state.users.find(name);
  return user ? { user, via: 'session' } : null;
}

async function bearerCaller(authorization: string, state: AuthState, allowLauncher: boolean): Promise<Caller> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!m) throw new HttpError(401, 'bad_authorization', 'the Authorization header must be "Bearer <API token>"');
  const token = m[1]!;
  if (allowLauncher && isLauncherToken(token, state)) return { user: LAUNCHER, via: 'launcher' };
  const user = await state.users.verifyToken(token);
  if (!user) throw new HttpError(401, 'invalid_token', 'the API token is not valid: it was revoked, its user was removed, or it was mistyped; `hotconf token create NAME` makes a new one');
  return { user, via: 'token' };
}

function isLauncherToken(token: string, state: AuthState): boolean {
  const expected = state.settings.launchToken;
  if (!expected) return false;
  const [a, b] = [Buffer.from(token), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}
