// Signed-in sessions: <data dir>/sessions.json, so a console restart keeps them. The cookie
// holds a random 256-bit id; the file holds only its SHA-256, so a copy of the file signs
// nobody in. A session ends at its expiry (checked here, whatever the browser keeps), on
// sign-out, and when its user is removed or given a new password (the CLI drops them).
// Every change is made under the file's lock, from the file as it is at that moment.
import { join } from 'node:path';
import { z } from 'zod';
import { randomText, sha256 } from './hashing';
import { fileStamp, readOptionalFile, withFileLock, writePrivateFile } from './private-file';

export const SESSIONS_FILE = 'sessions.json';
/** A session lasts a working day; then the user signs in again. */
export const SESSION_TTL_S = 12 * 60 * 60;
/** Sessions kept per user (the newest): signing in in a loop cannot grow the file without end. */
export const MAX_SESSIONS_PER_USER = 20;

const sessionsFile = z.object({
  version: z.literal(1),
  sessions: z.array(z.object({ hash: z.string(), user: z.string(), expires: z.number() })),
});
type SessionsFile = z.infer<typeof sessionsFile>;

export class SessionStore {
  readonly path: string;
  private cache: { stamp: string; data: SessionsFile } | undefined;

  constructor(dataDir: string, private readonly now: () => number = Date.now) {
    this.path = join(dataDir, SESSIONS_FILE);
  }

  create(user: string): { id: string; maxAgeS: number } {
    const id = randomText(32);
    this.change((live) => {
      const theirs = live.filter((s) => s.user === user);
      const dropped = new Set(theirs.slice(0, Math.max(0, theirs.length - MAX_SESSIONS_PER_USER + 1)));
      return [...live.filter((s) => !dropped.has(s)), { hash: sha256(id), user, expires: this.now() + SESSION_TTL_S * 1000 }];
    });
    return { id, maxAgeS: SESSION_TTL_S };
  }

  /** The user of a live session, or undefined. */
  userOf(id: string): string | undefined {
    const hash = sha256(id);
    return this.live().find((s) => s.hash === hash)?.user;
  }

  delete(id: string): void {
    const hash = sha256(id);
    this.change((live) => live.filter((s) => s.hash !== hash));
  }

  deleteForUser(user: string): number {
    let ended = 0;
    this.change((live) => {
      const kept = live.filter((s) => s.user !== user);
      ended = live.length - kept.length;
      return kept;
    });
    return ended;
  }

  /** Read the live sessions, change them and write them back, under the file's lock. */
  private change(fn: (live: SessionsFile['sessions']) => SessionsFile['sessions']): void {
    withFileLock(this.path, () => this.write({ version: 1, sessions: fn(this.live()) }));
  }

  private live(): SessionsFile['sessions'] {
    const now = this.now();
    return this.read().sessions.filter((s) => s.expires > now);
  }

  private read(): SessionsFile {
    const stamp = fileStamp(this.path);
    if (this.cache?.stamp === stamp) return this.cache.data;
    const text = readOptionalFile(this.path);
    // A damaged sessions file signs everyone out rather than stopping the console.
    const parsed = text === undefined ? undefined : sessionsFile.safeParse(safeJson(text));
    const data = parsed?.success ? parsed.data : { version: 1 as const, sessions: [] };
    this.cache = { stamp, data };
    return data;
  }

  private write(data: SessionsFile): void {
    writePrivateFile(this.path, `${JSON.stringify(data)}\n`);
    this.cache = undefined;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
