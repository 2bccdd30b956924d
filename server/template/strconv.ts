// The pieces of Go's strconv that templates depend on: quoting strings the way
// Go prints them (%q, error messages), unquoting literals, and reading number
// literals with Go's syntax (0x, 0o, 0b, leading-zero octal, 1_000, hex floats).

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(c: string): boolean {
  return c === ' ' || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(c);
}

const SHORT_ESCAPES: Record<string, string> = {
  '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v',
};

/** strconv.Quote (or QuoteToASCII when `asciiOnly`): a double-quoted Go string literal. */
export function quote(s: string, asciiOnly = false, q = '"'): string {
  let out = q;
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (c === q || c === '\\') out += '\\' + c;
    else if (asciiOnly ? cp < 0x80 && isPrint(c) : isPrint(c)) out += c;
    else if (SHORT_ESCAPES[c]) out += SHORT_ESCAPES[c];
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
    else if (cp < 0x10000) out += '\\u' + hex(cp, 4);
    else out += '\\U' + hex(cp, 8);
  }
  return out + q;
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

/** strconv.CanBackquote: whether `s` can be written as a raw `...` literal. */
export function canBackquote(s: string): boolean {
  for (const c of s) {
    if (c === '`' || c === '\uFFFD') return false;
    const cp = c.codePointAt(0)!;
    if ((cp < 0x20 && c !== '\t') || cp === 0x7f) return false;
  }
  return true;
}

export class SyntaxError_ extends Error {}
const invalid = (): never => {
  throw new SyntaxError_('invalid syntax');
};

/**
 * Reads one (possibly escaped) character of a quoted literal at `s[at]`, as
 * strconv.UnquoteChar. Bytes written as \x or octal escapes above 0x7f become
 * the code point of the same value: JavaScript strings hold no raw bytes.
 */
export function unquoteChar(s: string, at: number, q: string): { value: string; next: number } {
  const c = s[at];
  if (c === undefined) return invalid();
  if (c === q && (q === "'" || q === '"')) return invalid();
  if (c !== '\\') {
    const whole = String.fromCodePoint(s.codePointAt(at)!);
    return { value: whole, next: at + whole.length };
  }
  const e = s[at + 1];
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
  if (e !== undefined && simple[e] !== undefined) return { value: simple[e]!, next: at + 2 };
  if (e === "'" || e === '"') {
    if (e !== q) return invalid();
    return { value: e, next: at + 2 };
  }
  const digitsOf = (n: number, base: number): number => {
    const text = s.slice(at + 2, at + 2 + n);
    if (text.length !== n || ![...text].every((d) => !Number.isNaN(parseInt(d, base)))) return invalid();
    return parseInt(text, base);
  };
  switch (e) {
    case 'x':
      return { value: String.fromCharCode(digitsOf(2, 16)), next: at + 4 };
    case 'u':
    case 'U': {
      const n = e === 'u' ? 4 : 8;
      const cp = digitsOf(n, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) return invalid();
      return { value: String.fromCodePoint(cp), next: at + 2 + n };
    }
  }
  if (e !== undefined && e >= '0' && e <= '7') {
    const text = s.slice(at + 1, at + 4);
    if (!/^[0-7]{3}$/.test(text)) return invalid();
    const v = parseInt(text, 8);
    if (v > 255) return invalid();
    return { value: String.fromCharCode(v), next: at + 4 };
  }
  return invalid();
}

/** strconv.Unquote for a "..." or `...` literal; throws SyntaxError_('invalid syntax'). */
export function unquote(lit: string): string {
  if (lit.length >= 2 && lit[0] === '`' && lit.endsWith('`')) return lit.slice(1, -1).replaceAll('\r', '');
  if (lit.length < 2 || lit[0] !== '"' || !lit.endsWith('"')) return invalid();
  const body = lit.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; ) {
    const { value, next } = unquoteChar(body, i, '"');
    out += value;
    i = next;
  }
  return out;
}

/** Go's rule for `_` in number literals: only between digits (a base prefix counts as a digit). */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  let isHex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1]!)) {
    i = 2;
    saw = '0';
    isHex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (isHex && /[a-fA-F]/.test(c))) {
      saw = '0';
    } else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** strconv.ParseInt(s, 0, 64) (`signed`) or ParseUint(s, 0, 64); undefined on any error. */
export function parseInteger(s: string, signed: boolean): bigint | undefined {
  const orig = s;
  let neg = false;
  if (signed && (s[0] === '+' || s[0] === '-')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  let base = 10;
  if (s[0] === '0' && s.length > 1) {
    const p = s[1]!.toLowerCase();
    if (p === 'x' || p === 'o' || p === 'b') {
      base = p === 'x' ? 16 : p === 'o' ? 8 : 2;
      s = s.slice(2);
    } else {
      base = 8;
      s = s.slice(1);
    }
  }
  if (s === '') return undefined;
  let n = 0n;
  let underscores = false;
  for (const c of s) {
    if (c === '_') {
      underscores = true;
      continue;
    }
    const d = parseInt(c, 36);
    if (Number.isNaN(d) || d >= base) return undefined;
    n = n * BigInt(base) + BigInt(d);
  }
  if (underscores && !underscoreOK(orig)) return undefined;
  if (neg) n = -n;
  if (signed ? n > INT64_MAX || n < -INT64_MAX - 1n : n > UINT64_MAX) return undefined;
  return n;
}

/** strconv.ParseFloat(s, 64) for what the lexer can produce; undefined on a syntax or range error. */
export function parseFloat64(s: string): number | undefined {
  if (s.includes('_') && !underscoreOK(s)) return undefined;
  const t = s.replaceAll('_', '');
  let value: number;
  const hexMatch = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(t);
  if (hexMatch) {
    const [, sign, int = '', frac = '', exp = '0'] = hexMatch;
    if (int + frac === '') return undefined;
    const mantissa = Number(BigInt('0x' + int + frac));
    value = mantissa * 2 ** (Number(exp) - 4 * frac.length);
    if (sign === '-') value = -value;
  } else if (/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(t)) {
    value = Number(t);
  } else {
    return undefined;
  }
  return Number.isFinite(value) ? value : undefined;
}
