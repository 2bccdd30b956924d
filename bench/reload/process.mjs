// Child processes and temp dirs for the benchmark: everything started here is registered
// for cleanup, so an error or Ctrl-C still kills the services and removes the temp dirs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from './http.mjs';

const cleanups = new Set();

/** Runs every registered cleanup (newest first); safe to call more than once. */
/**
 * On SIGINT/SIGTERM: stop every started process, remove the temp dirs, exit 130. Returns a
 * check the caller's error path uses to stay quiet about failures the interrupt caused.
 */
export function cleanupOnSignal() {
  let interrupted = false;
  const onSignal = (sig) => {
    interrupted = true;
    console.error(`\n${sig}: stopping the services and removing temp dirs`);
    cleanupAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => interrupted;
}

export async function cleanupAll() {
  const pending = [...cleanups].reverse();
  cleanups.clear();
  for (const fn of pending) {
    try {
      await fn();
    } catch (err) {
      console.error(`cleanup: ${err.message}`);
    }
  }
}

export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `hotconf-bench-${prefix}-`));
  cleanups.add(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Whether `port` on 127.0.0.1 can be bound right now (by trying, then letting go). */
export function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/**
 * Spawns a service and keeps the tail of its output (for error messages) plus a count of
 * output lines matching `countPattern` (Alertmanager's "reload completed" log line is the
 * only way to count its reloads: it has no reload counter metric).
 */
export function startProcess(name, cmd, args, { env, cwd, countPattern } = {}) {
  const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = [];
  const state = { child, name, matched: 0, exited: null, tail };
  let partial = '';
  const onData = (chunk) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (countPattern && countPattern.test(line)) state.matched++;
      tail.push(line);
      if (tail.length > 40) tail.shift();
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.on('exit', (code, signal) => {
    state.exited = { code, signal };
  });
  cleanups.add(() => stopProcess(state));
  return state;
}

export function describeExit(proc) {
  const how = proc.exited ? `exited (code ${proc.exited.code}, signal ${proc.exited.signal})` : 'is running';
  return `${proc.name} ${how}; last output:\n  ${proc.tail.slice(-15).join('\n  ')}`;
}

/** Polls `url` until it answers 200; fails fast if the process dies, bounded by `timeoutMs`. */
export async function waitReady(proc, url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (proc.exited) throw new Error(`${proc.name} did not become ready: ${describeExit(proc)}`);
    try {
      const res = await request(url, { timeoutMs: 2_000 });
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.message;
    }
    await sleep(100);
  }
  throw new Error(`${proc.name} not ready at ${url} after ${timeoutMs} ms (${last}); ${describeExit(proc)}`);
}

/** SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function stopProcess(proc, graceMs = 10_000) {
  if (proc.exited || proc.child.exitCode !== null) return;
  const exited = new Promise((resolve) => proc.child.once('exit', resolve));
  proc.child.kill('SIGTERM');
  const timer = sleep(graceMs).then(() => 'timeout');
  if ((await Promise.race([exited, timer])) === 'timeout') {
    proc.child.kill('SIGKILL');
    await exited;
  }
}

/** Resident set size of a process in bytes, from /proc/<pid>/status (VmRSS, in KiB). */
export function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS line in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}
