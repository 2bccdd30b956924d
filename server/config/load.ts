// Phases `load` and `validate` of the reload pipeline (DESIGN §4): text → YAML value →
// secret references resolved → Config. This is the hot path of every reload, so it parses
// with js-yaml (~7 ms for a 340 KB file where the `yaml` package takes ~90 ms) and leaves
// positions to locate.ts, which runs only when an error must be pointed at.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import yaml from 'js-yaml';
import type { ConfigIssue } from '../reload/types';
import { issuesFromZod } from './issues';
import { createLocator, locateNestedAlias, locatePath, locateSyntaxError, type Position } from './locate';
import type { ConfigCache } from './incremental';
import { configSchema, type Config } from './schema';
import {
  collectSecretValues,
  memoizeSecrets,
  processSecrets,
  readSecretRef,
  resolveSecretRefs,
  scanSecretRefs,
  scrubSecrets,
  type SecretSource,
} from './secrets';
import { CORE_SCHEMA } from './yaml-schema';

export { processSecrets, type SecretSource } from './secrets';

export interface ParsedConfig {
  /** The file's text. */
  text: string;
  /** sha256 hex of the text's UTF-8 bytes. */
  hash: string;
  /** quickFingerprint of the text, from the same reads as `resolved`. */
  secretsFingerprint: string;
  /** YAML parsed, secret references resolved, NOT yet validated. */
  resolved: unknown;
}

export type ConfigErrorKind = 'load_failed' | 'validation_failed';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly kind: ConfigErrorKind,
    message: string,
    readonly issues: ConfigIssue[],
  ) {
    super(message);
  }
}

export function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// ---------------------------------------------------------------- fingerprint

/** The fingerprint is keyed per process: it is derived from secret values, and a plain
 *  sha256 of a short secret could be brute-forced if the fingerprint ever leaked into a
 *  record or a log. Equal fingerprints therefore mean "unchanged" only within one process. */
const FINGERPRINT_KEY = randomBytes(32);

/**
 * Cheap "did any secret change?" key: a keyed sha256 over the resolved value of every
 * ${env:..}/${file:..} reference a regex finds in the text (comments included: a superset
 * is harmless, a miss is not). No YAML parse. Never throws: an unresolvable reference
 * contributes a marker of why. '' when the text has no references.
 * Comparable only within one process (see FINGERPRINT_KEY); never persist or expose it.
 */
export function quickFingerprint(text: string, secrets: SecretSource): string {
  if (!text.includes('${')) return '';
  const refs = scanSecretRefs(text);
  if (refs.length === 0) return '';
  const mac = createHmac('sha256', FINGERPRINT_KEY);
  for (const ref of refs) {
    let result;
    try {
      result = readSecretRef(ref, secrets);
    } catch (err) {
      // A SecretSource is injected; a broken one must not break the promise above.
      result = { ok: false as const, marker: `threw:${(err as Error).name}`, message: '' };
    }
    // Lengths are prefixed so that no two different (ref, value) lists hash the same bytes.
    const part = result.ok ? `v${result.value.length}:${result.value}` : `x:${result.marker}`;
    mac.update(`${ref.text.length}:${ref.text}|${part}|`);
  }
  return mac.digest('hex');
}

// ---------------------------------------------------------------- YAML

function loadError(message: string, issues: ConfigIssue[]): ConfigError {
  return new ConfigError('load_failed', message, issues);
}

function issueAt(pos: Position | null, path: string, code: string, message: string): ConfigIssue {
  return { path, line: pos?.line ?? null, column: pos?.column ?? null, message, code };
}

/** Parses a fragment of config.yaml (a section, an item) exactly as the whole file is
 *  parsed; throws on any error (the caller falls back to parsing the whole file). */
export function parseYamlFragment(text: string): unknown {
  return yaml.load(text, { schema: CORE_SCHEMA });
}

function parseYaml(text: string): unknown {
  try {
    return yaml.load(text, { schema: CORE_SCHEMA, filename: 'config.yaml' });
  } catch (err) {
    if (err instanceof yaml.YAMLException) throw syntaxError(text, err);
    // js-yaml recurses per nesting level; thousands of `[` overflow the stack.
    if (err instanceof RangeError) {
      throw loadError('config.yaml is nested too deeply to parse', [issueAt(null, '', 'too_deep', `config.yaml is nested too deeply to parse (more than ${MAX_DEPTH} levels are never needed): flatten it`)]);
    }
    throw err;
  }
}

function syntaxError(text: string, err: yaml.YAMLException): ConfigError {
  // `reason` is the message without js-yaml's code excerpt: the excerpt would quote the
  // file, and the file may hold a literal secret on that very line.
  let message = `YAML syntax error: ${err.reason}`;
  const mark = err.mark as { line?: number; column?: number } | undefined;
  const pos = typeof mark?.line === 'number' && typeof mark.column === 'number' ? { line: mark.line + 1, column: mark.column + 1 } : locateSyntaxError(text);
  const lineText = pos ? (text.split('\n')[pos.line - 1] ?? '') : '';
  if (/\$\{/.test(lineText) && /[[{]/.test(lineText)) {
    message += ": a secret reference inside [...] or {...} must be quoted, e.g. '${env:NAME}'";
  }
  const where = pos ? ` (line ${pos.line}, column ${pos.column})` : '';
  return loadError(`config.yaml is not valid YAML${where}: ${err.reason}`, [issueAt(pos, '', 'yaml_syntax', message)]);
}

function checkTopLevel(value: unknown, text: string): asserts value is Record<string, unknown> {
  if (value === undefined || value === null) {
    const message = 'config.yaml is empty: it needs at least a route and receivers (start from the sample config)';
    throw loadError(message, [issueAt({ line: 1, column: 1 }, '', 'empty_config', message)]);
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'a list' : `a single ${typeof value} value`;
    const message = `config.yaml must be a mapping of sections (server, log, database, webhook, route, receivers, inhibit_rules), but its top level is ${kind}`;
    throw loadError(message, [issueAt(locatePath(text, []), '', 'not_a_mapping', message)]);
  }
}

// ---------------------------------------------------------------- alias bound

/** Nesting deeper than this is never a config (a 40-level route tree is ~80 levels) and
 *  would overflow the stack of whatever walks it next (zod, the differ). */
const MAX_DEPTH = 128;
/** Values that aliases may add beyond what is written. */
const ALIAS_ALLOWANCE = 100_000;

/**
 * js-yaml returns an alias as a shared reference and has no expansion limit, so a
 * "billion laughs" document is a small DAG that explodes when anything walks it as a tree.
 * This walks the value exactly as later consumers will (as a tree) with a budget: a
 * document may hold at most twice as many values as it has characters (no alias-free
 * document comes near: every value takes at least one character) plus ALIAS_ALLOWANCE.
 * So the walk, and everything after it, is bounded by the file's size. A recursive alias
 * (js-yaml lets `&a {b: *a}` refer to itself) shows up as a path deeper than MAX_DEPTH.
 *
 * Why not the `yaml` package's maxAliasCount (the usual answer): it counts alias uses, and
 * 100 is exceeded by any large config that writes `<<: *defaults` in each receiver; and
 * choosing the parser by looking for `&` sends every config with `&` in a URL query to the
 * 10× slower parser. Bounding the result works for both and costs ~0.1 ms.
 */
function boundExpansion(value: unknown, text: string): void {
  const budget = 2 * text.length + ALIAS_ALLOWANCE;
  let count = 0;
  const stack: unknown[] = [];
  const path: (string | number)[] = [];

  const walk = (node: unknown): void => {
    if (++count > budget) throw aliasBomb(text, budget);
    if (node === null || typeof node !== 'object') return;
    if (stack.length >= MAX_DEPTH) throw tooDeep(text, stack, path);
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

function aliasBomb(text: string, budget: number): ConfigError {
  const message =
    `YAML aliases expand config.yaml to more than ${budget.toLocaleString('en')} values: this is an alias bomb ("billion laughs") or close to one. ` +
    'Stop nesting aliases (*name) inside anchored (&name) collections, or write the repeated values out';
  return loadError(message, [issueAt(locateNestedAlias(text), '', 'alias_expansion', message)]);
}

function tooDeep(text: string, stack: readonly unknown[], path: readonly (string | number)[]): ConfigError {
  const repeat = stack.findIndex((node, i) => stack.indexOf(node) !== i);
  if (repeat !== -1) {
    // The path up to the second visit of the same collection ends at the alias that closes the loop.
    const loopPath = path.slice(0, repeat);
    const message = 'an alias (*name) refers to a collection that contains it, so the document would be infinite: remove the recursive alias';
    return loadError(message, [issueAt(locatePath(text, loopPath), loopPath.join('.'), 'alias_recursive', message)]);
  }
  const deepPath = path.slice(0, MAX_DEPTH);
  const message = `config.yaml is nested more than ${MAX_DEPTH} levels deep at ${deepPath.slice(0, 6).join('.')}…: no hotconf config needs that, flatten it`;
  return loadError(message, [issueAt(locatePath(text, deepPath), deepPath.join('.'), 'too_deep', message)]);
}

// ---------------------------------------------------------------- phases

/** Phase `load`: parse, bound aliases, resolve secret references. Throws ConfigError
 *  ('load_failed') whose issues carry 1-based line/column. */
export function parseConfigText(text: string, opts: { secrets?: SecretSource; cache?: ConfigCache; hash?: string } = {}): ParsedConfig {
  const secrets = memoizeSecrets(opts.secrets ?? processSecrets);
  const hash = opts.hash ?? hashText(text); // the coordinator hashed the bytes already
  // Before resolving, and through the same memoized reads: the fingerprint then describes
  // exactly the values this load used.
  const secretsFingerprint = quickFingerprint(text, secrets);
  // The reload hot path passes its cache: unchanged sections and items are not parsed again.
  const fast = opts.cache?.parse(text) ?? null;
  const raw = fast ? fast.value : parseYaml(text);
  checkTopLevel(raw, text);
  // The fast path only takes documents without anchors, so no alias can expand them; what
  // is left to bound is the depth of the chunks parsed this time.
  if (fast) for (const value of fast.fresh) boundExpansion(value, text);
  else boundExpansion(raw, text);
  // No `${` anywhere means no references: skip the walk on the hot path.
  const resolved = text.includes('${') ? resolveOrThrow(raw, secrets, text) : raw;
  return { text, hash, secretsFingerprint, resolved };
}

function resolveOrThrow(raw: unknown, secrets: SecretSource, text: string): unknown {
  const { resolved, errors } = resolveSecretRefs(raw, secrets);
  if (errors.length === 0) return resolved;
  const locate = createLocator(text);
  const issues = errors.map((e) => issueAt(locate(e.path), e.path.join('.'), e.code, e.message));
  throw loadError(summarize('could not resolve secret references in config.yaml', issues), issues);
}

/** Phase `validate`: the zod schema and its cross-field rules. Throws ConfigError
 *  ('validation_failed') with every issue located. */
export function validateConfig(parsed: ParsedConfig, cache?: ConfigCache): Config {
  const fast = cache?.validate(parsed.resolved);
  if (fast) return fast;
  const result = configSchema.safeParse(parsed.resolved);
  if (result.success) return result.data;
  const secretValues = collectSecretValues(parsed.resolved);
  const issues = issuesFromZod(result.error, parsed.text, parsed.resolved).map((issue) => ({
    ...issue,
    message: scrubSecrets(issue.message, secretValues),
  }));
  throw new ConfigError('validation_failed', summarize('config.yaml is not a valid hotconf config', issues), issues);
}

export type CheckResult =
  | { ok: true; config: Config; parsed: ParsedConfig }
  | { ok: false; kind: ConfigErrorKind; issues: ConfigIssue[] };

/** parse + validate for plans and the console; never throws. */
export function checkConfigText(text: string, opts: { secrets?: SecretSource } = {}): CheckResult {
  try {
    const parsed = parseConfigText(text, opts);
    return { ok: true, config: validateConfig(parsed), parsed };
  } catch (err) {
    if (err instanceof ConfigError) return { ok: false, kind: err.kind, issues: err.issues };
    // A bug here must still reach the operator as a result, not as a crashed request.
    const message = `unexpected error while checking the config: ${(err as Error).message ?? String(err)}`;
    return { ok: false, kind: 'load_failed', issues: [issueAt(null, '', 'internal_error', message)] };
  }
}

function summarize(headline: string, issues: readonly ConfigIssue[]): string {
  const first = issues[0];
  if (!first) return headline;
  const where = [first.path || null, first.line !== null ? `line ${first.line}, column ${first.column}` : null].filter(Boolean).join(' at ');
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return `${headline}: ${where ? `${where}: ` : ''}${first.message}${more}`;
}
