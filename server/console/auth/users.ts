// The console's users (DESIGN §9): <data dir>/users.json, owner-only, rewritten atomically.
// A user has a role, a git identity (name + email, the author of the commits they make), a
// scrypt password hash and any number of API tokens, stored as scrypt hashes too.
//
// A token reads "hct_<id>_<secret>": the id (public, 16 hex digits) finds its record without
// trying every hash; the secret (32 random bytes) is what is verified. scrypt on every request
// would cost each API call tens of milliseconds, so a token once verified is remembered by its
// SHA-256, and only while its record still holds the same hash: a revoked token (or a removed
// user) is refused at once, by this process and by any other that reads the file.
//
// Every call reads the file afresh (cached by its inode, size and mtime), so users added,
// removed or revoked by the CLI apply to a running console without a restart.
import { join } from 'node:path';
import { z } from 'zod';
import { hashSecret, randomHex, randomText, sha256, verifyNothing, verifySecret } from './hashing';
import { fileStamp, readOptionalFile, withFileLock, writePrivateFile } from './private-file';
import { ROLES, type Role } from './roles';

export const USERS_FILE = 'users.json';

export interface User {
  name: string;
  role: Role;
  email: string;
}

const tokenRecord = z.object({ id: z.string(), hash: z.string(), created: z.string() });
const userRecord = z.object({
  name: z.string(),
  role: z.enum(ROLES),
  email: z.string(),
  password: z.string(),
  created: z.string(),
  tokens: z.array(tokenRecord),
});
const usersFile = z.object({ version: z.literal(1), users: z.array(userRecord) });
type UserRecord = z.infer<typeof userRecord>;
type UsersFile = z.infer<typeof usersFile>;

/** Names are git author names and CLI arguments: plain, short, and never an option. */
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const EMAIL_RE = /^[^<>\s@]+@[^<>\s@]+$/;
const TOKEN_RE = /^hct_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
/** Passwords an operator chooses; generated ones are 24 characters. */
export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 1024;

export class UserStoreError extends Error {
  override name = 'UserStoreError';
}

export class UserStore {
  readonly path: string;
  private cache: { stamp: string; data: UsersFile } | undefined;
  /** sha256(token) → the stored hash it was verified against. */
  private readonly verified = new Map<string, string>();

  constructor(readonly dataDir: string) {
    this.path = join(dataDir, USERS_FILE);
  }

  list(): User[] {
    return this.read().users.map(publicUser);
  }

  find(name: string): User | undefined {
    const record = this.read().users.find((u) => u.name === name);
    return record && publicUser(record);
  }

  isEmpty(): boolean {
    return this.read().users.length === 0;
  }

  async add(name: string, role: Role, password: string, email = `${name}@localhost`): Promise<User> {
    assertName(name);
    assertPassword(password);
    if (!EMAIL_RE.test(email)) throw new UserStoreError(`email "${email.slice(0, 80)}" must look like name@host`);
    const hash = await hashSecret(password);
    const record: UserRecord = { name, role, email, password: hash, created: new Date().toISOString(), tokens: [] };
    this.change((data) => {
      if (data.users.some((u) => u.name === name)) throw new UserStoreError(`user "${name}" already exists: choose another name, or \`hotconf user passwd ${name}\``);
      return { ...data, users: [...data.users, record] };
    });
    return publicUser(record);
  }

  async setPassword(name: string, password: string): Promise<void> {
    assertPassword(password);
    this.existing(name);
    const hash = await hashSecret(password);
    this.update(name, (u) => ({ ...u, password: hash }));
  }

  remove(name: string): void {
    this.change((data) => {
      if (!data.users.some((u) => u.name === name)) this.existing(name);
      return { ...data, users: data.users.filter((u) => u.name !== name) };
    });
  }

  /** A new API token for `name`: returned once, stored only as a hash. */
  async createToken(name: string): Promise<{ id: string; token: string }> {
    this.existing(name);
    const id = randomHex(8);
    const secret = randomText(32);
    const hash = await hashSecret(secret);
    this.update(name, (u) => ({ ...u, tokens: [...u.tokens, { id, hash, created: new Date().toISOString() }] }));
    return { id, token: `hct_${id}_${secret}` };
  }

  /** Revokes one token of `name` (by its id, or the whole token) or, with 'all', every one. */
  revokeToken(name: string, which: string): number {
    const user = this.existing(name);
    const id = TOKEN_RE.exec(which)?.[1] ?? which;
    const revoked = which === 'all' ? user.tokens : user.tokens.filter((t) => t.id === id);
    if (revoked.length === 0) throw new UserStoreError(`user "${name}" has no token with id "${id.slice(0, 20)}": \`hotconf user list\` shows the ids`);
    this.update(name, (u) => ({ ...u, tokens: u.tokens.filter((t) => !revoked.includes(t)) }));
    return revoked.length;
  }

  tokenIds(name: string): string[] {
    return this.existing(name).tokens.map((t) => t.id);
  }

  async verifyPassword(name: string, password: string): Promise<User | null> {
    const record = this.read().users.find((u) => u.name === name);
    if (!record || password.length > MAX_PASSWORD_LENGTH) {
      await verifyNothing(password.slice(0, MAX_PASSWORD_LENGTH));
      return null;
    }
    return (await verifySecret(password, record.password)) ? publicUser(record) : null;
  }

  async verifyToken(token: string): Promise<User | null> {
    const m = TOKEN_RE.exec(token);
    if (!m) return null;
    const [, id, secret] = m as unknown as [string, string, string];
    const owner = this.read().users.find((u) => u.tokens.some((t) => t.id === id));
    const record = owner?.tokens.find((t) => t.id === id);
    if (!owner || !record) return null;
    const memo = sha256(token);
    if (this.verified.get(memo) === record.hash) return publicUser(owner);
    if (!(await verifySecret(secret, record.hash))) return null;
    this.verified.set(memo, record.hash);
    return publicUser(owner);
  }

  private existing(name: string): UserRecord {
    const record = this.read().users.find((u) => u.name === name);
    if (!record) throw new UserStoreError(`no user "${String(name).slice(0, 80)}" in ${this.path}: \`hotconf user list\` shows the users`);
    return record;
  }

  private update(name: string, change: (u: UserRecord) => UserRecord): void {
    this.change((data) => {
      if (!data.users.some((u) => u.name === name)) this.existing(name);
      return { ...data, users: data.users.map((u) => (u.name === name ? change(u) : u)) };
    });
  }

  /** Read, change and write the file under its lock, from the file as it is now. */
  private change(fn: (data: UsersFile) => UsersFile): void {
    withFileLock(this.path, () => this.write(fn(this.read())));
  }

  private read(): UsersFile {
    const stamp = fileStamp(this.path);
    if (this.cache?.stamp === stamp) return this.cache.data;
    const text = readOptionalFile(this.path);
    const data = text === undefined ? { version: 1 as const, users: [] } : parseUsersFile(text, this.path);
    this.cache = { stamp, data };
    return data;
  }

  private write(data: UsersFile): void {
    writePrivateFile(this.path, `${JSON.stringify(data, null, 2)}\n`);
    this.cache = undefined;
  }
}

function parseUsersFile(text: string, path: string): UsersFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UserStoreError(`${path} is not JSON: restore it from a backup, or move it away and add the users again`);
  }
  const parsed = usersFile.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || '(top level)';
    throw new UserStoreError(`${path} is not a hotconf users file (at ${where}: ${parsed.error.issues[0]?.message}): restore it from a backup`);
  }
  return parsed.data;
}

function publicUser(record: UserRecord): User {
  return { name: record.name, role: record.role, email: record.email };
}

export function assertName(name: string): void {
  if (!NAME_RE.test(name)) {
    throw new UserStoreError(`user name "${name.slice(0, 80)}" is not allowed: use 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit`);
  }
}

function assertPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new UserStoreError(`the password is shorter than ${MIN_PASSWORD_LENGTH} characters: choose a longer one`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new UserStoreError(`the password is longer than ${MAX_PASSWORD_LENGTH} characters`);
}

/** A password to hand out once: 18 random bytes, 24 characters. */
export function generatePassword(): string {
  return randomText(18);
}
