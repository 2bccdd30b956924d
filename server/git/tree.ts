// Building a commit's tree without touching the index: HEAD's tree with the config file's
// entry replaced. Each directory along the file's path is listed once (`ls-tree -z`) and
// rebuilt bottom-up as a tree object (./objects); every other entry keeps the name bytes git
// printed, so names that are not UTF-8 survive. A commit's trees never change, so listings
// are cached per commit, and a commit hotconf made itself is known without asking git.
import { treeBody, writeObject, type IdWidth, type TreeEntry } from './objects';
import type { PathTrees, RepoContext } from './types';

export type { PathTrees } from './types';

interface Entry extends TreeEntry {
  /** The record as git printed it, without its NUL. */
  raw: Buffer;
}

const TAB = 0x09;

function parseListing(listing: Buffer): Entry[] {
  const entries: Entry[] = [];
  let start = 0;
  while (start < listing.length) {
    let end = listing.indexOf(0, start);
    if (end < 0) end = listing.length;
    const raw = listing.subarray(start, end);
    const tab = raw.indexOf(TAB);
    // "<mode> SP <type> SP <oid> TAB <name>": the part before the tab is ASCII.
    const [mode = '', type = '', oid = ''] = raw.subarray(0, tab).toString('latin1').split(' ');
    entries.push({ raw, mode, type, oid, name: raw.subarray(tab + 1) });
    start = end + 1;
  }
  return entries;
}

function segments(ctx: RepoContext): Buffer[] {
  return ctx.file.split('/').map((s) => Buffer.from(s));
}

/** The listings along the config file's path in `commit`. */
export async function readPathTrees(ctx: RepoContext, commit: string): Promise<PathTrees> {
  const known = ctx.knownTrees.get(commit);
  if (known) return known;
  const names = segments(ctx);
  const levels: Buffer[] = [];
  let treeish: string | null = commit;
  for (let depth = 0; depth < names.length; depth++) {
    const listing: Buffer = treeish === null ? Buffer.alloc(0) : await ctx.exec(['ls-tree', '-z', '--end-of-options', treeish]);
    levels.push(listing);
    if (depth < names.length - 1) {
      const dir = parseListing(listing).find((e) => e.type === 'tree' && e.name.equals(names[depth]!));
      treeish = dir?.oid ?? null;
    }
  }
  const file = parseListing(levels[levels.length - 1]!).find((e) => e.type === 'blob' && e.name.equals(names[names.length - 1]!));
  const trees = { levels, blob: file?.oid ?? null, mode: file?.mode ?? null };
  rememberTrees(ctx, commit, trees);
  return trees;
}

const MAX_KNOWN_TREES = 16;

export function rememberTrees(ctx: RepoContext, commit: string, trees: PathTrees): void {
  ctx.knownTrees.set(commit, trees);
  // Maps iterate in insertion order: drop the oldest.
  if (ctx.knownTrees.size > MAX_KNOWN_TREES) ctx.knownTrees.delete(ctx.knownTrees.keys().next().value ?? '');
}

/** The mode the new file gets: executable stays executable; anything else (absent, a
 *  symlink replaced by the regular file hotconf writes) becomes a plain file. */
export function fileMode(trees: PathTrees): '100644' | '100755' {
  return trees.mode === '100755' ? '100755' : '100644';
}

/** Writes the trees for `blob` at the config file's path; returns the root tree and the new
 *  listings (the new commit's PathTrees, once it exists), in ls-tree's format. */
export async function writeTrees(ctx: RepoContext, trees: PathTrees, blob: string, mode: string, width: IdWidth): Promise<{ tree: string; levels: Buffer[] }> {
  const names = segments(ctx);
  const levels = [...trees.levels];
  let entry: TreeEntry = { mode, type: 'blob', oid: blob, name: names[names.length - 1]! };
  let oid = '';
  for (let depth = names.length - 1; depth >= 0; depth--) {
    const name = names[depth]!;
    const entries: TreeEntry[] = [...parseListing(levels[depth]!).filter((e) => !e.name.equals(name)), entry];
    oid = await writeObject(ctx, 'tree', treeBody(entries), width);
    levels[depth] = Buffer.concat(entries.flatMap((e) => [Buffer.from(`${e.mode} ${e.type} ${e.oid}\t`), e.name, Buffer.from([0])]));
    if (depth > 0) entry = { mode: '040000', type: 'tree', oid, name: names[depth - 1]! };
  }
  return { tree: oid, levels };
}
