// Checks on everything a caller hands the repository besides commit references (./refs).
// All of these values reach git as values (`--author=…`, `-F <file>`, file contents), never
// as options; the checks are about what git would mangle or reject, with a clear message.
import { InputError, type InputField } from './errors';
import type { Author } from './types';

export const MAX_CONTENT_BYTES = 1024 * 1024;
export const MAX_MESSAGE_CHARS = 10_000;
export const MAX_IDENT_CHARS = 256;
export const DEFAULT_LOG_LIMIT = 50;
export const MAX_LOG_LIMIT = 200;

export function validateContent(content: unknown): string {
  if (typeof content !== 'string') throw new InputError('content', `content must be a string, got ${typeof content}`);
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > MAX_CONTENT_BYTES) {
    throw new InputError('content', `content is ${bytes} bytes; the config file may be at most ${MAX_CONTENT_BYTES} bytes (1 MiB)`);
  }
  return content;
}

/** Returns the trimmed message. */
export function validateMessage(message: unknown): string {
  if (typeof message !== 'string') throw new InputError('message', `commit message must be a string, got ${typeof message}`);
  const trimmed = message.trim();
  if (trimmed === '') throw new InputError('message', 'commit message is empty; describe the change in a few words');
  if (trimmed.length > MAX_MESSAGE_CHARS) {
    throw new InputError('message', `commit message is ${trimmed.length} characters; at most ${MAX_MESSAGE_CHARS} are allowed`);
  }
  // git stores messages as C strings: everything after a NUL would silently vanish.
  if (trimmed.includes('\0')) throw new InputError('message', 'commit message contains a NUL character');
  return trimmed;
}

// git drops these from the ends of a name ("crud"); a name made only of them is refused by git.
const HAS_SUBSTANCE_RE = /[^.,:;<>"'\\\s]/;
// Newlines would forge extra header lines; '<' '>' delimit the email in "Name <email>".
const FORBIDDEN_IDENT_RE = /[<>\0-\x1f\x7f]/;

export function validateAuthor(author: unknown, field: InputField = 'author'): Author {
  if (typeof author !== 'object' || author === null) throw new InputError(field, `${field} must be an object { name, email }`);
  const { name, email } = author as Record<string, unknown>;
  return { name: validateIdent(name, field, 'name'), email: validateIdent(email, field, 'email') };
}

function validateIdent(value: unknown, field: InputField, part: 'name' | 'email'): string {
  const what = `${field} ${part}`;
  if (typeof value !== 'string') throw new InputError(field, `${what} must be a string, got ${typeof value}`);
  const trimmed = value.trim();
  if (!HAS_SUBSTANCE_RE.test(trimmed)) throw new InputError(field, `${what} is empty`);
  if (trimmed.length > MAX_IDENT_CHARS) throw new InputError(field, `${what} is longer than ${MAX_IDENT_CHARS} characters`);
  if (FORBIDDEN_IDENT_RE.test(trimmed)) {
    throw new InputError(field, `${what} must not contain '<', '>', line breaks or other control characters`);
  }
  return trimmed;
}

export function validateLimit(limit: unknown): number {
  if (limit === undefined || limit === null) return DEFAULT_LOG_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LOG_LIMIT) {
    throw new InputError('limit', `limit must be a whole number from 1 to ${MAX_LOG_LIMIT}, got ${String(limit)}`);
  }
  return limit;
}

// Plain relative path segments only: nothing git could read as an option, a pathspec magic
// (":(glob)…") or a way out of the work tree.
const FILE_RE = /^(?:[A-Za-z0-9_][A-Za-z0-9._-]*\/)*[A-Za-z0-9_][A-Za-z0-9._-]*$/;

export function validateFile(file: unknown): string {
  if (typeof file !== 'string' || !FILE_RE.test(file) || file.split('/').some((s) => s === '.git')) {
    throw new InputError(
      'file',
      `config file must be a relative path inside the repository made of letters, digits, '.', '_', '-' and '/' (e.g. "config.yaml"), got ${JSON.stringify(file)}`,
    );
  }
  return file;
}

const REMOTE_RE = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

export function validateRemoteName(remote: unknown): string {
  if (typeof remote !== 'string' || !REMOTE_RE.test(remote)) {
    throw new InputError('remote', `remote must be the name of a configured git remote such as "origin", got ${JSON.stringify(remote)}`);
  }
  return remote;
}
