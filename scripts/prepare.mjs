// Makes a checkout runnable with nothing but Node 20 and npm: installs dependencies when
// missing or stale, builds the service bundle and the console when their sources changed,
// and (with --for-test) makes sure Debian's Chromium and amtool are there for the tests.
// Only Node built-ins here: this runs before node_modules exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const forTest = process.argv.includes('--for-test');
const root = new URL('..', import.meta.url).pathname;
process.chdir(root);

function run(cmd, args, what) {
  process.stdout.write(`prepare: ${what}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) {
    process.stderr.write(`prepare: ${what} failed (exit ${r.status}). Run \`${cmd} ${args.join(' ')}\` to see why.\n`);
    process.exit(r.status ?? 1);
  }
}

/** Newest mtime of any file under the given paths (directories walked, node_modules skipped). */
function newest(paths) {
  let max = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules' && !name.startsWith('.')) visit(join(p, name));
    } else max = Math.max(max, st.mtimeMs);
  };
  paths.forEach(visit);
  return max;
}

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

// 1. Dependencies.
const installed = mtime('node_modules/.package-lock.json');
if (!installed || installed < mtime('package-lock.json') || installed < mtime('package.json')) {
  run('npm', existsSync('package-lock.json') ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'], 'installing dependencies (better-sqlite3 compiles from source: about a minute)');
}

// 2. The service bundle: esbuild takes well under a second, so it is simply rebuilt.
run(process.execPath, ['scripts/build.mjs'], 'building the service (dist/cli.js)');

// 3. The console: `next build` only when its inputs changed since the last build.
const consoleInputs = ['app', 'components', 'server', 'public', 'next.config.js', 'package.json', 'tsconfig.json'];
if (existsSync('app') && newest(consoleInputs) > mtime('.next/BUILD_ID')) {
  run(process.execPath, ['node_modules/next/dist/bin/next', 'build'], 'building the console (next build)');
}

// 4. Tests need Debian's Chromium (browser tests), Alertmanager and amtool (the parity
//    tests ask the real binaries), and Prometheus with promtool (hotconf's alert rules and
//    dashboard are checked against them), and systemd-analyze (the units in deploy/systemd).
//    One apt run installs what is missing.
const needed = forTest
  ? [
      ['/usr/bin/chromium', 'chromium', 'the browser tests'],
      ['/usr/bin/amtool', 'prometheus-alertmanager', 'the Alertmanager parity tests (amtool)'],
      ['/usr/bin/prometheus', 'prometheus', 'the Prometheus tests (alert rules, dashboard, Prometheus as an alert sender)'],
      ['/usr/bin/systemd-analyze', 'systemd', 'the systemd unit check (systemd-analyze verify)'],
    ].filter(([path]) => !existsSync(path))
  : [];
if (needed.length > 0) {
  const cmd = `apt-get update && apt-get install -y --no-install-recommends ${needed.map(([, pkg]) => pkg).join(' ')}`;
  const why = needed.map(([, , what]) => what).join(' and ');
  if (process.getuid?.() === 0) {
    run('sh', ['-c', cmd], `installing Debian packages for ${why}`);
  } else {
    process.stderr.write(`prepare: ${why} need Debian packages that are missing. Install them as root:\n  sudo sh -c '${cmd}'\n`);
    process.exit(1);
  }
}

// Tests make commits in temporary repositories; git needs to exist.
try {
  execFileSync('git', ['--version'], { stdio: 'ignore' });
} catch {
  process.stderr.write('prepare: git is not installed; install it (apt-get install -y git)\n');
  process.exit(1);
}
