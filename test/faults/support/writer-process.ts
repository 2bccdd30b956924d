// Runs ./git-writer as real, separate Node processes: the cross-process tests need a second
// V8 heap, a second pid and a second in-process queue, not a second object in this one.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import type { WriterRequest, WriterResponse } from './git-writer';

type Request = WriterRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

export interface WriterProcess {
  readonly pid: number;
  readonly child: ChildProcess;
  request(req: Request): Promise<WriterResponse>;
  /** Resolves with the first stderr line matching `pattern` (a failpoint report, say). */
  stderrLine(pattern: RegExp): Promise<string>;
  /** Resolves once the process has exited (by any means). */
  exited(): Promise<void>;
  stop(): Promise<void>;
}

let bundled: { dir: string; file: string } | null = null;

/** Bundles the writer once per test file into a self-contained CommonJS file in a temp dir. */
async function writerScript(): Promise<string> {
  if (!bundled) {
    const dir = mkdtempSync(join(tmpdir(), 'hotconf-writer-'));
    const file = join(dir, 'git-writer.cjs');
    await build({ entryPoints: [resolve('test/faults/support/git-writer.ts')], outfile: file, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
    bundled = { dir, file };
  }
  return bundled.file;
}

export function removeWriterBundle(): void {
  if (bundled) rmSync(bundled.dir, { recursive: true, force: true });
  bundled = null;
}

export async function startWriter(name: string, env: Record<string, string> = {}): Promise<WriterProcess> {
  const child = spawn(process.execPath, [await writerScript()], {
    env: { ...process.env, WRITER_NAME: name, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exit = new Promise<void>((done) => child.once('exit', () => done()));
  const pending = new Map<number, (res: WriterResponse) => void>();
  const stderr: string[] = [];
  const stderrWaiters: Array<{ pattern: RegExp; done: (line: string) => void }> = [];
  let nextId = 1;

  const ready = new Promise<void>((done, fail) => {
    child.once('exit', (code, signal) => fail(new Error(`writer ${name} exited (${code ?? signal}) before it was ready:\n${stderr.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const msg = JSON.parse(line) as WriterResponse | { ready: number };
      if ('ready' in msg) return done();
      pending.get(msg.id)?.(msg);
      pending.delete(msg.id);
    });
  });
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr.push(line);
    for (const w of stderrWaiters.filter((x) => x.pattern.test(line))) {
      stderrWaiters.splice(stderrWaiters.indexOf(w), 1);
      w.done(line);
    }
  });
  await ready;

  return {
    pid: child.pid!,
    child,
    request(req) {
      const id = nextId++;
      return new Promise((done, fail) => {
        pending.set(id, done);
        void exit.then(() => fail(new Error(`writer ${name} exited while request ${id} was open:\n${stderr.join('\n')}`)));
        child.stdin!.write(JSON.stringify({ ...req, id }) + '\n');
      });
    },
    stderrLine(pattern) {
      const seen = stderr.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((done) => stderrWaiters.push({ pattern, done }));
    },
    exited: () => exit,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin!.end();
        child.kill('SIGTERM');
      }
      await exit;
    },
  };
}
