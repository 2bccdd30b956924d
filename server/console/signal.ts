// Telling the service to load a commit and waiting for the outcome. Two modes (DESIGN §6):
// `api` asks POST /-/reload with expect_commit, so the service refuses (409 commit_mismatch)
// if its file is not that commit; `pid` sends SIGHUP, as an operator at a shell would, to
// the verified pid of the pid file (./service-pid), and waits on the event stream for a
// reload that loaded exactly that commit — clean, never a record the service marked dirty:
// a dirty record of our sha is the file edited by hand (or caught mid-write), not our bytes.
// When the file on disk stops being that commit while we wait, pid mode answers the same
// 409 commit_mismatch the service gives in api mode, instead of waiting for a reload that
// can no longer come.
import type { ReloadEvents, ReloadRecord } from '../contract/reload';
import type { ConsoleContext } from './context';
import { HttpError } from './errors';
import { readServicePid } from './service-pid';
import { readSse } from './sse';

const PID_RELOAD_TIMEOUT_MS = 120_000;

/**
 * Reloads the service onto `commit` (a full sha, HEAD when called); returns its record
 * whatever the reload's outcome. Errors are what kept the reload of that commit from
 * running: 409 commit_mismatch (the file is no longer that commit), transport, timeout.
 */
export async function reloadOnto(ctx: ConsoleContext, commit: string, opts: { timeoutMs?: number } = {}): Promise<ReloadRecord> {
  const { signal } = ctx.settings;
  if (signal.mode === 'api') return ctx.admin.reload({ expectCommit: commit });
  return sighupAndWait(ctx, signal.pidFile, commit, opts.timeoutMs ?? PID_RELOAD_TIMEOUT_MS);
}

/** reloadOnto for a commit this console just made: every error says that the commit landed. */
export async function reloadCommit(ctx: ConsoleContext, commit: string, opts: { timeoutMs?: number } = {}): Promise<ReloadRecord> {
  try {
    return await reloadOnto(ctx, commit, opts);
  } catch (err) {
    throw afterCommit(err, commit);
  }
}

async function sighupAndWait(ctx: ConsoleContext, pidFile: string, commit: string, timeoutMs: number): Promise<ReloadRecord> {
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, timeoutMs);
  try {
    // Subscribe before signalling: the reload's events must not slip past unseen. The
    // console's one upstream stream (./event-hub) carries them, as it does the browsers'.
    const events = await ctx.events.subscribe(null, abort.signal);
    const pid = await readServicePid(pidFile, ctx.inspect);
    sendHup(ctx, pid, pidFile);
    for await (const msg of readSse(events)) {
      if (msg.event !== 'reload.finished') continue;
      const finished = JSON.parse(msg.data) as ReloadEvents['reload.finished'];
      if (finished.record?.commit === commit && !finished.record.dirty) return finished.record;
      // Any other reload (one in progress when we signalled, another writer's, one that read
      // the file mid-write) is skipped while the file still is our commit: the reload our
      // SIGHUP queued is still to come. Once it is not, that reload cannot load our commit.
      const moved = await fileMovedOff(ctx, commit);
      if (moved) throw moved;
    }
    throw streamClosed();
  } catch (err) {
    if (timedOut) {
      throw new HttpError(504, 'reload_timeout', `sent SIGHUP but saw no reload of it within ${seconds(timeoutMs)}: check the service's log`, { cause: err });
    }
    // A socket reset mid-stream surfaces as a plain TypeError from fetch: the service went away.
    throw err instanceof HttpError ? err : streamClosed(err);
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

function streamClosed(cause?: unknown): HttpError {
  return new HttpError(502, 'service_stream_closed', 'the service closed its event stream before reloading: it may have stopped', { cause });
}

/** The service's 409 commit_mismatch, as pid mode finds it: null while the config file on
 *  disk still is `commit` (HEAD, and the file's bytes HEAD's). */
async function fileMovedOff(ctx: ConsoleContext, commit: string): Promise<HttpError | null> {
  const repo = await ctx.repo();
  const head = await repo.head();
  const onDisk = await repo.readOnDisk();
  const dirty = onDisk !== head.content;
  if (head.commit === commit && !dirty) return null;
  const what = dirty ? `edited by hand on top of ${head.commit.slice(0, 12)}` : `commit ${head.commit.slice(0, 12)}`;
  return new HttpError(409, 'commit_mismatch', `the config file is ${what}, not ${commit.slice(0, 12)}: the SIGHUP cannot load it`, { details: { expected: commit, commit: head.commit, dirty } });
}

function sendHup(ctx: ConsoleContext, pid: number, pidFile: string): void {
  try {
    ctx.kill(pid, 'SIGHUP');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ESRCH' ? 'no such process: the service is not running (stale pid file?)' : code === 'EPERM' ? 'permission denied: the console runs as another user than the service' : String(err);
    throw new HttpError(502, 'service_unreachable', `cannot signal pid ${pid} from ${pidFile}: ${why}`, { cause: err });
  }
}

/** The commit landed whatever happens next: every error after it says so and names it. */
function afterCommit(err: unknown, commit: string): unknown {
  if (!(err instanceof HttpError)) return err;
  const short = commit.slice(0, 7);
  const details = { commit, service: err.details };
  if (err.code === 'commit_mismatch') {
    const at = err.details?.commit;
    const running = typeof at === 'string' ? ` (its file is at ${at.slice(0, 7)}${err.details?.dirty ? ', edited by hand' : ''})` : '';
    return new HttpError(409, 'commit_mismatch', `committed ${short}, but the service's config file no longer matches it${running}: another change landed first. See History; the service was not reloaded.`, { details, cause: err });
  }
  if (err.code === 'reload_timeout' || err.code === 'service_timeout') {
    return new HttpError(err.status, err.code, `committed ${short}; ${err.message}`, { details, cause: err });
  }
  return new HttpError(err.status, err.code, `committed ${short}, but the service was not reloaded: ${err.message}. It will load the commit on its next reload or start.`, { details, cause: err });
}

/** 300 → "0.3 s", 120000 → "120 s". */
function seconds(ms: number): string {
  return `${ms < 10_000 ? Number((ms / 1000).toFixed(1)) : Math.round(ms / 1000)} s`;
}
