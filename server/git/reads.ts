// Read-side git calls. Every revision passed here is a full sha hotconf resolved itself
// (or the literal HEAD), so nothing below can be read by git as an option.
import type { SimpleGit } from 'simple-git';
import { RepoStateError } from './errors';
import { readHead } from './gitdir';
import { readPathTrees } from './tree';
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
  const trees = await readPathTrees(ctx, commit);
  return { commit, blob: trees.blob, trees };
}

/** Full sha, abbreviated sha and subject of one commit (`rev`: a full sha, or a validated
 *  user ref with `^{commit}`). */
export async function commitSubject(git: SimpleGit, rev: string): Promise<{ sha: string; short: string; subject: string }> {
  const [sha = '', short = '', subject = ''] = (await git.raw(['show', '--no-patch', '--format=%H%x00%h%x00%s', '--end-of-options', rev])).trimEnd().split('\0');
  return { sha, short, subject };
}

/** Blob id of `file` in `commit`, or null when the commit does not hold it as a file. */
export async function blobIdAt(git: SimpleGit, commit: string, file: string): Promise<string | null> {
  // "<mode> blob <id>\t<path>\0", or nothing at all when the path is absent.
  const out = await git.raw(['ls-tree', '-z', '--full-tree', commit, '--', file]);
  const match = /^\d+ blob ([0-9a-f]+)\t/.exec(out);
  return match?.[1] ?? null;
}

/**
 * The commit `rev` names and the stored bytes of `file` there with their blob id, in one git
 * process; `blob` is null when the commit does not hold it as a file. `rev` is a full sha or
 * a validated user ref (./refs) with `^{commit}`: it travels on stdin, never as an argument.
 * Bytes, not text: restoring them must give back exactly what was committed, UTF-8 or not.
 */
export async function readCommitFile(
  ctx: RepoContext,
  rev: string,
  file: string,
): Promise<{ commit: string | null; raw: Buffer | null; blob: { id: string; bytes: Buffer } | null }> {
  // Per request "<id> <type> <size>\n<bytes>\n", or "<request> missing|ambiguous\n".
  const out = await ctx.exec(['cat-file', '--batch'], { input: `${rev}\n${rev}:${file}\n` });
  const objects: Array<{ id: string; type: string; bytes: Buffer }> = [];
  for (let at = 0; at < out.length && objects.length < 2; ) {
    const newline = out.indexOf(0x0a, at);
    const header = out.subarray(at, newline < 0 ? out.length : newline).toString('latin1').split(' ');
    const size = Number(header[2]);
    if (header.length !== 3 || !Number.isInteger(size)) {
      objects.push({ id: '', type: 'missing', bytes: Buffer.alloc(0) });
      at = newline + 1;
      continue;
    }
    objects.push({ id: header[0] ?? '', type: header[1] ?? '', bytes: out.subarray(newline + 1, newline + 1 + size) });
    at = newline + 1 + size + 1;
  }
  const [commit, blob] = objects;
  return {
    commit: commit?.type === 'commit' ? commit.id : null,
    raw: commit?.type === 'commit' ? commit.bytes : null,
    blob: blob?.type === 'blob' ? { id: blob.id, bytes: blob.bytes } : null,
  };
}

/**
 * `%s` of a raw commit object, as git computes it: the message's first paragraph (leading
 * blank lines skipped), each line's trailing whitespace removed, lines joined by spaces.
 * null for a commit declaring a non-UTF-8 encoding: git would re-encode, so ask git.
 */
export function subjectOf(raw: Buffer): string | null {
  const text = raw.toString('utf8');
  const end = text.indexOf('\n\n');
  const headers = end < 0 ? text : text.slice(0, end);
  const encoding = /^encoding (.*)$/m.exec(headers)?.[1]?.trim().toLowerCase();
  if (encoding && encoding !== 'utf-8' && encoding !== 'utf8') return null;
  const lines = end < 0 ? [] : text.slice(end + 2).split('\n').map((l) => l.replace(/[ \t\r\f\v]+$/, ''));
  let i = 0;
  while (i < lines.length && lines[i] === '') i++;
  const subject: string[] = [];
  for (; i < lines.length && lines[i] !== ''; i++) subject.push(lines[i]!);
  return subject.join(' ');
}

/** Content of `file` in `commit`, or null when the commit does not hold it. A symbolic link
 *  committed in its place (mode 120000) is refused: its blob is the link's target, and a
 *  service reading the working tree would load whatever file that names. */
export async function readFileAt(git: SimpleGit, commit: string, file: string): Promise<string | null> {
  // "<mode> blob <id>\t<path>\0", or nothing at all when the path is absent.
  const entry = /^(\d+) blob ([0-9a-f]+)\t/.exec(await git.raw(['ls-tree', '-z', '--full-tree', commit, '--', file]));
  if (!entry) return null;
  refuseSymlink(entry[1]!, commit, file);
  // cat-file gives the stored bytes: no textconv, no filters.
  return git.raw(['cat-file', 'blob', entry[2]!]);
}

/** Mode 120000 is a symbolic link; the message does not repeat where it points. */
export function refuseSymlink(mode: string | null, commit: string, file: string): void {
  if (mode !== '120000') return;
  throw new RepoStateError(
    'config_symlink',
    `${file} at commit ${commit.slice(0, 7)} is a symbolic link, not a file: hotconf reads and restores only a regular ${file}; commit the file itself in its place`,
  );
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
