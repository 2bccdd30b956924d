// The template files a config names, from the service's file system: each `templates:` entry
// is a glob, relative to the config file's folder, expanded as Go's filepath.Glob expands it
// (what Alertmanager does): `*`, `?` and `[…]` within one path element, no `**`; a pattern
// that matches nothing is fine, a malformed one is an error. With FileRoots (the service),
// a pattern must lie inside the template dirs — judged on its text before anything is
// listed — and so must every file it matches once its links are followed.
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { TemplateGlobError, type TemplateFile, type TemplateSource } from '../config/templates';
import type { FileRoots } from './file-roots';

/** A template file is text an operator wrote; anything bigger is a wrong glob. */
const MAX_TEMPLATE_BYTES = 1024 * 1024;

export function templateFilesBeside(configPath: string, roots?: FileRoots): TemplateSource {
  const base = dirname(resolve(configPath));
  return {
    read(glob) {
      const pattern = isAbsolute(glob) ? resolve(glob) : join(base, glob);
      if (roots && !roots.lexicallyInside(pattern, 'templates')) throw new TemplateGlobError(roots.outside(glob, pattern, 'templates').message);
      return expand(pattern).map((path): TemplateFile => ({
        path: isAbsolute(glob) ? path : path.slice(base.length + 1),
        text: readTemplate(roots ? confined(roots, path) : path),
      }));
    },
  };
}

function confined(roots: FileRoots, path: string): string {
  try {
    return roots.confine(path, 'templates');
  } catch (err) {
    throw new TemplateGlobError((err as Error).message);
  }
}

function readTemplate(path: string): string {
  const st = statSync(path);
  if (!st.isFile()) throw new TemplateGlobError(`${path} is not a regular file`);
  if (st.size > MAX_TEMPLATE_BYTES) throw new TemplateGlobError(`${path} is larger than 1 MiB: is the pattern right?`);
  return readFileSync(path, 'utf8');
}

/** Go's filepath.Glob: sorted matches of each directory level in turn. */
function expand(pattern: string): string[] {
  if (!hasMeta(pattern)) {
    checkPattern(pattern);
    return exists(pattern) ? [pattern] : [];
  }
  const dir = dirname(pattern);
  const file = pattern.slice(dir === '/' ? 1 : dir.length + 1);
  checkPattern(file);
  const dirs = hasMeta(dir) ? expand(dir) : [dir];
  return dirs.flatMap((d) => {
    let names: string[];
    try {
      if (!statSync(d).isDirectory()) return [];
      names = readdirSync(d).sort();
    } catch {
      return [];
    }
    return names.filter((name) => matchElement(file, name)).map((name) => join(d, name));
  });
}

function hasMeta(path: string): boolean {
  return /[*?[\\]/.test(path);
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function checkPattern(pattern: string): void {
  // Go checks the whole pattern even when the name stops matching early.
  matchElement(pattern, '');
}

/** Go's filepath.Match for one path element; throws on a malformed pattern. */
function matchElement(pattern: string, name: string): boolean {
  const bad = () => new TemplateGlobError(`the pattern ${JSON.stringify(pattern)} is malformed (syntax error in pattern): check its [ ] and \\ escapes`);
  const p = [...pattern];
  const n = [...name];
  // Match with backtracking on `*` only, which is linear per star.
  const at = (pi: number, ni: number): boolean => {
    while (pi < p.length) {
      const c = p[pi]!;
      if (c === '*') {
        while (p[pi] === '*') pi++;
        if (pi === p.length) return !n.slice(ni).includes('/');
        for (let k = ni; k <= n.length; k++) {
          if (k > ni && n[k - 1] === '/') break;
          if (at(pi, k)) return true;
        }
        validateRest(p, pi, bad);
        return false;
      }
      if (c === '[') {
        const { end, matched } = matchClass(p, pi, n[ni], bad);
        if (ni >= n.length || n[ni] === '/' || !matched) {
          validateRest(p, end, bad);
          return false;
        }
        pi = end;
        ni++;
        continue;
      }
      if (c === '\\') {
        if (pi + 1 >= p.length) throw bad();
        if (n[ni] !== p[pi + 1]) {
          validateRest(p, pi + 2, bad);
          return false;
        }
        pi += 2;
        ni++;
        continue;
      }
      if (ni >= n.length || (c === '?' ? n[ni] === '/' : n[ni] !== c)) {
        validateRest(p, pi + 1, bad);
        return false;
      }
      pi++;
      ni++;
    }
    return ni === n.length;
  };
  return at(0, 0);
}

/** A character class starting at p[start] === '['; whether `ch` is in it, and where it ends. */
function matchClass(p: string[], start: number, ch: string | undefined, bad: () => Error): { end: number; matched: boolean } {
  let i = start + 1;
  const negate = p[i] === '^';
  if (negate) i++;
  let matched = false;
  let first = true;
  for (;;) {
    if (i >= p.length) throw bad();
    if (p[i] === ']' && !first) break;
    first = false;
    const lo = readClassChar(p, i, bad);
    i = lo.next;
    let hi = lo.ch;
    if (p[i] === '-') {
      const h = readClassChar(p, i + 1, bad);
      hi = h.ch;
      i = h.next;
    }
    if (ch !== undefined && lo.ch <= ch && ch <= hi) matched = true;
  }
  return { end: i + 1, matched: matched !== negate };
}

function readClassChar(p: string[], i: number, bad: () => Error): { ch: string; next: number } {
  if (i >= p.length || p[i] === '-' || p[i] === ']') throw bad();
  if (p[i] === '\\') {
    if (i + 1 >= p.length) throw bad();
    return { ch: p[i + 1]!, next: i + 2 };
  }
  return { ch: p[i]!, next: i + 1 };
}

/** Go reports a malformed pattern even after a mismatch: scan the rest for bad syntax. */
function validateRest(p: string[], from: number, bad: () => Error): void {
  for (let i = from; i < p.length; i++) {
    if (p[i] === '\\') {
      if (i + 1 >= p.length) throw bad();
      i++;
    } else if (p[i] === '[') {
      i = matchClass(p, i, undefined, bad).end - 1;
    }
  }
}
