// Next.js config of the console. Kept minimal on purpose: the defaults bundle Monaco and its
// workers (monaco-editor 0.52.2 is pinned, so monaco-yaml needs no worker alias, STACK_NOTES).
// Telemetry is turned off by the CLI (NEXT_TELEMETRY_DISABLED=1): the console must work
// air-gapped and send nothing anywhere.
import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));

/** The commit being built, shown in the footer as `hotconf --version` shows it (scripts/build.mjs does the same for the service). */
function revision() {
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/** @type {import('next').NextConfig} */
export default {
  // simple-git spawns git and resolves its own helpers; better-sqlite3 is a native addon.
  // Both must be required from node_modules at run time, not bundled.
  serverExternalPackages: ['simple-git', 'better-sqlite3'],
  poweredByHeader: false,
  env: { HOTCONF_REVISION: revision() },
  // `npm test` type-checks the whole project with `tsc --noEmit` before anything else runs;
  // a second check inside `next build` only doubles the build time.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // This directory is the app's root even when a lockfile exists higher up.
  turbopack: { root },
  outputFileTracingRoot: root,
  // Headers every response carries (issue 11). The Content-Security-Policy, which differs per
  // page request (a nonce), is set by proxy.ts.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};
