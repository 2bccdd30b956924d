// The functions Alertmanager 0.25 adds to its templates (template.DefaultFuncs).
// Regular expressions are Go's RE2 dialect, run by re2js in linear time: a
// user's pattern never reaches JavaScript's backtracking RegExp.

import { RE2JS } from 're2js';
import { withSignature } from './builtins';
import { typedSlice, type AnyFunction } from './values';

/** strings.ToUpper / ToLower map each character alone (Go's "ß" stays "ß"; JavaScript's becomes "SS"). */
function mapRunes(s: string, f: (c: string) => string): string {
  let out = '';
  for (const c of s) {
    const m = f(c);
    out += [...m].length === 1 ? m : c;
  }
  return out;
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /^[\p{L}\p{M}\p{N}_]$/u.test(c);
// Characters that join two word characters into one word ("don't", "a.b", "x:y"), as in Unicode word breaking.
const isMidWord = (c: string | undefined): boolean => c !== undefined && /^['.:\u2018\u2019\u00B7]$/u.test(c);

/**
 * cases.Title(language.AmericanEnglish): in each word the first cased letter
 * is upper-cased and the rest lower-cased ("hELLO wORLD" → "Hello World",
 * "3rd" → "3Rd", "don't" → "Don't"). Words follow Unicode word boundaries,
 * approximated: letters, digits, marks and "_", joined across ' . : between them.
 */
export function title(s: string): string {
  const cs = [...s];
  let out = '';
  let seenCased = false;
  cs.forEach((c, i) => {
    const inWord = isWordChar(c) || (isMidWord(c) && isWordChar(cs[i - 1]) && isWordChar(cs[i + 1]));
    if (!inWord) {
      seenCased = false;
      out += c;
      return;
    }
    const cased = c.toLowerCase() !== c.toUpperCase();
    if (cased && !seenCased) {
      seenCased = true;
      out += mapRunes(c, (x) => x.toUpperCase());
    } else {
      out += mapRunes(c, (x) => x.toLowerCase());
    }
  });
  return out;
}

// Patterns come from templates and are reused across renders: keep a few compiled.
const compiled = new Map<string, RE2JS>();
function compile(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (!re) {
    re = RE2JS.compile(pattern);
    if (compiled.size >= 256) compiled.delete(compiled.keys().next().value!);
    compiled.set(pattern, re);
  }
  return re;
}

/** regexp.MatchString: does the pattern match anywhere in s. */
function match(pattern: string, s: string): boolean {
  return compile(pattern).test(s);
}

/** regexp.MustCompile(pattern).ReplaceAllString(text, repl), with Go's $1, ${1}, $name, $$ expansion. */
export function reReplaceAll(pattern: string, repl: string, text: string): string {
  let re: RE2JS;
  try {
    re = compile(pattern);
  } catch (e) {
    // MustCompile panics; Go's template reports the panic's text.
    throw new Error(`regexp: Compile(${'`'}${pattern}${'`'}): ${(e as Error).message}`);
  }
  const m = re.matcher(text);
  let out = '';
  let lastEnd = 0;
  let searchPos = 0;
  while (searchPos <= text.length && m.find(searchPos)) {
    const [start, end] = [m.start(), m.end()];
    out += text.slice(lastEnd, start);
    // An empty match right after a match is not replaced (Go's rule).
    if (end > lastEnd || start === 0) out += expand(repl, (g) => m.group(g) ?? '', re.groupCount(), re.namedGroups());
    lastEnd = end;
    const width = text.codePointAt(searchPos)! > 0xffff ? 2 : 1;
    searchPos = searchPos + width > end ? searchPos + width : end;
  }
  return out + text.slice(lastEnd);
}

/** Go's Regexp.Expand: $n, ${n}, $name, ${name}; the longest name wins ($1x is ${1x}); $$ is $. */
function expand(template: string, group: (g: number | string) => string, count: number, names: Record<string, number>): string {
  let out = '';
  for (let i = 0; i < template.length; ) {
    const dollar = template.indexOf('$', i);
    if (dollar < 0) return out + template.slice(i);
    out += template.slice(i, dollar);
    const rest = template.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      i = dollar + 2;
      continue;
    }
    const braced = /^\{(\w+)\}/.exec(rest);
    const bare = braced ? null : /^\w+/.exec(rest);
    const name = braced?.[1] ?? bare?.[0];
    if (name === undefined) {
      out += '$';
      i = dollar + 1;
      continue;
    }
    i = dollar + 1 + (braced ? braced[0].length : name.length);
    if (/^[0-9]+$/.test(name)) {
      const n = Number(name);
      if (n <= count) out += group(n);
    } else if (names[name] !== undefined) {
      out += group(names[name]!);
    }
  }
  return out;
}

/** Alertmanager's template.DefaultFuncs, with Go signatures. */
export const AM_FUNCS: ReadonlyMap<string, AnyFunction> = new Map<string, AnyFunction>([
  ['toUpper', withSignature((s: string) => mapRunes(s, (c) => c.toUpperCase()), ['string'])],
  ['toLower', withSignature((s: string) => mapRunes(s, (c) => c.toLowerCase()), ['string'])],
  ['title', withSignature(title, ['string'])],
  // Separator first, for pipelines: {{ .Values | join ", " }}.
  ['join', withSignature((sep: string, items: string[]) => items.join(sep), ['string', '[]string'])],
  ['match', withSignature(match, ['string', 'string'])],
  // html/template.HTML in Go; text templates print it as the string it is.
  ['safeHtml', withSignature((text: string) => text, ['string'])],
  ['reReplaceAll', withSignature(reReplaceAll, ['string', 'string', 'string'])],
  ['stringSlice', withSignature((...items: string[]) => typedSlice('string', items), [], 'string')],
]);
