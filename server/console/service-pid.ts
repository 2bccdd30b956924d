// The pid the console sends SIGHUP to in pid mode (DESIGN §6, §10: "the pid file is atomic
// and verified"). A pid file outlives its process when the service is killed -9, and the
// kernel hands that number to the next process that starts: signalling it unchecked could
// hang up (and by default kill) an unrelated program. So before every signal the pid is
// checked to be a live `hotconf serve` (or `hotconf up`'s service child) that was already
// running when the file was written.
//
// The pid is the file's first line (server/pid-file.ts; the second line is the service's
// JSON description); the command line and the start time come from /proc. Without /proc (not Linux) only liveness is checked.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { HttpError } from './errors';

export interface ProcessInfo {
  /** The command line as the kernel has it; null when it cannot be read. */
  argv: string[] | null;
  /** When the process started (epoch ms, to the kernel's clock tick); null when unknown. */
  startedAtMs: number | null;
}

/** null: no such process. */
export type InspectProcess = (pid: number) => Promise<ProcessInfo | null>;

/** A pid file written within this long before the process start (clock ticks, btime in whole
 *  seconds) still counts as that process's: the service writes it after it started. */
const START_SLACK_MS = 1_500;

export async function readServicePid(pidFile: string, inspect: InspectProcess): Promise<number> {
  let text: string;
  let writtenAtMs: number;
  try {
    [text, writtenAtMs] = await Promise.all([readFile(pidFile, 'utf8'), stat(pidFile).then((s) => s.mtimeMs)]);
  } catch (err) {
    throw new HttpError(502, 'service_unreachable', `cannot read the service's pid file ${pidFile}: is \`hotconf serve\` running with that data dir? (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { cause: err });
  }
  const first = (text.split('\n')[0] ?? '').trim();
  const pid = Number(first);
  if (!/^\d+$/.test(first) || !Number.isSafeInteger(pid) || pid <= 1) {
    throw new HttpError(502, 'service_unreachable', `the pid file ${pidFile} does not start with a process id (found "${first.slice(0, 20)}")`);
  }
  const info = await inspect(pid);
  if (info === null) {
    throw new HttpError(502, 'service_unreachable', `pid ${pid} from ${pidFile} is not running: the service is not running (stale pid file?)`);
  }
  const problem = notTheService(info, writtenAtMs);
  if (problem) {
    throw new HttpError(502, 'service_pid_mismatch', `pid ${pid} from ${pidFile} ${problem}: the pid file is stale and its number was reused; the console did not signal it`, { details: { pid, pid_file: pidFile } });
  }
  return pid;
}

/** Why `info` is not the service that wrote the pid file, or null when it may be. */
export function notTheService(info: ProcessInfo, pidFileWrittenAtMs: number): string | null {
  if (info.argv !== null && !isHotconfServe(info.argv)) {
    return `is not a hotconf service (its command line is "${info.argv.join(' ').slice(0, 120)}")`;
  }
  if (info.startedAtMs !== null && info.startedAtMs > pidFileWrittenAtMs + START_SLACK_MS) {
    return `started at ${new Date(info.startedAtMs).toISOString()}, after the pid file was written (${new Date(pidFileWrittenAtMs).toISOString()})`;
  }
  return null;
}

/** `node …/dist/cli.js serve …`, `node …/bin/hotconf.js serve …`, `hotconf serve …`. */
export function isHotconfServe(argv: readonly string[]): boolean {
  const entry = argv.findIndex((arg) => /^(?:cli\.(?:m?js|ts)|hotconf(?:\.m?js)?)$/.test(basename(arg)));
  return entry >= 0 && argv[entry + 1] === 'serve';
}

/** Linux: /proc/<pid>/cmdline and the start time from /proc/<pid>/stat; elsewhere liveness only. */
export const inspectProcess: InspectProcess = async (pid) => {
  const [cmdline, procStat, bootTime] = await Promise.all([
    readFile(`/proc/${pid}/cmdline`).catch(errnoCode),
    readFile(`/proc/${pid}/stat`, 'utf8').catch(errnoCode),
    readBootTimeMs(),
  ]);
  if (cmdline === 'ENOENT' || procStat === 'ENOENT') return bootTime === null ? livenessOnly(pid) : null;
  const argv = typeof cmdline === 'string' ? null : cmdline.toString('utf8').split('\0').filter((a, i, all) => a !== '' || i < all.length - 1);
  return { argv: argv && argv.length > 0 ? argv : null, startedAtMs: startTime(typeof procStat === 'string' && procStat.includes(')') ? procStat : null, bootTime) };
};

// USER_HZ, the unit of /proc/<pid>/stat's start time: 100 on every Linux architecture Node runs on.
const CLOCK_TICKS_PER_SECOND = 100;

function startTime(procStat: string | null, bootTimeMs: number | null): number | null {
  if (procStat === null || bootTimeMs === null) return null;
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
  // starttime is field 22 overall, the 20th after the comm.
  const ticks = Number(procStat.slice(procStat.lastIndexOf(')') + 2).split(' ')[19]);
  return Number.isFinite(ticks) ? bootTimeMs + (ticks * 1000) / CLOCK_TICKS_PER_SECOND : null;
}

async function readBootTimeMs(): Promise<number | null> {
  const text = await readFile('/proc/stat', 'utf8').catch(() => null);
  const m = text === null ? null : /^btime (\d+)$/m.exec(text);
  return m ? Number(m[1]) * 1000 : null;
}

function livenessOnly(pid: number): ProcessInfo | null {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return null;
  }
  return { argv: null, startedAtMs: null };
}

/** 'ENOENT' for a process that is gone, any other failure as its code (a permission problem:
 *  the fields are then unknown, not proof of anything). */
function errnoCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? 'error';
}
