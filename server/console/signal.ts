// Telling the service to load a commit the console just made, and waiting for the outcome.
// Two modes (DESIGN §6): `api` asks POST /-/reload with expect_commit, so the
// service refuses if its file is not that commit; `pid` sends SIGHUP, as an operator at a
// shell would, and waits on the event stream for the reload of that commit to finish.
import { readFile } from 'node:fs/promises';
import type { ReloadEvents, ReloadRecord } from '../contract/reload';
import type { ConsoleContext } from './context';
import { HttpError } from './errors';
import { readSse } from './sse';

const PID_RELOAD_TIMEOUT_MS = 120_000;

/** Reloads the service onto `commit`; returns its record whatever the reload's outcome. */
export async function reloadCommit(ctx: ConsoleContext, commit: string, opts: { timeoutMs?: number } = {}): Promise<ReloadRecord> {
  try {
    const { signal } = ctx.settings;
    if (signal.mode === 'api') return await ctx.admin.reload({ expectCommit: commit });
    return await sighupAndWait(ctx, signal.pidFile, commit, opts.timeoutMs ?? PID_RELOAD_TIMEOUT_MS);
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
    // Subscribe before signalling: the reload's events must not slip past unseen.
    const res = await ctx.admin.events({ signal: abort.signal });
    if (!res.body) throw new HttpError(502, 'service_bad_response', 'the service opened its event stream without a body');
    const pid = await readPid(pidFile);
    sendHup(ctx, pid, pidFile);
    for await (const msg of readSse(res.body)) {
      if (msg.event !== 'reload.finished') continue;
      const finished = JSON.parse(msg.data) as ReloadEvents['reload.finished'];
      // Earlier reloads (one in progress when we signalled, another writer's) are skipped:
      // ours is the one that loaded our commit.
      if (finished.record?.commit === commit) return finished.record;
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

async function readPid(pidFile: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(pidFile, 'utf8');
  } catch (err) {
    throw new HttpError(502, 'service_unreachable', `cannot read the service's pid file ${pidFile}: is \`hotconf serve\` running with that data dir? (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { cause: err });
  }
  const pid = Number(text.trim());
  if (!Number.isSafeInteger(pid) || pid <= 1) {
    throw new HttpError(502, 'service_unreachable', `the pid file ${pidFile} does not hold a process id (found "${text.trim().slice(0, 20)}")`);
  }
  return pid;
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
