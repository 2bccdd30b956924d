// git processes the commit path needs and simple-git cannot run well: plumbing that reads
// stdin (`commit-tree`, `cat-file --batch`), and commands that
// print nothing on success (`update-ref`, `update-index`), after which simple-git would wait
// an extra 50 ms (see ./client). Same `-c` settings, same timeout, same rule that a non-zero
// exit is an error. Output stays bytes: tree listings may hold names that are not UTF-8.
import { spawn } from 'node:child_process';
import { gitConfig, LOCAL_TIMEOUT_MS } from './client';
import type { Author } from './author';

export interface ExecOptions {
  input?: string | Buffer;
  /** Added to the environment (author identity for commit-tree, hook variables). */
  env?: Record<string, string>;
}

export type GitExec = (args: readonly string[], opts?: ExecOptions) => Promise<Buffer>;

/** Thrown for a failed git process; the message is git's stderr, as with simple-git. */
export class GitExecError extends Error {
  override readonly name = 'GitExecError';

  constructor(
    message: string,
    readonly exitCode: number | null,
  ) {
    super(message);
  }
}

export function gitExec(dir: string, committer: Author, timeoutMs = LOCAL_TIMEOUT_MS): GitExec {
  const config = gitConfig(committer).flatMap((setting) => ['-c', setting]);
  return (args, opts = {}) =>
    new Promise((resolve, reject) => {
      const child = spawn('git', [...config, ...args], {
        cwd: dir,
        env: opts.env ? { ...process.env, ...opts.env } : process.env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      // A git that exits before reading all of stdin (it failed early) must not crash us
      // with EPIPE; its exit code carries the failure.
      child.stdin.on('error', () => undefined);
      child.stdin.end(opts.input);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) return resolve(Buffer.concat(out));
        const text = Buffer.concat(err).toString('utf8').trim() || Buffer.concat(out).toString('utf8').trim();
        const why = signal === 'SIGKILL' ? `git ${args[0]} was killed after ${timeoutMs} ms` : text || `git ${args[0]} exited with code ${code}`;
        reject(new GitExecError(why, code));
      });
    });
}
