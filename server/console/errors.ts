// The console API's one translation of a failure to an HTTP response. Every route handler
// ends in `toResponse(err)`, so a given failure (a stale base, a bad ref, the service being
// down) always reaches the browser with the same status and body shape — HttpError's
// (server/http/errors.ts, shared with the admin API):
//   { error: { code, message, details? }, ...fields the contract puts at the top level }
import { ConflictError, InputError, NothingToCommitError, PushError, RepoBusyError, RepoStateError } from '../git/errors';
import { RefError, RefNotFoundError } from '../git/refs';
import { HttpError } from '../http/errors';
import { UserStoreError } from './auth/users';
import { SettingsError } from './settings';

export { HttpError } from '../http/errors';

/** Any thrown value → the HttpError the browser should see. */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof ConflictError) return conflictToHttp(err);
  if (err instanceof RefNotFoundError) return new HttpError(404, 'not_found', err.message, { cause: err });
  if (err instanceof RefError) return new HttpError(400, 'bad_ref', err.message, { cause: err });
  if (err instanceof NothingToCommitError) {
    return new HttpError(422, 'nothing_to_commit', `${err.message}: edit the config first, or reload the service to re-apply HEAD`, { details: { head_commit: err.headCommit }, cause: err });
  }
  if (err instanceof InputError) return new HttpError(400, 'bad_request', `${err.field}: ${err.message}`, { details: { field: err.field }, cause: err });
  if (err instanceof PushError) {
    return new HttpError(502, 'push_failed', `committed ${err.commit.slice(0, 7)} locally, but pushing it to the remote failed: ${err.message}`, { details: { commit: err.commit }, cause: err });
  }
  if (err instanceof RepoBusyError) {
    // Another writer (a second console, a script) holds the repository: nothing was written.
    return new HttpError(503, 'repo_busy', `${err.message}; nothing was committed: try again in a moment`, {
      details: { waited_ms: err.waitedMs, ...(err.holder ? { holder_pid: err.holder.pid } : {}) },
      cause: err,
    });
  }
  if (err instanceof RepoStateError && err.code === 'config_symlink') {
    return new HttpError(422, 'config_symlink', err.message, { cause: err });
  }
  if (err instanceof RepoStateError) {
    return new HttpError(500, 'repo_state', `the config repository needs an operator: ${err.message}`, { details: { state: err.code }, cause: err });
  }
  if (err instanceof UserStoreError) {
    return new HttpError(500, 'users_file', err.message, { cause: err });
  }
  if (err instanceof SettingsError) {
    return new HttpError(500, 'console_misconfigured', err.message, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new HttpError(500, 'internal', `internal error in the console: ${message}`, { cause: err });
}

export function toResponse(err: unknown): Response {
  const http = toHttpError(err);
  // Unexpected failures are the console's bugs or its environment's: keep the stack in the
  // console's log, where an operator will look; the browser gets the message only.
  if (http.status >= 500 && http.code === 'internal') console.error(http.cause ?? http);
  // A busy repository is worth retrying in a moment (the other writer holds the lock for
  // milliseconds to seconds); say when, as HTTP does.
  // A refused sign-in (429) says when the next attempt will be heard.
  const retryAfter = http.code === 'repo_busy' ? RETRY_BUSY_AFTER_S : http.status === 429 ? http.details?.retry_after_s : undefined;
  const headers = typeof retryAfter === 'number' ? { ...NO_STORE, 'Retry-After': String(retryAfter) } : NO_STORE;
  return Response.json(http.body(), { status: http.status, headers });
}

/** Seconds a client should wait before retrying an apply that met a busy repository. */
export const RETRY_BUSY_AFTER_S = 2;

/** A JSON success response; API answers are live state, never cached. */
export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: NO_STORE });
}

const NO_STORE = { 'Cache-Control': 'no-store' };

function conflictToHttp(err: ConflictError): HttpError {
  const fields = { head_commit: err.headCommit, head_content: err.headContent };
  if (err.reason === 'push_rejected') {
    return new HttpError(409, 'push_rejected', `the remote refused the push: it has commits this repository does not. Nothing was forced; fetch, merge and apply again. (${err.message})`, { fields, cause: err });
  }
  return new HttpError(409, 'stale_base', `the config changed since you started editing: HEAD is now ${err.headCommit.slice(0, 7)}. Merge your edit with HEAD's content and apply again.`, { fields, cause: err });
}
