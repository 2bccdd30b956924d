// Where the command line's defaults live, once: every command that talks to or starts the
// service resolves the admin address and the admin token here, in the same order.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The admin listener: loopback, never reloaded (DESIGN §1). */
export const DEFAULT_ADMIN_LISTEN = '127.0.0.1:9180';
export const DEFAULT_CONSOLE_LISTEN = '127.0.0.1:3000';
/** The embedded default's directory (`hotconf up`, `npm start`). */
export const DEFAULT_DATA_DIR = 'data';
export const ADMIN_TOKEN_FILE = 'admin-token';

export function defaultServiceUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.HOTCONF_SERVICE_URL ?? `http://${env.HOTCONF_ADMIN_LISTEN ?? DEFAULT_ADMIN_LISTEN}`;
}

/**
 * The admin token, first found wins: HOTCONF_ADMIN_TOKEN; the file named by --token-file or
 * HOTCONF_ADMIN_TOKEN_FILE; `fallbackFile` (a client's guess at the embedded default's
 * token). Undefined when none is given — the service then reads or generates
 * <data dir>/admin-token. A named file that cannot be read is an error, never a silent miss.
 */
export function adminTokenFrom(opts: { env?: NodeJS.ProcessEnv; tokenFile?: string | undefined; fallbackFile?: string }): string | undefined {
  const env = opts.env ?? process.env;
  if (env.HOTCONF_ADMIN_TOKEN) return env.HOTCONF_ADMIN_TOKEN;
  const named = opts.tokenFile ?? env.HOTCONF_ADMIN_TOKEN_FILE;
  if (named) return readToken(named, '--token-file / HOTCONF_ADMIN_TOKEN_FILE');
  if (opts.fallbackFile) {
    try {
      return readToken(opts.fallbackFile, 'the default token file');
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The embedded default's token file, for clients run from the project directory. */
export const DEFAULT_TOKEN_FILE = join(DEFAULT_DATA_DIR, ADMIN_TOKEN_FILE);

function readToken(file: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the admin token from ${file} (${what}): ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const token = text.trim();
  if (!token) throw new Error(`the admin token file ${file} (${what}) is empty`);
  return token;
}
