// What a parsed document may cost the code that walks it next. js-yaml returns an alias as a
// shared reference and has no expansion limit, so a "billion laughs" document is a small DAG
// that explodes when anything walks it as a tree (zod, the differ, JSON.stringify); a
// recursive alias (`&a {b: *a}`) is a cycle.
import { ConfigError, configError, issueAt } from './errors';
import { createLocator, locateNestedAlias } from './locate';
import { PlainScalar } from './plain-scalar';
import { MAX_DEPTH } from './read-yaml';

/** Values that aliases may add beyond what is written. */
const ALIAS_ALLOWANCE = 100_000;

/**
 * Walks the value exactly as later consumers will (as a tree) with a budget: a document may
 * hold at most twice as many values as it has characters (no alias-free document comes
 * near: every value takes at least one character) plus ALIAS_ALLOWANCE. So the walk, and
 * everything after it, is bounded by the file's size. A recursive alias shows up as a path
 * deeper than MAX_DEPTH. `at` is where `value` sits when it is a part of the document.
 *
 * Why not the `yaml` package's maxAliasCount (the usual answer): it counts alias uses, and
 * 100 is exceeded by any large config that writes `<<: *defaults` in each receiver. Bounding
 * the result costs ~0.1 ms.
 */
export function boundExpansion(value: unknown, text: string, at: readonly (string | number)[] = []): void {
  const budget = 2 * text.length + ALIAS_ALLOWANCE;
  let count = 0;
  // A part of the document (a chunk the incremental loader parsed) is walked as the whole
  // would be: its depth counts from the document's root, and errors name its full path.
  const stack: unknown[] = at.map(() => ({}));
  const path: (string | number)[] = [...at];

  const walk = (node: unknown): void => {
    if (++count > budget) throw aliasBomb(text, budget);
    if (node === null || typeof node !== 'object' || node instanceof PlainScalar) return;
    if (stack.length >= MAX_DEPTH) throw tooDeep(text, stack, path);
    // zod reads a field through the prototype chain: only objects whose fields are all their
    // own may reach it (parse-budget.ts refuses others while parsing; this holds it for any
    // value the loader is handed).
    if (Object.getPrototypeOf(node) !== (Array.isArray(node) ? Array.prototype : Object.prototype)) throw notPlain(text, path);
    stack.push(node);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        walk(node[i]);
        path.pop();
      }
    } else {
      for (const key of Object.keys(node)) {
        path.push(key);
        walk((node as Record<string, unknown>)[key]);
        path.pop();
      }
    }
    stack.pop();
  };
  walk(value);
}

function aliasBomb(text: string, budget: number) {
  const message =
    `YAML aliases expand config.yaml to more than ${budget.toLocaleString('en')} values: this is an alias bomb ("billion laughs") or close to one. ` +
    'Stop nesting aliases (*name) inside anchored (&name) collections, or write the repeated values out';
  return configError('load_failed', 'config.yaml cannot be expanded', [issueAt(locateNestedAlias(text), '', 'alias_expansion', message)]);
}

function notPlain(text: string, path: readonly (string | number)[]) {
  const message = 'this value was built with a prototype other than a plain mapping\'s or list\'s (a parser fault): the config is refused rather than read through it';
  return configError('load_failed', 'config.yaml cannot be read safely', [issueAt(createLocator(text)(path), path.join('.'), 'bad_prototype', message)]);
}

function tooDeep(text: string, stack: readonly unknown[], path: readonly (string | number)[]) {
  const repeat = stack.findIndex((node, i) => stack.indexOf(node) !== i);
  if (repeat !== -1) {
    // The path up to the second visit of the same collection ends at the alias that closes the loop.
    const loopPath = path.slice(0, repeat);
    const message = 'an alias (*name) refers to a collection that contains it, so the document would be infinite: remove the recursive alias';
    return configError('load_failed', 'config.yaml cannot be expanded', [issueAt(createLocator(text)(loopPath), loopPath.join('.'), 'alias_recursive', message)]);
  }
  const deepPath = path.slice(0, MAX_DEPTH);
  const message = `config.yaml is nested more than ${MAX_DEPTH} levels deep at ${deepPath.slice(0, 6).join('.')}…: no hotconf config needs that, flatten it`;
  return configError('load_failed', 'config.yaml is nested too deeply', [issueAt(createLocator(text)(deepPath), deepPath.join('.'), 'too_deep', message)]);
}

/** The document must be a mapping of sections. */
export function checkTopLevel(value: unknown, text: string): asserts value is Record<string, unknown> {
  if (value === undefined || value === null) {
    // Only the first YAML document is read (read-yaml.ts): one that is empty before a `---` is
    // the whole config, as for Alertmanager.
    const blank = text.split('\n').every((line) => /^\s*(#.*)?$/.test(line));
    const message = blank
      ? 'config.yaml is empty: it needs at least a route and receivers (start from the sample config)'
      : 'the first YAML document of config.yaml is empty, and only the first is read (as Alertmanager reads it): remove the `---` lines before your config';
    throw new ConfigError('load_failed', message, [issueAt({ line: 1, column: 1, end_line: 1, end_column: 2 }, '', 'empty_config', message)]);
  }
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof PlainScalar) {
    const kind = Array.isArray(value) ? 'a list' : `a single ${typeof (value instanceof PlainScalar ? value.value : value)} value`;
    const message = `config.yaml must be a mapping of sections (route, receivers, inhibit_rules, server, …), but its top level is ${kind}`;
    throw new ConfigError('load_failed', message, [issueAt(createLocator(text)([]), '', 'not_a_mapping', message)]);
  }
}
