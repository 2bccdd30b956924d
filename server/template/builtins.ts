// text/template's predefined functions, as Go 1.19 defines them. Each carries
// its Go signature (SIGNATURE) so the evaluator checks argument counts and
// types with Go's messages. A function reports failure by throwing; the
// evaluator prefixes "error calling NAME: ".
// `and` and `or` are here for their signatures only: the evaluator runs them
// itself, because they must not evaluate the operands after the deciding one.

import { formatVerb, sprint, sprintf, sprintln } from './format';
import { isPrint } from './strconv';
import {
  byteAt, byteLength, byteSlice, GoFunc, GO_TYPE, isTrue, kindOf, mapGet, mapSize, mapZero, SIGNATURE, structFields,
  toNumber, typeName, type AnyFunction,
} from './values';

/** A parameter's Go type, as far as templates can tell types apart. */
export type ParamType = 'any' | 'string' | 'int' | 'float64' | 'bool' | '[]string';

export interface Signature {
  params: ParamType[];
  /** The type of the trailing ...parameter, if the function is variadic. */
  variadic?: ParamType;
}

/** Attaches a Go signature to a function or method. */
export function withSignature<F extends AnyFunction>(fn: F, params: ParamType[], variadic?: ParamType): F {
  (fn as unknown as { [SIGNATURE]: Signature })[SIGNATURE] = { params, variadic };
  return fn;
}

export function signatureOf(fn: AnyFunction): Signature | undefined {
  return (fn as unknown as { [SIGNATURE]?: Signature })[SIGNATURE];
}

const isNil = (v: unknown): boolean => v === undefined || v === null;

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (isNil(item)) throw new Error('index of untyped nil');
  for (const i of indexes) {
    if (isNil(item)) throw new Error('index of nil pointer');
    const kind = kindOf(item);
    if (kind === 'slice' || kind === 'string') {
      const len = kind === 'string' ? byteLength(item as string) : (item as unknown[]).length;
      const x = indexArg(i, len);
      if (x === len) throw new Error(`reflect: ${kind} index out of range`);
      item = kind === 'string' ? byteAt(item as string, x) : (item as unknown[])[x];
    } else if (kind === 'map') {
      const m = item as object;
      // A map's keys are all of one type: strings, unless a Map holds others.
      const first = m instanceof Map ? m.keys().next() : undefined;
      const keyKind = first && !first.done ? kindOf(first.value) : 'string';
      if (!isNil(i) && kindOf(i) !== keyKind) throw new Error(`value has type ${typeName(i)}; should be ${keyKind}`);
      const found = mapGet(m, i);
      item = found.found ? found.value : mapZero(m);
    } else {
      throw new Error(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}

/** An index into something of length `cap`; `cap` itself passes, as in Go (slicing may use it). */
function indexArg(i: unknown, cap: number): number {
  if (isNil(i)) throw new Error('cannot index slice/array with nil');
  if (kindOf(i) !== 'int') throw new Error(`cannot index slice/array with type ${typeName(i)}`);
  const x = toNumber(i);
  if (x < 0 || x > cap) throw new Error(`index out of range: ${x}`);
  return x;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (isNil(item)) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  const kind = kindOf(item);
  let len: number;
  if (kind === 'string') {
    if (indexes.length === 3) throw new Error('cannot 3-index slice a string');
    len = byteLength(item as string);
  } else if (kind === 'slice') {
    len = (item as unknown[]).length;
  } else {
    throw new Error(`can't slice item of type ${typeName(item)}`);
  }
  const idx = [0, len, len];
  indexes.forEach((i, n) => (idx[n] = indexArg(i, len)));
  const [lo, hi, max] = idx as [number, number, number];
  if (lo > hi) throw new Error(`invalid slice index: ${lo} > ${hi}`);
  if (indexes.length === 3 && hi > max) throw new Error(`invalid slice index: ${hi} > ${max}`);
  if (kind === 'string') return byteSlice(item as string, lo, hi);
  const out = (item as unknown[]).slice(lo, hi);
  const declared = (item as { [GO_TYPE]?: string })[GO_TYPE];
  if (declared) Object.defineProperty(out, GO_TYPE, { value: declared, enumerable: false });
  return out;
}

function length(item: unknown): number {
  switch (kindOf(item)) {
    case 'nil':
      throw new Error('reflect: call of reflect.Value.Type on zero Value');
    case 'string':
      return byteLength(item as string);
    case 'slice':
      return (item as unknown[]).length;
    case 'map':
      return mapSize(item as object);
  }
  throw new Error(`len of type ${typeName(item)}`);
}

function call(fn: unknown, ...args: unknown[]): unknown {
  if (isNil(fn)) throw new Error('call of nil');
  const f = fn instanceof GoFunc ? fn.fn : fn;
  if (typeof f !== 'function') throw new Error(`non-function of type ${typeName(fn)}`);
  return f(...args);
}

// ---- comparison

type BasicKind = 'bool' | 'int' | 'float' | 'string' | 'complex';
const BASIC = new Set(['bool', 'int', 'float', 'string', 'complex']);
const basicKind = (v: unknown): BasicKind | undefined => (BASIC.has(kindOf(v)) ? (kindOf(v) as BasicKind) : undefined);

function eq(a: unknown, ...bs: unknown[]): boolean {
  if (bs.length === 0) throw new Error('missing argument for comparison');
  const ka = basicKind(a);
  for (const b of bs) {
    const kb = basicKind(b);
    let truth: boolean;
    if (isNil(a) && isNil(b)) {
      truth = true;
    } else if (ka !== kb || kindOf(a) !== kindOf(b)) {
      // Nil equals nothing but nil; other mismatches are errors.
      if (!isNil(a) && !isNil(b)) throw new Error('incompatible types for comparison');
      truth = isNil(a) && isNil(b);
    } else if (ka) {
      truth = ka === 'int' || ka === 'float' ? toNumber(a) === toNumber(b) : a === b;
    } else {
      truth = equalComposite(a, b);
    }
    if (truth) return true;
  }
  return false;
}

/** Go's == on non-basic values: structs of comparable fields compare by field; slices, maps and funcs cannot. */
function equalComposite(a: unknown, b: unknown): boolean {
  const kind = kindOf(a);
  if (kind === 'time') return (a as Date).getTime() === (b as Date).getTime();
  if (kind === 'struct' && typeName(a) === typeName(b)) {
    const [fa, fb] = [structFields(a as object), structFields(b as object)];
    if (fa.every(([, v]) => basicKind(v) || isNil(v))) return fa.every(([k, v], i) => fb[i]?.[0] === k && fb[i]?.[1] === v);
  }
  if (kind === 'struct' && typeName(a) !== typeName(b)) throw new Error('incompatible types for comparison');
  throw new Error(`non-comparable type ${formatVerb(b, 's')}: ${typeName(b)}`);
}

function lt(a: unknown, b: unknown): boolean {
  const [ka, kb] = [basicKind(a), basicKind(b)];
  if (!ka || !kb) throw new Error('invalid type for comparison');
  if (ka !== kb) throw new Error('incompatible types for comparison');
  if (ka === 'bool' || ka === 'complex') throw new Error('invalid type for comparison');
  if (ka === 'string') return (a as string) < (b as string);
  return toNumber(a) < toNumber(b);
}

const le = (a: unknown, b: unknown): boolean => lt(a, b) || eq(a, b);

// ---- escaping

/** The text html, js and urlquery escape: one string as is, else Sprint with nil read as "<no value>". */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (isNil(a) ? '<no value>' : a)));
}

const HTML_ESCAPES: Record<string, string> = { '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' };

export function htmlEscape(s: string): string {
  return s.replace(/["'&<>]/g, (c) => HTML_ESCAPES[c]!);
}

function jsEscape(s: string): string {
  let out = '';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (c === '\\') out += '\\\\';
    else if (c === "'") out += "\\'";
    else if (c === '"') out += '\\"';
    else if (c === '<' || c === '>' || c === '&' || c === '=') out += '\\u00' + cp.toString(16).toUpperCase();
    else if (cp < 0x20) out += '\\u00' + cp.toString(16).toUpperCase().padStart(2, '0');
    else if (cp < 0x80 || isPrint(c)) out += c;
    else out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

/** url.QueryEscape: unreserved bytes kept, space as '+', the rest %XX of their UTF-8. */
function queryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+');
}

export const BUILTINS: ReadonlyMap<string, AnyFunction> = new Map<string, AnyFunction>([
  ['and', withSignature(() => undefined, ['any'], 'any')],
  ['or', withSignature(() => undefined, ['any'], 'any')],
  ['not', withSignature((a: unknown) => !isTrue(a), ['any'])],
  ['call', withSignature(call, ['any'], 'any')],
  ['index', withSignature(index, ['any'], 'any')],
  ['slice', withSignature(slice, ['any'], 'any')],
  ['len', withSignature(length, ['any'])],
  ['print', withSignature((...a: unknown[]) => sprint(a), [], 'any')],
  ['printf', withSignature((format: string, ...a: unknown[]) => sprintf(format, a), ['string'], 'any')],
  ['println', withSignature((...a: unknown[]) => sprintln(a), [], 'any')],
  ['html', withSignature((...a: unknown[]) => htmlEscape(evalArgs(a)), [], 'any')],
  ['js', withSignature((...a: unknown[]) => jsEscape(evalArgs(a)), [], 'any')],
  ['urlquery', withSignature((...a: unknown[]) => queryEscape(evalArgs(a)), [], 'any')],
  ['eq', withSignature(eq, ['any'], 'any')],
  ['ne', withSignature((a: unknown, b: unknown) => !eq(a, b), ['any', 'any'])],
  ['lt', withSignature(lt, ['any', 'any'])],
  ['le', withSignature(le, ['any', 'any'])],
  ['gt', withSignature((a: unknown, b: unknown) => !le(a, b), ['any', 'any'])],
  ['ge', withSignature((a: unknown, b: unknown) => !lt(a, b), ['any', 'any'])],
]);
