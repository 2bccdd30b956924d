// The console process's sign-in state, wired once from the environment: its settings, the
// users and sessions files, and the failed-sign-in counters. Route handlers and the page
// proxy each reach it through consoleAuth(); tests build one with createAuthState.
import { type Env } from '../settings';
import { FailureLimiter } from './rate-limit';
import { SessionStore } from './sessions';
import { parseAuthSettings, type AuthSettings } from './settings';
import { UserStore } from './users';

export interface AuthState {
  settings: AuthSettings;
  users: UserStore;
  sessions: SessionStore;
  /** Failed sign-ins per user name: 5 in 15 minutes, then wait. */
  failuresByUser: FailureLimiter;
  /** Failed sign-ins per peer address: 20 in 15 minutes (one address trying many names). */
  failuresByAddress: FailureLimiter;
}

const WINDOW_MS = 15 * 60 * 1000;

export function createAuthState(settings: AuthSettings): AuthState {
  return {
    settings,
    users: new UserStore(settings.dataDir),
    sessions: new SessionStore(settings.dataDir),
    failuresByUser: new FailureLimiter(5, WINDOW_MS),
    failuresByAddress: new FailureLimiter(20, WINDOW_MS),
  };
}

const KEY = Symbol.for('hotconf.console.auth');

export function consoleAuth(env: Env = process.env): AuthState {
  const g = globalThis as { [KEY]?: AuthState };
  g[KEY] ??= createAuthState(parseAuthSettings(env));
  return g[KEY];
}
