// Go's fmt for template values: how an action prints a value, and print,
// println and printf with Go's verbs, flags, widths, precisions, argument
// indexes and its in-band error notes (%!d(string=x), %!v(MISSING), %!(EXTRA …)).
// Floats are formatted from their exact binary value, rounding half to even,
// so %.1f of 0.25 is 0.2 as in Go (JavaScript's toFixed says 0.3).

import { canBackquote, isPrint, quote } from './strconv';
import {
  findMethod, kindOf, sortedEntries, structFields, toNumber, typeName, utf8Bytes,
} from './values';

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  /** %+v: print struct field names. */
  plusV: boolean;
  /** %#v: Go syntax. */
  sharpV: boolean;
  wid?: number;
  prec?: number;
}

const noFlags = (): Flags => ({ plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false });

/** fmt.Sprint: operands printed with %v, a space between two that are not strings. */
export function sprint(args: unknown[]): string {
  let out = '';
  args.forEach((a, i) => {
    const isString = typeof a === 'string';
    if (i > 0 && !isString && typeof args[i - 1] !== 'string') out += ' ';
    out += formatArg(a, 'v', noFlags());
  });
  return out;
}

/** fmt.Sprintln: operands with %v, always space-separated, and a newline. */
export function sprintln(args: unknown[]): string {
  return args.map((a) => formatArg(a, 'v', noFlags())).join(' ') + '\n';
}

const MAX_WIDTH = 1e6;

/** fmt.Sprintf. */
export function sprintf(format: string, args: unknown[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  let i = 0;
  const n = format.length;

  // [n] before a width, precision or verb: which (1-based) argument comes next.
  const argIndex = (): boolean => {
    if (format[i] !== '[') return true;
    reordered = true;
    const close = format.indexOf(']', i);
    const index = close < 0 ? NaN : Number(format.slice(i + 1, close));
    if (!Number.isInteger(index) || index < 1 || index > args.length || close - i < 2) {
      i = close < 0 ? n : close + 1;
      return false;
    }
    argNum = index - 1;
    i = close + 1;
    return true;
  };
  // A * width or precision: the next argument, consumed even when it is not an int.
  const intArg = (): number | undefined => {
    if (argNum >= args.length) return undefined;
    const a = args[argNum++];
    if (kindOf(a) !== 'int') return undefined;
    const v = toNumber(a);
    return Math.abs(v) > MAX_WIDTH ? undefined : v;
  };
  const digits = (): number | undefined => {
    const m = /^[0-9]+/.exec(format.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    return Number(m[0]) > MAX_WIDTH ? NaN : Number(m[0]);
  };

  while (i < n) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const f = noFlags();
    for (; i < n; i++) {
      const c = format[i];
      if (c === '#') f.sharp = true;
      else if (c === '0') f.zero = !f.minus;
      else if (c === '+') f.plus = true;
      else if (c === '-') {
        f.minus = true;
        f.zero = false;
      } else if (c === ' ') f.space = true;
      else break;
    }
    let goodIndex = argIndex();
    if (format[i] === '*') {
      i++;
      const w = intArg();
      if (w === undefined) out += '%!(BADWIDTH)';
      else {
        f.wid = Math.abs(w);
        if (w < 0) {
          f.minus = true;
          f.zero = false;
        }
      }
      goodIndex = argIndex() && goodIndex;
    } else {
      const w = digits();
      if (w !== undefined) {
        if (Number.isNaN(w)) out += '%!(BADWIDTH)';
        else f.wid = w;
      }
    }
    if (format[i] === '.') {
      i++;
      goodIndex = argIndex() && goodIndex;
      if (format[i] === '*') {
        i++;
        const p = intArg();
        if (p === undefined || p < 0) out += '%!(BADPREC)';
        else f.prec = p;
        goodIndex = argIndex() && goodIndex;
      } else {
        const p = digits();
        if (p !== undefined && Number.isNaN(p)) out += '%!(BADPREC)';
        else f.prec = p ?? 0;
      }
    }
    goodIndex = argIndex() && goodIndex;
    if (i >= n) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (!goodIndex) {
      out += `%!${verb}(BADINDEX)`;
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    if (verb === 'v') {
      if (f.sharp) {
        f.sharp = false;
        f.sharpV = true;
      }
      if (f.plus) {
        f.plus = false;
        f.plusV = true;
      }
    }
    out += formatArg(args[argNum++], verb, f);
  }
  if (!reordered && argNum < args.length) {
    const extra = args.slice(argNum).map((a) => (a === undefined || a === null ? '<nil>' : `${typeName(a)}=${formatArg(a, 'v', noFlags())}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}

/** How a template action prints a value it produced: nil is "<no value>", the rest as fmt's %v. */
export function printValue(v: unknown): string {
  if (v === undefined || v === null) return '<no value>';
  return formatArg(v, 'v', noFlags());
}

/** One value under one plain verb, e.g. formatVerb(x, 's') is Sprintf("%s", x). */
export function formatVerb(v: unknown, verb: string): string {
  return formatArg(v, verb, noFlags());
}

/** One operand under one verb: fmt's printArg. */
export function formatArg(v: unknown, verb: string, f: Flags, depth = 0): string {
  if (v === undefined || v === null) {
    if (verb === 'T' || verb === 'v') return pad('<nil>', f);
    return badVerb(v, verb, f);
  }
  if (verb === 'T') return pad(typeName(v), f);
  const kind = kindOf(v);
  // Stringers and errors print through their method, for the verbs that take strings.
  if ((kind === 'struct' || kind === 'map' || kind === 'slice') && !f.sharpV && 'vsxXq'.includes(verb)) {
    for (const name of ['Error', 'String']) {
      const method = findMethod(v, name);
      if (method) return formatString(String(method.call(v)), verb, f);
    }
  }
  switch (kind) {
    case 'bool':
      return verb === 't' || verb === 'v' ? pad(String(v), f) : badVerb(v, verb, f);
    case 'int':
      return formatInteger(v, verb, f);
    case 'float':
      return formatFloatVerb(v, verb, f);
    case 'string':
      return formatString(v as string, verb, f);
    case 'time':
      // time.Time is a Stringer: the string verbs print its String().
      return 'vsxXq'.includes(verb) && !f.sharpV ? formatString(goTimeString(v as Date), verb, f) : badVerb(v, verb, f);
    case 'func':
      return verb === 'v' ? pad('0xfunc', f) : badVerb(v, verb, f);
    case 'slice': {
      const items = (v as unknown[]).map((e) => formatArg(e, verb, f, depth + 1));
      if (f.sharpV) return `${typeName(v)}{${items.join(', ')}}`;
      return `[${items.join(' ')}]`;
    }
    case 'map': {
      const items = sortedEntries(v as object).map(([k, e]) => `${formatArg(k, verb, f, depth + 1)}:${formatArg(e, verb, f, depth + 1)}`);
      if (f.sharpV) return `${typeName(v)}{${items.join(', ')}}`;
      return `map[${items.join(' ')}]`;
    }
    case 'struct': {
      const items = structFields(v as object).map(([k, e]) => {
        const value = formatArg(e, verb, f, depth + 1);
        return f.plusV || f.sharpV ? `${k}:${value}` : value;
      });
      return f.sharpV ? `${typeName(v)}{${items.join(', ')}}` : `{${items.join(' ')}}`;
    }
    default:
      return badVerb(v, verb, f);
  }
}

function badVerb(v: unknown, verb: string, f: Flags): string {
  if (v === undefined || v === null) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${formatArg(v, 'v', f)})`;
}

// ---- padding

const runeCount = (s: string): number => [...s].length;

function pad(s: string, f: Flags): string {
  const w = f.wid ?? 0;
  const n = runeCount(s);
  if (n >= w) return s;
  if (f.minus) return s + ' '.repeat(w - n);
  return (f.zero ? '0' : ' ').repeat(w - n) + s;
}

// ---- strings

function formatString(s: string, verb: string, f: Flags): string {
  switch (verb) {
    case 'v':
      return f.sharpV ? pad(quote(s), f) : pad(truncate(s, f), f);
    case 's':
      return pad(truncate(s, f), f);
    case 'q': {
      const t = truncate(s, f);
      if (f.sharp && canBackquote(t)) return pad('`' + t + '`', f);
      return pad(quote(t, f.plus), f);
    }
    case 'x':
    case 'X':
      return pad(hexBytes(utf8Bytes(s), verb, f), f);
  }
  return badVerb(s, verb, f);
}

function truncate(s: string, f: Flags): string {
  return f.prec === undefined ? s : [...s].slice(0, f.prec).join('');
}

function hexBytes(bytes: Uint8Array, verb: string, f: Flags): string {
  const n = f.prec === undefined ? bytes.length : Math.min(f.prec, bytes.length);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    let h = bytes[i]!.toString(16).padStart(2, '0');
    if (verb === 'X') h = h.toUpperCase();
    parts.push(h);
  }
  const prefix = f.sharp ? (verb === 'X' ? '0X' : '0x') : '';
  if (f.space) return parts.map((p) => prefix + p).join(' ');
  return parts.length ? prefix + parts.join('') : '';
}

// ---- integers

function formatInteger(v: unknown, verb: string, f: Flags): string {
  const n = BigInt(toNumber(v));
  switch (verb) {
    case 'v':
    case 'd':
      return integer(n, 10, verb, f);
    case 'b':
      return integer(n, 2, verb, f);
    case 'o':
    case 'O':
      return integer(n, 8, verb, f);
    case 'x':
    case 'X':
      return integer(n, 16, verb, f);
    case 'c':
      return pad(runeOf(n), f);
    case 'q':
      return pad(quoteRune(runeOf(n), f.plus), f);
    case 'U': {
      const hex = n.toString(16).toUpperCase().padStart(f.prec ?? 4, '0');
      const c = runeOf(n);
      return pad(`U+${hex}` + (f.sharp && isPrint(c) ? ` '${c}'` : ''), f);
    }
  }
  return badVerb(v, verb, f);
}

function runeOf(n: bigint): string {
  const cp = Number(n);
  return cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000) ? '\uFFFD' : String.fromCodePoint(cp);
}

function quoteRune(c: string, asciiOnly: boolean): string {
  if (c === '"') return `'"'`;
  return quote(c, asciiOnly, "'");
}

function integer(n: bigint, base: number, verb: string, f: Flags): string {
  const negative = n < 0n;
  let digits = (negative ? -n : n).toString(base);
  if (verb === 'X') digits = digits.toUpperCase();
  // %.3d and %03d both ask for leading zeros; with both, the width pads with spaces.
  let prec = 0;
  if (f.prec !== undefined) {
    prec = f.prec;
    if (prec === 0 && n === 0n) return pad('', { ...f, zero: false });
  } else if (f.zero && f.wid !== undefined && !f.minus) {
    prec = f.wid;
    if (negative || f.plus || f.space) prec--;
  }
  digits = digits.padStart(prec, '0');
  if (f.sharp) {
    if (base === 2) digits = '0b' + digits;
    if (base === 8 && digits[0] !== '0') digits = '0' + digits;
    if (base === 16) digits = (verb === 'X' ? '0X' : '0x') + digits;
  }
  if (verb === 'O') digits = '0o' + digits;
  const sign = negative ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  // Zeros were added above as precision; the width pads with spaces.
  return pad(sign + digits, { ...f, zero: false });
}

// ---- floats

function formatFloatVerb(v: unknown, verb: string, f: Flags): string {
  const x = toNumber(v);
  switch (verb) {
    case 'v':
      return floatField(x, 'g', f.prec ?? -1, f);
    case 'g':
    case 'G':
    case 'x':
    case 'X':
      return floatField(x, verb, f.prec ?? -1, f);
    case 'b':
      return floatField(x, 'b', -1, f);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
      return floatField(x, verb === 'F' ? 'f' : verb, f.prec ?? 6, f);
  }
  return badVerb(v, verb, f);
}

function floatField(x: number, fmtChar: string, prec: number, f: Flags): string {
  let num = formatFloat(x, fmtChar, prec);
  if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
  if (f.space && num[0] === '+' && !f.plus) num = ' ' + num.slice(1);
  if (num[1] === 'I' || num[1] === 'N') {
    if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
    return pad(num, { ...f, zero: false });
  }
  if (f.plus || num[0] !== '+') {
    // Zero padding goes between the sign and the digits.
    if (f.zero && f.wid !== undefined && f.wid > num.length) return num[0] + '0'.repeat(f.wid - num.length) + num.slice(1);
    return pad(num, f);
  }
  return pad(num.slice(1), f);
}

/** strconv.FormatFloat(x, fmt, prec, 64) for fmt e, E, f, g, G (prec -1: shortest). */
export function formatFloat(x: number, fmtChar: string, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (fmtChar === 'b') return sign + binaryFloat(Math.abs(x));
  if (fmtChar === 'x' || fmtChar === 'X') return sign + hexFloat(Math.abs(x), fmtChar, prec);
  const lower = fmtChar.toLowerCase();
  const shortest = prec < 0;
  let d: Decimal;
  if (shortest) {
    d = shortestDecimal(Math.abs(x));
    prec = lower === 'e' ? d.digits.length - 1 : lower === 'f' ? Math.max(d.digits.length - d.dp, 0) : d.digits.length;
  } else {
    d = exactDecimal(Math.abs(x));
    if (lower === 'e') d = round(d, prec + 1);
    else if (lower === 'f') d = round(d, d.dp + prec);
    else {
      if (prec === 0) prec = 1;
      d = round(d, prec);
    }
  }
  if (lower === 'e') return sign + fmtE(d, prec, fmtChar);
  if (lower === 'f') return sign + fmtF(d, prec);
  // %g: %e for exponents below -4 or at least the precision (6 when shortest), else %f.
  const nd = d.digits.length;
  let eprec = prec;
  if (eprec > nd && nd >= d.dp) eprec = nd;
  if (shortest) eprec = 6;
  const exp = d.dp - 1;
  if (exp < -4 || exp >= eprec) return sign + fmtE(d, Math.min(prec, nd) - 1, fmtChar === 'G' ? 'E' : 'e');
  return sign + fmtF(d, Math.max((prec > d.dp ? nd : prec) - d.dp, 0));
}

/** Decimal digits (no leading or trailing zeros; "" for zero) and the decimal point's place. */
interface Decimal {
  digits: string;
  dp: number;
}

function normalize(digits: string, dp: number): Decimal {
  const lead = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(lead).replace(/0+$/, '');
  return { digits, dp: digits === '' ? 0 : dp - lead };
}

/** The shortest digits that read back as x (what JavaScript's toString chooses, as does Go). */
function shortestDecimal(x: number): Decimal {
  if (x === 0) return { digits: '', dp: 0 };
  const [mantissa, exp] = x.toExponential().split('e');
  return normalize(mantissa!.replace('.', ''), Number(exp) + 1);
}

/** Every digit of x's exact binary value. */
function exactDecimal(x: number): Decimal {
  if (x === 0) return { digits: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exp: number;
  if (biased === 0) exp = -1074;
  else {
    mantissa |= 1n << 52n;
    exp = biased - 1075;
  }
  if (exp >= 0) {
    const s = (mantissa << BigInt(exp)).toString();
    return normalize(s, s.length);
  }
  const s = (mantissa * 5n ** BigInt(-exp)).toString();
  return normalize(s, s.length + exp);
}

/** Rounds to n significant digits, half to even. */
function round(d: Decimal, n: number): Decimal {
  if (n < 0) return { digits: '', dp: 0 };
  if (d.digits.length <= n) return d;
  const next = d.digits[n]!;
  let up = next > '5';
  if (next === '5') {
    const rest = d.digits.slice(n + 1);
    up = /[1-9]/.test(rest) || (n > 0 && Number(d.digits[n - 1]) % 2 === 1);
  }
  let kept = d.digits.slice(0, n);
  let dp = d.dp;
  if (up) {
    const bumped = (BigInt(kept || '0') + 1n).toString();
    if (kept === '' || bumped.length > kept.length) dp++;
    kept = kept === '' ? '1' : bumped.slice(0, Math.max(kept.length, 1));
  }
  return normalize(kept, dp);
}

function fmtE(d: Decimal, prec: number, e: string): string {
  const digits = d.digits || '0';
  let s = digits[0]!;
  if (prec > 0) s += '.' + digits.slice(1, prec + 1).padEnd(prec, '0');
  const exp = d.digits === '' ? 0 : d.dp - 1;
  const abs = Math.abs(exp);
  return `${s}${e}${exp < 0 ? '-' : '+'}${abs < 10 ? '0' + abs : abs}`;
}

function fmtF(d: Decimal, prec: number): string {
  const digitAt = (i: number): string => (i >= 0 && i < d.digits.length ? d.digits[i]! : '0');
  let s = '';
  if (d.dp > 0) for (let i = 0; i < d.dp; i++) s += digitAt(i);
  else s = '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) s += digitAt(d.dp + i);
  }
  return s;
}

// ---- time

/** time.Time.String in UTC: "2006-01-02 15:04:05.999999999 +0000 UTC". */
export function goTimeString(t: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const year = t.getUTCFullYear();
  const ms = t.getUTCMilliseconds();
  const frac = ms ? '.' + p(ms, 3).replace(/0+$/, '') : '';
  return `${year < 0 ? '-' + p(-year, 4) : p(year, 4)}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())} ` +
    `${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}${frac} +0000 UTC`;
}

// ---- binary and hex floats (strconv's 'b' and 'x' formats)

const MANT_BITS = 52n;

/** The float's mantissa (with the implicit bit) and its binary exponent for that mantissa
 *  read as a fraction 1.xxx — Go's FormatFloat reads the bits the same way. */
function floatBits(x: number): { mant: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  let exp = Number((bits >> MANT_BITS) & 0x7ffn);
  let mant = bits & ((1n << MANT_BITS) - 1n);
  if (exp === 0) exp++; // subnormal: no implicit bit
  else mant |= 1n << MANT_BITS;
  return { mant, exp: exp - 1023 };
}

/** 'b': the integer mantissa, 'p', the power of two — 1 is 4503599627370496p-52. */
function binaryFloat(x: number): string {
  const { mant, exp } = floatBits(x);
  const e = exp - Number(MANT_BITS);
  return `${mant}p${e >= 0 ? '+' : ''}${e}`;
}

/** 'x': 0x1.8p+01 — one leading hex digit, the fraction (shortest, or `prec` digits rounded
 *  half to even), and a decimal power of two of at least two digits. */
function hexFloat(x: number, fmtChar: string, prec: number): string {
  let { mant, exp } = floatBits(x);
  if (mant === 0n) exp = 0;
  // Put the leading 1 at bit 60, as Go does, so the fraction is read four bits at a time.
  mant <<= 60n - MANT_BITS;
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & ((1n << 60n) - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const upper = fmtChar === 'X';
  let out = `0${fmtChar}${(mant >> 60n) & 1n}`;
  mant = (mant << 4n) & ((1n << 64n) - 1n);
  const digits = prec < 0 ? (mant === 0n ? 0 : Infinity) : prec;
  if (digits > 0) {
    out += '.';
    for (let i = 0; i < digits && (prec >= 0 || mant !== 0n); i++) {
      out += ((mant >> 60n) & 15n).toString(16);
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  }
  if (upper) out = out.toUpperCase();
  const e = Math.abs(exp);
  return `${out}${upper ? 'P' : 'p'}${exp < 0 ? '-' : '+'}${String(e).padStart(2, '0')}`;
}
