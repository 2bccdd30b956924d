// How JavaScript data reads as Go values to the evaluator and the printer.
//
//   undefined, null          nil (an action prints "<no value>", fmt prints "<nil>")
//   boolean, string          bool, string
//   number                   int when it is an integer, else float64; GoFloat(2) is the float64 2
//   Array                    a slice ("[]interface {}" unless it carries GO_TYPE)
//   Map, plain object        a map: `.key` reads an entry, a missing key is "no value"
//   Date                     a time.Time (printed as Go prints one, in UTC)
//   other class instance     a struct: `.Field` reads a property, a missing one is an error
//   GoFunc / bare function   a func value, for `call`
//
// Methods: `.Name args…` on an object whose property `Name` is a function (its
// own, or from its class, but never from Object/Array/Map/Date's built-in
// prototypes) calls it like a Go method, with `this` the receiver and the
// template's arguments; a thrown error becomes "error calling Name: …". As in
// Go, a method wins over a map entry of the same name. A function stored as a
// value (for `call`) must be wrapped in GoFunc, or it would be called.
// A class may name its Go type with a static [GO_TYPE] (for %T and messages);
// a map class may give its element's zero value with a static [ZERO_VALUE],
// which `index` and missingkey=zero return for a missing key.

export const GO_TYPE: unique symbol = Symbol.for('hotconf.template.goType');
export const ZERO_VALUE: unique symbol = Symbol.for('hotconf.template.zeroValue');
/** Optional parameter types on a function or method, checked before it is called (see exec.ts). */
export const SIGNATURE: unique symbol = Symbol.for('hotconf.template.signature');

/** A float64 whose value is an integer: the literal `2.0`, or data that must stay a float. */
export class GoFloat {
  constructor(readonly value: number) {}
}

export type AnyFunction = (...args: any[]) => unknown;

/** A function held as a value, to be run by `call` rather than as a method. */
export class GoFunc {
  constructor(readonly fn: AnyFunction) {}
}

/** A slice whose Go type names its elements (e.g. "[]string"), for %T and type checks. */
export function typedSlice<T>(elemType: string, items: T[]): T[] {
  Object.defineProperty(items, GO_TYPE, { value: `[]${elemType}`, enumerable: false });
  return items;
}

export type Kind = 'nil' | 'bool' | 'int' | 'float' | 'complex' | 'string' | 'slice' | 'map' | 'struct' | 'time' | 'func';

const BUILTIN_PROTOTYPES = new Set<object>([
  Object.prototype, Array.prototype, Map.prototype, Set.prototype, Date.prototype, Function.prototype,
  String.prototype, Number.prototype, Boolean.prototype, RegExp.prototype, Error.prototype,
]);

export function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function kindOf(v: unknown): Kind {
  if (v === undefined || v === null) return 'nil';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return 'string';
    case 'function':
      return 'func';
  }
  if (v instanceof GoFloat) return 'float';
  if (v instanceof GoFunc) return 'func';
  if (Array.isArray(v)) return 'slice';
  if (v instanceof Map) return 'map';
  if (v instanceof Date) return 'time';
  return isPlainObject(v as object) ? 'map' : 'struct';
}

/** The number inside an int or float value. */
export function toNumber(v: unknown): number {
  return v instanceof GoFloat ? v.value : Number(v);
}

/** Go's name for the value's type, as %T and error messages print it. */
export function typeName(v: unknown): string {
  const declared = (v as { [GO_TYPE]?: string } | null | undefined)?.[GO_TYPE]
    ?? ((v as object | null)?.constructor as { [GO_TYPE]?: string } | undefined)?.[GO_TYPE];
  if (typeof declared === 'string' && v !== null && typeof v === 'object') return declared;
  switch (kindOf(v)) {
    case 'nil':
      return '<nil>';
    case 'bool':
      return 'bool';
    case 'int':
      return 'int';
    case 'float':
      return 'float64';
    case 'complex':
      return 'complex128';
    case 'string':
      return 'string';
    case 'slice':
      return '[]interface {}';
    case 'map':
      return 'map[string]interface {}';
    case 'time':
      return 'time.Time';
    case 'func':
      return 'func(...interface {}) (interface {}, error)';
    case 'struct':
      return (v as object).constructor?.name || 'struct';
  }
}

/** Go's truth: false, 0, "", nil and empty slices and maps are false; structs are true. */
export function isTrue(v: unknown): boolean {
  switch (kindOf(v)) {
    case 'nil':
      return false;
    case 'bool':
      return v as boolean;
    case 'int':
    case 'float':
      return toNumber(v) !== 0;
    case 'string':
      return (v as string).length > 0;
    case 'slice':
      return (v as unknown[]).length > 0;
    case 'map':
      return mapSize(v as object) > 0;
    default:
      return true;
  }
}

/** A method (see the header) named `name` on the value, if it has one. */
export function findMethod(receiver: unknown, name: string): AnyFunction | undefined {
  if (receiver === null || typeof receiver !== 'object' || name === 'constructor') return undefined;
  for (let o: object | null = receiver; o !== null && !BUILTIN_PROTOTYPES.has(o); o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d) return typeof d.value === 'function' ? d.value : undefined;
  }
  return undefined;
}

export type FieldLookup = { found: true; value: unknown } | { found: false };

/** A struct's field: an own property, or a getter its class defines. */
export function structField(receiver: object, name: string): FieldLookup {
  for (let o: object | null = receiver; o !== null && !BUILTIN_PROTOTYPES.has(o); o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (!d) continue;
    if (d.get) return { found: true, value: d.get.call(receiver) };
    return { found: true, value: d.value };
  }
  return { found: false };
}

export function structFields(receiver: object): [string, unknown][] {
  return Object.keys(receiver).map((k) => [k, (receiver as Record<string, unknown>)[k]]);
}

export function mapGet(m: object, key: unknown): FieldLookup {
  if (m instanceof Map) return m.has(key) ? { found: true, value: m.get(key) } : { found: false };
  if (typeof key !== 'string' || !Object.hasOwn(m, key)) return { found: false };
  return { found: true, value: (m as Record<string, unknown>)[key] };
}

export function mapSize(m: object): number {
  return m instanceof Map ? m.size : Object.keys(m).length;
}

/** The value a missing key reads as, by the map's declared zero value (nil by default). */
export function mapZero(m: object): unknown {
  return (m.constructor as { [ZERO_VALUE]?: unknown } | undefined)?.[ZERO_VALUE];
}

/** A map's entries in Go's order (fmt and range sort keys): numbers numerically, strings by code point. */
export function sortedEntries(m: object): [unknown, unknown][] {
  const entries: [unknown, unknown][] = m instanceof Map ? [...m.entries()] : Object.entries(m);
  return entries.sort(([a], [b]) => compareKeys(a, b));
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [String(a), String(b)];
  // Code point order, which is Go's byte order on UTF-8.
  const xs = [...x];
  const ys = [...y];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const d = xs[i]!.codePointAt(0)! - ys[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return xs.length - ys.length;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Go's len of a string: its UTF-8 bytes. */
export function byteLength(s: string): number {
  return encoder.encode(s).length;
}

/** Go's s[i:j] on UTF-8 bytes (a cut through a character decodes as U+FFFD). */
export function byteSlice(s: string, i: number, j: number): string {
  return decoder.decode(encoder.encode(s).subarray(i, j));
}

/** Go's s[i]: the byte at i. */
export function byteAt(s: string, i: number): number {
  return encoder.encode(s)[i]!;
}

export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
}
