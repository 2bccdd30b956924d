#!/usr/bin/env node
// The `hotconf` command. The TypeScript sources are bundled into dist/ by `npm run build`
// (npm start and npm test build it when missing or stale).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('hotconf: dist/cli.js is missing: run `npm run build` (or `npm start`, which builds) first\n');
  process.exit(1);
}
await import(cli);
