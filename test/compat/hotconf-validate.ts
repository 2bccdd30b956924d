// Runs hotconf's own checker on many files per call and parses its JSON answer:
//
//   node dist/cli.js validate --output json --no-secrets FILE...
//   -> [{ "file": string, "valid": boolean,
//         "issues": [{ "path", "line", "column", "message", "code" }],
//         "warnings": [same shape] }, ...]                                       (one per FILE)
//   exit 0 when every file is valid, 1 when any is invalid.
//
// Anything else (another exit code, no JSON, a wrong shape, a file missing from the answer) is
// a HotconfContractError that says what was expected and shows what came back.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { argChunks } from './support/arg-chunks';

export interface HotconfIssue {
  path: string | null;
  line: number | null;
  column: number | null;
  message: string;
  code: string;
}

export interface HotconfVerdict {
  /** The path exactly as passed to the CLI. */
  file: string;
  valid: boolean;
  issues: HotconfIssue[];
  /** What loads but is ignored (a second YAML document), located like issues. */
  warnings: HotconfIssue[];
}

export const HOTCONF_VALIDATE_ARGS = ['validate', '--output', 'json', '--no-secrets'] as const;

export class HotconfContractError extends Error {
  constructor(message: string, stdout = '', stderr = '') {
    super(
      `hotconf's CLI did not answer in the compat contract: ${message}\n` +
        `expected: \`node dist/cli.js ${HOTCONF_VALIDATE_ARGS.join(' ')} FILE...\` printing ` +
        `[{ "file", "valid", "issues": [{ "path", "line", "column", "message", "code" }], "warnings": [same] }] and exiting 1 when any file is invalid` +
        (stdout || stderr ? `\n--- stdout ---\n${stdout.slice(0, 3000)}\n--- stderr ---\n${stderr.slice(0, 3000)}` : ''),
    );
    this.name = 'HotconfContractError';
  }
}

/** The checkout's root: the nearest directory upwards with hotconf's package.json. */
export function repoRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'hotconf') return dir;
      } catch {
        /* not ours; keep going */
      }
    }
    if (dirname(dir) === dir) return process.cwd();
  }
}

export interface HotconfOptions {
  /** Working directory for the CLI; relative paths are resolved against it. */
  cwd?: string;
  /** The CLI bundle. Default: <repo>/dist/cli.js (built by `node scripts/build.mjs`). */
  cli?: string;
  maxArgChars?: number;
}

/** hotconf's verdict for each file, in the order given (duplicates are checked once). */
export function hotconfValidate(files: readonly string[], opts: HotconfOptions = {}): HotconfVerdict[] {
  const cli = opts.cli ?? join(repoRoot(), 'dist', 'cli.js');
  if (!existsSync(cli)) throw new HotconfContractError(`${cli} does not exist; build it with \`node scripts/build.mjs\``);
  const cwd = opts.cwd ?? process.cwd();
  const unique = [...new Set(files)];
  const byFile = new Map<string, HotconfVerdict>();
  for (const chunk of argChunks(unique, opts.maxArgChars ?? 100_000)) {
    for (const v of runChunk(cli, chunk, cwd)) byFile.set(v.file, v);
  }
  return files.map((f) => byFile.get(f)!);
}

function runChunk(cli: string, files: string[], cwd: string): HotconfVerdict[] {
  const r = spawnSync(process.execPath, [cli, ...HOTCONF_VALIDATE_ARGS, ...files], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', TZ: process.env.TZ ?? 'UTC' },
  });
  const stdout = r.stdout ?? '';
  const stderr = r.stderr ?? '';
  if (r.error) throw new HotconfContractError(`could not run it: ${r.error.message}`, stdout, stderr);
  if (r.status !== 0 && r.status !== 1) throw new HotconfContractError(`exit status ${r.status ?? r.signal} (expected 0 or 1)`, stdout, stderr);

  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch (err) {
    throw new HotconfContractError(`stdout is not JSON (${(err as Error).message})`, stdout, stderr);
  }
  if (!Array.isArray(parsed)) throw new HotconfContractError('stdout is JSON but not an array', stdout, stderr);

  const byFile = new Map<string, HotconfVerdict>();
  for (const [i, item] of parsed.entries()) {
    const v = readVerdict(item, i, stdout, stderr);
    byFile.set(v.file, v);
  }
  const verdicts = files.map((f) => {
    const v = byFile.get(f) ?? byFile.get(resolve(cwd, f)) ?? [...byFile.values()].find((x) => resolve(cwd, x.file) === resolve(cwd, f));
    if (!v) throw new HotconfContractError(`no entry for file ${JSON.stringify(f)} in the answer`, stdout, stderr);
    return { ...v, file: f };
  });
  const anyInvalid = verdicts.some((v) => !v.valid);
  if ((r.status === 1) !== anyInvalid) {
    throw new HotconfContractError(`exit status ${r.status} but the JSON says ${anyInvalid ? 'some file is' : 'every file is'} invalid`, stdout, stderr);
  }
  return verdicts;
}

function readVerdict(item: unknown, i: number, stdout: string, stderr: string): HotconfVerdict {
  const bad = (what: string): never => {
    throw new HotconfContractError(`entry ${i}: ${what}: ${JSON.stringify(item)?.slice(0, 500)}`, stdout, stderr);
  };
  if (typeof item !== 'object' || item === null) return bad('not an object');
  const o = item as Record<string, unknown>;
  if (typeof o.file !== 'string') bad('"file" is not a string');
  if (typeof o.valid !== 'boolean') bad('"valid" is not a boolean');
  if (!Array.isArray(o.issues)) bad('"issues" is not an array');
  if (!Array.isArray(o.warnings)) bad('"warnings" is not an array');
  const readIssues = (list: unknown[], kind: string) =>
    list.map((x, j): HotconfIssue => {
      if (typeof x !== 'object' || x === null) return bad(`${kind} ${j} is not an object`);
      const is = x as Record<string, unknown>;
      if (typeof is.message !== 'string') bad(`${kind} ${j}: "message" is not a string`);
      const num = (k: string) => (typeof is[k] === 'number' ? (is[k] as number) : is[k] == null ? null : bad(`${kind} ${j}: "${k}" is neither a number nor null`));
      return {
        path: is.path == null ? null : String(is.path),
        line: num('line'),
        column: num('column'),
        message: is.message as string,
        code: is.code == null ? '' : String(is.code),
      };
    });
  return { file: o.file as string, valid: o.valid as boolean, issues: readIssues(o.issues as unknown[], 'issue'), warnings: readIssues(o.warnings as unknown[], 'warning') };
}

/** One line per issue, for failure messages. */
export function formatIssues(issues: readonly HotconfIssue[]): string {
  if (!issues.length) return '(no issues)';
  return issues.map((i) => `${i.line ?? '?'}:${i.column ?? '?'} ${i.path ? `${i.path}: ` : ''}${i.message}${i.code ? ` [${i.code}]` : ''}`).join('\n');
}
