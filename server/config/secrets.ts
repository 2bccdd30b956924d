// Secret-bearing fields: where they are, how `${env:NAME}` / `${file:/path}` references
// resolve, and how secrets are kept out of everything the service shows (API responses,
// error messages, events, diffs). A secret value never appears in a message built here:
// messages name the reference, never what it resolved to.
import { PlainScalar } from './plain-scalar';
import { configSchema, isSecretField, type Config } from './schema';
import { fieldPaths } from './schema-walk';

/** Where secret values come from; injected, because only the service reads real ones
 *  (server/reload/process-secrets.ts). The console and the browser use presentSecrets. */
export interface SecretSource {
  env: Record<string, string | undefined>;
  readFile(path: string): string;
}

/** A secret file holds one value (a URL, a key); anything bigger is a wrong path, not a secret. */
export const MAX_SECRET_FILE_BYTES = 64 * 1024;

/** What a reference stands for where the real value is not known: an https URL, so that it
 *  passes the URL fields' check as well as any other secret field's. */
const PRESENT = 'https://secret.invalid/resolved-by-the-service';

/**
 * For the sides that do not hold the service's secrets (the console, the editor): every
 * well-formed reference answers "present". Their form and their place are still checked;
 * whether the variable or file exists is the service's to say (its plan and reload do).
 */
export const presentSecrets: SecretSource = {
  env: new Proxy<Record<string, string | undefined>>({}, { get: (_target, key) => (typeof key === 'string' ? PRESENT : undefined), has: () => true }),
  readFile: () => PRESENT,
};

/** Patterns of the secret-bearing fields, found in the schema ('*' stands for every item
 *  of a list). */
export const SECRET_PATHS: readonly string[] = fieldPaths(configSchema, isSecretField).map((p) => p.join('.'));

export const REDACTED = '<secret>';

const SECRET_SEGMENTS = SECRET_PATHS.map((p) => p.split('.'));

export type YamlPath = (string | number)[];

// ---------------------------------------------------------------- references

export type SecretRef = { kind: 'env'; name: string; text: string } | { kind: 'file'; path: string; text: string };

const ENV_REF = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;
const FILE_REF = /^\$\{file:([^}]+)\}$/;
/** Any `${env:…}` / `${file:…}` inside a longer string, for the "must be the whole value" check. */
const EMBEDDED_REF = /\$\{(?:env|file):/;

type RefParse = { ref: SecretRef } | { error: string } | null;

/** Classifies a field's value: a reference, a malformed reference, or a plain value (null). */
function parseRef(value: string): RefParse {
  const env = ENV_REF.exec(value);
  if (env) return { ref: { kind: 'env', name: env[1]!, text: value } };
  const file = FILE_REF.exec(value);
  if (file) {
    const path = file[1]!;
    if (!path.startsWith('/')) {
      return { error: `\${file:${path}} must name an absolute path (e.g. \${file:/run/secrets/slack_url}): the service's working directory is not a stable base` };
    }
    return { ref: { kind: 'file', path, text: value } };
  }
  // `${SLACK_URL}` is what a shell user writes, `${env:SLACK-URL}` a near miss: tell them
  // the form hotconf understands.
  if (value.startsWith('${') && value.endsWith('}') && value.indexOf('${', 1) === -1) {
    return { error: 'this looks like a secret reference but is not one: write ${env:NAME} (NAME of letters, digits and _) or ${file:/absolute/path}' };
  }
  if (EMBEDDED_REF.test(value)) {
    return { error: 'a secret reference must be the whole value: ${env:…} or ${file:…} inside a longer string is not expanded; put the complete secret (e.g. the full URL) into the variable or file' };
  }
  return null;
}

/** The code a SecretSource throws for a file outside the folders it may read
 *  (server/reload/file-roots.ts). */
const OUTSIDE = 'EOUTSIDE';

export type RefValue = { ok: true; value: string } | { ok: false; message: string; marker: string };

/** Resolves one reference. The message says what is wrong and what to do; never the value. */
export function readSecretRef(ref: SecretRef, secrets: SecretSource): RefValue {
  if (ref.kind === 'env') {
    const value = secrets.env[ref.name];
    const what = `environment variable ${ref.name} (from ${ref.text})`;
    if (value === undefined) {
      return { ok: false, marker: 'unset', message: `${what} is not set in the service's environment: export it before starting hotconf, or use \${file:/path}` };
    }
    if (value === '') return { ok: false, marker: 'empty', message: `${what} is empty: set it to the secret's value` };
    return { ok: true, value };
  }
  const what = `file ${ref.path} (from ${ref.text})`;
  let content: string;
  try {
    content = secrets.readFile(ref.path);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const reason = typeof code === 'string' ? code : 'EUNKNOWN';
    // The source's own words for a path outside the allowed folders: they name the folders
    // and the flag, and were built without looking at the file.
    if (reason === OUTSIDE) return { ok: false, marker: reason, message: `${what} is not allowed: ${(err as Error).message}` };
    return { ok: false, marker: reason, message: `${what} ${describeFileError(reason)}` };
  }
  // Files written with `echo` end in a newline that is not part of the secret; only one is
  // trimmed so a value that deliberately ends in whitespace survives.
  const value = content.replace(/\r?\n$/, '');
  if (value === '') return { ok: false, marker: 'empty', message: `${what} is empty: write the secret into it` };
  return { ok: true, value };
}

function describeFileError(code: string): string {
  switch (code) {
    case 'ENOENT':
      return 'does not exist: create it (readable by the service) or fix the path';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read by the service (permission denied): make it readable by the user hotconf runs as';
    case 'EISDIR':
    case 'ENOTREG':
      return 'is not a regular file: point the reference at a file that holds only the secret';
    case 'EFBIG':
      return `is larger than ${MAX_SECRET_FILE_BYTES / 1024} KiB: a secret file must hold only the secret`;
    default:
      return `cannot be read (${code}): check the path and its permissions`;
  }
}

/** Every reference written anywhere in a text (comments included), in order, without
 *  duplicates; a cheap regex scan, no YAML parse. */
export function scanSecretRefs(text: string): SecretRef[] {
  const found = new Map<string, SecretRef>();
  for (const m of text.matchAll(/\$\{(env|file):([^}\s'"]*)\}/g)) {
    const parsed = parseRef(m[0]);
    if (parsed && 'ref' in parsed && !found.has(m[0])) found.set(m[0], parsed.ref);
  }
  return [...found.values()];
}

/** Wraps a source so each variable and file is read at most once: the fingerprint and the
 *  resolved values of one load then come from the same reads, even if a file changes meanwhile. */
export function memoizeSecrets(source: SecretSource): SecretSource {
  const files = new Map<string, { content: string } | { error: unknown }>();
  return {
    env: source.env,
    readFile(path) {
      let entry = files.get(path);
      if (!entry) {
        try {
          entry = { content: source.readFile(path) };
        } catch (error) {
          entry = { error };
        }
        files.set(path, entry);
      }
      if ('error' in entry) throw entry.error;
      return entry.content;
    },
  };
}

// ---------------------------------------------------------------- resolution

export type SecretErrorCode =
  /** A well-formed reference whose variable or file gives no value. */
  | 'secret_unresolved'
  /** A malformed reference, or one embedded in a longer string. */
  | 'secret_ref_invalid'
  /** A reference outside the secret fields. */
  | 'secret_ref_misplaced'
  /** A `${file:}` outside the folders the service may read secrets from. */
  | 'secret_file_outside';

export interface ResolveResult {
  resolved: unknown;
  errors: Array<{ path: YamlPath; message: string; code: SecretErrorCode }>;
}

/**
 * Replaces references at SECRET_PATHS with their values. The input is not mutated: only
 * the objects along a replaced path are copied. A reference anywhere else is an error
 * (it would otherwise be used literally, e.g. a Slack channel named "${env:X}").
 */
export function resolveSecretRefs(raw: unknown, secrets: SecretSource): ResolveResult {
  const errors: ResolveResult['errors'] = [];
  let resolved = raw;
  for (const segments of SECRET_SEGMENTS) {
    resolved = rewriteAt(resolved, segments, 0, [], (value, path) => {
      if (typeof value !== 'string') return value;
      const parsed = parseRef(value);
      if (parsed === null) return value;
      if ('error' in parsed) {
        errors.push({ path, message: parsed.error, code: 'secret_ref_invalid' });
        return value;
      }
      const result = readSecretRef(parsed.ref, secrets);
      if (!result.ok) {
        errors.push({ path, message: result.message, code: result.marker === OUTSIDE ? 'secret_file_outside' : 'secret_unresolved' });
        return value;
      }
      return result.value;
    });
  }
  findMisplacedRefs(raw, [], errors);
  return { resolved, errors };
}

/** Reports references outside the secret fields; they are never resolved there.
 *  `path` is one mutable stack (copied only into an error): this walks every value. */
function findMisplacedRefs(node: unknown, path: YamlPath, errors: ResolveResult['errors']): void {
  if (typeof node === 'string') {
    if (EMBEDDED_REF.test(node) && !isSecretPath(path)) {
      errors.push({
        path: [...path],
        code: 'secret_ref_misplaced',
        message: `secret references are only resolved in secret fields (passwords, keys, tokens, webhook URLs: their hover says "Secret"); ${path.join('.') || 'this value'} is not one, so the reference would be used literally`,
      });
    }
    return;
  }
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      path.push(i);
      findMisplacedRefs(node[i], path, errors);
      path.pop();
    }
  } else if (isPlainObject(node)) {
    for (const key of Object.keys(node)) {
      path.push(key);
      findMisplacedRefs(node[key], path, errors);
      path.pop();
    }
  }
}

export function isSecretPath(path: readonly (string | number)[]): boolean {
  return SECRET_SEGMENTS.some(
    (segs) => segs.length === path.length && segs.every((s, i) => (s === '*' ? typeof path[i] === 'number' : s === path[i])),
  );
}

// ---------------------------------------------------------------- redaction

/** A copy of the config with every secret field that is set replaced by REDACTED, and the
 *  credentials of a URL in any other field (`https://user:pass@host/…`, a proxy URL, an API
 *  URL) replaced too. Unchanged subtrees are shared with the input: treat the result as
 *  read-only. */
export function redactConfig(cfg: Config): Config {
  let out: unknown = cfg;
  for (const segments of SECRET_SEGMENTS) {
    out = rewriteAt(out, segments, 0, [], (value) => (value === undefined ? value : REDACTED));
  }
  return redactUrlCredentials(out) as Config;
}

/** `scheme://userinfo@` at the start of a value: userinfo is a credential wherever it is. */
const URL_USERINFO = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#@]*@/;

function redactUrlCredentials(node: unknown): unknown {
  if (typeof node === 'string') return URL_USERINFO.test(node) ? node.replace(URL_USERINFO, `$1${REDACTED}@`) : node;
  if (Array.isArray(node)) {
    let copy: unknown[] | null = null;
    node.forEach((item, i) => {
      const next = redactUrlCredentials(item);
      if (next !== item) (copy ??= [...node])[i] = next;
    });
    return copy ?? node;
  }
  if (!isPlainObject(node)) return node;
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(node)) {
    const next = redactUrlCredentials(node[key]);
    if (next !== node[key]) (copy ??= { ...node })[key] = next;
  }
  return copy ?? node;
}

/** The values at the secret fields of a (resolved) document, for scrubbing messages. */
export function collectSecretValues(doc: unknown): string[] {
  const values: string[] = [];
  for (const segments of SECRET_SEGMENTS) {
    rewriteAt(doc, segments, 0, [], (value) => {
      if (value instanceof PlainScalar) values.push(value.text);
      else if (value !== null && value !== undefined && typeof value !== 'object') values.push(String(value));
      return value;
    });
  }
  return values;
}

/** Shorter values are not scrubbed: replacing a 1-3 character "secret" would mangle
 *  ordinary words of every message, and such values do not protect anything anyway. */
const MIN_SCRUB_LENGTH = 4;

/** Defence in depth for messages built by code that does not know which values are secret
 *  (zod, schema refinements): replaces any secret value with REDACTED. */
export function scrubSecrets(message: string, secretValues: readonly string[]): string {
  let out = message;
  for (const s of secretValues) if (s.length >= MIN_SCRUB_LENGTH && out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}

// ---------------------------------------------------------------- path rewriting

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Applies `fn` to the values a pattern reaches and returns the document with them replaced,
 * copying only the containers on the way to a replaced value (copy-on-write), so a config
 * of 1,000 receivers without references costs a walk and no allocation. Shapes that do not
 * fit the pattern (a list where a mapping should be) are left alone: validation reports them.
 */
function rewriteAt(
  node: unknown,
  segments: readonly string[],
  i: number,
  path: YamlPath,
  fn: (value: unknown, path: YamlPath) => unknown,
): unknown {
  // `path` is one mutable stack for the whole walk; `fn` gets its own copy.
  if (i === segments.length) return fn(node, [...path]);
  const seg = segments[i]!;
  if (seg === '*') {
    if (!Array.isArray(node)) return node;
    let copy: unknown[] | null = null;
    for (let idx = 0; idx < node.length; idx++) {
      const item: unknown = node[idx];
      path.push(idx);
      const next = rewriteAt(item, segments, i + 1, path, fn);
      path.pop();
      if (next !== item) (copy ??= [...node])[idx] = next;
    }
    return copy ?? node;
  }
  if (!isPlainObject(node) || !Object.hasOwn(node, seg)) return node;
  const child = node[seg];
  path.push(seg);
  const next = rewriteAt(child, segments, i + 1, path, fn);
  path.pop();
  return next === child ? node : { ...node, [seg]: next };
}
