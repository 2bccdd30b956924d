// Runs Alertmanager's own checker, `amtool check-config`, on many config files per call and
// parses its per-file verdicts. This is the reference side of the compat test: whatever amtool
// says about a file is the truth hotconf must match.
//
// amtool check-config F1 F2 ... prints, for each file in argument order:
//   Checking 'F'  SUCCESS            config loaded; then "Found:" lines, and when the config has
//   Found: ...                        templates, a second "  SUCCESS" or "  FAILED: <reason>" for
//     SUCCESS | FAILED: <reason>      parsing them as Go templates
//   <blank line>
// or
//   Checking 'F'  FAILED: <reason>   the config did not load (the reason may span lines)
//   <blank line>
// and exits 0 when every file passed, 1 otherwise. A path that does not exist aborts the whole
// call before any file is checked, so we refuse such paths up front.
//
// Report from the command line (amtool alone, no hotconf):
//   node scripts/run-ts.mjs test/compat/amtool.ts test/compat/corpus [FILE...]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { argChunks } from './support/arg-chunks';

export const AMTOOL_PATH = process.env.AMTOOL ?? '/usr/bin/amtool';
export const AMTOOL_INSTALL = 'apt-get update && apt-get install -y --no-install-recommends prometheus-alertmanager';
/** The Alertmanager release whose judgement hotconf must reproduce. */
export const AMTOOL_EXPECTED_VERSION = '0.25.';

export interface AmtoolVerdict {
  /** The path exactly as passed to amtool. */
  file: string;
  valid: boolean;
  /** amtool's FAILED reasons: the config's, then the templates' (empty when valid). */
  reasons: string[];
  /** amtool's whole output block for this file, for failure messages. */
  output: string;
}

export class AmtoolMissingError extends Error {
  constructor(path: string) {
    super(
      `amtool is not installed at ${path}. The compat test needs Debian's prometheus-alertmanager ` +
        `(Alertmanager 0.25, which ships /usr/bin/amtool). Install it as root:\n` +
        `  sudo sh -c '${AMTOOL_INSTALL}'\n` +
        `(\`node scripts/prepare.mjs --for-test\` is meant to do this; or point AMTOOL=/path/to/amtool at another copy.)`,
    );
    this.name = 'AmtoolMissingError';
  }
}

export class AmtoolOutputError extends Error {
  constructor(message: string, readonly stdout: string, readonly stderr: string) {
    super(`${message}\n--- amtool stdout ---\n${stdout.slice(0, 4000)}\n--- amtool stderr ---\n${stderr.slice(0, 2000)}`);
    this.name = 'AmtoolOutputError';
  }
}

/** Throws AmtoolMissingError (with the install command) unless amtool can be run. */
export function assertAmtool(path = AMTOOL_PATH): void {
  if (!existsSync(path)) throw new AmtoolMissingError(path);
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (r.error || r.status !== 0) throw new AmtoolMissingError(`${path} (it exists but \`${path} --version\` failed: ${r.error?.message ?? r.stderr})`);
}

/** The version amtool reports, e.g. "0.25.0". */
export function amtoolVersion(path = AMTOOL_PATH): string {
  assertAmtool(path);
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const m = /version\s+(\S+)/.exec(`${r.stdout}\n${r.stderr}`);
  if (!m?.[1]) throw new AmtoolOutputError('could not read the version from `amtool --version`', r.stdout, r.stderr);
  return m[1];
}

export interface CheckOptions {
  /** Working directory for amtool; relative paths are resolved against it. Default: process.cwd(). */
  cwd?: string;
  /** Longest argument list (sum of path lengths) per amtool call. */
  maxArgChars?: number;
  amtool?: string;
}

/**
 * amtool's verdict for each file, in the order given (duplicates are checked once). Files are
 * passed to amtool in as few calls as the command-line limit allows.
 */
export function amtoolCheck(files: readonly string[], opts: CheckOptions = {}): AmtoolVerdict[] {
  const amtool = opts.amtool ?? AMTOOL_PATH;
  assertAmtool(amtool);
  const cwd = opts.cwd ?? process.cwd();
  const unique = [...new Set(files)];
  const missing = unique.filter((f) => !existsSync(resolve(cwd, f)));
  if (missing.length) throw new Error(`amtoolCheck: these files do not exist (relative to ${cwd}): ${missing.join(', ')}`);

  const byFile = new Map<string, AmtoolVerdict>();
  for (const chunk of argChunks(unique, opts.maxArgChars ?? 100_000)) {
    for (const v of runChunk(amtool, chunk, cwd)) byFile.set(v.file, v);
  }
  return files.map((f) => byFile.get(f)!);
}

function runChunk(amtool: string, files: string[], cwd: string): AmtoolVerdict[] {
  // `--` so a file name starting with "-" is not taken for a flag.
  const r = spawnSync(amtool, ['check-config', '--', ...files], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, TZ: process.env.TZ ?? 'UTC' },
  });
  const stdout = r.stdout ?? '';
  const stderr = r.stderr ?? '';
  if (r.error) throw new AmtoolOutputError(`amtool check-config could not be run: ${r.error.message}`, stdout, stderr);
  if (r.status !== 0 && r.status !== 1) throw new AmtoolOutputError(`amtool check-config exited with ${r.status ?? r.signal}`, stdout, stderr);

  const verdicts = parseCheckConfigOutput(stdout, files, stderr);
  const anyInvalid = verdicts.some((v) => !v.valid);
  if ((r.status === 1) !== anyInvalid) {
    throw new AmtoolOutputError(`amtool exited with ${r.status} but the parsed verdicts say ${anyInvalid ? 'some file is' : 'every file is'} invalid`, stdout, stderr);
  }
  return verdicts;
}

/** Splits `amtool check-config` output into one verdict per file (files in argument order). */
export function parseCheckConfigOutput(stdout: string, files: readonly string[], stderr = ''): AmtoolVerdict[] {
  const starts: number[] = [];
  let pos = 0;
  for (const f of files) {
    const at = stdout.indexOf(`Checking '${f}'`, pos);
    if (at < 0) throw new AmtoolOutputError(`no "Checking '${f}'" in amtool's output`, stdout, stderr);
    starts.push(at);
    pos = at + 1;
  }
  return files.map((file, i) => {
    const header = `Checking '${file}'`;
    const block = stdout.slice(starts[i]! + header.length, starts[i + 1] ?? stdout.length);
    const output = header + block.replace(/\s+$/, '');
    const reasons: string[] = [];
    if (block.startsWith('  FAILED: ')) {
      // The config did not load: everything up to the blank line is the reason.
      reasons.push(block.slice('  FAILED: '.length).replace(/\s+$/, ''));
    } else if (block.startsWith('  SUCCESS')) {
      // Loaded; a later "  FAILED: " is the templates failing to parse.
      const t = block.indexOf('\n  FAILED: ');
      if (t >= 0) reasons.push(block.slice(t + '\n  FAILED: '.length).replace(/\s+$/, ''));
    } else {
      throw new AmtoolOutputError(`cannot read amtool's verdict for '${file}'`, stdout, stderr);
    }
    return { file, valid: reasons.length === 0, reasons, output };
  });
}

/** The corpus's config files (*.yml, *.yaml) in a directory, sorted. */
export function listConfigs(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n) && statSync(join(dir, n)).isFile())
    .sort();
}

// --- command line: print amtool's verdicts for a directory and/or files ----------------------
if (process.argv[1]?.replace(/\\/g, '/').endsWith('test/compat/amtool.ts')) {
  const args = process.argv.slice(2);
  if (!args.length) {
    console.error('usage: node scripts/run-ts.mjs test/compat/amtool.ts DIR|FILE...');
    process.exit(2);
  }
  const files = args.flatMap((a) => (statSync(a).isDirectory() ? listConfigs(a).map((n) => join(a, n)) : [a]));
  const verdicts = amtoolCheck(files);
  for (const v of verdicts) console.log(`${v.valid ? 'valid  ' : 'INVALID'} ${v.file}${v.valid ? '' : `  -- ${v.reasons.join(' | ').replace(/\n\s*/g, ' / ')}`}`);
  const valid = verdicts.filter((v) => v.valid).length;
  console.log(`\namtool ${amtoolVersion()}: ${verdicts.length} files, ${valid} valid, ${verdicts.length - valid} invalid`);
}
