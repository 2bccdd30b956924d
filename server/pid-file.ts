// DATA_DIR/hotconf.pid: which process serves this data dir, in a form that can be checked.
//
//   line 1  the pid, in decimal — what `kill -HUP $(head -n1 hotconf.pid)` and systemd's
//           PIDFile= read;
//   line 2  JSON: { "pid", "start_ticks", "boot_id", "nonce", "started_at", "admin" }
//           start_ticks: field 22 of /proc/<pid>/stat (the process's start time in clock
//                        ticks since boot; null off Linux) — with boot_id
//                        (/proc/sys/kernel/random/boot_id) it tells a live pid from a
//                        reused one;
//           nonce:       random per process; the admin API's status answers the same
//                        `instance`, for a check that needs no /proc;
//           admin:       the admin listener's URL.
//
// A reader verifies before it signals: the process `pid` exists and its current
// start_ticks (and boot_id) equal the file's — otherwise the file is stale.
//
// Written atomically (a temp file in the same directory, fsync, rename): a reader sees
// the old file or the new one, never half. Removed at exit, and only if it still holds this
// process's nonce. A file left by kill -9 is found stale on the next start and replaced; a
// file whose process is alive and verified stops the start (two services on one data dir
// would fight over its state).
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { writeFileAtomic } from './atomic-file';

export interface PidInfo {
  pid: number;
  start_ticks: string | null;
  boot_id: string | null;
  nonce: string;
  started_at: string;
  admin: string;
}

export function ownPidInfo(admin: string, nonce = randomBytes(12).toString('hex')): PidInfo {
  return { pid: process.pid, start_ticks: startTicks(process.pid), boot_id: bootId(), nonce, started_at: new Date().toISOString(), admin };
}

/** The file's content; null when absent or unreadable; `{ pid }` only for a bare-pid file. */
export function readPidFile(path: string): (Partial<PidInfo> & { pid: number }) | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  const [first, second] = text.split('\n');
  const pid = Number(first?.trim());
  if (!Number.isSafeInteger(pid) || pid <= 0) return null;
  try {
    return second?.trim() ? { ...(JSON.parse(second) as Partial<PidInfo>), pid } : { pid };
  } catch {
    return { pid };
  }
}

/** Whether the process the file names is alive and is the one that wrote it. */
export function isLive(info: Partial<PidInfo> & { pid: number }): boolean {
  try {
    process.kill(info.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false; // ESRCH: no such process
  }
  if (info.boot_id && bootId() && info.boot_id !== bootId()) return false;
  const now = startTicks(info.pid);
  if (info.start_ticks && now) return info.start_ticks === now;
  return true; // no /proc to compare with: a live pid is taken at its word
}

export function writePidFile(path: string, info: PidInfo): void {
  writeFileAtomic(path, `${info.pid}\n${JSON.stringify(info)}\n`, 0o644);
}

/** Removes the file if it is still this process's (a successor may have replaced it). */
export function removePidFile(path: string, nonce: string): boolean {
  const info = readPidFile(path);
  if (!info || info.nonce !== nonce) return false;
  rmSync(path, { force: true });
  return true;
}

/** Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces and parentheses. */
export function startTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null; // fields[0] is field 3 (state)
  } catch {
    return null;
  }
}

function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return null;
  }
}
