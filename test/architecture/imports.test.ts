// The layering DESIGN §8 promises, read from the import statements themselves: the config
// core is pure and stands alone, the contract is a leaf, the browser's components reach into
// the server only for the contract and the config core, and server/ has no import circle.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Every module specifier a file names: static imports and re-exports (type-only included),
 *  side-effect imports and dynamic import() calls. */
function specifiers(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]/g)) found.push(m[1]!);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) found.push(m[1]!);
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]!);
  return found;
}

/** A relative specifier as a project path without extension (`server/config/load`). */
function target(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return relative(ROOT, resolve(ROOT, dirname(file), spec)).replace(/\.(ts|tsx|js|mjs)$/, '');
}

const isNodeBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!);

const server = sourceFiles('server');
const components = sourceFiles('components');

describe('the config core (server/config)', () => {
  const core = server.filter((f) => f.startsWith('server/config/'));

  it('imports nothing from the reload pipeline, the components, HTTP or the console', () => {
    // The template engine is pure as well (checked below): templates are part of a config.
    const outside = core.flatMap((f) => specifiers(f).map((s) => [f, target(f, s)] as const)).filter(([, t]) => t && !t.startsWith('server/config/') && !t.startsWith('server/contract/') && !t.startsWith('server/template'));
    expect(outside).toEqual([]);
  });

  it('imports no Node built-in (nor does the template engine it uses), so the browser worker runs it as the service does', () => {
    const pure = [...core, ...server.filter((f) => f.startsWith('server/template/'))];
    const node = pure.flatMap((f) => specifiers(f).filter(isNodeBuiltin).map((s) => `${f}: ${s}`));
    expect(core.length).toBeGreaterThan(8);
    expect(node).toEqual([]);
  });
});

describe('the contract (server/contract)', () => {
  it('is a leaf: it imports only itself', () => {
    const contract = server.filter((f) => f.startsWith('server/contract/'));
    const outside = contract.flatMap((f) => specifiers(f).map((s) => `${f}: ${s}`)).filter((line) => !/: \.\/[a-z-]+$/.test(line));
    expect(contract.length).toBeGreaterThan(3);
    expect(outside).toEqual([]);
  });
});

describe('components/', () => {
  it('reaches server code only through the contract and the config core', () => {
    const reaches = components.flatMap((f) => specifiers(f).map((s) => [f, target(f, s)] as const)).filter(([, t]) => t?.startsWith('server/'));
    expect(reaches.length).toBeGreaterThan(5);
    const other = reaches.filter(([, t]) => !t!.startsWith('server/contract/') && !t!.startsWith('server/config/')).map(([f, t]) => `${f} → ${t}`);
    expect(other).toEqual([]);
  });
});

describe('server/', () => {
  it('has no import circle', () => {
    const graph = new Map<string, string[]>();
    const known = new Set(server.map((f) => f.replace(/\.(ts|tsx)$/, '')));
    for (const f of server) {
      const from = f.replace(/\.(ts|tsx)$/, '');
      const to = specifiers(f)
        .map((s) => target(f, s))
        .map((t) => (t && !known.has(t) && known.has(`${t}/index`) ? `${t}/index` : t))
        .filter((t): t is string => t !== null && known.has(t));
      graph.set(from, to);
    }
    // Depth-first search with colours; each back edge is a circle.
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (node: string): void => {
      state.set(node, 'open');
      stack.push(node);
      for (const next of graph.get(node) ?? []) {
        if (state.get(next) === 'open') circles.push([...stack.slice(stack.indexOf(next)), next].join(' → '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(node, 'done');
    };
    for (const node of graph.keys()) if (!state.has(node)) visit(node);
    expect(graph.size).toBeGreaterThan(50);
    expect(circles).toEqual([]);
  });
});
