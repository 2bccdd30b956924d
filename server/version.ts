// hotconf's version, from package.json, and the git revision it was built from (set by
// scripts/build.mjs at bundle time; "unknown" when run from source, e.g. under vitest).
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
export const REVISION: string = process.env.HOTCONF_REVISION || 'unknown';
