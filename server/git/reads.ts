// Read-side git calls. Every revision passed here is a full sha hotconf resolved itself
// (or the literal HEAD), so nothing below can be read by git as an option.
import type { SimpleGit } from 'simple-git';
import { readHead } from './gitdir';
import type { CommitInfo, HeadState, RepoContext } from './types';

// Fields are NUL-separated: NUL is the one byte a commit message cannot contain.
const INFO_FIELDS = ['%H', '%h', '%an', '%ae', '%aI', '%s', '%b'] as const;
const INFO_FORMAT = INFO_FIELDS.join('%x00');

function toCommitInfo(fields: readonly string[]): CommitInfo {
  const [sha = '', short = '', author = '', email = '', date = '', subject = '', body = ''] = fields;
  return { sha, short, author, email, date, subject, body: body.trim() };
}

/** The commit at HEAD: read from the ref files, asking git only when they cannot tell. */
export async function headCommit(ctx: RepoContext): Promise<string> {
  const head = readHead(ctx.dirs);
  if (head.kind === 'commit') return head.commit;
  return (await ctx.git.raw(['rev-parse', '--verify', 'HEAD'])).trim();
}

/** The commit at HEAD and the blob id of the config file there (null when HEAD lacks it). */
export async function headState(ctx: RepoContext): Promise<HeadState> {
  const commit = await headCommit(ctx);
  const known = ctx.knownBlobs.get(commit);
  if (known !== undefined) return { commit, blob: known };
  const blob = await blobIdAt(ctx.git, commit, ctx.file);
  rememberBlob(ctx, commit, blob);
  return { commit, blob };
}

const MAX_KNOWN_BLOBS = 64;

export function rememberBlob(ctx: RepoContext, commit: string, blob: string | null): void {
  ctx.knownBlobs.set(commit, blob);
  // Maps iterate in insertion order: drop the oldest.
  if (ctx.knownBlobs.size > MAX_KNOWN_BLOBS) ctx.knownBlobs.delete(ctx.knownBlobs.keys().next().value ?? '');
}

/** Abbreviated sha and subject of one commit. */
export async function commitSubject(git: SimpleGit, commit: string): Promise<{ short: string; subject: string }> {
  const [short = '', subject = ''] = (await git.raw(['show', '--no-patch', '--format=%h%x00%s', '--end-of-options', commit])).trimEnd().split('\0');
  return { short, subject };
}

/** Blob id of `file` in `commit`, or null when the commit does not hold it as a file. */
export async function blobIdAt(git: SimpleGit, commit: string, file: string): Promise<string | null> {
  // "<mode> blob <id>\t<path>\0", or nothing at all when the path is absent.
  const out = await git.raw(['ls-tree', '-z', '--full-tree', commit, '--', file]);
  const match = /^\d+ blob ([0-9a-f]+)\t/.exec(out);
  return match?.[1] ?? null;
}

/** Content of `file` in `commit`, or null when the commit does not hold it. */
export async function readFileAt(git: SimpleGit, commit: string, file: string): Promise<string | null> {
  try {
    // cat-file gives the stored bytes: no textconv, no filters.
    return await git.raw(['cat-file', 'blob', `${commit}:${file}`]);
  } catch (err) {
    // One extra call on the rare path tells "not there" from a real failure.
    if ((await blobIdAt(git, commit, file)) === null) return null;
    throw err;
  }
}

/** Up to `count` commits touching `file`, newest first, starting at (and including) `start`. */
export async function logCommits(git: SimpleGit, start: string, file: string, count: number): Promise<CommitInfo[]> {
  const out = await git.raw(['log', '-z', `--format=${INFO_FORMAT}`, `--max-count=${count}`, '--end-of-options', start, '--', file]);
  if (out === '') return [];
  // -z ends every record with NUL, so records and fields split alike.
  const tokens = out.replace(/\0$/, '').split('\0');
  if (tokens.length % INFO_FIELDS.length !== 0) throw new Error('unexpected output from git log (field count mismatch)');
  const commits: CommitInfo[] = [];
  for (let i = 0; i < tokens.length; i += INFO_FIELDS.length) commits.push(toCommitInfo(tokens.slice(i, i + INFO_FIELDS.length)));
  return commits;
}

export interface CommitWithPatch {
  info: CommitInfo;
  parent: string | null;
  diff: string;
}

/** One commit's metadata, first parent and unified diff of `file` against that parent. */
export async function showCommit(git: SimpleGit, commit: string, file: string): Promise<CommitWithPatch> {
  const out = await git.raw([
    'show',
    `--format=${INFO_FORMAT}%x00%P%x00`,
    '--patch',
    '--diff-merges=first-parent',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--text',
    // Fixed prefixes, whatever diff.noprefix / diff.mnemonicPrefix say.
    '--src-prefix=a/',
    '--dst-prefix=b/',
    '--end-of-options',
    commit,
    '--',
    file,
  ]);
  const fields: string[] = [];
  let rest = out;
  for (let i = 0; i <= INFO_FIELDS.length; i++) {
    const nul = rest.indexOf('\0');
    if (nul < 0) throw new Error('unexpected output from git show (missing fields)');
    fields.push(rest.slice(0, nul));
    rest = rest.slice(nul + 1);
  }
  const parents = (fields[INFO_FIELDS.length] ?? '').split(' ').filter(Boolean);
  return { info: toCommitInfo(fields), parent: parents[0] ?? null, diff: rest.replace(/^\n+/, '') };
}
