// Hostile config texts (issue 11, "bounded parsing"), shared by the in-process tests of the
// config core and the real-process tests in hostile-yaml.test.ts. Each entry says which
// located issue must answer it. Every text but the size one is at most 1 MB.
import { PARSE_TIME_LIMIT_MS } from '../../server/config/parse-budget';
import { MAX_CONFIG_BYTES } from '../../server/config/read-yaml';

export interface HostileInput {
  name: string;
  /** Text, or raw bytes for what a text cannot hold (bytes that are not UTF-8). */
  body: string | Buffer;
  /** The issue code that must answer it. */
  code: string;
  /** Which phase refuses it (load unless said). */
  kind?: 'load_failed' | 'validation_failed';
  /** Where it must point, when that is one place. */
  line?: number;
}

/** Valid sections, so that only the hostile part can be wrong. */
const HEAD = 'route:\n  receiver: default\nreceivers:\n  - name: default\n';

/** `x<i>: &x<i> {<<: *x<i-1>, k<i>: i}` until `bytes`: each mapping merges all keys of the
 *  one before, quadratic in the length (180 KB → 5.8 s and +0.7 GB with js-yaml alone). */
export function mergeChain(bytes: number): string {
  let text = `${HEAD}x0: &x0 {k0: 0}\n`;
  for (let i = 1; ; i++) {
    const line = `x${i}: &x${i} {<<: *x${i - 1}, k${i}: ${i}}\n`;
    if (text.length + line.length > bytes) return text;
    text += line;
  }
}

/** Ten lists of ten aliases of the list before: 10^levels values from a few hundred bytes. */
export function billionLaughs(levels: number, indent = ''): string {
  let text = `${indent}l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
  for (let i = 1; i < levels; i++) text += `${indent}l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]\n`;
  return text;
}

/** A mapping of `n` keys `k<i>: 1`, block style, under `x`. */
const manyKeys = (n: number): string => `x:\n${Array.from({ length: n }, (_, i) => `  k${i}: 1\n`).join('')}`;

/** A mapping merged into itself from inside, again and again: each `{<<: *a}` copies every key
 *  `a` holds so far — 5,000 merged in from `big` — while `a` is still being built. */
export function recursiveMerges(times: number): string {
  let text = `${HEAD}big: &big {${Array.from({ length: 5000 }, (_, i) => `k${i}: ${i}`).join(', ')}}\na: &a\n  <<: *big\n`;
  for (let i = 0; i < times; i++) text += `  x${i}: {<<: *a}\n`;
  return text;
}

export const HOSTILE: HostileInput[] = [
  { name: 'alias bomb (billion laughs, 10^9 values)', body: HEAD + billionLaughs(9), code: 'alias_expansion', line: 7 },
  { name: 'merge-key chain, 180 KB', body: mergeChain(180_000), code: 'alias_expansion', line: 7 },
  { name: 'merge-key chain, 1 MB', body: mergeChain(1_000_000), code: 'alias_expansion', line: 7 },
  {
    // CVE-2025-64718: in js-yaml 4.1.0 this merge set the mapping's prototype, so the bomb
    // was hidden from every own-key walk and zod read `receivers` through the prototype.
    name: '__proto__ merge hiding an alias bomb',
    body: `route:\n  receiver: default\n  <<:\n    __proto__:\n${billionLaughs(9, '      ')}receivers:\n  - name: default\n`,
    code: 'alias_expansion',
    line: 7,
  },
  { name: 'merges of a mapping still being built (5,000 keys × 2,000)', body: recursiveMerges(2000), code: 'alias_expansion' },
  { name: '__proto__ merged into the root route', body: `route: {receiver: default, <<: {__proto__: {receiver: evil}}}\nreceivers: [{name: default}]\n`, code: 'proto_key', line: 1 },
  { name: '__proto__ as a key', body: `${HEAD}__proto__:\n  receivers: []\n`, code: 'proto_key', line: 5 },
  { name: 'flow nesting 10,000 deep', body: `${HEAD}x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, code: 'too_deep', line: 5 },
  { name: 'block nesting 10,000 deep', body: `${HEAD}x:\n  ${'- '.repeat(10_000)}a\n`, code: 'too_deep', line: 6 },
  { name: 'one byte over the size limit', body: `${HEAD}x: "${'a'.repeat(MAX_CONFIG_BYTES - HEAD.length - 5)}"\n`, code: 'too_large' },
  { name: 'duplicate keys', body: `${HEAD}route:\n  receiver: other\n`, code: 'yaml_syntax', line: 5 },
  { name: 'a !!js/function tag', body: `${HEAD}x: !!js/function 'function () { return process.exit(1) }'\n`, code: 'yaml_syntax', line: 5 },
  { name: 'an unknown !tag', body: `${HEAD}x: !include /etc/passwd\n`, code: 'yaml_syntax', line: 5 },
  // The \`yaml\` package (which describes syntax errors and locates what the scanner cannot) is
  // quadratic in a mapping's size when it checks for duplicate keys: 2.3 s and 10 s before.
  { name: '20,000 keys, then a syntax error', body: `${HEAD}${manyKeys(20_000)}  bad: [\n`, code: 'yaml_syntax' },
  {
    name: '20,000 unknown fields in a flow mapping',
    body: `route: {receiver: default, ${Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join(', ')}}\nreceivers: [{name: default}]\n`,
    code: 'unrecognized_keys',
    kind: 'validation_failed',
    line: 1,
  },
  { name: 'bytes that are not UTF-8', body: Buffer.concat([Buffer.from(`${HEAD}x: caf`), Buffer.from([0xe9]), Buffer.from('\n')]), code: 'bad_encoding', line: 5 },
];

/** What only a text can hold (a JSON string, the editor's draft): not valid Unicode. */
export const HOSTILE_TEXT_ONLY: HostileInput[] = [{ name: 'half a surrogate pair', body: `${HEAD}x: "\ud800"\n`, code: 'bad_encoding', line: 5 }];

/** What the tests hold each answer to. The targets (200 ms, health within 100 ms) are
 *  bench/hostile/run.ts's to measure: on a shared machine beside the rest of the suite one
 *  request can stall three times over (CI once saw 241 ms on the third try). The ceilings
 *  still catch an unbounded parse: the answer must come well before PARSE_TIME_LIMIT_MS
 *  (1,000 ms), so the work bounds stopped the parse, not the clock (a 180 KB merge chain alone
 *  takes 5.8 s), and a health check held up by a parse on the event loop waits that long. */
export const ANSWER_CEILING_MS = 0.8 * PARSE_TIME_LIMIT_MS;
export const HEALTH_CEILING_MS = 400;
