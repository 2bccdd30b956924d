// Where the files a config names may live (DESIGN §9): `database.path` inside the data dir,
// `${file:}` secrets inside the secrets dirs (the data dir unless `--secrets-dir` says
// otherwise), `templates:` files inside the config file's own folder (Alertmanager resolves
// them relative to it) or a `--templates-dir`. A config is text anyone with commit rights
// writes; without this it could make the service create files anywhere it may write, or
// read any file it may read into messages.
//
// The check is made in two steps so that it never tells whether a path outside exists:
//   1. lexically (path.resolve, so `../` is gone): outside every root → refused without
//      touching the file system;
//   2. the real path (symlinks followed) of the longest existing part must still be inside
//      a root's real path, so a link inside a root cannot lead out of it. Only paths that
//      are lexically inside a root are probed, and what is inside a root is the operator's.
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export type RootKind = 'data' | 'secrets' | 'templates';

export interface FileRootsOptions {
  dataDir: string;
  /** `--secrets-dir`; the data dir when empty. */
  secretsDirs?: readonly string[];
  /** `--templates-dir`; the config file's folder is always allowed as well. */
  templatesDirs?: readonly string[];
  /** The config file, whose folder holds relative template globs. */
  configPath: string;
}

/** What a refusal says: which roots were allowed and which flag would allow more. */
const WHAT: Record<RootKind, string> = {
  data: 'the data dir',
  secrets: 'the secrets dirs',
  templates: 'the template dirs (the config file\'s folder and --templates-dir)',
};

const FIX: Record<RootKind, string> = {
  data: 'put the file inside it, or start the service with a --data-dir that holds it',
  secrets: 'put the file inside one of them, or allow its folder with hotconf serve --secrets-dir DIR',
  templates: 'put the files inside one of them, or allow their folder with hotconf serve --templates-dir DIR',
};

export class OutsideRootsError extends Error {
  override readonly name = 'OutsideRootsError';
  readonly code = 'EOUTSIDE';
}

export class FileRoots {
  private readonly roots: Record<RootKind, string[]>;

  constructor(opts: FileRootsOptions) {
    const data = resolve(opts.dataDir);
    const secrets = opts.secretsDirs?.length ? opts.secretsDirs.map((d) => resolve(d)) : [data];
    const templates = [dirname(resolve(opts.configPath)), ...(opts.templatesDirs ?? []).map((d) => resolve(d))];
    this.roots = { data: [data], secrets: unique(secrets), templates: unique(templates) };
  }

  /**
   * The path made absolute (against `base` when relative), if it lies inside a root of this
   * kind, with symlinks of its existing part followed; otherwise OutsideRootsError, whose
   * message says the same thing whether or not the path exists.
   */
  confine(path: string, kind: RootKind, base?: string): string {
    const absolute = isAbsolute(path) || base === undefined ? resolve(path) : resolve(base, path);
    const roots = this.roots[kind];
    if (!roots.some((root) => within(root, absolute))) throw this.outside(path, absolute, kind);
    const real = realExisting(absolute);
    if (!roots.some((root) => within(realExisting(root), real))) throw this.outside(path, absolute, kind, true);
    return real;
  }

  /** The message of a refusal, for callers that check a path without a file system call
   *  (a glob's fixed prefix). */
  outside(path: string, absolute: string, kind: RootKind, throughLink = false): OutsideRootsError {
    const shown = path === absolute ? path : `${path} (${absolute})`;
    const how = throughLink ? ' through a symbolic link' : '';
    return new OutsideRootsError(
      `${shown} leads${how} outside ${WHAT[kind]} (${this.roots[kind].join(', ')}): ${FIX[kind]}`,
    );
  }

  /** Whether `absolute` is lexically inside a root of this kind (no file system call). */
  lexicallyInside(absolute: string, kind: RootKind): boolean {
    return this.roots[kind].some((root) => within(root, absolute));
  }
}

function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

/** realpath of the longest existing prefix, with the rest appended: a file not created
 *  yet still has a real folder. A dangling link is followed too (SQLite would create its
 *  target). */
function realExisting(path: string): string {
  const missing: string[] = [];
  let at = path;
  for (let hops = 0; ; ) {
    try {
      return join(realpathSync(at), ...missing.reverse());
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return join(at, ...missing.reverse());
      const link = danglingLink(at);
      if (link !== null && hops++ < 40) {
        at = resolve(dirname(at), link);
        continue;
      }
      const parent = dirname(at);
      if (parent === at) return path;
      missing.push(at.slice(parent.length === 1 ? 1 : parent.length + 1));
      at = parent;
    }
  }
}

function danglingLink(path: string): string | null {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : null;
  } catch {
    return null;
  }
}

function unique(paths: string[]): string[] {
  return [...new Set(paths)];
}
