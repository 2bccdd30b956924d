// Commit references typed by users (URL segments, query strings, request bodies).
// simple-git does not stop option injection (`--output=…` writes files), so the only thing
// a user may hand us is lowercase hex, checked here before any git process starts, and it
// is resolved with `--end-of-options` so even a future relaxation could not become an option.
import type { SimpleGit } from 'simple-git';

export const USER_REF_RE = /^[0-9a-f]{7,40}$/;

/** A user-supplied commit reference is malformed or unusable (callers answer 400). */
export class RefError extends Error {
  override readonly name: string = 'RefError';
}

/** A well-formed reference that names no commit (or no config file) here (callers may answer 404). */
export class RefNotFoundError extends RefError {
  override readonly name = 'RefNotFoundError';
}

const PREVIEW_CHARS = 48;

/** Shows what was received with every non-printable or non-ASCII character escaped, so a
 *  Cyrillic 'а' or a fullwidth digit is visible in the error instead of passing for hex. */
function preview(value: unknown): string {
  if (typeof value !== 'string') return `a value of type ${value === null ? 'null' : typeof value}`;
  if (value === '') return 'an empty string';
  const shown = value.slice(0, PREVIEW_CHARS).replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const more = value.length > PREVIEW_CHARS ? `… (${value.length} characters)` : '';
  return `"${shown}"${more}`;
}

/** Returns the reference unchanged if it is 7–40 lowercase hex digits; throws RefError otherwise. */
export function assertUserRef(ref: unknown): string {
  if (typeof ref === 'string' && USER_REF_RE.test(ref)) return ref;
  throw new RefError(
    `invalid commit reference: got ${preview(ref)}; expected a commit sha of 7 to 40 lowercase hex digits (0-9, a-f), e.g. "3f2a9c1"`,
  );
}

const FULL_SHA_RE = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** Validates a user reference and resolves it to the full sha of a commit in this repository. */
export async function resolveCommit(git: SimpleGit, ref: unknown): Promise<string> {
  const full = await revParseCommit(git, assertUserRef(ref), []);
  if (!FULL_SHA_RE.test(full)) throw new Error(`git rev-parse gave an unexpected answer for ${String(ref)}: ${preview(full)}`);
  return full;
}

/** Like resolveCommit, same checks and errors, but answers git's unique abbreviation of the
 *  commit (what `%h` shows) instead of the full sha. */
export async function abbreviateCommit(git: SimpleGit, ref: unknown): Promise<string> {
  const short = await revParseCommit(git, assertUserRef(ref), ['--short']);
  if (!/^[0-9a-f]{4,64}$/.test(short)) throw new Error(`git rev-parse gave an unexpected answer for ${String(ref)}: ${preview(short)}`);
  return short;
}

async function revParseCommit(git: SimpleGit, sha: string, flags: string[]): Promise<string> {
  try {
    // No --quiet: with it an unknown sha prints nothing and exits 1, which reads as success.
    return (await git.raw(['rev-parse', '--verify', ...flags, '--end-of-options', `${sha}^{commit}`])).trim();
  } catch (err) {
    throw classifyResolveFailure(sha, err);
  }
}

function classifyResolveFailure(sha: string, err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  if (/ambiguous/i.test(message)) {
    return new RefError(`commit reference "${sha}" is ambiguous in the config repository; give more hex digits`);
  }
  if (/needed a single revision|unknown revision|bad revision|not a valid object/i.test(message)) {
    return new RefNotFoundError(`no commit "${sha}" in the config repository`);
  }
  return err instanceof Error ? err : new Error(message);
}
