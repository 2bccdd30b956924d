// Config-repository benchmark (issue 3, acceptance 5): on a 10,000-commit repository, how
// long the console's git operations take. Run: node scripts/run-ts.mjs bench/git/bench.ts
// [--commits N] [--iterations N]. Prints a table, writes bench/results/git.json.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createProvenanceLookup } from '../../server/git/provenance';
import { openConfigRepo, type ConfigRepo } from '../../server/git/repo';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const COMMITS = option('commits', 10_000);
const ITERATIONS = option('iterations', 40);
const PAGE = 50;
const TARGET_P95_MS = 50;
const AUTHOR = { name: 'Bench Operator', email: 'bench@example.test' };

/** A realistic config (~6 KB): 60 receivers and routes; `version` changes one receiver's URL. */
function config(version: number): string {
  const lines = ['server:', '  host: 127.0.0.1', '  port: 8080', 'route:', '  receiver: default', '  routes:'];
  for (let r = 0; r < 60; r++) lines.push(`    - receiver: team-${r}`, `      matchers: ['team="team-${r}"']`);
  lines.push('receivers:', '  - name: default');
  for (let r = 0; r < 60; r++) {
    const url = r === version % 60 ? `http://127.0.0.1:9999/team-${r}?v=${version}` : `http://127.0.0.1:9999/team-${r}`;
    lines.push(`  - name: team-${r}`, '    webhook_configs:', `      - url: ${url}`);
  }
  return lines.join('\n') + '\n';
}

/** Builds the history in one `git fast-import` stream instead of 10,000 commit calls. */
async function buildRepo(dir: string, commits: number): Promise<void> {
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', dir]);
  const child = spawn('git', ['fast-import', '--quiet'], { cwd: dir, stdio: ['pipe', 'inherit', 'inherit'] });
  const done = new Promise<void>((ok, fail) => child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`git fast-import exited with ${code}`)))));
  const start = 1_700_000_000;
  for (let i = 0; i < commits; i++) {
    const message = `Change ${i}: route team-${i % 60} to a new URL\n`;
    const content = config(i);
    const stamp = `${start + i * 60} +0000`;
    const chunk = [
      'commit refs/heads/main',
      `mark :${i + 1}`,
      `author Bench <bench@example.test> ${stamp}`,
      `committer Bench <bench@example.test> ${stamp}`,
      `data ${Buffer.byteLength(message)}`,
      message + (i > 0 ? `from :${i}` : ''),
      'M 100644 inline config.yaml',
      `data ${Buffer.byteLength(content)}`,
      content,
    ].join('\n');
    if (!child.stdin.write(chunk)) await new Promise((ok) => child.stdin.once('drain', ok));
  }
  child.stdin.end();
  await done;
  execFileSync('git', ['reset', '--quiet', '--hard'], { cwd: dir });
}

interface Row {
  op: string;
  n: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  target: string;
  ok: boolean;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

function summarize(op: string, times: number[], targetMs: number): Row {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const p95 = percentile(sorted, 0.95);
  const max = sorted[sorted.length - 1] ?? NaN;
  return { op, n: sorted.length, p50_ms: round(percentile(sorted, 0.5)), p95_ms: round(p95), max_ms: round(max), target: `p95 ≤ ${targetMs} ms`, ok: p95 <= targetMs };
}

async function measure(op: string, n: number, run: (i: number) => Promise<unknown>, targetMs = TARGET_P95_MS): Promise<Row> {
  for (let i = 0; i < 3; i++) await run(-1 - i); // warm-up
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await run(i);
    times.push(performance.now() - t0);
  }
  return summarize(op, times, targetMs);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hotconf-bench-git-'));
  try {
    // The machine is shared: the load around the run says how much to trust its numbers.
    const loadBefore = loadavg()[0] ?? NaN;
    const t0 = performance.now();
    await buildRepo(dir, COMMITS);
    const buildMs = Math.round(performance.now() - t0);
    const repo: ConfigRepo = await openConfigRepo({ dir });
    const depth = (page: number) => execFileSync('git', ['rev-parse', `HEAD~${(page - 1) * PAGE}`], { cwd: dir, encoding: 'utf8' }).trim();
    const page2 = depth(2);
    const page150 = depth(150);
    const deep = depth(120); // an old commit, ~6,000 commits down
    const rows: Row[] = [];

    rows.push(await measure('log page 1 (50)', ITERATIONS, () => repo.log({ limit: PAGE })));
    rows.push(await measure('log page 2 (50, cursor)', ITERATIONS, () => repo.log({ limit: PAGE, cursor: page2 })));
    rows.push(await measure('log page 150 (50, cursor)', ITERATIONS, () => repo.log({ limit: PAGE, cursor: page150 })));
    rows.push(await measure('head()', ITERATIONS, () => repo.head()));
    rows.push(await measure('readAt (deep commit)', ITERATIONS, () => repo.readAt(deep)));
    rows.push(await measure('show + diff (deep commit)', ITERATIONS, () => repo.show(deep)));
    let base = (await repo.head()).commit;
    rows.push(
      await measure('commit', ITERATIONS, async (i) => {
        base = (await repo.commit({ content: config(COMMITS + 1000 + i), message: `bench commit ${i}`, baseCommit: base, author: AUTHOR })).commit;
      }),
    );
    // Alternate between two old commits so every restore makes a real commit.
    const targets = [depth(100), depth(140)];
    rows.push(await measure('restore (old commit)', ITERATIONS, (i) => repo.restore(targets[Math.abs(i) % 2] ?? deep, AUTHOR)));

    const { lookup } = createProvenanceLookup(repo.filePath);
    const onDisk = (await repo.head()).content;
    rows.push(await measure('provenance, HEAD unchanged', 2000, () => lookup(onDisk), 1));
    rows.push(await measureMovedLookup(dir, lookup, onDisk));

    // Page 1 runs one git process; a cursor page two (the cursor is resolved with rev-parse
    // first). Page 2 vs page 150 isolates the effect of depth alone.
    const p1 = rows[0]?.p50_ms ?? NaN;
    const p2 = rows[1]?.p50_ms ?? NaN;
    const p150 = rows[2]?.p50_ms ?? NaN;
    const ratio = round2(p150 / p1);
    const depthRatio = round2(p150 / p2);
    const load = { before: round2(loadBefore), after: round2(loadavg()[0] ?? NaN) };
    printTable(rows, { commits: COMMITS, buildMs, ratio, depthRatio, load });
    const out = resolve('bench/results/git.json');
    mkdirSync(resolve('bench/results'), { recursive: true });
    writeFileSync(
      out,
      JSON.stringify(
        {
          benchmark: 'git',
          date: new Date().toISOString(),
          machine: { cpus: cpus().length, load_avg_1m: load, node: process.version, git: execFileSync('git', ['--version'], { encoding: 'utf8' }).trim() },
          repo: { commits: COMMITS, build_ms: buildMs, config_bytes: Buffer.byteLength(config(0)) },
          iterations: ITERATIONS,
          rows,
          paging: { page1_p50_ms: p1, page2_p50_ms: p2, page150_p50_ms: p150, ratio, depth_ratio: depthRatio, target: 'page 150 / page 1 ≤ 2', ok: ratio <= 2 },
        },
        null,
        2,
      ) + '\n',
    );
    console.log(`\nwrote ${out}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Times only the lookup after HEAD moved (the one case that starts a git process). */
async function measureMovedLookup(dir: string, lookup: (b: string) => Promise<unknown>, bytes: string): Promise<Row> {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@x', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@x' };
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    execFileSync('git', ['commit', '--quiet', '--allow-empty', '-m', 'move HEAD'], { cwd: dir, env });
    const t0 = performance.now();
    await lookup(bytes);
    times.push(performance.now() - t0);
  }
  return summarize('provenance, HEAD moved', times, TARGET_P95_MS);
}

function printTable(rows: Row[], info: { commits: number; buildMs: number; ratio: number; depthRatio: number; load: { before: number; after: number } }): void {
  console.log(`config repository benchmark: ${info.commits} commits (built with git fast-import in ${info.buildMs} ms)`);
  console.log(`${cpus().length} cores, 1-minute load average ${info.load.before} before / ${info.load.after} after\n`);
  const header = ['operation', 'n', 'p50 ms', 'p95 ms', 'max ms', 'target', 'ok'];
  const body = rows.map((r) => [r.op, String(r.n), r.p50_ms.toFixed(2), r.p95_ms.toFixed(2), r.max_ms.toFixed(2), r.target, r.ok ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
  console.log(`\nlog paging: page 150 / page 1 (p50) = ${info.ratio}× (target ≤ 2×) ${info.ratio <= 2 ? 'ok' : 'NOT OK'}; page 150 / page 2 = ${info.depthRatio}×`);
}

await main();
