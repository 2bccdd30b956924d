// A plain (unquoted) YAML scalar that reads as a number or a boolean, kept with its text.
//
// Alertmanager reads its file with yaml.v2, which puts the text as written into a string
// field (`receiver: 1e3` names the receiver "1e3", not "1000"; `name: 1.50` is "1.50") and
// only a plain true/yes/on/… into a boolean field (a quoted "true" is refused there). To judge
// a file as Alertmanager does, the reader keeps both the text and the value of such scalars;
// the schema's field kinds (sections/fields.ts) take whichever they need. Nothing after
// validation sees this type: the validated Config holds plain strings, numbers and booleans.
export class PlainScalar {
  constructor(
    /** The scalar as written. */
    readonly text: string,
    /** What YAML 1.1 reads it as. */
    readonly value: number | boolean,
  ) {}

  /** A mapping key is the text (js-yaml turns keys into strings with String()). */
  toString(): string {
    return this.text;
  }

  /** Not "[object Object]": js-yaml refuses to stringify plain objects used as keys. */
  get [Symbol.toStringTag](): string {
    return 'PlainScalar';
  }

  toJSON(): number | boolean {
    return this.value;
  }
}

/** The value with every PlainScalar replaced by its value (for comparisons and display). */
export function plainValues(value: unknown): unknown {
  if (value instanceof PlainScalar) return value.value;
  if (Array.isArray(value)) return value.map(plainValues);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainValues(v)]));
  return value;
}
