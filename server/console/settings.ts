// The console's settings, read from the environment the CLI sets (DESIGN §1, §7):
// HOTCONF_REPO, HOTCONF_SERVICE_URL, HOTCONF_ADMIN_TOKEN, HOTCONF_SIGNAL, HOTCONF_PID_FILE,
// and the optional HOTCONF_REMOTE (push after commit, DESIGN §6). Sign-in has its own
// settings (./auth/settings.ts); commits are authored by the signed-in user.
// Every problem is reported at once, naming the variable and what to set it to, so a
// misconfigured console fails at start with one readable message.
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

export type SignalMode = { mode: 'api' } | { mode: 'pid'; pidFile: string };

export interface ConsoleSettings {
  /** Absolute path of the config repository (holds config.yaml). */
  repoDir: string;
  /** The service's admin API base URL, without a trailing slash. */
  serviceUrl: string;
  adminToken: string;
  /** How the console tells the service to reload after a commit. */
  signal: SignalMode;
  remote: string | undefined;
}

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`the console is misconfigured:\n  - ${problems.join('\n  - ')}`);
    this.name = 'SettingsError';
  }
}

export type Env = Record<string, string | undefined>;

const envSchema = z.object({
  HOTCONF_REPO: z.string({ error: 'HOTCONF_REPO is not set: set it to the config repository directory (the one holding config.yaml)' }).min(1, { error: 'HOTCONF_REPO is empty: set it to the config repository directory' }),
  HOTCONF_SERVICE_URL: z
    .string({ error: 'HOTCONF_SERVICE_URL is not set: set it to the service admin URL, e.g. http://127.0.0.1:9180' })
    .refine(isHttpUrl, { error: 'HOTCONF_SERVICE_URL must be an http(s) URL such as http://127.0.0.1:9180' }),
  HOTCONF_ADMIN_TOKEN: z
    .string({ error: 'HOTCONF_ADMIN_TOKEN is not set: set it to the service admin token (the token file in the service data dir)' })
    .min(1, { error: 'HOTCONF_ADMIN_TOKEN is empty: set it to the service admin token' }),
  // It named the author of every console commit before sign-in existed; a console that still
  // sets it would expect commits by that author, so it is refused rather than ignored.
  HOTCONF_USER: z.never({ error: 'HOTCONF_USER (--user) is no longer used: commits are authored by the signed-in console user (`hotconf user add NAME --email EMAIL`); unset it' }).optional(),
  HOTCONF_SIGNAL: z.enum(['api', 'pid'], { error: "HOTCONF_SIGNAL must be 'api' (POST /-/reload, the default) or 'pid' (SIGHUP the pid in HOTCONF_PID_FILE)" }).default('api'),
  HOTCONF_PID_FILE: z.string().min(1).optional(),
  HOTCONF_REMOTE: z.string().min(1).optional(),
});

/** Reads and checks the settings; throws SettingsError listing every problem. */
export function parseSettings(env: Env, cwd: string = process.cwd()): ConsoleSettings {
  // An empty variable means "unset" for the optional ones; that is how shells clear them.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) throw new SettingsError(parsed.error.issues.map((i) => i.message));
  const e = parsed.data;
  if (e.HOTCONF_SIGNAL === 'pid' && !e.HOTCONF_PID_FILE) {
    throw new SettingsError(['HOTCONF_SIGNAL=pid needs HOTCONF_PID_FILE: the hotconf.pid file in the service data dir']);
  }
  return {
    repoDir: absolute(e.HOTCONF_REPO, cwd),
    serviceUrl: e.HOTCONF_SERVICE_URL.replace(/\/+$/, ''),
    adminToken: e.HOTCONF_ADMIN_TOKEN,
    signal: e.HOTCONF_SIGNAL === 'pid' ? { mode: 'pid', pidFile: absolute(e.HOTCONF_PID_FILE ?? '', cwd) } : { mode: 'api' },
    remote: e.HOTCONF_REMOTE,
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}
