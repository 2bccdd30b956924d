// Incremental load and validate for the reload hot path.
//
// A reload usually changes a few lines of a large file (one receiver's URL). Parsing the
// whole 200 KB document with js-yaml costs ~6 ms and validating it with zod ~2 ms, which is
// most of a reload. So the coordinator keeps a ConfigCache: the document is cut into
// *chunks* — each top-level section, and each item of a top-level block sequence
// (receivers, inhibit_rules) — and a chunk whose text is unchanged since the last load
// reuses its parsed value, and that value's validated output. Only changed chunks are parsed
// and validated; the cross-field rules then run on the whole.
//
// Correctness rule: the fast path either produces exactly what the full path would, or
// steps aside (returns null) and the full path runs. It steps aside for anything that
// makes chunks depend on each other or that it does not recognise: anchors (`&`), document
// markers and directives, tabs or CR line ends, complex or quoted top-level keys, duplicate
// top-level keys, any chunk that fails to parse, and any validation problem at all (errors
// are located by the full path, with every issue, as before).
import type { z } from 'zod';
import { parseYamlFragment } from './load';
import { type Config, configSections, crossFieldIssues, inhibitRuleSchema, receiverSchema } from './schema';

const TOP_KEY = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:(?:[ \t]+(.*))?$/;
const ITEM_START = (indent: number) => new RegExp(`^ {${indent}}-(?: |$)`);
/** Top-level sequences split into items; every other section is one chunk. */
const ITEMIZED = new Set(['receivers', 'inhibit_rules']);

interface Section {
  key: string;
  /** The whole section's text (one chunk), or null when it is itemized. */
  text: string | null;
  items: string[] | null;
}

interface CachedChunk {
  section: string;
  text: string;
  value: unknown;
}

export interface IncrementalParse {
  value: Record<string, unknown>;
  /** Values of the chunks parsed this time (the rest came from the cache). */
  fresh: unknown[];
}

export class ConfigCache {
  /** The chunks of the last parse, in document order. */
  private chunks: CachedChunk[] = [];
  private readonly outputs = new Map<z.ZodType, WeakMap<object, unknown>>();
  /** Counters for tests and benchmarks: how the last parse went. */
  lastParse = { chunks: 0, reused: 0, fast: false };

  /** The YAML value of `text`, reusing unchanged chunks; null when the full parser must run. */
  parse(text: string): IncrementalParse | null {
    const sections = splitSections(text);
    if (!sections) return this.miss();
    const prev = this.chunks;
    let byText: Map<string, unknown> | null = null; // built only if chunks moved
    const next: CachedChunk[] = [];
    const fresh: unknown[] = [];
    const out: Record<string, unknown> = {};
    const chunk = (section: string, source: string, read: (v: unknown) => unknown): unknown => {
      // Usually the same chunk stands at the same place as last time: a string compare, no hashing.
      const same = prev[next.length];
      let value: unknown;
      if (same && same.section === section && same.text === source) value = same.value;
      else {
        byText ??= new Map(prev.map((c) => [`${c.section}\0${c.text}`, c.value]));
        const key = `${section}\0${source}`;
        if (byText.has(key)) value = byText.get(key);
        else {
          value = read(parseYamlFragment(source));
          byText.set(key, value);
          fresh.push(value);
        }
      }
      next.push({ section, text: source, value });
      return value;
    };
    try {
      for (const s of sections) {
        out[s.key] = s.items ? s.items.map((item) => chunk(s.key, item, onlyItem)) : chunk(s.key, s.text!, (v) => onlyKey(v, s.key));
      }
    } catch {
      return this.miss();
    }
    this.chunks = next;
    this.lastParse = { chunks: next.length, reused: next.length - fresh.length, fast: true };
    return { value: out, fresh };
  }

  /**
   * The validated config when every section (and item) is valid and the cross-field rules
   * hold; null otherwise — the caller then runs the full schema, which reports every issue.
   * Outputs are memoised per input object, so unchanged chunks are not validated again.
   */
  validate(resolved: unknown): Config | null {
    if (!isPlainObject(resolved)) return null;
    for (const key of Object.keys(resolved)) if (!(key in configSections)) return null;
    const out: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(configSections) as [keyof typeof configSections, z.ZodType][]) {
      const value = resolved[key];
      const result =
        key === 'receivers'
          ? this.items(value, receiverSchema, 1)
          : key === 'inhibit_rules' && value !== undefined
            ? this.items(value, inhibitRuleSchema, 0)
            : this.one(schema, value);
      if (result === FAIL) return null;
      if (result !== undefined) out[key] = result;
    }
    if (crossFieldIssues(out).length > 0) return null;
    return out as Config;
  }

  private items(value: unknown, schema: z.ZodType, min: number): unknown {
    if (!Array.isArray(value) || value.length < min) return FAIL;
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const r = this.one(schema, value[i]);
      if (r === FAIL) return FAIL;
      out[i] = r;
    }
    return out;
  }

  private one(schema: z.ZodType, value: unknown): unknown {
    const memo = value !== null && typeof value === 'object' ? this.memo(schema) : null;
    if (memo?.has(value as object)) return memo.get(value as object);
    const r = schema.safeParse(value);
    if (!r.success) return FAIL;
    memo?.set(value as object, r.data);
    return r.data;
  }

  private memo(schema: z.ZodType): WeakMap<object, unknown> {
    let m = this.outputs.get(schema);
    if (!m) this.outputs.set(schema, (m = new WeakMap()));
    return m;
  }

  private miss(): null {
    this.lastParse = { chunks: 0, reused: 0, fast: false };
    this.chunks = [];
    return null;
  }
}

const FAIL = Symbol('invalid');

/** Cuts the document into sections and items; null when it is not plainly cuttable. */
export function splitSections(text: string): Section[] | null {
  if (text.includes('&') || text.includes('\t') || text.includes('\r')) return null;
  const lines = text.split('\n');
  const sections: { key: string; start: number; end: number; inline: boolean }[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '' || line[0] === '#') continue;
    if (line[0] === ' ') {
      // Indented content belongs to the section above; before any section it is not ours to read.
      if (!sections.length && line.trim() !== '' && !line.trimStart().startsWith('#')) return null;
      continue;
    }
    if (line[0] === '-' && sections.length && !sections.at(-1)!.inline && !line.startsWith('---')) continue; // a `- item` at column 0
    const m = TOP_KEY.exec(line);
    if (!m || seen.has(m[1]!)) return null;
    seen.add(m[1]!);
    const rest = (m[2] ?? '').trim();
    if (sections.length) sections.at(-1)!.end = i;
    sections.push({ key: m[1]!, start: i, end: lines.length, inline: rest !== '' && !rest.startsWith('#') });
  }
  return sections.map((s) => {
    const body = lines.slice(s.start, s.end);
    const items = !s.inline && ITEMIZED.has(s.key) ? splitItems(body.slice(1)) : null;
    return items ? { key: s.key, text: null, items } : { key: s.key, text: body.join('\n'), items: null };
  });
}

/** The items of a block sequence (the lines after its key), or null if it is not one. */
function splitItems(lines: string[]): string[] | null {
  const first = lines.findIndex((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  if (first === -1) return null;
  const indent = lines[first]!.length - lines[first]!.trimStart().length;
  const start = ITEM_START(indent);
  if (!start.test(lines[first]!)) return null;
  const items: string[][] = [];
  for (const line of lines.slice(first)) {
    if (start.test(line)) items.push([line]);
    else {
      const content = line.trim();
      const lineIndent = line.length - line.trimStart().length;
      // Anything but a blank line, a comment or a deeper line would end the sequence here.
      if (content !== '' && !content.startsWith('#') && lineIndent <= indent) return null;
      items.at(-1)!.push(line);
    }
  }
  return items.map((l) => l.join('\n'));
}

function onlyItem(v: unknown): unknown {
  if (!Array.isArray(v) || v.length !== 1) throw new Error('not a single item');
  return v[0];
}

function onlyKey(v: unknown, key: string): unknown {
  if (!isPlainObject(v)) throw new Error('not a mapping');
  const keys = Object.keys(v);
  if (keys.length !== 1 || keys[0] !== key) throw new Error('not a single section');
  return v[key];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
