// zod issues → ConfigIssues an operator can act on: a dot-joined YAML path, the line and
// column in their file, and a message in YAML words ("a mapping", "a list") that says
// what is allowed. zod's own messages are written for programmers ("Invalid input:
// expected object, received array"); the schema's custom messages are kept as they are.
import type { z } from 'zod';
import type { ConfigIssue } from '../contract/config';
import { byPosition, issueAt } from './errors';
import { createLocator, type PathLocator } from './locate';
import { configSchema } from './schema';
import { PlainScalar } from './plain-scalar';
import { objectShapeAt, type SchemaNode } from './schema-walk';

type ZodIssue = z.core.$ZodIssue;
type Path = (string | number)[];

interface Draft {
  path: Path;
  code: string;
  message: string;
  /** About the key itself (an unknown field), not its value. */
  onKey?: boolean;
}

/**
 * Every zod issue, located in `text`. `input` (the document zod validated) lets messages
 * say what was found ("got a string"); without it they fall back to zod's wording.
 * One issue per path: zod may report a value twice (a duration that fails its pattern is
 * then also "out of range"), and the first is the one that explains it.
 * Sorted by position, so a list reads top to bottom like the file.
 */
export function issuesFromZod(error: z.ZodError, text: string, input?: unknown): ConfigIssue[] {
  const drafts = error.issues.flatMap((issue) => draftsFor(issue, input));
  const seen = new Set<string>();
  const unique = drafts.filter((d) => {
    const key = d.path.join('.');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  let locator: PathLocator | null = null;
  // Locating costs up to a parse per issue: a draft with 20,000 unknown keys took 10 s.
  const issues = unique.slice(0, MAX_LOCATED_ISSUES).map((d): ConfigIssue => {
    locator ??= createLocator(text);
    return issueAt(locator(d.path, { onKey: d.onKey ?? false }), d.path.join('.'), d.code, d.message);
  });
  issues.sort(byPosition);
  if (unique.length > issues.length) issues.push(issueAt(null, '', 'too_many_issues', `more problems are not listed (at most ${MAX_LOCATED_ISSUES} are): fix these first`));
  return issues;
}

/** The most issues one check locates and reports (the rest are counted). */
export const MAX_LOCATED_ISSUES = 200;

function toPath(path: readonly PropertyKey[]): Path {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

function draftsFor(issue: ZodIssue, input: unknown): Draft[] {
  const path = toPath(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      // zod reports the parent with a list of keys; an editor marker belongs on each key.
      // Past the number reported, the keys need no message ("did you mean" costs).
      return issue.keys.slice(0, MAX_LOCATED_ISSUES + 1).map((key) => ({ path: [...path, key], code: issue.code, message: unknownFieldMessage(key, path), onKey: true }));
    case 'invalid_type':
      return [{ path, code: issue.code, message: invalidTypeMessage(issue, path, input) }];
    case 'invalid_value':
      return [{ path, code: issue.code, message: isZodDefault(issue.message) ? `expected one of: ${issue.values.map(String).join(', ')}` : issue.message }];
    case 'too_small':
    case 'too_big':
      return [{ path, code: issue.code, message: isZodDefault(issue.message) ? boundMessage(issue) : issue.message }];
    case 'invalid_key': {
      const inner = issue.issues[0]?.message ?? 'not allowed here';
      return [{ path, code: issue.code, message: `key '${String(path.at(-1))}' is not valid: ${inner}`, onKey: true }];
    }
    case 'invalid_format':
      return [{ path, code: issue.code, message: isZodDefault(issue.message) ? `has the wrong format (expected ${issue.format})` : issue.message }];
    case 'invalid_union': {
      // The schema writes "X, or null" (and "a string, or any scalar") as a union
      // (sections/fields.ts): report what is wrong with X, not "invalid input". The option
      // that got past the value's kind explains the problem; when none did, the first
      // option (the field's main type) says what kind is expected.
      const options = issue.errors;
      const deeper = options.filter((errs) => errs.some((e) => e.path.length > 0));
      const chosen = deeper[0] ?? options[0] ?? [];
      if (chosen.length === 0) return [{ path, code: issue.code, message: 'has a value of the wrong kind' }];
      return chosen.flatMap((e) => draftsFor({ ...e, path: [...issue.path, ...e.path] } as ZodIssue, input));
    }
    case 'custom': {
      const rule = (issue.params as { rule?: unknown } | undefined)?.rule;
      return [{ path, code: typeof rule === 'string' ? rule : 'custom', message: issue.message }];
    }
    default:
      return [{ path, code: issue.code, message: issue.message }];
  }
}

/** zod's built-in messages start with these words; the schema's own messages never do. */
function isZodDefault(message: string): boolean {
  return /^(Invalid|Too (small|big)|Unrecognized)\b/.test(message);
}

function label(path: Path): string {
  return path.length === 0 ? 'the top level' : path.join('.');
}

// ---------------------------------------------------------------- unknown fields

function unknownFieldMessage(key: string, parent: Path): string {
  const allowed = allowedKeys(parent);
  let message = `unknown field '${key}' under ${label(parent)}`;
  if (allowed.length > 0) {
    const guess = closest(key, allowed);
    if (guess) message += `: did you mean '${guess}'?`;
    message += ` (allowed: ${allowed.join(', ')})`;
  }
  return message;
}

/** The keys the schema accepts at a path, minus the Alertmanager kinds listed only to be
 *  refused with a clear message (offering them as "allowed" would send operators astray). */
function allowedKeys(path: Path): string[] {
  const shape = objectShapeAt(configSchema as unknown as SchemaNode, path);
  if (!shape) return [];
  return Object.entries(shape)
    .filter(([, schema]) => !schema.description?.startsWith('Not supported'))
    .map(([key]) => key);
}

/** The allowed key within edit distance 2 of a typo, if exactly one is nearest. */
function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

// ---------------------------------------------------------------- types and bounds

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value lines)',
  array: 'a list',
  record: 'a mapping (key: value lines)',
};

function invalidTypeMessage(issue: Extract<ZodIssue, { code: 'invalid_type' }>, path: Path, input: unknown): string {
  const expected = EXPECTED[issue.expected] ?? issue.expected;
  const found = input === undefined ? receivedFromMessage(issue.message) : { value: valueAt(input, path) };
  if (found === null) return isZodDefault(issue.message) ? `expected ${expected}` : issue.message;
  if (found.value === undefined) return `${label(path)} is required (${expected})`;
  // Only the kind of value is named, never the value: this field may be a secret.
  let message = `expected ${expected}, got ${describeValue(found.value)}`;
  const v = found.value;
  if (typeof v === 'string' && (issue.expected === 'number' || issue.expected === 'int') && /^[-+]?\d+(\.\d+)?$/.test(v.trim())) {
    message += ': remove the quotes around the number';
  } else if (typeof v === 'string' && issue.expected === 'boolean' && /^(true|false)$/i.test(v.trim())) {
    message += ': write true or false without quotes';
  } else if (typeof v === 'number' && issue.expected === 'string') {
    message += ": quote it (e.g. '123') if it is meant as text";
  }
  return message;
}

/** Without the input, zod's message still names the kind it received. */
function receivedFromMessage(message: string): { value: unknown } | null {
  const kind = /received (\w+)/.exec(message)?.[1];
  const sample: Record<string, unknown> = { undefined: undefined, null: null, string: '', number: 0, boolean: false, array: [], object: {} };
  return kind !== undefined && kind in sample ? { value: sample[kind] } : null;
}

function describeValue(found: unknown): string {
  const v = found instanceof PlainScalar ? found.value : found;
  if (v === null) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(v) || !Number.isFinite(v) ? 'a number' : 'a fractional number';
    case 'boolean':
      return 'true/false';
    case 'object':
      return 'a mapping';
    default:
      return typeof v;
  }
}

function valueAt(doc: unknown, path: Path): unknown {
  let node = doc;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Object.hasOwn(node, segment) ? (node as Record<string | number, unknown>)[segment] : undefined;
  }
  return node;
}

function boundMessage(issue: Extract<ZodIssue, { code: 'too_small' | 'too_big' }>): string {
  const small = issue.code === 'too_small';
  const limit = small ? issue.minimum : issue.maximum;
  const n = Number(limit);
  switch (issue.origin) {
    case 'string':
      if (small && n === 1) return 'must not be empty';
      return small ? `must be at least ${n} characters long` : `must be at most ${n} characters long`;
    case 'array':
      return small ? `must have at least ${n} item${n === 1 ? '' : 's'}` : `must have at most ${n} items`;
    default:
      if (issue.inclusive === false) return small ? `must be greater than ${n}` : `must be less than ${n}`;
      return small ? `must be at least ${n}` : `must be at most ${n}`;
  }
}
