// ../../tmp/inc/split.ts
import { readFileSync } from "node:fs";

// server/config/locate.ts
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, visit } from "yaml";
var PARSE_TO_LOCATE_UP_TO = 128 * 1024;

// server/config/plain-scalar.ts
var PlainScalar = class {
  constructor(text, value) {
    this.text = text;
    this.value = value;
  }
  text;
  value;
  /** A mapping key is the text (js-yaml turns keys into strings with String()). */
  toString() {
    return this.text;
  }
  /** Not "[object Object]": js-yaml refuses to stringify plain objects used as keys. */
  get [Symbol.toStringTag]() {
    return "PlainScalar";
  }
  toJSON() {
    return this.value;
  }
};

// server/config/read-yaml.ts
import yaml2 from "js-yaml";

// server/config/yaml-schema.ts
import yaml from "js-yaml";
var MERGE_KEY = new yaml.Type("tag:yaml.org,2002:merge", { kind: "scalar", resolve: (s) => s === "<<" });
function scalarType(tag, test, construct) {
  return new yaml.Type(`tag:yaml.org,2002:${tag}`, { kind: "scalar", resolve: (s) => s !== null && test.test(s), construct });
}
var TRUE = /^(?:y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
var BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
var CORE_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    scalarType("null", /^(?:~|[Nn]ull|NULL)?$/, () => null),
    scalarType("bool", BOOL, (s) => new PlainScalar(s, TRUE.test(s))),
    scalarType(
      "int",
      /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/,
      (s) => new PlainScalar(s, s.startsWith("0o") ? parseInt(s.slice(2), 8) : s.startsWith("0x") ? parseInt(s.slice(2), 16) : parseInt(s, 10))
    ),
    scalarType("float", /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/, (s) => {
      if (/nan$/i.test(s)) return new PlainScalar(s, NaN);
      if (/inf$/i.test(s)) return new PlainScalar(s, s.startsWith("-") ? -Infinity : Infinity);
      return new PlainScalar(s, parseFloat(s));
    }),
    MERGE_KEY
  ]
});

// server/config/read-yaml.ts
var MAX_CONFIG_BYTES = 4 * 1024 * 1024;
var DESCRIBE_UP_TO = 64 * 1024;

// server/config/schema.ts
import { z as z8 } from "zod";

// server/config/editor-hints.ts
import { z } from "zod";
var editorHints = z.registry();
function requiredInEditor(schema, fields) {
  editorHints.add(schema, { required: fields });
  return schema;
}

// server/config/sections/fields.ts
import { z as z2 } from "zod";

// server/config/duration.ts
var UNIT_MS = {
  ms: 1,
  s: 1e3,
  m: 6e4,
  h: 36e5,
  d: 864e5,
  w: 6048e5,
  y: 31536e6
};
var DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
var ORDER = ["y", "w", "d", "h", "m", "s", "ms"];
function parseDuration(text) {
  if (text === "0") return 0;
  if (text === "") return null;
  const m = DURATION_RE.exec(text);
  if (!m) return null;
  let total = 0;
  ORDER.forEach((unit, i) => {
    const n = m[i + 1];
    if (n !== void 0) total += Number(n) * UNIT_MS[unit];
  });
  return Number.isSafeInteger(total) ? total : null;
}
var GO_UNIT_MS = { ns: 1e-6, us: 1e-3, "\xB5s": 1e-3, "\u03BCs": 1e-3, ms: 1, s: 1e3, m: 6e4, h: 36e5 };
var GO_PART = /(\d*(?:\.\d*)?)(ns|us|µs|μs|ms|s|m|h)/y;
function parseGoDuration(text) {
  let s = text;
  let sign = 1;
  if (s.startsWith("-") || s.startsWith("+")) {
    sign = s[0] === "-" ? -1 : 1;
    s = s.slice(1);
  }
  if (s === "0") return 0;
  if (s === "") return null;
  let total = 0;
  GO_PART.lastIndex = 0;
  while (GO_PART.lastIndex < s.length) {
    const start = GO_PART.lastIndex;
    const m = GO_PART.exec(s);
    if (!m || m.index !== start || m[1] === "" || m[1] === ".") return null;
    total += Number(m[1]) * GO_UNIT_MS[m[2]];
  }
  return sign * total;
}

// server/config/matchers.ts
import { RE2JS } from "re2js";
var LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
var MATCHER_RE = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|=|!=|!~)\s*([\s\S]*?)\s*$/;
var MatcherError = class extends Error {
};
function isLabelName(name) {
  return LABEL_NAME.test(name);
}
var compiledBySource = /* @__PURE__ */ new Map();
var MAX_COMPILED = 1e4;
function compileAnchored(source) {
  const known = compiledBySource.get(source);
  if (known) return known;
  const regex = compileUncached(source);
  if (compiledBySource.size >= MAX_COMPILED) compiledBySource.clear();
  compiledBySource.set(source, regex);
  return regex;
}
function compileUncached(source) {
  if (/\(\?<[^=!]/.test(source)) throw new MatcherError(`invalid regex ${JSON.stringify(source)}: named groups are written (?P<name>\u2026)`);
  let compiled2;
  try {
    compiled2 = RE2JS.compile(`^(?:${source})$`);
  } catch (err) {
    throw new MatcherError(`invalid regex ${JSON.stringify(source)}: ${err.message.replace(/^error parsing regexp: /, "")}`);
  }
  return { test: (value) => compiled2.matcher(value).find() };
}
function parseMatchers(line) {
  let s = line.startsWith("{") ? line.slice(1) : line;
  if (s.endsWith("}")) s = s.slice(0, -1);
  const tokens = [];
  let token = "";
  let quoted = false;
  let escaped = false;
  for (const ch of s) {
    if (ch === "," && !quoted) {
      tokens.push(token);
      token = "";
      continue;
    }
    if (ch === '"') {
      if (!escaped) quoted = !quoted;
      else escaped = false;
    } else if (ch === "\\") escaped = !escaped;
    else if (ch !== ",") escaped = false;
    token += ch;
  }
  if (token.trim() !== "") tokens.push(token.trim());
  return tokens.map(parseMatcher);
}
function parseMatcher(text) {
  const m = MATCHER_RE.exec(text);
  if (!m) {
    throw new MatcherError(`${JSON.stringify(text)} is not a matcher: write name="value", name!="value", name=~"regex" or name!~"regex"`);
  }
  const [, name, op, raw] = m;
  const value = unquote(raw, text);
  const matcher = { name, op, value };
  if (op === "=~" || op === "!~") matcher.re = compileAnchored(value);
  return matcher;
}
function unquote(raw, whole) {
  const quoted = raw.startsWith('"');
  const body = quoted ? raw.slice(1) : raw;
  const chars = [...body];
  let out = "";
  let closed = !quoted;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === "\\" && i < chars.length - 1) {
      const next = chars[++i];
      out += next === "n" ? "\n" : next === '"' || next === "\\" ? next : `\\${next}`;
    } else if (ch === '"') {
      if (!quoted || i < chars.length - 1) throw new MatcherError(`${JSON.stringify(whole)}: the value has an unescaped " (write \\" inside a quoted value)`);
      closed = true;
    } else {
      out += ch;
    }
  }
  if (!closed) throw new MatcherError(`${JSON.stringify(whole)}: the quoted value is not closed`);
  return out;
}

// server/template/am-funcs.ts
import { RE2JS as RE2JS2 } from "re2js";

// server/template/strconv.ts
function isPrint(c) {
  return c === " " || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(c);
}
var SHORT_ESCAPES = {
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "	": "\\t",
  "\v": "\\v"
};
function quote(s, asciiOnly = false, q = '"') {
  let out = q;
  for (const c of s) {
    const cp = c.codePointAt(0);
    if (c === q || c === "\\") out += "\\" + c;
    else if (asciiOnly ? cp < 128 && isPrint(c) : isPrint(c)) out += c;
    else if (SHORT_ESCAPES[c]) out += SHORT_ESCAPES[c];
    else if (cp < 32 || cp === 127) out += "\\x" + hex(cp, 2);
    else if (cp < 65536) out += "\\u" + hex(cp, 4);
    else out += "\\U" + hex(cp, 8);
  }
  return out + q;
}
var hex = (n, width) => n.toString(16).padStart(width, "0");
function canBackquote(s) {
  for (const c of s) {
    if (c === "`" || c === "\uFFFD") return false;
    const cp = c.codePointAt(0);
    if (cp < 32 && c !== "	" || cp === 127) return false;
  }
  return true;
}
var SyntaxError_ = class extends Error {
};
var invalid = () => {
  throw new SyntaxError_("invalid syntax");
};
function unquoteChar(s, at, q) {
  const c = s[at];
  if (c === void 0) return invalid();
  if (c === q && (q === "'" || q === '"')) return invalid();
  if (c !== "\\") {
    const whole = String.fromCodePoint(s.codePointAt(at));
    return { value: whole, next: at + whole.length };
  }
  const e = s[at + 1];
  const simple = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "	", v: "\v", "\\": "\\" };
  if (e !== void 0 && simple[e] !== void 0) return { value: simple[e], next: at + 2 };
  if (e === "'" || e === '"') {
    if (e !== q) return invalid();
    return { value: e, next: at + 2 };
  }
  const digitsOf = (n, base) => {
    const text = s.slice(at + 2, at + 2 + n);
    if (text.length !== n || ![...text].every((d) => !Number.isNaN(parseInt(d, base)))) return invalid();
    return parseInt(text, base);
  };
  switch (e) {
    case "x":
      return { value: String.fromCharCode(digitsOf(2, 16)), next: at + 4 };
    case "u":
    case "U": {
      const n = e === "u" ? 4 : 8;
      const cp = digitsOf(n, 16);
      if (cp > 1114111 || cp >= 55296 && cp < 57344) return invalid();
      return { value: String.fromCodePoint(cp), next: at + 2 + n };
    }
  }
  if (e !== void 0 && e >= "0" && e <= "7") {
    const text = s.slice(at + 1, at + 4);
    if (!/^[0-7]{3}$/.test(text)) return invalid();
    const v = parseInt(text, 8);
    if (v > 255) return invalid();
    return { value: String.fromCharCode(v), next: at + 4 };
  }
  return invalid();
}
function unquote2(lit) {
  if (lit.length >= 2 && lit[0] === "`" && lit.endsWith("`")) return lit.slice(1, -1).replaceAll("\r", "");
  if (lit.length < 2 || lit[0] !== '"' || !lit.endsWith('"')) return invalid();
  const body = lit.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length; ) {
    const { value, next } = unquoteChar(body, i, '"');
    out += value;
    i = next;
  }
  return out;
}
function underscoreOK(s) {
  let saw = "^";
  let i = 0;
  if (s[0] === "+" || s[0] === "-") s = s.slice(1);
  let isHex = false;
  if (s.length >= 2 && s[0] === "0" && "bBoOxX".includes(s[1])) {
    i = 2;
    saw = "0";
    isHex = s[1] === "x" || s[1] === "X";
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if (c >= "0" && c <= "9" || isHex && /[a-fA-F]/.test(c)) {
      saw = "0";
    } else if (c === "_") {
      if (saw !== "0") return false;
      saw = "_";
    } else {
      if (saw === "_") return false;
      saw = "!";
    }
  }
  return saw !== "_";
}
var INT64_MAX = (1n << 63n) - 1n;
var UINT64_MAX = (1n << 64n) - 1n;
function parseInteger(s, signed) {
  const orig = s;
  let neg = false;
  if (signed && (s[0] === "+" || s[0] === "-")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  let base = 10;
  if (s[0] === "0" && s.length > 1) {
    const p = s[1].toLowerCase();
    if (p === "x" || p === "o" || p === "b") {
      base = p === "x" ? 16 : p === "o" ? 8 : 2;
      s = s.slice(2);
    } else {
      base = 8;
      s = s.slice(1);
    }
  }
  if (s === "") return void 0;
  let n = 0n;
  let underscores = false;
  for (const c of s) {
    if (c === "_") {
      underscores = true;
      continue;
    }
    const d = parseInt(c, 36);
    if (Number.isNaN(d) || d >= base) return void 0;
    n = n * BigInt(base) + BigInt(d);
  }
  if (underscores && !underscoreOK(orig)) return void 0;
  if (neg) n = -n;
  if (signed ? n > INT64_MAX || n < -INT64_MAX - 1n : n > UINT64_MAX) return void 0;
  return n;
}
function parseFloat64(s) {
  if (s.includes("_") && !underscoreOK(s)) return void 0;
  const t3 = s.replaceAll("_", "");
  let value;
  const hexMatch = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(t3);
  if (hexMatch) {
    const [, sign, int2 = "", frac = "", exp = "0"] = hexMatch;
    if (int2 + frac === "") return void 0;
    const mantissa = Number(BigInt("0x" + int2 + frac));
    value = mantissa * 2 ** (Number(exp) - 4 * frac.length);
    if (sign === "-") value = -value;
  } else if (/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(t3)) {
    value = Number(t3);
  } else {
    return void 0;
  }
  return Number.isFinite(value) ? value : void 0;
}

// server/template/values.ts
var GO_TYPE = /* @__PURE__ */ Symbol.for("hotconf.template.goType");
var ZERO_VALUE = /* @__PURE__ */ Symbol.for("hotconf.template.zeroValue");
var SIGNATURE = /* @__PURE__ */ Symbol.for("hotconf.template.signature");
var GoFloat = class {
  constructor(value) {
    this.value = value;
  }
  value;
};
var GoFunc = class {
  constructor(fn) {
    this.fn = fn;
  }
  fn;
};
function typedSlice(elemType, items) {
  Object.defineProperty(items, GO_TYPE, { value: `[]${elemType}`, enumerable: false });
  return items;
}
var BUILTIN_PROTOTYPES = /* @__PURE__ */ new Set([
  Object.prototype,
  Array.prototype,
  Map.prototype,
  Set.prototype,
  Date.prototype,
  Function.prototype,
  String.prototype,
  Number.prototype,
  Boolean.prototype,
  RegExp.prototype,
  Error.prototype
]);
function isPlainObject(v) {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
function kindOf(v) {
  if (v === void 0 || v === null) return "nil";
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "number":
      return Number.isInteger(v) ? "int" : "float";
    case "bigint":
      return "int";
    case "string":
      return "string";
    case "function":
      return "func";
  }
  if (v instanceof GoFloat) return "float";
  if (v instanceof GoFunc) return "func";
  if (Array.isArray(v)) return "slice";
  if (v instanceof Map) return "map";
  if (v instanceof Date) return "time";
  return isPlainObject(v) ? "map" : "struct";
}
function toNumber(v) {
  return v instanceof GoFloat ? v.value : Number(v);
}
function typeName(v) {
  const declared = v?.[GO_TYPE] ?? v?.constructor?.[GO_TYPE];
  if (typeof declared === "string" && v !== null && typeof v === "object") return declared;
  switch (kindOf(v)) {
    case "nil":
      return "<nil>";
    case "bool":
      return "bool";
    case "int":
      return "int";
    case "float":
      return "float64";
    case "complex":
      return "complex128";
    case "string":
      return "string";
    case "slice":
      return "[]interface {}";
    case "map":
      return "map[string]interface {}";
    case "time":
      return "time.Time";
    case "func":
      return "func(...interface {}) (interface {}, error)";
    case "struct":
      return v.constructor?.name || "struct";
  }
}
function isTrue(v) {
  switch (kindOf(v)) {
    case "nil":
      return false;
    case "bool":
      return v;
    case "int":
    case "float":
      return toNumber(v) !== 0;
    case "string":
      return v.length > 0;
    case "slice":
      return v.length > 0;
    case "map":
      return mapSize(v) > 0;
    default:
      return true;
  }
}
function findMethod(receiver, name) {
  if (receiver === null || typeof receiver !== "object" || name === "constructor") return void 0;
  for (let o = receiver; o !== null && !BUILTIN_PROTOTYPES.has(o); o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d) return typeof d.value === "function" ? d.value : void 0;
  }
  return void 0;
}
function structFields(receiver) {
  return Object.keys(receiver).map((k) => [k, receiver[k]]);
}
function mapGet(m, key) {
  if (m instanceof Map) return m.has(key) ? { found: true, value: m.get(key) } : { found: false };
  if (typeof key !== "string" || !Object.hasOwn(m, key)) return { found: false };
  return { found: true, value: m[key] };
}
function mapSize(m) {
  return m instanceof Map ? m.size : Object.keys(m).length;
}
function mapZero(m) {
  return m.constructor?.[ZERO_VALUE];
}
function sortedEntries(m) {
  const entries2 = m instanceof Map ? [...m.entries()] : Object.entries(m);
  return entries2.sort(([a2], [b2]) => compareKeys(a2, b2));
}
function compareKeys(a2, b2) {
  if (typeof a2 === "number" && typeof b2 === "number") return a2 - b2;
  const [x, y] = [String(a2), String(b2)];
  const xs = [...x];
  const ys = [...y];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const d = xs[i].codePointAt(0) - ys[i].codePointAt(0);
    if (d !== 0) return d;
  }
  return xs.length - ys.length;
}
var encoder = new TextEncoder();
var decoder = new TextDecoder();
function byteLength(s) {
  return encoder.encode(s).length;
}
function byteSlice(s, i, j) {
  return decoder.decode(encoder.encode(s).subarray(i, j));
}
function byteAt(s, i) {
  return encoder.encode(s)[i];
}
function utf8Bytes(s) {
  return encoder.encode(s);
}

// server/template/format.ts
var noFlags = () => ({ plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false });
function sprint(args) {
  let out = "";
  args.forEach((a2, i) => {
    const isString = typeof a2 === "string";
    if (i > 0 && !isString && typeof args[i - 1] !== "string") out += " ";
    out += formatArg(a2, "v", noFlags());
  });
  return out;
}
function sprintln(args) {
  return args.map((a2) => formatArg(a2, "v", noFlags())).join(" ") + "\n";
}
var MAX_WIDTH = 1e6;
function sprintf(format, args) {
  let out = "";
  let argNum = 0;
  let reordered = false;
  let i = 0;
  const n = format.length;
  const argIndex = () => {
    if (format[i] !== "[") return true;
    reordered = true;
    const close = format.indexOf("]", i);
    const index2 = close < 0 ? NaN : Number(format.slice(i + 1, close));
    if (!Number.isInteger(index2) || index2 < 1 || index2 > args.length || close - i < 2) {
      i = close < 0 ? n : close + 1;
      return false;
    }
    argNum = index2 - 1;
    i = close + 1;
    return true;
  };
  const intArg = () => {
    if (argNum >= args.length) return void 0;
    const a2 = args[argNum++];
    if (kindOf(a2) !== "int") return void 0;
    const v = toNumber(a2);
    return Math.abs(v) > MAX_WIDTH ? void 0 : v;
  };
  const digits = () => {
    const m = /^[0-9]+/.exec(format.slice(i));
    if (!m) return void 0;
    i += m[0].length;
    return Number(m[0]) > MAX_WIDTH ? NaN : Number(m[0]);
  };
  while (i < n) {
    const pct = format.indexOf("%", i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const f = noFlags();
    for (; i < n; i++) {
      const c = format[i];
      if (c === "#") f.sharp = true;
      else if (c === "0") f.zero = !f.minus;
      else if (c === "+") f.plus = true;
      else if (c === "-") {
        f.minus = true;
        f.zero = false;
      } else if (c === " ") f.space = true;
      else break;
    }
    let goodIndex = argIndex();
    if (format[i] === "*") {
      i++;
      const w = intArg();
      if (w === void 0) out += "%!(BADWIDTH)";
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
      if (w !== void 0) {
        if (Number.isNaN(w)) out += "%!(BADWIDTH)";
        else f.wid = w;
      }
    }
    if (format[i] === ".") {
      i++;
      goodIndex = argIndex() && goodIndex;
      if (format[i] === "*") {
        i++;
        const p = intArg();
        if (p === void 0 || p < 0) out += "%!(BADPREC)";
        else f.prec = p;
        goodIndex = argIndex() && goodIndex;
      } else {
        const p = digits();
        if (p !== void 0 && Number.isNaN(p)) out += "%!(BADPREC)";
        else f.prec = p ?? 0;
      }
    }
    goodIndex = argIndex() && goodIndex;
    if (i >= n) {
      out += "%!(NOVERB)";
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i));
    i += verb.length;
    if (verb === "%") {
      out += "%";
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
    if (verb === "v") {
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
    const extra = args.slice(argNum).map((a2) => a2 === void 0 || a2 === null ? "<nil>" : `${typeName(a2)}=${formatArg(a2, "v", noFlags())}`);
    out += `%!(EXTRA ${extra.join(", ")})`;
  }
  return out;
}
function formatVerb(v, verb) {
  return formatArg(v, verb, noFlags());
}
function formatArg(v, verb, f, depth = 0) {
  if (v === void 0 || v === null) {
    if (verb === "T" || verb === "v") return pad("<nil>", f);
    return badVerb(v, verb, f);
  }
  if (verb === "T") return pad(typeName(v), f);
  const kind = kindOf(v);
  if ((kind === "struct" || kind === "map" || kind === "slice") && !f.sharpV && "vsxXq".includes(verb)) {
    for (const name of ["Error", "String"]) {
      const method = findMethod(v, name);
      if (method) return formatString(String(method.call(v)), verb, f);
    }
  }
  switch (kind) {
    case "bool":
      return verb === "t" || verb === "v" ? pad(String(v), f) : badVerb(v, verb, f);
    case "int":
      return formatInteger(v, verb, f);
    case "float":
      return formatFloatVerb(v, verb, f);
    case "string":
      return formatString(v, verb, f);
    case "time":
      return "vsxXq".includes(verb) && !f.sharpV ? formatString(goTimeString(v), verb, f) : badVerb(v, verb, f);
    case "func":
      return verb === "v" ? pad("0xfunc", f) : badVerb(v, verb, f);
    case "slice": {
      const items = v.map((e) => formatArg(e, verb, f, depth + 1));
      if (f.sharpV) return `${typeName(v)}{${items.join(", ")}}`;
      return `[${items.join(" ")}]`;
    }
    case "map": {
      const items = sortedEntries(v).map(([k, e]) => `${formatArg(k, verb, f, depth + 1)}:${formatArg(e, verb, f, depth + 1)}`);
      if (f.sharpV) return `${typeName(v)}{${items.join(", ")}}`;
      return `map[${items.join(" ")}]`;
    }
    case "struct": {
      const items = structFields(v).map(([k, e]) => {
        const value = formatArg(e, verb, f, depth + 1);
        return f.plusV || f.sharpV ? `${k}:${value}` : value;
      });
      return f.sharpV ? `${typeName(v)}{${items.join(", ")}}` : `{${items.join(" ")}}`;
    }
    default:
      return badVerb(v, verb, f);
  }
}
function badVerb(v, verb, f) {
  if (v === void 0 || v === null) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${formatArg(v, "v", f)})`;
}
var runeCount = (s) => [...s].length;
function pad(s, f) {
  const w = f.wid ?? 0;
  const n = runeCount(s);
  if (n >= w) return s;
  if (f.minus) return s + " ".repeat(w - n);
  return (f.zero ? "0" : " ").repeat(w - n) + s;
}
function formatString(s, verb, f) {
  switch (verb) {
    case "v":
      return f.sharpV ? pad(quote(s), f) : pad(truncate(s, f), f);
    case "s":
      return pad(truncate(s, f), f);
    case "q": {
      const t3 = truncate(s, f);
      if (f.sharp && canBackquote(t3)) return pad("`" + t3 + "`", f);
      return pad(quote(t3, f.plus), f);
    }
    case "x":
    case "X":
      return pad(hexBytes(utf8Bytes(s), verb, f), f);
  }
  return badVerb(s, verb, f);
}
function truncate(s, f) {
  return f.prec === void 0 ? s : [...s].slice(0, f.prec).join("");
}
function hexBytes(bytes, verb, f) {
  const n = f.prec === void 0 ? bytes.length : Math.min(f.prec, bytes.length);
  const parts = [];
  for (let i = 0; i < n; i++) {
    let h = bytes[i].toString(16).padStart(2, "0");
    if (verb === "X") h = h.toUpperCase();
    parts.push(h);
  }
  const prefix = f.sharp ? verb === "X" ? "0X" : "0x" : "";
  if (f.space) return parts.map((p) => prefix + p).join(" ");
  return parts.length ? prefix + parts.join("") : "";
}
function formatInteger(v, verb, f) {
  const n = BigInt(toNumber(v));
  switch (verb) {
    case "v":
    case "d":
      return integer(n, 10, verb, f);
    case "b":
      return integer(n, 2, verb, f);
    case "o":
    case "O":
      return integer(n, 8, verb, f);
    case "x":
    case "X":
      return integer(n, 16, verb, f);
    case "c":
      return pad(runeOf(n), f);
    case "q":
      return pad(quoteRune(runeOf(n), f.plus), f);
    case "U": {
      const hex2 = n.toString(16).toUpperCase().padStart(f.prec ?? 4, "0");
      const c = runeOf(n);
      return pad(`U+${hex2}` + (f.sharp && isPrint(c) ? ` '${c}'` : ""), f);
    }
  }
  return badVerb(v, verb, f);
}
function runeOf(n) {
  const cp = Number(n);
  return cp < 0 || cp > 1114111 || cp >= 55296 && cp < 57344 ? "\uFFFD" : String.fromCodePoint(cp);
}
function quoteRune(c, asciiOnly) {
  if (c === '"') return `'"'`;
  return quote(c, asciiOnly, "'");
}
function integer(n, base, verb, f) {
  const negative = n < 0n;
  let digits = (negative ? -n : n).toString(base);
  if (verb === "X") digits = digits.toUpperCase();
  let prec = 0;
  if (f.prec !== void 0) {
    prec = f.prec;
    if (prec === 0 && n === 0n) return pad("", { ...f, zero: false });
  } else if (f.zero && f.wid !== void 0 && !f.minus) {
    prec = f.wid;
    if (negative || f.plus || f.space) prec--;
  }
  digits = digits.padStart(prec, "0");
  if (f.sharp) {
    if (base === 2) digits = "0b" + digits;
    if (base === 8 && digits[0] !== "0") digits = "0" + digits;
    if (base === 16) digits = (verb === "X" ? "0X" : "0x") + digits;
  }
  if (verb === "O") digits = "0o" + digits;
  const sign = negative ? "-" : f.plus ? "+" : f.space ? " " : "";
  return pad(sign + digits, { ...f, zero: false });
}
function formatFloatVerb(v, verb, f) {
  const x = toNumber(v);
  switch (verb) {
    case "v":
      return floatField(x, "g", f.prec ?? -1, f);
    case "g":
    case "G":
    case "x":
    case "X":
      return floatField(x, verb, f.prec ?? -1, f);
    case "b":
      return floatField(x, "b", -1, f);
    case "e":
    case "E":
    case "f":
    case "F":
      return floatField(x, verb === "F" ? "f" : verb, f.prec ?? 6, f);
  }
  return badVerb(v, verb, f);
}
function floatField(x, fmtChar, prec, f) {
  let num2 = formatFloat(x, fmtChar, prec);
  if (num2[0] !== "-" && num2[0] !== "+") num2 = "+" + num2;
  if (f.space && num2[0] === "+" && !f.plus) num2 = " " + num2.slice(1);
  if (num2[1] === "I" || num2[1] === "N") {
    if (num2[1] === "N" && !f.space && !f.plus) num2 = num2.slice(1);
    return pad(num2, { ...f, zero: false });
  }
  if (f.plus || num2[0] !== "+") {
    if (f.zero && f.wid !== void 0 && f.wid > num2.length) return num2[0] + "0".repeat(f.wid - num2.length) + num2.slice(1);
    return pad(num2, f);
  }
  return pad(num2.slice(1), f);
}
function formatFloat(x, fmtChar, prec) {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "+Inf" : "-Inf";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  if (fmtChar === "b") return sign + binaryFloat(Math.abs(x));
  if (fmtChar === "x" || fmtChar === "X") return sign + hexFloat(Math.abs(x), fmtChar, prec);
  const lower = fmtChar.toLowerCase();
  const shortest = prec < 0;
  let d;
  if (shortest) {
    d = shortestDecimal(Math.abs(x));
    prec = lower === "e" ? d.digits.length - 1 : lower === "f" ? Math.max(d.digits.length - d.dp, 0) : d.digits.length;
  } else {
    d = exactDecimal(Math.abs(x));
    if (lower === "e") d = round(d, prec + 1);
    else if (lower === "f") d = round(d, d.dp + prec);
    else {
      if (prec === 0) prec = 1;
      d = round(d, prec);
    }
  }
  if (lower === "e") return sign + fmtE(d, prec, fmtChar);
  if (lower === "f") return sign + fmtF(d, prec);
  const nd = d.digits.length;
  let eprec = prec;
  if (eprec > nd && nd >= d.dp) eprec = nd;
  if (shortest) eprec = 6;
  const exp = d.dp - 1;
  if (exp < -4 || exp >= eprec) return sign + fmtE(d, Math.min(prec, nd) - 1, fmtChar === "G" ? "E" : "e");
  return sign + fmtF(d, Math.max((prec > d.dp ? nd : prec) - d.dp, 0));
}
function normalize(digits, dp) {
  const lead = digits.length - digits.replace(/^0+/, "").length;
  digits = digits.slice(lead).replace(/0+$/, "");
  return { digits, dp: digits === "" ? 0 : dp - lead };
}
function shortestDecimal(x) {
  if (x === 0) return { digits: "", dp: 0 };
  const [mantissa, exp] = x.toExponential().split("e");
  return normalize(mantissa.replace(".", ""), Number(exp) + 1);
}
function exactDecimal(x) {
  if (x === 0) return { digits: "", dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n & 0x7ffn);
  let mantissa = bits & (1n << 52n) - 1n;
  let exp;
  if (biased === 0) exp = -1074;
  else {
    mantissa |= 1n << 52n;
    exp = biased - 1075;
  }
  if (exp >= 0) {
    const s2 = (mantissa << BigInt(exp)).toString();
    return normalize(s2, s2.length);
  }
  const s = (mantissa * 5n ** BigInt(-exp)).toString();
  return normalize(s, s.length + exp);
}
function round(d, n) {
  if (n < 0) return { digits: "", dp: 0 };
  if (d.digits.length <= n) return d;
  const next = d.digits[n];
  let up = next > "5";
  if (next === "5") {
    const rest = d.digits.slice(n + 1);
    up = /[1-9]/.test(rest) || n > 0 && Number(d.digits[n - 1]) % 2 === 1;
  }
  let kept = d.digits.slice(0, n);
  let dp = d.dp;
  if (up) {
    const bumped = (BigInt(kept || "0") + 1n).toString();
    if (kept === "" || bumped.length > kept.length) dp++;
    kept = kept === "" ? "1" : bumped.slice(0, Math.max(kept.length, 1));
  }
  return normalize(kept, dp);
}
function fmtE(d, prec, e) {
  const digits = d.digits || "0";
  let s = digits[0];
  if (prec > 0) s += "." + digits.slice(1, prec + 1).padEnd(prec, "0");
  const exp = d.digits === "" ? 0 : d.dp - 1;
  const abs = Math.abs(exp);
  return `${s}${e}${exp < 0 ? "-" : "+"}${abs < 10 ? "0" + abs : abs}`;
}
function fmtF(d, prec) {
  const digitAt = (i) => i >= 0 && i < d.digits.length ? d.digits[i] : "0";
  let s = "";
  if (d.dp > 0) for (let i = 0; i < d.dp; i++) s += digitAt(i);
  else s = "0";
  if (prec > 0) {
    s += ".";
    for (let i = 0; i < prec; i++) s += digitAt(d.dp + i);
  }
  return s;
}
function goTimeString(t3) {
  const p = (n, w = 2) => String(n).padStart(w, "0");
  const year = t3.getUTCFullYear();
  const ms = t3.getUTCMilliseconds();
  const frac = ms ? "." + p(ms, 3).replace(/0+$/, "") : "";
  return `${year < 0 ? "-" + p(-year, 4) : p(year, 4)}-${p(t3.getUTCMonth() + 1)}-${p(t3.getUTCDate())} ${p(t3.getUTCHours())}:${p(t3.getUTCMinutes())}:${p(t3.getUTCSeconds())}${frac} +0000 UTC`;
}
var MANT_BITS = 52n;
function floatBits(x) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  let exp = Number(bits >> MANT_BITS & 0x7ffn);
  let mant = bits & (1n << MANT_BITS) - 1n;
  if (exp === 0) exp++;
  else mant |= 1n << MANT_BITS;
  return { mant, exp: exp - 1023 };
}
function binaryFloat(x) {
  const { mant, exp } = floatBits(x);
  const e = exp - Number(MANT_BITS);
  return `${mant}p${e >= 0 ? "+" : ""}${e}`;
}
function hexFloat(x, fmtChar, prec) {
  let { mant, exp } = floatBits(x);
  if (mant === 0n) exp = 0;
  mant <<= 60n - MANT_BITS;
  while (mant !== 0n && (mant & 1n << 60n) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = mant << shift & (1n << 60n) - 1n;
    mant >>= 60n - shift;
    if ((extra | mant & 1n) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & 1n << 61n) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const upper = fmtChar === "X";
  let out = `0${fmtChar}${mant >> 60n & 1n}`;
  mant = mant << 4n & (1n << 64n) - 1n;
  const digits = prec < 0 ? mant === 0n ? 0 : Infinity : prec;
  if (digits > 0) {
    out += ".";
    for (let i = 0; i < digits && (prec >= 0 || mant !== 0n); i++) {
      out += (mant >> 60n & 15n).toString(16);
      mant = mant << 4n & (1n << 64n) - 1n;
    }
  }
  if (upper) out = out.toUpperCase();
  const e = Math.abs(exp);
  return `${out}${upper ? "P" : "p"}${exp < 0 ? "-" : "+"}${String(e).padStart(2, "0")}`;
}

// server/template/builtins.ts
function withSignature(fn, params, variadic) {
  fn[SIGNATURE] = { params, variadic };
  return fn;
}
var isNil = (v) => v === void 0 || v === null;
function index(item, ...indexes) {
  if (isNil(item)) throw new Error("index of untyped nil");
  for (const i of indexes) {
    if (isNil(item)) throw new Error("index of nil pointer");
    const kind = kindOf(item);
    if (kind === "slice" || kind === "string") {
      const len = kind === "string" ? byteLength(item) : item.length;
      const x = indexArg(i, len);
      if (x === len) throw new Error(`reflect: ${kind} index out of range`);
      item = kind === "string" ? byteAt(item, x) : item[x];
    } else if (kind === "map") {
      const m = item;
      const first = m instanceof Map ? m.keys().next() : void 0;
      const keyKind = first && !first.done ? kindOf(first.value) : "string";
      if (!isNil(i) && kindOf(i) !== keyKind) throw new Error(`value has type ${typeName(i)}; should be ${keyKind}`);
      const found = mapGet(m, i);
      item = found.found ? found.value : mapZero(m);
    } else {
      throw new Error(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}
function indexArg(i, cap) {
  if (isNil(i)) throw new Error("cannot index slice/array with nil");
  if (kindOf(i) !== "int") throw new Error(`cannot index slice/array with type ${typeName(i)}`);
  const x = toNumber(i);
  if (x < 0 || x > cap) throw new Error(`index out of range: ${x}`);
  return x;
}
function slice(item, ...indexes) {
  if (isNil(item)) throw new Error("slice of untyped nil");
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  const kind = kindOf(item);
  let len;
  if (kind === "string") {
    if (indexes.length === 3) throw new Error("cannot 3-index slice a string");
    len = byteLength(item);
  } else if (kind === "slice") {
    len = item.length;
  } else {
    throw new Error(`can't slice item of type ${typeName(item)}`);
  }
  const idx = [0, len, len];
  indexes.forEach((i, n) => idx[n] = indexArg(i, len));
  const [lo, hi, max] = idx;
  if (lo > hi) throw new Error(`invalid slice index: ${lo} > ${hi}`);
  if (indexes.length === 3 && hi > max) throw new Error(`invalid slice index: ${hi} > ${max}`);
  if (kind === "string") return byteSlice(item, lo, hi);
  const out = item.slice(lo, hi);
  const declared = item[GO_TYPE];
  if (declared) Object.defineProperty(out, GO_TYPE, { value: declared, enumerable: false });
  return out;
}
function length(item) {
  switch (kindOf(item)) {
    case "nil":
      throw new Error("reflect: call of reflect.Value.Type on zero Value");
    case "string":
      return byteLength(item);
    case "slice":
      return item.length;
    case "map":
      return mapSize(item);
  }
  throw new Error(`len of type ${typeName(item)}`);
}
function call(fn, ...args) {
  if (isNil(fn)) throw new Error("call of nil");
  const f = fn instanceof GoFunc ? fn.fn : fn;
  if (typeof f !== "function") throw new Error(`non-function of type ${typeName(fn)}`);
  return f(...args);
}
var BASIC = /* @__PURE__ */ new Set(["bool", "int", "float", "string", "complex"]);
var basicKind = (v) => BASIC.has(kindOf(v)) ? kindOf(v) : void 0;
function eq(a2, ...bs) {
  if (bs.length === 0) throw new Error("missing argument for comparison");
  const ka = basicKind(a2);
  for (const b2 of bs) {
    const kb = basicKind(b2);
    let truth;
    if (isNil(a2) && isNil(b2)) {
      truth = true;
    } else if (ka !== kb || kindOf(a2) !== kindOf(b2)) {
      if (!isNil(a2) && !isNil(b2)) throw new Error("incompatible types for comparison");
      truth = isNil(a2) && isNil(b2);
    } else if (ka) {
      truth = ka === "int" || ka === "float" ? toNumber(a2) === toNumber(b2) : a2 === b2;
    } else {
      truth = equalComposite(a2, b2);
    }
    if (truth) return true;
  }
  return false;
}
function equalComposite(a2, b2) {
  const kind = kindOf(a2);
  if (kind === "time") return a2.getTime() === b2.getTime();
  if (kind === "struct" && typeName(a2) === typeName(b2)) {
    const [fa, fb] = [structFields(a2), structFields(b2)];
    if (fa.every(([, v]) => basicKind(v) || isNil(v))) return fa.every(([k, v], i) => fb[i]?.[0] === k && fb[i]?.[1] === v);
  }
  if (kind === "struct" && typeName(a2) !== typeName(b2)) throw new Error("incompatible types for comparison");
  throw new Error(`non-comparable type ${formatVerb(b2, "s")}: ${typeName(b2)}`);
}
function lt(a2, b2) {
  const [ka, kb] = [basicKind(a2), basicKind(b2)];
  if (!ka || !kb) throw new Error("invalid type for comparison");
  if (ka !== kb) throw new Error("incompatible types for comparison");
  if (ka === "bool" || ka === "complex") throw new Error("invalid type for comparison");
  if (ka === "string") return a2 < b2;
  return toNumber(a2) < toNumber(b2);
}
var le = (a2, b2) => lt(a2, b2) || eq(a2, b2);
function evalArgs(args) {
  if (args.length === 1 && typeof args[0] === "string") return args[0];
  return sprint(args.map((a2) => isNil(a2) ? "<no value>" : a2));
}
var HTML_ESCAPES = { '"': "&#34;", "'": "&#39;", "&": "&amp;", "<": "&lt;", ">": "&gt;" };
function htmlEscape(s) {
  return s.replace(/["'&<>]/g, (c) => HTML_ESCAPES[c]);
}
function jsEscape(s) {
  let out = "";
  for (const c of s) {
    const cp = c.codePointAt(0);
    if (c === "\\") out += "\\\\";
    else if (c === "'") out += "\\'";
    else if (c === '"') out += '\\"';
    else if (c === "<" || c === ">" || c === "&" || c === "=") out += "\\u00" + cp.toString(16).toUpperCase();
    else if (cp < 32) out += "\\u00" + cp.toString(16).toUpperCase().padStart(2, "0");
    else if (cp < 128 || isPrint(c)) out += c;
    else out += "\\u" + cp.toString(16).toUpperCase().padStart(4, "0");
  }
  return out;
}
function queryEscape(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, "+");
}
var BUILTINS = /* @__PURE__ */ new Map([
  ["and", withSignature(() => void 0, ["any"], "any")],
  ["or", withSignature(() => void 0, ["any"], "any")],
  ["not", withSignature((a2) => !isTrue(a2), ["any"])],
  ["call", withSignature(call, ["any"], "any")],
  ["index", withSignature(index, ["any"], "any")],
  ["slice", withSignature(slice, ["any"], "any")],
  ["len", withSignature(length, ["any"])],
  ["print", withSignature((...a2) => sprint(a2), [], "any")],
  ["printf", withSignature((format, ...a2) => sprintf(format, a2), ["string"], "any")],
  ["println", withSignature((...a2) => sprintln(a2), [], "any")],
  ["html", withSignature((...a2) => htmlEscape(evalArgs(a2)), [], "any")],
  ["js", withSignature((...a2) => jsEscape(evalArgs(a2)), [], "any")],
  ["urlquery", withSignature((...a2) => queryEscape(evalArgs(a2)), [], "any")],
  ["eq", withSignature(eq, ["any"], "any")],
  ["ne", withSignature((a2, b2) => !eq(a2, b2), ["any", "any"])],
  ["lt", withSignature(lt, ["any", "any"])],
  ["le", withSignature(le, ["any", "any"])],
  ["gt", withSignature((a2, b2) => !le(a2, b2), ["any", "any"])],
  ["ge", withSignature((a2, b2) => !lt(a2, b2), ["any", "any"])]
]);

// server/template/am-funcs.ts
function mapRunes(s, f) {
  let out = "";
  for (const c of s) {
    const m = f(c);
    out += [...m].length === 1 ? m : c;
  }
  return out;
}
var isWordChar = (c) => c !== void 0 && /^[\p{L}\p{M}\p{N}_]$/u.test(c);
var isMidWord = (c) => c !== void 0 && /^['.:\u2018\u2019\u00B7]$/u.test(c);
function title(s) {
  const cs = [...s];
  let out = "";
  let seenCased = false;
  cs.forEach((c, i) => {
    const inWord = isWordChar(c) || isMidWord(c) && isWordChar(cs[i - 1]) && isWordChar(cs[i + 1]);
    if (!inWord) {
      seenCased = false;
      out += c;
      return;
    }
    const cased = c.toLowerCase() !== c.toUpperCase();
    if (cased && !seenCased) {
      seenCased = true;
      out += mapRunes(c, (x) => x.toUpperCase());
    } else {
      out += mapRunes(c, (x) => x.toLowerCase());
    }
  });
  return out;
}
var compiled = /* @__PURE__ */ new Map();
function compile(pattern) {
  let re = compiled.get(pattern);
  if (!re) {
    re = RE2JS2.compile(pattern);
    if (compiled.size >= 256) compiled.delete(compiled.keys().next().value);
    compiled.set(pattern, re);
  }
  return re;
}
function match(pattern, s) {
  return compile(pattern).test(s);
}
function reReplaceAll(pattern, repl, text) {
  let re;
  try {
    re = compile(pattern);
  } catch (e) {
    throw new Error(`regexp: Compile(${"`"}${pattern}${"`"}): ${e.message}`);
  }
  const m = re.matcher(text);
  let out = "";
  let lastEnd = 0;
  let searchPos = 0;
  while (searchPos <= text.length && m.find(searchPos)) {
    const [start, end] = [m.start(), m.end()];
    out += text.slice(lastEnd, start);
    if (end > lastEnd || start === 0) out += expand(repl, (g) => m.group(g) ?? "", re.groupCount(), re.namedGroups());
    lastEnd = end;
    const width = text.codePointAt(searchPos) > 65535 ? 2 : 1;
    searchPos = searchPos + width > end ? searchPos + width : end;
  }
  return out + text.slice(lastEnd);
}
function expand(template, group, count, names) {
  let out = "";
  for (let i = 0; i < template.length; ) {
    const dollar = template.indexOf("$", i);
    if (dollar < 0) return out + template.slice(i);
    out += template.slice(i, dollar);
    const rest = template.slice(dollar + 1);
    if (rest.startsWith("$")) {
      out += "$";
      i = dollar + 2;
      continue;
    }
    const braced = /^\{(\w+)\}/.exec(rest);
    const bare = braced ? null : /^\w+/.exec(rest);
    const name = braced?.[1] ?? bare?.[0];
    if (name === void 0) {
      out += "$";
      i = dollar + 1;
      continue;
    }
    i = dollar + 1 + (braced ? braced[0].length : name.length);
    if (/^[0-9]+$/.test(name)) {
      const n = Number(name);
      if (n <= count) out += group(n);
    } else if (names[name] !== void 0) {
      out += group(names[name]);
    }
  }
  return out;
}
var AM_FUNCS = /* @__PURE__ */ new Map([
  ["toUpper", withSignature((s) => mapRunes(s, (c) => c.toUpperCase()), ["string"])],
  ["toLower", withSignature((s) => mapRunes(s, (c) => c.toLowerCase()), ["string"])],
  ["title", withSignature(title, ["string"])],
  // Separator first, for pipelines: {{ .Values | join ", " }}.
  ["join", withSignature((sep, items) => items.join(sep), ["string", "[]string"])],
  ["match", withSignature(match, ["string", "string"])],
  // html/template.HTML in Go; text templates print it as the string it is.
  ["safeHtml", withSignature((text) => text, ["string"])],
  ["reReplaceAll", withSignature(reReplaceAll, ["string", "string", "string"])],
  ["stringSlice", withSignature((...items) => typedSlice("string", items), [], "string")]
]);

// server/template/errors.ts
function locate(text, offset) {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}
var TemplateSyntaxError = class extends Error {
  constructor(message, name, offset, text) {
    super(message);
    this.offset = offset;
    this.name = name;
    ({ line: this.line, column: this.column } = locate(text, offset));
  }
  offset;
  /** Name the text was parsed under (a file name, a field path). */
  name;
  line;
  column;
  get located() {
    return `${this.name}:${this.line}:${this.column}: ${this.message}`;
  }
};

// server/template/nodes.ts
function nodeString(n) {
  switch (n.type) {
    case "list":
      return n.nodes.map(nodeString).join("");
    case "text":
      return n.text;
    case "action":
      return `{{${nodeString(n.pipe)}}}`;
    case "if":
    case "range":
    case "with": {
      const otherwise = n.elseList ? `{{else}}${nodeString(n.elseList)}` : "";
      return `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}${otherwise}{{end}}`;
    }
    case "template":
      return `{{template ${quote(n.name)}${n.pipe ? " " + nodeString(n.pipe) : ""}}}`;
    case "break":
    case "continue":
    case "end":
    case "else":
      return `{{${n.type}}}`;
    case "pipe": {
      const decl = n.decl.length ? `${n.decl.map(nodeString).join(", ")} ${n.isAssign ? "=" : ":="} ` : "";
      return decl + n.cmds.map(nodeString).join(" | ");
    }
    case "command":
      return n.args.map((a2) => a2.type === "pipe" ? `(${nodeString(a2)})` : nodeString(a2)).join(" ");
    case "field":
      return n.ident.map((f) => "." + f).join("");
    case "chain": {
      const head = n.node.type === "pipe" ? `(${nodeString(n.node)})` : nodeString(n.node);
      return head + n.fields.map((f) => "." + f).join("");
    }
    case "identifier":
      return n.name;
    case "variable":
      return n.ident.join(".");
    case "dot":
      return ".";
    case "nil":
      return "nil";
    case "bool":
      return String(n.value);
    case "string":
      return n.quoted;
    case "number":
      return n.text;
  }
}
function isEmptyTree(list2) {
  return list2.nodes.every((n) => n.type === "text" && n.text.trim() === "");
}

// server/template/exec.ts
var LoopSignal = class {
  constructor(kind) {
    this.kind = kind;
  }
  kind;
};
var BREAK = new LoopSignal("break");
var CONTINUE = new LoopSignal("continue");

// server/template/lexer.ts
var KEYWORDS = /* @__PURE__ */ new Map([
  [".", "dot"],
  ["block", "block"],
  ["break", "break"],
  ["continue", "continue"],
  ["define", "define"],
  ["else", "else"],
  ["end", "end"],
  ["if", "if"],
  ["nil", "nil"],
  ["range", "range"],
  ["template", "template"],
  ["with", "with"]
]);
var KEYWORD_TYPES = new Set(KEYWORDS.values());
function isKeyword(type) {
  return KEYWORD_TYPES.has(type);
}
var LEFT = "{{";
var RIGHT = "}}";
var isSpace = (c) => c === " " || c === "	" || c === "\r" || c === "\n";
var isAlphaNumeric = (c) => c !== void 0 && (c === "_" || /^[\p{L}\p{Nd}]$/u.test(c));
var hasLeftTrim = (s, at) => s[at] === "-" && isSpace(s[at + 1]);
var hasRightTrim = (s, at) => isSpace(s[at]) && s[at + 1] === "-";
function lex(input) {
  const tokens = [];
  let pos = 0;
  let start = 0;
  let parenDepth = 0;
  const emit = (type) => {
    tokens.push({ type, pos: start, val: input.slice(start, pos) });
    start = pos;
  };
  const fail = (message) => {
    tokens.push({ type: "error", pos: start, val: message });
    return tokens;
  };
  const runeAt = (at) => {
    const cp = input.codePointAt(at);
    return cp === void 0 ? void 0 : String.fromCodePoint(cp);
  };
  const atRightDelim = () => {
    if (input.startsWith(RIGHT, pos)) return { delim: true, trim: false };
    if (hasRightTrim(input, pos) && input.startsWith(RIGHT, pos + 2)) return { delim: true, trim: true };
    return { delim: false, trim: false };
  };
  const atTerminator = () => {
    const c = input[pos];
    return c === void 0 || isSpace(c) || ".,|:()".includes(c) || c === RIGHT[0];
  };
  const skipSpaces = () => {
    while (isSpace(input[pos])) pos++;
  };
  for (; ; ) {
    const open = input.indexOf(LEFT, pos);
    if (open === -1) {
      pos = input.length;
      if (pos > start) emit("text");
      emit("eof");
      return tokens;
    }
    pos = open;
    const trim = hasLeftTrim(input, open + LEFT.length);
    let textEnd = pos;
    if (trim) while (textEnd > start && isSpace(input[textEnd - 1])) textEnd--;
    if (textEnd > start) tokens.push({ type: "text", pos: start, val: input.slice(start, textEnd) });
    start = pos;
    pos += LEFT.length;
    const afterMarker = trim ? 2 : 0;
    if (input.startsWith("/*", pos + afterMarker)) {
      pos += afterMarker;
      const close = input.indexOf("*/", pos + 2);
      if (close === -1) return fail("unclosed comment");
      pos = close + 2;
      const r = atRightDelim();
      if (!r.delim) return fail("comment ends before closing delimiter");
      pos += (r.trim ? 2 : 0) + RIGHT.length;
      if (r.trim) skipSpaces();
      start = pos;
      continue;
    }
    emit("leftDelim");
    pos += afterMarker;
    start = pos;
    parenDepth = 0;
    for (; ; ) {
      const r = atRightDelim();
      if (r.delim) {
        if (parenDepth !== 0) return fail("unclosed left paren");
        if (r.trim) pos += 2;
        start = pos;
        pos += RIGHT.length;
        emit("rightDelim");
        if (r.trim) skipSpaces();
        start = pos;
        break;
      }
      const c = runeAt(pos);
      if (c === void 0) return fail("unclosed action");
      if (isSpace(c)) {
        let n = 0;
        while (isSpace(input[pos])) {
          pos++;
          n++;
        }
        if (hasRightTrim(input, pos - 1) && input.startsWith(RIGHT, pos + 1)) {
          pos--;
          if (n === 1) continue;
        }
        emit("space");
        continue;
      }
      pos += c.length;
      switch (c) {
        case "=":
          emit("assign");
          continue;
        case ":":
          if (input[pos] !== "=") return fail("expected :=");
          pos++;
          emit("declare");
          continue;
        case "|":
          emit("pipe");
          continue;
        case '"':
          if (!scanQuoted('"')) return fail("unterminated quoted string");
          emit("string");
          continue;
        case "`": {
          const close = input.indexOf("`", pos);
          if (close === -1) return fail("unterminated raw quoted string");
          pos = close + 1;
          emit("rawString");
          continue;
        }
        case "'":
          if (!scanQuoted("'")) return fail("unterminated character constant");
          emit("charConstant");
          continue;
        case "$":
        case ".": {
          if (c === "." && input[pos] !== void 0 && input[pos] >= "0" && input[pos] <= "9") {
            pos--;
            if (!scanNumberToken()) return tokens;
            continue;
          }
          if (atTerminator()) {
            emit(c === "$" ? "variable" : "dot");
            continue;
          }
          let bad;
          for (; ; ) {
            const d = runeAt(pos);
            if (!isAlphaNumeric(d)) {
              bad = d;
              break;
            }
            pos += d.length;
          }
          if (!atTerminator()) return fail(`bad character ${unicodeName(bad)}`);
          emit(c === "$" ? "variable" : "field");
          continue;
        }
        case "(":
          emit("leftParen");
          parenDepth++;
          continue;
        case ")":
          emit("rightParen");
          parenDepth--;
          if (parenDepth < 0) return fail(`unexpected right paren ${unicodeName(c)}`);
          continue;
      }
      if (c === "+" || c === "-" || c >= "0" && c <= "9") {
        pos -= c.length;
        if (!scanNumberToken()) return tokens;
        continue;
      }
      if (isAlphaNumeric(c)) {
        let d = runeAt(pos);
        while (isAlphaNumeric(d)) {
          pos += d.length;
          d = runeAt(pos);
        }
        if (!atTerminator()) return fail(`bad character ${unicodeName(d)}`);
        const word = input.slice(start, pos);
        const keyword = KEYWORDS.get(word);
        emit(keyword ?? (word === "true" || word === "false" ? "bool" : "identifier"));
        continue;
      }
      if (c.length === 1 && c >= " " && c <= "~") {
        emit("char");
        continue;
      }
      return fail(`unrecognized character in action: ${unicodeName(c)}`);
    }
  }
  function scanQuoted(quote2) {
    for (; ; ) {
      const c = input[pos++];
      if (c === "\\") {
        const e = input[pos++];
        if (e !== void 0 && e !== "\n") continue;
        return false;
      }
      if (c === void 0 || c === "\n") return false;
      if (c === quote2) return true;
    }
  }
  function scanNumberToken() {
    let ok = scanNumber();
    let type = "number";
    if (ok && (input[pos] === "+" || input[pos] === "-")) {
      ok = scanNumber() && input[pos - 1] === "i";
      type = "complex";
    }
    if (!ok) {
      fail(`bad number syntax: ${quote(input.slice(start, pos))}`);
      return false;
    }
    emit(type);
    return true;
  }
  function scanNumber() {
    const accept = (valid) => {
      if (input[pos] !== void 0 && valid.includes(input[pos])) {
        pos++;
        return true;
      }
      return false;
    };
    const acceptRun = (valid) => {
      while (accept(valid)) ;
    };
    accept("+-");
    let digits = "0123456789_";
    if (accept("0")) {
      if (accept("xX")) digits = "0123456789abcdefABCDEF_";
      else if (accept("oO")) digits = "01234567_";
      else if (accept("bB")) digits = "01_";
    }
    acceptRun(digits);
    if (accept(".")) acceptRun(digits);
    if (digits.length === 11 && accept("eE")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    if (digits.length === 23 && accept("pP")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    accept("i");
    const next = runeAt(pos);
    if (isAlphaNumeric(next)) {
      pos += next.length;
      return false;
    }
    return true;
  }
}
function unicodeName(c) {
  const cp = c.codePointAt(0) ?? 0;
  const hex2 = "U+" + cp.toString(16).toUpperCase().padStart(4, "0");
  return isPrint(c) ? `${hex2} '${c}'` : hex2;
}

// server/template/parser.ts
var MAX_DEPTH2 = 1e3;
var isEnd = (n) => n.type === "end" || n.type === "else";
function parse(text, name, funcs) {
  return new Parser(text, name, funcs).parse();
}
var Parser = class {
  constructor(text, name, funcs) {
    this.text = text;
    this.name = name;
    this.funcs = funcs;
    this.tokens = lex(text);
  }
  text;
  name;
  funcs;
  tokens;
  i = 0;
  vars = ["$"];
  rangeDepth = 0;
  depth = 0;
  /** Where the innermost unclosed block began, to point "unexpected EOF" at it. */
  openBlocks = [];
  actionStart = -1;
  defines = /* @__PURE__ */ new Map();
  parse() {
    const root = { type: "list", pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== "eof") {
      if (this.peek().type === "leftDelim") {
        const mark = this.i;
        const delim = this.next();
        if (this.nextNonSpace().type === "define") {
          this.parseDefinition(delim.pos);
          continue;
        }
        this.i = mark;
      }
      const n = this.textOrAction();
      if (isEnd(n)) this.fail(`unexpected ${nodeString(n)}`, n.pos);
      root.nodes.push(n);
    }
    this.addTree(this.name, root, 0);
    return { name: this.name, text: this.text, root, templates: this.defines };
  }
  // ---- tokens
  next() {
    const t3 = this.tokens[this.i] ?? this.tokens[this.tokens.length - 1];
    if (this.i < this.tokens.length) this.i++;
    return t3;
  }
  peek() {
    return this.tokens[this.i] ?? this.tokens[this.tokens.length - 1];
  }
  backup() {
    this.i--;
  }
  nextNonSpace() {
    let t3 = this.next();
    while (t3.type === "space") t3 = this.next();
    return t3;
  }
  peekNonSpace() {
    const t3 = this.nextNonSpace();
    this.backup();
    return t3;
  }
  // ---- errors
  fail(message, pos) {
    throw new TemplateSyntaxError(message, this.name, pos, this.text);
  }
  unexpected(token, context) {
    if (token.type === "error") {
      let extra = "";
      if (this.actionStart >= 0) {
        const started = locate(this.text, this.actionStart).line;
        if (started !== locate(this.text, token.pos).line) {
          extra = (token.val.endsWith(" action") ? " started at " : " in action started at ") + `${this.name}:${started}`;
        }
      }
      this.fail(token.val + extra, token.pos);
    }
    this.fail(`unexpected ${tokenString(token)} in ${context}`, token.pos);
  }
  expect(type, context) {
    const t3 = this.nextNonSpace();
    if (t3.type !== type) this.unexpected(t3, context);
    return t3;
  }
  nest(pos, message, body) {
    if (this.depth >= MAX_DEPTH2) this.fail(message, pos);
    this.depth++;
    try {
      return body();
    } finally {
      this.depth--;
    }
  }
  // ---- templates
  /** Registers a tree; two non-empty bodies of one name in one text are an error, as in Go. */
  addTree(name, list2, pos) {
    const existing = this.defines.get(name);
    if (existing === void 0 || isEmptyTree(existing)) {
      this.defines.set(name, list2);
    } else if (!isEmptyTree(list2)) {
      this.fail(`template: multiple definition of template ${quote(name)}`, pos);
    }
  }
  /** {{define "name"}} … {{end}}; "define" has been read. Its body is a fresh scope. */
  parseDefinition(start) {
    const context = "define clause";
    const nameToken = this.nextNonSpace();
    if (nameToken.type !== "string" && nameToken.type !== "rawString") this.unexpected(nameToken, context);
    const name = this.unquote(nameToken);
    this.expect("rightDelim", context);
    const [list2, end] = this.inFreshScope(start, () => this.itemList());
    if (end.type !== "end") this.fail(`unexpected ${nodeString(end)} in ${context}`, end.pos);
    this.addTree(name, list2, nameToken.pos);
  }
  inFreshScope(start, body) {
    const [vars, rangeDepth] = [this.vars, this.rangeDepth];
    this.vars = ["$"];
    this.rangeDepth = 0;
    this.openBlocks.push(start);
    try {
      return body();
    } finally {
      this.openBlocks.pop();
      [this.vars, this.rangeDepth] = [vars, rangeDepth];
    }
  }
  /** Nodes up to an {{end}} or {{else}}, which is returned beside them. */
  itemList() {
    const list2 = { type: "list", pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== "eof") {
      const n = this.textOrAction();
      if (isEnd(n)) return [list2, n];
      list2.nodes.push(n);
    }
    this.fail("unexpected EOF", this.openBlocks.at(-1) ?? this.text.length);
  }
  textOrAction() {
    const token = this.nextNonSpace();
    if (token.type === "text") return { type: "text", pos: token.pos, text: token.val };
    if (token.type !== "leftDelim") this.unexpected(token, "input");
    const outer = this.actionStart;
    this.actionStart = token.pos;
    try {
      return this.action(token.pos);
    } finally {
      this.actionStart = outer;
    }
  }
  action(start) {
    const token = this.nextNonSpace();
    switch (token.type) {
      case "block":
        return this.blockControl(start);
      case "break":
      case "continue":
        return this.loopControl(token);
      case "else":
        return this.elseControl(token);
      case "end":
        this.expect("rightDelim", "end");
        return { type: "end", pos: token.pos };
      case "if":
      case "range":
      case "with":
        return this.nest(token.pos, "max nesting depth exceeded", () => this.control(token.type, start));
      case "template":
        return this.templateControl();
    }
    this.backup();
    return { type: "action", pos: this.peekNonSpace().pos, pipe: this.pipeline("command", "rightDelim") };
  }
  loopControl(token) {
    const which = token.type;
    const t3 = this.nextNonSpace();
    if (t3.type !== "rightDelim") this.unexpected(t3, `{{${which}}}`);
    if (this.rangeDepth === 0) this.fail(`{{${which}}} outside {{range}}`, token.pos);
    return { type: which, pos: token.pos };
  }
  elseControl(token) {
    if (this.peekNonSpace().type === "if") return { type: "else", pos: token.pos };
    this.expect("rightDelim", "else");
    return { type: "else", pos: token.pos };
  }
  /** if / range / with: a pipeline, a body, maybe an else body, one {{end}}. */
  control(type, start) {
    const varsBefore = this.vars.length;
    this.openBlocks.push(start);
    try {
      const pipe = this.pipeline(type, "rightDelim");
      if (type === "range") this.rangeDepth++;
      const [list2, next] = this.itemList();
      if (type === "range") this.rangeDepth--;
      const node = { type, pos: pipe.pos, pipe, list: list2 };
      if (next.type === "else") {
        if (type === "if" && this.peek().type === "if") {
          const elseIf = this.next();
          node.elseList = { type: "list", pos: next.pos, nodes: [this.control("if", elseIf.pos)] };
        } else {
          const [elseList, end] = this.itemList();
          if (end.type !== "end") this.fail(`expected end; found ${nodeString(end)}`, end.pos);
          node.elseList = elseList;
        }
      }
      return node;
    } finally {
      this.openBlocks.pop();
      this.vars.length = varsBefore;
    }
  }
  /** {{block "name" pipeline}} body {{end}}: defines "name" and calls it here. */
  blockControl(start) {
    const context = "block clause";
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, "rightDelim");
    const [list2, end] = this.inFreshScope(start, () => this.itemList());
    if (end.type !== "end") this.fail(`unexpected ${nodeString(end)} in ${context}`, end.pos);
    this.addTree(name, list2, token.pos);
    return { type: "template", pos: token.pos, name, pipe };
  }
  templateControl() {
    const context = "template clause";
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    if (this.nextNonSpace().type === "rightDelim") return { type: "template", pos: token.pos, name };
    this.backup();
    return { type: "template", pos: token.pos, name, pipe: this.pipeline(context, "rightDelim") };
  }
  templateName(token, context) {
    if (token.type !== "string" && token.type !== "rawString") this.unexpected(token, context);
    return this.unquote(token);
  }
  // ---- pipelines
  /** declarations? command ('|' command)*, up to `end` (consumed). */
  pipeline(context, end) {
    const pipe = { type: "pipe", pos: this.peekNonSpace().pos, isAssign: false, decl: [], cmds: [] };
    this.declarations(pipe, context);
    for (; ; ) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        this.checkPipeline(pipe, context, token);
        return pipe;
      }
      if (!STARTS_OPERAND.has(token.type)) this.unexpected(token, context);
      this.backup();
      pipe.cmds.push(this.command());
    }
  }
  declarations(pipe, context) {
    for (; ; ) {
      const mark = this.i;
      const v = this.nextNonSpace();
      if (v.type !== "variable") {
        this.i = mark;
        return;
      }
      const next = this.peekNonSpace();
      if (next.type === "assign" || next.type === "declare") {
        pipe.isAssign = next.type === "assign";
        this.nextNonSpace();
        pipe.decl.push({ type: "variable", pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        return;
      }
      if (next.type === "char" && next.val === ",") {
        this.nextNonSpace();
        pipe.decl.push({ type: "variable", pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        if (context === "range" && pipe.decl.length < 2) {
          const after = this.peekNonSpace();
          if (after.type === "variable" || after.type === "rightDelim" || after.type === "rightParen") continue;
          this.fail("range can only initialize variables", after.pos);
        }
        this.fail(`too many declarations in ${context}`, next.pos);
      }
      this.i = mark;
      return;
    }
  }
  checkPipeline(pipe, context, end) {
    if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`, end.pos);
    pipe.cmds.slice(1).forEach((c, i) => {
      if (["bool", "dot", "nil", "number", "string"].includes(c.args[0].type)) {
        this.fail(`non executable command in pipeline stage ${i + 2}`, c.pos);
      }
    });
  }
  /** operand (space operand)*, up to '|' (consumed) or the end of the pipeline (not consumed). */
  command() {
    const cmd = { type: "command", pos: this.peekNonSpace().pos, args: [] };
    for (; ; ) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.type === "space") continue;
      if (token.type === "rightDelim" || token.type === "rightParen") this.backup();
      else if (token.type !== "pipe") this.unexpected(token, "operand");
      break;
    }
    if (cmd.args.length === 0) this.fail("empty command", cmd.pos);
    return cmd;
  }
  /** A term and any .Field accesses on it. */
  operand() {
    const term = this.term();
    if (!term || this.peek().type !== "field") return term;
    const pos = this.peek().pos;
    const fields = [];
    while (this.peek().type === "field") fields.push(this.next().val.slice(1));
    switch (term.type) {
      case "field":
        return { ...term, pos, ident: [...term.ident, ...fields] };
      case "variable":
        return { ...term, pos, ident: [...term.ident, ...fields] };
      case "bool":
      case "string":
      case "number":
      case "nil":
      case "dot":
        this.fail(`unexpected . after term ${quote(nodeString(term))}`, term.pos);
    }
    return { type: "chain", pos, node: term, fields };
  }
  term() {
    const token = this.nextNonSpace();
    const pos = token.pos;
    switch (token.type) {
      case "error":
        this.fail(token.val, pos);
      case "identifier":
        if (!this.funcs.has(token.val)) this.fail(`function ${quote(token.val)} not defined`, pos);
        return { type: "identifier", pos, name: token.val };
      case "dot":
        return { type: "dot", pos };
      case "nil":
        return { type: "nil", pos };
      case "variable":
        if (!this.vars.includes(token.val)) this.fail(`undefined variable ${quote(token.val)}`, pos);
        return { type: "variable", pos, ident: [token.val] };
      case "field":
        return { type: "field", pos, ident: [token.val.slice(1)] };
      case "bool":
        return { type: "bool", pos, value: token.val === "true" };
      case "charConstant":
      case "complex":
      case "number":
        return this.number(token);
      case "leftParen":
        return this.nest(pos, "max expression depth exceeded", () => this.pipeline("parenthesized pipeline", "rightParen"));
      case "string":
      case "rawString":
        return { type: "string", pos, quoted: token.val, text: this.unquote(token) };
    }
    this.backup();
    return void 0;
  }
  unquote(token) {
    try {
      return unquote2(token.val);
    } catch (e) {
      if (e instanceof SyntaxError_) this.fail(e.message, token.pos);
      throw e;
    }
  }
  /** Every reading Go gives a number literal (its NumberNode), or Go's complaint. */
  number(token) {
    const text = token.val;
    const n = {
      type: "number",
      pos: token.pos,
      text,
      isInt: false,
      isUint: false,
      isFloat: false,
      isComplex: false,
      int: 0,
      float: 0
    };
    if (token.type === "charConstant") {
      let ch;
      try {
        ch = unquoteChar(text, 1, "'");
      } catch {
        this.fail("invalid syntax", token.pos);
      }
      if (text.slice(ch.next) !== "'") this.fail(`malformed character constant: ${text}`, token.pos);
      const cp = ch.value.codePointAt(0);
      return { ...n, isInt: true, isUint: true, isFloat: true, int: cp, float: cp };
    }
    if (token.type === "complex" || text.endsWith("i")) {
      return { ...n, isComplex: true };
    }
    const u = parseInteger(text, false);
    const i = parseInteger(text, true);
    if (u !== void 0) Object.assign(n, { isUint: true });
    if (i !== void 0) Object.assign(n, { isInt: true, int: Number(i) });
    if (n.isInt || n.isUint) {
      n.isFloat = true;
      n.float = Number(i ?? u);
      return n;
    }
    const f = parseFloat64(text);
    if (f !== void 0) {
      if (!/[.eEpP]/.test(text)) this.fail(`integer overflow: ${quote(text)}`, token.pos);
      n.isFloat = true;
      n.float = f;
      if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) Object.assign(n, { isInt: true, int: f });
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) n.isUint = true;
      return n;
    }
    this.fail(`illegal number syntax: ${quote(text)}`, token.pos);
  }
};
var STARTS_OPERAND = /* @__PURE__ */ new Set([
  "bool",
  "charConstant",
  "complex",
  "dot",
  "field",
  "identifier",
  "number",
  "nil",
  "rawString",
  "string",
  "variable",
  "leftParen"
]);
function tokenString(t3) {
  if (t3.type === "eof") return "EOF";
  if (t3.type === "error") return t3.val;
  if (isKeyword(t3.type)) return `<${t3.val}>`;
  const runes = [...t3.val];
  if (runes.length > 10) return quote(runes.slice(0, 10).join("")) + "...";
  return quote(t3.val);
}

// server/template/am-data.ts
var Pair = class {
  constructor(Name, Value) {
    this.Name = Name;
    this.Value = Value;
  }
  Name;
  Value;
  static [GO_TYPE] = "template.Pair";
};
var Pairs = class extends Array {
  static [GO_TYPE] = "template.Pairs";
  // map/filter/slice give plain arrays, not Pairs.
  static get [Symbol.species]() {
    return Array;
  }
  Names() {
    return typedSlice("string", this.map((p) => p.Name));
  }
  Values() {
    return typedSlice("string", this.map((p) => p.Value));
  }
};
var KV = class _KV extends Map {
  static [GO_TYPE] = "template.KV";
  static [ZERO_VALUE] = "";
  static of(record) {
    return new _KV(Object.entries(record ?? {}));
  }
  /** Pairs sorted by name, except that "alertname" comes first. */
  SortedPairs() {
    const names = [...this.keys()].filter((k) => k !== "alertname").sort(byCodePoint);
    if (this.has("alertname")) names.unshift("alertname");
    return Pairs.from(names.map((k) => new Pair(k, this.get(k))));
  }
  Names() {
    return this.SortedPairs().Names();
  }
  Values() {
    return this.SortedPairs().Values();
  }
  /** A copy without the given names. */
  Remove(names) {
    return new _KV([...this].filter(([k]) => !names.includes(k)));
  }
};
withSignature(KV.prototype.SortedPairs, []);
withSignature(KV.prototype.Names, []);
withSignature(KV.prototype.Values, []);
withSignature(KV.prototype.Remove, ["[]string"]);
withSignature(Pairs.prototype.Names, []);
withSignature(Pairs.prototype.Values, []);
function byCodePoint(a2, b2) {
  const [x, y] = [[...a2], [...b2]];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
var Alert = class {
  constructor(Status, Labels, Annotations, StartsAt, EndsAt, GeneratorURL, Fingerprint) {
    this.Status = Status;
    this.Labels = Labels;
    this.Annotations = Annotations;
    this.StartsAt = StartsAt;
    this.EndsAt = EndsAt;
    this.GeneratorURL = GeneratorURL;
    this.Fingerprint = Fingerprint;
  }
  Status;
  Labels;
  Annotations;
  StartsAt;
  EndsAt;
  GeneratorURL;
  Fingerprint;
  static [GO_TYPE] = "template.Alert";
};
var Alerts = class extends Array {
  static [GO_TYPE] = "template.Alerts";
  static get [Symbol.species]() {
    return Array;
  }
  /** The firing alerts, as a []Alert (not Alerts: Go's method returns the plain slice). */
  Firing() {
    return typedSlice("template.Alert", this.filter((a2) => a2.Status === "firing"));
  }
  Resolved() {
    return typedSlice("template.Alert", this.filter((a2) => a2.Status === "resolved"));
  }
};
withSignature(Alerts.prototype.Firing, []);
withSignature(Alerts.prototype.Resolved, []);
var Data = class {
  constructor(Receiver, Status, Alerts2, GroupLabels, CommonLabels, CommonAnnotations, ExternalURL) {
    this.Receiver = Receiver;
    this.Status = Status;
    this.Alerts = Alerts2;
    this.GroupLabels = GroupLabels;
    this.CommonLabels = CommonLabels;
    this.CommonAnnotations = CommonAnnotations;
    this.ExternalURL = ExternalURL;
  }
  Receiver;
  Status;
  Alerts;
  GroupLabels;
  CommonLabels;
  CommonAnnotations;
  ExternalURL;
  static [GO_TYPE] = "template.Data";
};

// server/template/index.ts
var DEFAULT_FUNCS = new Map([...BUILTINS, ...AM_FUNCS]);
function parseTemplate(text, name = "", funcs = DEFAULT_FUNCS.keys()) {
  return parse(text, name, new Set(funcs));
}

// server/config/go-url.ts
function parseGoUrl(raw) {
  if (/[\x00-\x1f\x7f]/.test(raw)) return { error: "contains a control character" };
  const hash = raw.indexOf("#");
  const fragment = hash === -1 ? "" : raw.slice(hash + 1);
  let rest = hash === -1 ? raw : raw.slice(0, hash);
  if (badEscape(fragment)) return { error: "has an invalid %-escape" };
  const schemeEnd = schemeLength(rest);
  if (schemeEnd === "missing") return { error: 'is missing the scheme before ":"' };
  const scheme = schemeEnd > 0 ? rest.slice(0, schemeEnd).toLowerCase() : "";
  if (schemeEnd > 0) rest = rest.slice(schemeEnd + 1);
  const q = rest.indexOf("?");
  if (q !== -1) rest = rest.slice(0, q);
  if (!rest.startsWith("/")) {
    if (scheme !== "") return { scheme, host: "", opaque: true };
    const segment = rest.split("/", 1)[0] ?? "";
    if (segment.includes(":")) return { error: "has a colon in its first path segment (missing scheme?)" };
  }
  let host = "";
  if (rest.startsWith("//") && (scheme !== "" || !rest.startsWith("///"))) {
    const authorityEnd = rest.indexOf("/", 2);
    const authority = authorityEnd === -1 ? rest.slice(2) : rest.slice(2, authorityEnd);
    rest = authorityEnd === -1 ? "" : rest.slice(authorityEnd);
    const at = authority.lastIndexOf("@");
    if (at !== -1 && !/^[A-Za-z0-9\-._~!$&'()*+,;=:%@]*$/.test(authority.slice(0, at))) return { error: "has invalid user information" };
    if (at !== -1 && badEscape(authority.slice(0, at))) return { error: "has an invalid %-escape in its user information" };
    host = authority.slice(at + 1);
    const problem = hostProblem(host);
    if (problem) return { error: problem };
  }
  if (badEscape(rest)) return { error: "has an invalid %-escape in its path" };
  return { scheme, host, opaque: false };
}
function schemeLength(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return 0;
      continue;
    }
    if (c === ":") return i === 0 ? "missing" : i;
    return 0;
  }
  return 0;
}
function badEscape(s) {
  return /%(?![0-9A-Fa-f]{2})/.test(s);
}
function hostProblem(host) {
  let name = host;
  if (host.startsWith("[")) {
    const close = host.lastIndexOf("]");
    if (close === -1) return "has a '[' without ']' in its host";
    if (!/^(?::\d*)?$/.test(host.slice(close + 1))) return "has an invalid port after its host";
    name = host.slice(1, close);
  } else {
    const colon = host.lastIndexOf(":");
    if (colon !== -1) {
      if (!/^\d*$/.test(host.slice(colon + 1))) return "has an invalid port after its host";
      name = host.slice(0, colon);
    }
  }
  for (const m of name.matchAll(/%(..)/g)) {
    if (!/^[0-9A-Fa-f]{2}$/.test(m[1])) return "has an invalid %-escape in its host";
    if (parseInt(m[1][0], 16) < 8 && m[1] !== "25") return "has an escaped character in its host";
  }
  for (const c of name) {
    if (c.charCodeAt(0) < 128 && !/[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"%]/.test(c)) return "has a character a host name cannot hold";
  }
  return null;
}

// server/config/sections/fields.ts
var plain = () => z2.instanceof(PlainScalar);
var str = () => z2.union([z2.string(), plain(), z2.number(), z2.boolean(), z2.null()]).transform((v) => {
  if (v instanceof PlainScalar) return v.text;
  return v === null ? "" : typeof v === "string" ? v : String(v);
});
var bool = () => z2.union([z2.boolean(), plain().refine((p) => typeof p.value === "boolean", { message: "expected true or false", params: { rule: "bool" } }), z2.null()]).transform((v) => v instanceof PlainScalar ? v.value : v === true);
var numberOf = (v) => v instanceof PlainScalar ? v.value : v;
var int = (min, max, what = "a whole number") => z2.union([z2.number(), plain(), z2.null()]).superRefine((v, ctx) => {
  if (v === null) return;
  const n = numberOf(v);
  if (typeof n !== "number" || !Number.isFinite(n)) return ctx.addIssue({ code: "custom", message: `expected ${what}`, params: { rule: "invalid_type" } });
  const whole = Math.trunc(n);
  if (whole < min) return ctx.addIssue({ code: "custom", message: `must be at least ${min}`, params: { rule: "too_small" } });
  const exact = v instanceof PlainScalar && /^[-+]?\d+$/.test(v.text) && BigInt(v.text) <= 18446744073709551615n;
  if (exact ? BigInt(v.text) > BigInt(max) : whole > Number(max)) ctx.addIssue({ code: "custom", message: `must be at most ${max}`, params: { rule: "too_big" } });
}).transform((v) => v === null ? 0 : Math.trunc(numberOf(v)));
var num = () => z2.union([z2.number(), plain()]).superRefine((v, ctx) => {
  if (typeof numberOf(v) !== "number") ctx.addIssue({ code: "custom", message: "expected a number", params: { rule: "number" } });
}).transform((v) => numberOf(v));
var SECRET_FIELDS = /* @__PURE__ */ new WeakSet();
function isSecretField(schema) {
  return SECRET_FIELDS.has(schema);
}
function secret(description) {
  const field = str().describe(`${description} Secret: may be written as \${env:NAME} or \${file:/path}; never shown back.`);
  SECRET_FIELDS.add(field);
  return field;
}
var REDACTED_BY_ALERTMANAGER = "<secret>";
function secretAnyUrl(description) {
  const field = str().superRefine((v, ctx) => {
    const problem = v === "" ? null : checkAnyUrl(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem, params: { rule: "url" } });
  }).describe(`${description} Secret: may be written as \${env:NAME} or \${file:/path}; never shown back.`);
  SECRET_FIELDS.add(field);
  return field;
}
function secretUrl(description) {
  const field = str().superRefine((v, ctx) => {
    if (v === REDACTED_BY_ALERTMANAGER) return;
    const problem = checkHttpUrl(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem, params: { rule: "url" } });
  }).describe(`${description} Secret: may be written as \${env:NAME} or \${file:/path}; never shown back.`);
  SECRET_FIELDS.add(field);
  return field;
}
var TEMPLATE_FIELDS = /* @__PURE__ */ new WeakSet();
function tmpl(description) {
  const field = str().superRefine((text, ctx) => {
    const problem = templateProblem(text);
    if (problem) ctx.addIssue({ code: "custom", message: problem, params: { rule: "template" } });
  }).describe(`${description} A Go template: {{ \u2026 }} is rendered for each notification.`);
  TEMPLATE_FIELDS.add(field);
  return field;
}
function templateProblem(text) {
  if (!text.includes("{{")) return null;
  try {
    parseTemplate(text);
    return null;
  } catch (err) {
    if (!(err instanceof TemplateSyntaxError)) throw err;
    return `the template does not parse: ${err.message} (at character ${err.column}${err.line > 1 ? ` of line ${err.line}` : ""} of the value)`;
  }
}
var tmplMap = () => z2.record(
  z2.string(),
  str().superRefine((text, ctx) => {
    const problem = templateProblem(text);
    if (problem) ctx.addIssue({ code: "custom", message: problem, params: { rule: "template" } });
  })
).nullish().transform(unsetNull).optional();
var unsetNull = (v) => v ?? void 0;
function opt(schema) {
  return schema.nullish().transform(unsetNull).optional();
}
function list(item) {
  return z2.array(item).nullish().transform(unsetNull).optional();
}
var stringMap = () => z2.record(z2.string(), str()).nullish().transform(unsetNull).optional();
var DURATION_HINT = "expected a duration such as 30s, 5m, 1h30m or 720h (units y w d h m s ms, largest first)";
var duration = () => z2.union([z2.string(), plain(), z2.number()]).transform((v) => v instanceof PlainScalar ? v.text : String(v)).superRefine((text, ctx) => {
  if (parseDuration(text) === null) ctx.addIssue({ code: "custom", message: text === "" ? `empty duration: ${DURATION_HINT}` : DURATION_HINT, params: { rule: "duration" } });
});
var goDuration = () => z2.union([z2.string(), plain(), z2.number()]).transform((v) => v instanceof PlainScalar ? v.text : String(v)).superRefine((text, ctx) => {
  if (parseGoDuration(text) === null) ctx.addIssue({ code: "custom", message: "expected a Go duration such as 30s, 1m or 1h30m (units ns us ms s m h)", params: { rule: "duration" } });
});
function checkHttpUrl(value) {
  const url = parseGoUrl(value);
  if ("error" in url) return `is not a valid URL: it ${url.error}`;
  if (url.scheme !== "http" && url.scheme !== "https") return "must be an http or https URL (write http://host/\u2026 or https://host/\u2026)";
  if (url.host === "") return "needs a host, e.g. https://hooks.example.com/\u2026";
  return null;
}
function checkAnyUrl(value) {
  const url = parseGoUrl(value);
  return "error" in url ? `is not a valid URL: it ${url.error}` : null;
}
var httpUrl = () => str().superRefine((v, ctx) => {
  const problem = checkHttpUrl(v);
  if (problem) ctx.addIssue({ code: "custom", message: problem, params: { rule: "url" } });
});
var hostPort = () => str().superRefine((v, ctx) => {
  if (v === "") return;
  const m = /^(?:\[([^\]]*)\]|([^:[\]]*)):([^:[\]]*)$/.exec(v);
  if (!m) ctx.addIssue({ code: "custom", message: "expected host:port (e.g. smtp.example.com:587); IPv6 hosts in brackets", params: { rule: "host_port" } });
  else if (m[3] === "") ctx.addIssue({ code: "custom", message: "the port cannot be empty: write host:port", params: { rule: "host_port" } });
});
var LABEL_NAME_HINT = "not a label name: use letters, digits and _, not starting with a digit";
var labelName = () => z2.string().refine(isLabelName, { message: LABEL_NAME_HINT, params: { rule: "label_name" } });
var labelMap = () => z2.record(labelName(), str()).nullish().transform(unsetNull).optional();
var regexMap = () => z2.record(
  labelName(),
  z2.union([z2.string(), plain(), z2.number(), z2.boolean()], { error: "expected a regex (an empty value is no regex)" }).transform((v) => v instanceof PlainScalar ? v.text : String(v)).superRefine((source, ctx) => {
    try {
      compileAnchored(source);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: err.message, params: { rule: "regex" } });
    }
  })
).nullish().transform(unsetNull).optional();
var matcherLine = z2.string().superRefine((text, ctx) => {
  try {
    parseMatchers(text);
  } catch (err) {
    if (!(err instanceof MatcherError)) throw err;
    ctx.addIssue({ code: "custom", message: err.message, params: { rule: "matcher" } });
  }
}).describe('Alertmanager matchers: name="value", name!="value", name=~"regex", name!~"regex", or several as {a="1", b=~"x"}.');

// server/config/sections/global.ts
import { z as z4 } from "zod";

// server/config/sections/http-config.ts
import { z as z3 } from "zod";
var TLS_VERSIONS = ["TLS10", "TLS11", "TLS12", "TLS13"];
var tlsVersion = () => str().refine((v) => v === "" || TLS_VERSIONS.includes(v), { message: `unknown TLS version: use one of ${TLS_VERSIONS.join(", ")}`, params: { rule: "tls_version" } });
var anyUrl = () => str().superRefine((v, ctx) => {
  const problem = v === "" ? null : checkAnyUrl(v);
  if (problem) ctx.addIssue({ code: "custom", message: problem, params: { rule: "url" } });
});
var tlsConfigSchema = z3.strictObject({
  ca_file: str().optional().describe("CA certificate file to verify the server with."),
  cert_file: str().optional().describe("Client certificate file."),
  key_file: str().optional().describe("Client key file."),
  server_name: str().optional().describe("Server name to verify the certificate against."),
  insecure_skip_verify: bool().optional().describe("Skip verifying the server certificate (do not use in production)."),
  min_version: tlsVersion().optional().describe("Lowest TLS version: TLS10, TLS11, TLS12 or TLS13."),
  max_version: tlsVersion().optional().describe("Highest TLS version: TLS10, TLS11, TLS12 or TLS13.")
}).describe("TLS settings.");
var basicAuthSchema = z3.strictObject({
  username: str().optional().describe("User name."),
  password: secret("Password.").optional(),
  password_file: str().optional().describe("File holding the password.")
});
var authorizationSchema = z3.strictObject({
  type: str().optional().describe('Authorization type (default Bearer). "basic" is refused: use basic_auth.'),
  credentials: secret("Credentials sent after the type.").optional(),
  credentials_file: str().optional().describe("File holding the credentials.")
});
var oauth2Schema = z3.strictObject({
  client_id: str().optional().describe("OAuth2 client id (required)."),
  client_secret: secret("OAuth2 client secret.").optional(),
  client_secret_file: str().optional().describe("File holding the client secret."),
  scopes: list(str()).describe("Scopes to request."),
  token_url: str().optional().describe("Token endpoint (required)."),
  endpoint_params: stringMap().describe("Extra parameters for the token request."),
  proxy_url: anyUrl().optional().describe("Proxy for the token request."),
  tls_config: opt(tlsConfigSchema)
});
var set = (v) => v !== void 0 && v !== "";
var httpConfigSchema = z3.strictObject({
  basic_auth: opt(basicAuthSchema).describe("HTTP basic authentication."),
  authorization: opt(authorizationSchema).describe("The Authorization header."),
  oauth2: opt(oauth2Schema).describe("OAuth2 client credentials."),
  bearer_token: secret("Bearer token (prefer authorization.credentials).").optional(),
  bearer_token_file: str().optional().describe("File holding the bearer token (prefer authorization.credentials_file)."),
  proxy_url: secretAnyUrl("Proxy URL; it may carry credentials.").optional(),
  tls_config: opt(tlsConfigSchema),
  follow_redirects: bool().default(true).describe("Follow HTTP 3xx redirects."),
  enable_http2: bool().default(true).describe("Use HTTP/2 when the server offers it.")
}).superRefine((c, ctx) => {
  const fail = (message, path) => ctx.addIssue({ code: "custom", message, path, params: { rule: "http_config" } });
  const bearer = set(c.bearer_token) || set(c.bearer_token_file);
  if (set(c.bearer_token) && set(c.bearer_token_file)) fail("set bearer_token or bearer_token_file, not both", ["bearer_token"]);
  else if ((c.basic_auth || c.oauth2) && bearer) fail("set only one of basic_auth, oauth2 and bearer_token / bearer_token_file", ["bearer_token"]);
  if (c.basic_auth && set(c.basic_auth.password) && set(c.basic_auth.password_file)) fail("set password or password_file, not both", ["basic_auth", "password"]);
  if (c.authorization) {
    const type = (c.authorization.type ?? "").trim();
    if (bearer) fail("authorization cannot be combined with bearer_token or bearer_token_file", ["authorization"]);
    else if (set(c.authorization.credentials) && set(c.authorization.credentials_file)) fail("set credentials or credentials_file, not both", ["authorization", "credentials"]);
    else if (type.toLowerCase() === "basic") fail('authorization type cannot be "basic": use basic_auth instead', ["authorization", "type"]);
    else if (c.basic_auth || c.oauth2) fail("set only one of basic_auth, oauth2 and authorization", ["authorization"]);
  }
  if (c.oauth2) {
    const o = c.oauth2;
    if (c.basic_auth) fail("set only one of basic_auth, oauth2 and authorization", ["oauth2"]);
    else if (!set(o.client_id)) fail("oauth2 needs client_id", ["oauth2", "client_id"]);
    else if (!set(o.client_secret) && !set(o.client_secret_file)) fail("oauth2 needs client_secret or client_secret_file", ["oauth2", "client_secret"]);
    else if (!set(o.token_url)) fail("oauth2 needs token_url", ["oauth2", "token_url"]);
    else if (set(o.client_secret) && set(o.client_secret_file)) fail("set client_secret or client_secret_file, not both", ["oauth2", "client_secret"]);
  }
}).describe("HTTP client settings: authentication, TLS, proxy.");
function hasAuthorization(c) {
  return c !== void 0 && (c.authorization !== void 0 || set(c.bearer_token) || set(c.bearer_token_file));
}

// server/config/sections/global.ts
var set2 = (v) => v !== void 0 && v !== "";
var GLOBAL_DEFAULTS = {
  resolve_timeout: "5m",
  smtp_hello: "localhost",
  smtp_require_tls: true,
  pagerduty_url: "https://events.pagerduty.com/v2/enqueue",
  opsgenie_api_url: "https://api.opsgenie.com/",
  wechat_api_url: "https://qyapi.weixin.qq.com/cgi-bin/",
  victorops_api_url: "https://alert.victorops.com/integrations/generic/20131114/alert/",
  telegram_api_url: "https://api.telegram.org",
  webex_api_url: "https://webexapis.com/v1/messages"
};
var defaultUrl = (fallback, description) => z4.union([httpUrl(), z4.null()]).default(fallback).describe(`${description} Default ${fallback}.`);
var globalSchema = z4.strictObject({
  // yaml.v2 reads `resolve_timeout:` with no value as a zero duration.
  resolve_timeout: z4.union([duration(), z4.null().transform(() => "0s")]).default(GLOBAL_DEFAULTS.resolve_timeout).describe("An alert without endsAt is resolved after this long without an update (default 5m)."),
  http_config: opt(httpConfigSchema).describe("HTTP client settings for every notifier without its own."),
  smtp_from: str().optional().describe("Default sender address of email notifications."),
  smtp_hello: str().default(GLOBAL_DEFAULTS.smtp_hello).describe("Host name announced to SMTP servers (default localhost)."),
  smtp_smarthost: hostPort().optional().describe("Default SMTP server, host:port."),
  smtp_auth_username: str().optional(),
  smtp_auth_password: secret("Default SMTP password.").optional(),
  smtp_auth_password_file: str().optional(),
  smtp_auth_secret: secret("Default SMTP CRAM-MD5 secret.").optional(),
  smtp_auth_identity: str().optional(),
  smtp_require_tls: bool().default(GLOBAL_DEFAULTS.smtp_require_tls).describe("Require STARTTLS (default true)."),
  slack_api_url: secretUrl("Default Slack webhook URL.").optional(),
  slack_api_url_file: str().optional().describe("File holding the default Slack webhook URL."),
  pagerduty_url: defaultUrl(GLOBAL_DEFAULTS.pagerduty_url, "PagerDuty Events API URL."),
  opsgenie_api_url: defaultUrl(GLOBAL_DEFAULTS.opsgenie_api_url, "Opsgenie API URL."),
  opsgenie_api_key: secret("Default Opsgenie API key.").optional(),
  opsgenie_api_key_file: str().optional(),
  wechat_api_url: defaultUrl(GLOBAL_DEFAULTS.wechat_api_url, "WeChat API URL."),
  wechat_api_secret: secret("Default WeChat API secret.").optional(),
  wechat_api_corp_id: str().optional(),
  victorops_api_url: defaultUrl(GLOBAL_DEFAULTS.victorops_api_url, "VictorOps API URL."),
  victorops_api_key: secret("Default VictorOps API key.").optional(),
  victorops_api_key_file: str().optional(),
  telegram_api_url: defaultUrl(GLOBAL_DEFAULTS.telegram_api_url, "Telegram Bot API URL."),
  webex_api_url: defaultUrl(GLOBAL_DEFAULTS.webex_api_url, "Webex API URL.")
}).superRefine((g, ctx) => {
  const both = (a2, b2) => {
    if (set2(g[a2]) && set2(g[b2])) ctx.addIssue({ code: "custom", message: `set ${a2} or ${b2}, not both`, path: [a2], params: { rule: "one_of" } });
  };
  both("slack_api_url", "slack_api_url_file");
  both("opsgenie_api_key", "opsgenie_api_key_file");
  both("victorops_api_key", "victorops_api_key_file");
  both("smtp_auth_password", "smtp_auth_password_file");
}).describe("Defaults for every notifier (Alertmanager's global section).");

// server/config/sections/hotconf.ts
import { z as z5 } from "zod";
var duration2 = (description) => duration().describe(description);
var HOST_NAME_RE = /^(?:\*|\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?)$/;
var serverSchema = z5.strictObject({
  host: z5.string().min(1).default("127.0.0.1").describe("Address the service listener binds. Reloadable: a change binds the new address before the old one closes."),
  port: int(1, 65535).default(8080).describe("TCP port of the service listener (1-65535). Reloadable without refusing requests."),
  read_timeout: duration2("Longest time to read a whole request, headers and body.").default("30s"),
  graceful_shutdown_timeout: duration2("How long an old listener keeps draining in-flight requests after a move, and the service on shutdown.").default("10s"),
  allowed_hosts: z5.array(z5.string().regex(HOST_NAME_RE, { message: "must be a host name like alerts.example.com or an IP address, without scheme or port (or * for any name)" })).optional().describe("Host names the service listener answers to besides localhost, its own address and IP addresses (others get 421: DNS rebinding). A wildcard host (0.0.0.0) adds no name: list the machine names clients use. * accepts any name.")
}).describe("The service listener (alert ingest and /healthz).");
var logSchema = z5.strictObject({
  level: z5.enum(["debug", "info", "warn", "error"]).default("info").describe("Lowest level written."),
  format: z5.enum(["json", "text"]).default("json").describe("json: one object per line; text: human-readable lines.")
}).describe("Logging. Reloaded atomically.");
var databaseSchema = z5.strictObject({
  driver: z5.enum(["sqlite", "postgres"]).default("sqlite").describe("sqlite (embedded) or postgres (scale-out; needs url)."),
  path: z5.string().min(1).default("alerts.db").describe("SQLite file for alert history, inside the data dir (--data-dir); a relative path starts there. Its folder must exist, and an existing file must be an SQLite database. A change opens, migrates and checks the new file before switching."),
  url: secret("Postgres connection URL (driver: postgres).").optional(),
  max_connections: int(1, 1e3).default(10).describe("Connection pool size (1-1000)."),
  retention: duration2("How long alert history is kept.").default("720h")
}).describe("Alert history storage.");
var webhookSchema = z5.strictObject({
  max_body_bytes: int(1, 100 * 1024 * 1024).default(1048576).describe("Largest accepted request body, in bytes."),
  rate_limit: z5.strictObject({
    enabled: bool().default(true).describe("Whether ingest is rate limited."),
    requests_per_second: num().refine((n) => n > 0, { message: "must be greater than 0", params: { rule: "number" } }).default(200).describe("Sustained requests per second."),
    burst: int(1, Number.MAX_SAFE_INTEGER).default(400).describe("Requests allowed in a burst above the sustained rate.")
  }).prefault({}).describe("Token-bucket rate limit on the ingest API."),
  authentication: z5.strictObject({
    type: z5.enum(["none", "api_key"]).default("none").describe("none, or api_key (clients send Authorization: Bearer <key> or X-API-Key)."),
    api_key: secret("The key ingest clients must present.").optional()
  }).prefault({}).describe("Who may post alerts.")
}).describe("The ingest API.");

// server/config/sections/receivers.ts
import { z as z6 } from "zod";
var set3 = (v) => v !== void 0 && v !== "";
var rule = (ctx, path, message, name = "receiver_field") => ctx.addIssue({ code: "custom", message, path, params: { rule: name } });
function oneOf(ctx, c, a2, b2) {
  if (set3(c[a2]) && set3(c[b2])) rule(ctx, [a2], `set ${a2} or ${b2}, not both`, "one_of");
}
var sendResolved = (byDefault) => bool().default(byDefault).describe(`Also notify when alerts resolve (default ${byDefault}).`);
var http = () => opt(httpConfigSchema).describe("HTTP client settings for this integration (default: global.http_config).");
var webhookConfigSchema = z6.strictObject({
  send_resolved: sendResolved(true),
  http_config: http(),
  url: secretUrl("Where the notification is POSTed (Alertmanager webhook payload, version 4).").optional(),
  max_alerts: int(0, 18446744073709551615n).default(0).describe("Most alerts per message; 0 means all."),
  timeout: duration().optional().describe("hotconf extension: per-request timeout (default 10s). `hotconf export --alertmanager` drops it.")
}).superRefine((c, ctx) => {
  if (!set3(c.url)) rule(ctx, ["url"], "webhook_configs needs url");
});
var slackConfigSchema = z6.strictObject({
  send_resolved: sendResolved(false),
  http_config: http(),
  api_url: secretUrl("Slack incoming-webhook URL (default: global.slack_api_url).").optional(),
  api_url_file: str().optional().describe("File holding the Slack webhook URL."),
  channel: tmpl("Channel or user to post to.").optional(),
  username: tmpl("Sender name.").optional(),
  color: tmpl("Attachment colour.").optional(),
  title: tmpl("Message title.").optional(),
  title_link: tmpl("Link of the title.").optional(),
  pretext: tmpl("Text above the attachment.").optional(),
  text: tmpl("Message body.").optional(),
  fields: list(
    z6.strictObject({ title: tmpl("Field title.").optional(), value: tmpl("Field value.").optional(), short: bool().optional() }).superRefine((f, ctx) => {
      if (!set3(f.title)) rule(ctx, ["title"], "a Slack field needs title");
      else if (!set3(f.value)) rule(ctx, ["value"], "a Slack field needs value");
    })
  ).describe("Attachment fields."),
  short_fields: bool().optional(),
  footer: tmpl("Footer.").optional(),
  fallback: tmpl("Plain-text summary.").optional(),
  callback_id: tmpl("Callback id.").optional(),
  icon_emoji: tmpl("Icon emoji.").optional(),
  icon_url: tmpl("Icon URL.").optional(),
  image_url: tmpl("Image URL.").optional(),
  thumb_url: tmpl("Thumbnail URL.").optional(),
  link_names: bool().optional(),
  mrkdwn_in: list(str()),
  actions: list(
    z6.strictObject({
      type: tmpl("Action type (e.g. button).").optional(),
      text: tmpl("Action label.").optional(),
      url: tmpl("Link of a link button.").optional(),
      style: tmpl("Button style.").optional(),
      name: tmpl("Name of an interactive button.").optional(),
      value: tmpl("Value of an interactive button.").optional(),
      confirm: opt(
        z6.strictObject({ text: tmpl("Confirmation text.").optional(), title: tmpl("Title.").optional(), ok_text: tmpl("OK label.").optional(), dismiss_text: tmpl("Dismiss label.").optional() }).superRefine((f, ctx) => {
          if (!set3(f.text)) rule(ctx, ["text"], "a Slack confirmation needs text");
        })
      )
    }).superRefine((a2, ctx) => {
      if (!set3(a2.type)) rule(ctx, ["type"], "a Slack action needs type");
      else if (!set3(a2.text)) rule(ctx, ["text"], "a Slack action needs text");
      else if (!set3(a2.url) && !set3(a2.name)) rule(ctx, ["url"], "a Slack action needs url (a link button) or name (an interactive button)");
    })
  )
}).superRefine((c, ctx) => oneOf(ctx, c, "api_url", "api_url_file"));
var emailConfigSchema = z6.strictObject({
  send_resolved: sendResolved(false),
  to: tmpl("Recipient address(es), comma-separated.").optional(),
  from: tmpl("Sender address (default: global.smtp_from).").optional(),
  hello: str().optional().describe("Host name announced to the SMTP server (default: global.smtp_hello)."),
  smarthost: hostPort().optional().describe("SMTP server host:port (default: global.smtp_smarthost)."),
  auth_username: str().optional(),
  auth_password: secret("SMTP password.").optional(),
  auth_password_file: str().optional(),
  auth_secret: secret("SMTP CRAM-MD5 secret.").optional(),
  auth_identity: str().optional(),
  headers: tmplMap().describe("Extra mail headers (templates)."),
  html: tmpl("HTML body.").optional(),
  text: tmpl("Text body.").optional(),
  require_tls: bool().optional().describe("Require STARTTLS (default: global.smtp_require_tls)."),
  tls_config: opt(tlsConfigSchema)
}).superRefine((c, ctx) => {
  if (!set3(c.to)) rule(ctx, ["to"], "email_configs needs to (the recipient address)");
  const seen = /* @__PURE__ */ new Map();
  for (const header of Object.keys(c.headers ?? {})) {
    const canonical = canonicalHeader(header);
    if (seen.has(canonical)) rule(ctx, ["headers", header], `header ${canonical} is set twice (as ${seen.get(canonical)} and ${header}): header names are case-insensitive`);
    seen.set(canonical, header);
  }
});
function canonicalHeader(name) {
  if (!/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(name)) return name;
  return name.split("-").map((w) => w ? w[0].toUpperCase() + w.slice(1).toLowerCase() : w).join("-");
}
var pagerdutyLink = z6.strictObject({ href: tmpl("Link.").optional(), text: tmpl("Link text.").optional() });
var pagerdutyImage = z6.strictObject({ src: tmpl("Image source.").optional(), alt: tmpl("Alt text.").optional(), href: tmpl("Link.").optional() });
var pagerdutyConfigSchema = z6.strictObject({
  send_resolved: sendResolved(true),
  http_config: http(),
  service_key: secret("Integration key (Events API v1).").optional(),
  service_key_file: str().optional(),
  routing_key: secret("Integration key (Events API v2).").optional(),
  routing_key_file: str().optional(),
  url: httpUrl().optional().describe("Events API URL (default: global.pagerduty_url)."),
  client: tmpl("Client name.").optional(),
  client_url: tmpl("Client link.").optional(),
  description: tmpl("Incident description.").optional(),
  details: tmplMap().describe("Custom details (templates)."),
  images: list(pagerdutyImage),
  links: list(pagerdutyLink),
  source: tmpl("Source.").optional(),
  severity: tmpl("Severity.").optional(),
  class: tmpl("Class.").optional(),
  component: tmpl("Component.").optional(),
  group: tmpl("Group.").optional()
}).superRefine((c, ctx) => {
  if (!set3(c.routing_key) && !set3(c.service_key) && !set3(c.routing_key_file) && !set3(c.service_key_file)) rule(ctx, ["routing_key"], "pagerduty_configs needs routing_key or service_key (or their _file)");
  oneOf(ctx, c, "routing_key", "routing_key_file");
  oneOf(ctx, c, "service_key", "service_key_file");
});
var OPSGENIE_RESPONDER_TYPES = ["team", "teams", "user", "escalation", "schedule"];
var opsgenieConfigSchema = z6.strictObject({
  send_resolved: sendResolved(true),
  http_config: http(),
  api_key: secret("API key (default: global.opsgenie_api_key).").optional(),
  api_key_file: str().optional(),
  api_url: httpUrl().optional().describe("API URL (default: global.opsgenie_api_url)."),
  message: tmpl("Alert message.").optional(),
  description: tmpl("Description.").optional(),
  source: tmpl("Source.").optional(),
  details: tmplMap().describe("Details (templates)."),
  entity: tmpl("Entity.").optional(),
  responders: list(
    z6.strictObject({ id: tmpl("Responder id.").optional(), name: tmpl("Responder name.").optional(), username: tmpl("Responder user name.").optional(), type: tmpl("team, teams, user, escalation or schedule.").optional() })
  ),
  actions: tmpl("Comma-separated actions.").optional(),
  tags: tmpl("Comma-separated tags.").optional(),
  note: tmpl("Note.").optional(),
  priority: tmpl("Priority (P1-P5).").optional(),
  update_alerts: bool().optional()
}).superRefine((c, ctx) => {
  oneOf(ctx, c, "api_key", "api_key_file");
  (c.responders ?? []).forEach((r, i) => {
    if (!set3(r.id) && !set3(r.username) && !set3(r.name)) rule(ctx, ["responders", i], "a responder needs id, username or name");
    else if (!(r.type ?? "").includes("{{") && !OPSGENIE_RESPONDER_TYPES.includes((r.type ?? "").toLowerCase())) {
      rule(ctx, ["responders", i, "type"], `responder type must be one of ${OPSGENIE_RESPONDER_TYPES.join(", ")} (or a template)`);
    }
  });
});
var wechatConfigSchema = z6.strictObject({
  send_resolved: sendResolved(false),
  http_config: http(),
  api_secret: secret("API secret (default: global.wechat_api_secret).").optional(),
  corp_id: str().optional().describe("Corp id (default: global.wechat_api_corp_id)."),
  message: tmpl("Message.").optional(),
  api_url: httpUrl().optional().describe("API URL (default: global.wechat_api_url)."),
  to_user: tmpl("User.").optional(),
  to_party: tmpl("Party.").optional(),
  to_tag: tmpl("Tag.").optional(),
  agent_id: tmpl("Agent id.").optional(),
  message_type: str().optional().describe("text or markdown (default text).")
}).superRefine((c, ctx) => {
  if (set3(c.message_type) && !["text", "markdown"].includes(c.message_type)) rule(ctx, ["message_type"], "message_type must be text or markdown");
});
var RESERVED_VICTOROPS_FIELDS = ["routing_key", "message_type", "state_message", "entity_display_name", "monitoring_tool", "entity_id", "entity_state"];
var victoropsConfigSchema = z6.strictObject({
  send_resolved: sendResolved(true),
  http_config: http(),
  api_key: secret("API key (default: global.victorops_api_key).").optional(),
  api_key_file: str().optional(),
  api_url: httpUrl().optional().describe("API URL (default: global.victorops_api_url)."),
  routing_key: tmpl("Routing key (required).").optional(),
  message_type: tmpl("CRITICAL, WARNING or INFO (default CRITICAL).").optional(),
  state_message: tmpl("State message.").optional(),
  entity_display_name: tmpl("Entity display name.").optional(),
  monitoring_tool: tmpl("Monitoring tool.").optional(),
  custom_fields: stringMap()
}).superRefine((c, ctx) => {
  if (!set3(c.routing_key)) rule(ctx, ["routing_key"], "victorops_configs needs routing_key");
  oneOf(ctx, c, "api_key", "api_key_file");
  for (const key of Object.keys(c.custom_fields ?? {})) {
    if (RESERVED_VICTOROPS_FIELDS.includes(key)) rule(ctx, ["custom_fields", key], `custom field ${key} is one VictorOps sets itself: use another name`);
  }
});
var pushoverConfigSchema = z6.strictObject({
  send_resolved: sendResolved(true),
  http_config: http(),
  user_key: secret("Recipient user key (required).").optional(),
  token: secret("Application token (required).").optional(),
  title: tmpl("Title.").optional(),
  message: tmpl("Message.").optional(),
  url: tmpl("Supplementary URL.").optional(),
  url_title: tmpl("Title of the URL.").optional(),
  sound: tmpl("Sound.").optional(),
  priority: tmpl("Priority.").optional(),
  retry: goDuration().optional().describe("How often an emergency notification is retried (Go duration, default 1m)."),
  expire: goDuration().optional().describe("How long an emergency notification is retried (Go duration, default 1h)."),
  html: bool().optional()
}).superRefine((c, ctx) => {
  if (!set3(c.user_key)) rule(ctx, ["user_key"], "pushover_configs needs user_key");
  else if (!set3(c.token)) rule(ctx, ["token"], "pushover_configs needs token");
});
var sigv4Schema = z6.strictObject({
  region: str().optional(),
  access_key: str().optional(),
  secret_key: secret("AWS secret key.").optional(),
  profile: str().optional(),
  role_arn: str().optional()
}).superRefine((c, ctx) => {
  if (set3(c.access_key) !== set3(c.secret_key)) rule(ctx, ["access_key"], "sigv4 needs both access_key and secret_key, or neither");
});
var snsConfigSchema = z6.strictObject({
  send_resolved: sendResolved(true),
  http_config: http(),
  api_url: str().optional().describe("SNS API URL."),
  sigv4: opt(sigv4Schema),
  topic_arn: tmpl("Topic ARN.").optional(),
  phone_number: tmpl("Phone number (SMS).").optional(),
  target_arn: tmpl("Target ARN (mobile push).").optional(),
  subject: tmpl("Subject.").optional(),
  message: tmpl("Message.").optional(),
  attributes: stringMap()
}).superRefine((c, ctx) => {
  const empty = [c.target_arn, c.topic_arn, c.phone_number].filter((v) => !set3(v)).length;
  if (empty % 2 === 1) rule(ctx, ["topic_arn"], "sns_configs needs exactly one of topic_arn, target_arn and phone_number");
});
var TELEGRAM_PARSE_MODES = ["", "Markdown", "MarkdownV2", "HTML"];
var telegramConfigSchema = z6.strictObject({
  send_resolved: sendResolved(true),
  http_config: http(),
  api_url: httpUrl().optional().describe("Bot API URL (default: global.telegram_api_url)."),
  bot_token: secret("Bot token (required).").optional(),
  chat_id: int(-9223372036854776e3, 9223372036854775807n).optional().describe("Chat id (required)."),
  message: tmpl("Message.").optional(),
  disable_notifications: bool().optional(),
  parse_mode: str().default("HTML").describe("Markdown, MarkdownV2 or HTML (default HTML).")
}).superRefine((c, ctx) => {
  if (!set3(c.bot_token)) rule(ctx, ["bot_token"], "telegram_configs needs bot_token");
  else if (!c.chat_id) rule(ctx, ["chat_id"], "telegram_configs needs chat_id");
  else if (!TELEGRAM_PARSE_MODES.includes(c.parse_mode)) rule(ctx, ["parse_mode"], "parse_mode must be Markdown, MarkdownV2, HTML or empty");
});
var webexConfigSchema = z6.strictObject({
  send_resolved: sendResolved(true),
  http_config: http(),
  api_url: httpUrl().optional().describe("Webex API URL (default: global.webex_api_url)."),
  message: tmpl("Message.").optional(),
  room_id: tmpl("Room id (required).").optional()
}).superRefine((c, ctx) => {
  if (!set3(c.room_id)) rule(ctx, ["room_id"], "webex_configs needs room_id");
  else if (!hasAuthorization(c.http_config)) rule(ctx, ["http_config"], "webex_configs needs http_config.authorization (the bot token): Webex has no global credentials");
});
var discordConfigSchema = z6.strictObject({
  send_resolved: sendResolved(true),
  http_config: http(),
  webhook_url: secretUrl("Discord webhook URL (required).").optional(),
  title: tmpl("Title.").optional(),
  message: tmpl("Message.").optional()
}).superRefine((c, ctx) => {
  if (!set3(c.webhook_url)) rule(ctx, ["webhook_url"], "discord_configs needs webhook_url");
});
var msteamsConfigSchema = z6.strictObject({
  send_resolved: sendResolved(true),
  http_config: http(),
  webhook_url: secretUrl("Incoming-webhook URL.").optional(),
  webhook_url_file: str().optional(),
  title: tmpl("Title.").optional(),
  summary: tmpl("Summary.").optional(),
  text: tmpl("Text.").optional()
}).superRefine((c, ctx) => {
  if (!set3(c.webhook_url) && !set3(c.webhook_url_file)) rule(ctx, ["webhook_url"], "msteams_configs needs webhook_url or webhook_url_file");
  oneOf(ctx, c, "webhook_url", "webhook_url_file");
});
var receiverSchema = requiredInEditor(z6.strictObject({
  name: str().optional().describe("Unique receiver name that routes refer to."),
  discord_configs: list(discordConfigSchema).describe("Discord webhooks."),
  email_configs: list(emailConfigSchema).describe("Email over SMTP."),
  pagerduty_configs: list(pagerdutyConfigSchema).describe("PagerDuty."),
  slack_configs: list(slackConfigSchema).describe("Slack incoming webhooks."),
  webhook_configs: list(webhookConfigSchema).describe("Generic webhooks (Alertmanager webhook payload v4)."),
  opsgenie_configs: list(opsgenieConfigSchema).describe("Opsgenie."),
  wechat_configs: list(wechatConfigSchema).describe("WeChat."),
  pushover_configs: list(pushoverConfigSchema).describe("Pushover."),
  victorops_configs: list(victoropsConfigSchema).describe("VictorOps / Splunk On-Call."),
  sns_configs: list(snsConfigSchema).describe("Amazon SNS."),
  telegram_configs: list(telegramConfigSchema).describe("Telegram."),
  webex_configs: list(webexConfigSchema).describe("Cisco Webex."),
  msteams_configs: list(msteamsConfigSchema).describe("Microsoft Teams (Alertmanager 0.26+).")
}).superRefine((r, ctx) => {
  if (!set3(r.name)) rule(ctx, ["name"], "a receiver needs a name", "receiver_name");
}).describe("A named set of integrations."), ["name"]);

// server/config/sections/routing.ts
import { z as z7 } from "zod";
var nonZero = (description) => opt(duration().refine((v) => parseDuration(v) !== 0, { message: "cannot be zero", params: { rule: "zero_interval" } })).describe(description);
var groupBy = () => list(z7.string()).superRefine((names, ctx) => {
  if (!names) return;
  const seen = /* @__PURE__ */ new Set();
  names.forEach((name, i) => {
    if (name === "...") return;
    if (!isLabelName(name)) ctx.addIssue({ code: "custom", message: `${LABEL_NAME_HINT} (or '...' for all labels)`, path: [i], params: { rule: "label_name" } });
    else if (seen.has(name)) ctx.addIssue({ code: "custom", message: `label ${name} is listed twice`, path: [i], params: { rule: "group_by" } });
    seen.add(name);
  });
  if (names.includes("...") && names.some((n) => n !== "...")) ctx.addIssue({ code: "custom", message: "'...' groups by all labels: it cannot be combined with label names", params: { rule: "group_by" } });
}).describe("Labels to group alerts by; ['...'] groups by all labels.");
var routeSchema = z7.strictObject({
  receiver: str().optional().describe("Receiver for alerts this route matches (inherited from the parent when absent)."),
  group_by: groupBy(),
  matchers: list(matcherLine).describe("Alertmanager matchers an alert must satisfy."),
  match: labelMap().describe("Deprecated equality matchers (label: value)."),
  match_re: regexMap().describe("Deprecated regex matchers (label: regex, anchored)."),
  mute_time_intervals: list(str()).describe("Time intervals (names) during which this route sends nothing."),
  active_time_intervals: list(str()).describe("Time intervals (names) outside which this route sends nothing."),
  continue: bool().optional().describe("Keep matching sibling routes after this one matched."),
  get routes() {
    return list(routeSchema).describe("Child routes, tried in order.");
  },
  group_wait: opt(duration()).describe("How long to wait before the first notification of a new group."),
  group_interval: nonZero("How long to wait before notifying about new alerts in a group."),
  repeat_interval: nonZero("How long to wait before re-sending a notification.")
}).describe("An Alertmanager route.");
var inhibitRuleSchema = z7.strictObject({
  source_matchers: list(matcherLine).describe("Matchers for the alert that inhibits."),
  target_matchers: list(matcherLine).describe("Matchers for the alerts that are muted."),
  source_match: labelMap().describe("Deprecated: equality matchers for the source."),
  source_match_re: regexMap().describe("Deprecated: regex matchers for the source."),
  target_match: labelMap().describe("Deprecated: equality matchers for the target."),
  target_match_re: regexMap().describe("Deprecated: regex matchers for the target."),
  equal: list(labelName()).describe("Labels that must have equal values in source and target.")
}).describe("Mute target alerts while a matching source alert fires.");
var WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
var MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
function rangeOf(text, member) {
  const parts = text.toLowerCase().split(":");
  if (parts.length > 2) return `${text} is not a range: write begin:end or a single value`;
  const [a2, b2 = a2] = parts;
  const begin = member(a2);
  const end = member(b2);
  if (begin === null) return `${a2} is not a valid value here`;
  if (end === null) return `${b2} is not a valid value here`;
  return [begin, end];
}
var atoi = (s) => /^[+-]?\d+$/.test(s) && Math.abs(Number(s)) < 2 ** 31 ? Number(s) : null;
function rangeField(check, description) {
  return list(
    str().superRefine((text, ctx) => {
      const problem = check(text);
      if (problem) ctx.addIssue({ code: "custom", message: problem, params: { rule: "time_interval" } });
    })
  ).describe(description);
}
var weekdays = rangeField((text) => {
  const r = rangeOf(text, (s) => WEEKDAYS.includes(s) ? WEEKDAYS.indexOf(s) : null);
  if (typeof r === "string") return `${r}: weekdays are written in lower case, e.g. monday:friday`;
  return r[0] > r[1] ? "the start day cannot be after the end day" : null;
}, "Days of the week, e.g. ['monday:friday', 'sunday'].");
var daysOfMonth = rangeField((text) => {
  const r = rangeOf(text, atoi);
  if (typeof r === "string") return r;
  const [b2, e] = r;
  if (b2 === 0 || b2 < -31 || b2 > 31) return `${b2} is not a valid day of the month: use 1 to 31, or -1 to -31 from the end`;
  if (e === 0 || e < -31 || e > 31) return `${e} is not a valid day of the month: use 1 to 31, or -1 to -31 from the end`;
  if (b2 < 0 && e > 0) return "the end day must be negative when the start day is";
  if ((b2 < 0 ? 28 + b2 : b2) > (e < 0 ? 28 + e : e)) return `end day ${e} is always before start day ${b2}`;
  return null;
}, "Days of the month, e.g. ['1:5', '-3:-1'].");
var months = rangeField((text) => {
  const r = rangeOf(text, (s) => MONTHS.includes(s) ? MONTHS.indexOf(s) + 1 : atoi(s));
  if (typeof r === "string") return `${r}: months are names in lower case or numbers, e.g. january:march or 1:3`;
  return r[0] > r[1] ? "the end month is before the start month" : null;
}, "Months, e.g. ['january:march', '12'].");
var years = rangeField((text) => {
  const r = rangeOf(text, atoi);
  if (typeof r === "string") return r;
  return r[0] > r[1] ? `end year ${r[1]} is before start year ${r[0]}` : null;
}, "Years, e.g. ['2024:2026'].");
var CLOCK = /^(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;
var minutesOf = (t3) => Number(t3.slice(0, 2)) * 60 + Number(t3.slice(3));
var timeRange = z7.strictObject({ start_time: str().optional(), end_time: str().optional() }).superRefine((t3, ctx) => {
  const issue = (message, path) => ctx.addIssue({ code: "custom", message, path: [path], params: { rule: "time_interval" } });
  if (!t3.start_time || !t3.end_time) return issue("both start_time and end_time are needed", t3.start_time ? "end_time" : "start_time");
  if (!CLOCK.test(t3.start_time)) return issue("expected a time of day HH:MM (00:00 to 24:00)", "start_time");
  if (!CLOCK.test(t3.end_time)) return issue("expected a time of day HH:MM (00:00 to 24:00)", "end_time");
  if (minutesOf(t3.start_time) >= minutesOf(t3.end_time)) issue("the start time must be before the end time", "start_time");
});
function isTimeZone(name) {
  if (name === "UTC" || name === "Local" || name === "") return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
var timeIntervalSpec = z7.strictObject({
  times: list(timeRange).describe('Times of day, e.g. [{start_time: "09:00", end_time: "17:00"}].'),
  weekdays,
  days_of_month: daysOfMonth,
  months,
  years,
  location: str().refine(isTimeZone, { message: "unknown time zone: use an IANA name such as Europe/Berlin, or UTC", params: { rule: "time_interval" } }).optional().describe("Time zone of the times, e.g. Europe/Berlin (default UTC).")
});
var timeIntervalSchema = requiredInEditor(z7.strictObject({
  name: str().optional().describe("Name that routes refer to."),
  time_intervals: list(timeIntervalSpec).describe("When this interval is in effect: any of these.")
}).superRefine((t3, ctx) => {
  if (!t3.name) ctx.addIssue({ code: "custom", message: "a time interval needs a name", path: ["name"], params: { rule: "time_interval_name" } });
}).describe("A named set of times, for mute_time_intervals and active_time_intervals of routes."), ["name"]);

// server/config/schema.ts
var defaultGlobal;
function globalDefaults() {
  return defaultGlobal ??= globalSchema.parse({});
}
var configSections = {
  global: opt(globalSchema).transform((g) => g ?? globalDefaults()),
  templates: list(str()).transform((t3) => t3 ?? []).describe("Go template files (globs, relative to this file) whose {{ define }}s notifiers can use."),
  route: routeSchema.describe("The root of the routing tree. Must name a receiver and has no matchers."),
  receivers: list(receiverSchema).transform((r) => r ?? []).describe("Receivers that routes refer to by name."),
  inhibit_rules: list(inhibitRuleSchema).transform((r) => r ?? []).describe("Inhibition rules."),
  time_intervals: list(timeIntervalSchema).transform((t3) => t3 ?? []).describe("Named time intervals for routes (mute_time_intervals, active_time_intervals)."),
  mute_time_intervals: list(timeIntervalSchema).transform((t3) => t3 ?? []).describe("Deprecated name of time_intervals (still read)."),
  server: serverSchema.prefault({}),
  log: logSchema.prefault({}),
  database: databaseSchema.prefault({}),
  webhook: webhookSchema.prefault({})
};
var configSchema = z8.strictObject(configSections).superRefine((cfg, ctx) => {
  for (const issue of crossFieldIssues(cfg)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message, params: { rule: issue.rule } });
}).describe("hotconf / Alert History service configuration: Alertmanager 0.25 format plus hotconf sections.");
var set4 = (v) => typeof v === "string" && v !== "";
function crossFieldIssues(cfg) {
  const out = [];
  const c = cfg;
  const receivers = Array.isArray(c.receivers) ? c.receivers : [];
  const names = /* @__PURE__ */ new Map();
  receivers.forEach((r, i) => {
    if (!set4(r?.name)) return;
    const first = names.get(r.name);
    if (first !== void 0) {
      out.push({ path: ["receivers", i, "name"], message: `receiver name "${r.name}" is already used by receivers[${first}]: names must be unique`, rule: "unique_receiver" });
    } else names.set(r.name, i);
  });
  if (c.global && typeof c.global === "object") receivers.forEach((r, i) => globalFallbacks(r, i, c.global, out));
  const intervals = intervalNames(c, out);
  if (c.route && typeof c.route === "object") checkRoutes(c.route, names, intervals, out);
  if (c.database?.driver === "postgres" && !c.database.url) {
    out.push({ path: ["database", "url"], message: "driver postgres needs database.url (e.g. ${env:DATABASE_URL})", rule: "postgres_url" });
  }
  if (c.webhook?.authentication?.type === "api_key" && !c.webhook.authentication.api_key) {
    out.push({ path: ["webhook", "authentication", "api_key"], message: "authentication type api_key needs api_key (e.g. ${env:INGEST_API_KEY})", rule: "api_key_required" });
  }
  return out;
}
function intervalNames(c, out) {
  const names = /* @__PURE__ */ new Set();
  for (const section of ["mute_time_intervals", "time_intervals"]) {
    const items = Array.isArray(c[section]) ? c[section] : [];
    items.forEach((t3, i) => {
      if (!set4(t3?.name)) return;
      if (names.has(t3.name)) out.push({ path: [section, i, "name"], message: `time interval "${t3.name}" is defined twice: names must be unique across time_intervals and mute_time_intervals`, rule: "unique_time_interval" });
      names.add(t3.name);
    });
  }
  return names;
}
function globalFallbacks(r, i, g, out) {
  if (!r || !(r.email_configs || r.slack_configs || r.pagerduty_configs || r.opsgenie_configs || r.wechat_configs || r.victorops_configs || r.webex_configs)) return;
  for (const [j, e] of entries(r.email_configs)) {
    if (!set4(e.smarthost) && !set4(g.smtp_smarthost)) missing(out, i, "email_configs", j, "smarthost", "no SMTP server: set smarthost here or global.smtp_smarthost");
    else if (!set4(e.from) && !set4(g.smtp_from)) missing(out, i, "email_configs", j, "from", "no sender address: set from here or global.smtp_from");
  }
  for (const [j, s] of entries(r.slack_configs)) {
    if (!set4(s.api_url) && !set4(s.api_url_file) && !set4(g.slack_api_url) && !set4(g.slack_api_url_file)) {
      missing(out, i, "slack_configs", j, "api_url", "no Slack webhook URL: set api_url (or api_url_file) here or global.slack_api_url");
    }
  }
  for (const [j, p] of entries(r.pagerduty_configs)) {
    if (!set4(p.url) && !set4(g.pagerduty_url)) missing(out, i, "pagerduty_configs", j, "url", "no PagerDuty URL: set url here or global.pagerduty_url");
  }
  for (const [j, o] of entries(r.opsgenie_configs)) {
    if (!set4(o.api_url) && !set4(g.opsgenie_api_url)) missing(out, i, "opsgenie_configs", j, "api_url", "no Opsgenie URL: set api_url here or global.opsgenie_api_url");
    else if (!set4(o.api_key) && !set4(o.api_key_file) && !set4(g.opsgenie_api_key) && !set4(g.opsgenie_api_key_file)) {
      missing(out, i, "opsgenie_configs", j, "api_key", "no Opsgenie API key: set api_key (or api_key_file) here or global.opsgenie_api_key");
    }
  }
  for (const [j, w] of entries(r.wechat_configs)) {
    if (!set4(w.api_url) && !set4(g.wechat_api_url)) missing(out, i, "wechat_configs", j, "api_url", "no WeChat URL: set api_url here or global.wechat_api_url");
    else if (!set4(w.api_secret) && !set4(g.wechat_api_secret)) missing(out, i, "wechat_configs", j, "api_secret", "no WeChat API secret: set api_secret here or global.wechat_api_secret");
    else if (!set4(w.corp_id) && !set4(g.wechat_api_corp_id)) missing(out, i, "wechat_configs", j, "corp_id", "no WeChat corp id: set corp_id here or global.wechat_api_corp_id");
  }
  for (const [j, v] of entries(r.victorops_configs)) {
    if (!set4(v.api_url) && !set4(g.victorops_api_url)) missing(out, i, "victorops_configs", j, "api_url", "no VictorOps URL: set api_url here or global.victorops_api_url");
    else if (!set4(v.api_key) && !set4(v.api_key_file) && !set4(g.victorops_api_key) && !set4(g.victorops_api_key_file)) {
      missing(out, i, "victorops_configs", j, "api_key", "no VictorOps API key: set api_key (or api_key_file) here or global.victorops_api_key");
    }
  }
  for (const [j, w] of entries(r.webex_configs)) {
    if (!set4(w.api_url) && !set4(g.webex_api_url)) missing(out, i, "webex_configs", j, "api_url", "no Webex URL: set api_url here or global.webex_api_url");
  }
}
function missing(out, i, kind, j, field, message) {
  out.push({ path: ["receivers", i, kind, j, field], message, rule: "global_fallback" });
}
var NONE = [];
function entries(list2) {
  return list2 ? list2.entries() : NONE;
}
function checkRoutes(root, receivers, intervals, out) {
  if (!set4(root.receiver)) {
    out.push({ path: ["route", "receiver"], message: "the root route must name a receiver (it is the default for every alert)", rule: "root_receiver" });
  }
  if (root.matchers?.length || Object.keys(root.match ?? {}).length || Object.keys(root.match_re ?? {}).length) {
    out.push({ path: ["route", "matchers"], message: "the root route must not have matchers: it matches every alert", rule: "root_matchers" });
  }
  if (root.continue) out.push({ path: ["route", "continue"], message: "the root route cannot have continue: there is nothing after it to continue to", rule: "root_continue" });
  if (root.mute_time_intervals?.length) out.push({ path: ["route", "mute_time_intervals"], message: "the root route cannot have mute_time_intervals: set them on a child route", rule: "root_time_intervals" });
  if (root.active_time_intervals?.length) out.push({ path: ["route", "active_time_intervals"], message: "the root route cannot have active_time_intervals: set them on a child route", rule: "root_time_intervals" });
  walkRoutes(root, (route, place) => {
    if (set4(route.receiver) && !receivers.has(route.receiver)) {
      const known = [...receivers.keys()].slice(0, 10).join(", ");
      const hint = known ? `add it under receivers or use one of: ${known}` : "no receivers are defined yet: add one under receivers";
      out.push({ path: [...place.path(), "receiver"], message: `route names receiver "${route.receiver}", which is not defined: ${hint}`, rule: "unknown_receiver" });
    }
    if (route.mute_time_intervals) knownIntervals(route.mute_time_intervals, "mute_time_intervals", intervals, place, out);
    if (route.active_time_intervals) knownIntervals(route.active_time_intervals, "active_time_intervals", intervals, place, out);
  });
}
function knownIntervals(names, field, intervals, place, out) {
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (!intervals.has(name)) out.push({ path: [...place.path(), field, i], message: `time interval "${name}" is not defined: add it under time_intervals`, rule: "unknown_time_interval" });
  }
}
function walkRoutes(root, visit2) {
  const place = new RoutePlace();
  const walk = (route) => {
    visit2(route, place);
    if (!Array.isArray(route.routes)) return;
    for (let i = 0; i < route.routes.length; i++) {
      place.enter(i);
      walk(route.routes[i]);
      place.leave();
    }
  };
  walk(root);
}
var RoutePlace = class {
  indices = [];
  depth = 0;
  enter(index2) {
    this.indices[this.depth++] = index2;
  }
  leave() {
    this.depth--;
  }
  path() {
    const out = ["route"];
    for (let d = 0; d < this.depth; d++) out.push("routes", this.indices[d]);
    return out;
  }
};

// server/config/schema-walk.ts
var defOf = (node) => node._zod.def;
var WRAPPERS = /* @__PURE__ */ new Set(["optional", "default", "prefault", "nullable", "readonly", "catch", "nonoptional"]);
function innerOf(node) {
  const def = defOf(node);
  return WRAPPERS.has(def.type) ? def.innerType : def.type === "pipe" ? def.in : void 0;
}
function unwrap(schema) {
  let node = schema;
  for (let inner = innerOf(node); inner; inner = innerOf(node)) node = inner;
  return node;
}
function fieldPaths(root, test) {
  const out = [];
  const onPath = /* @__PURE__ */ new Set();
  const visit2 = (schema, path) => {
    for (let layer = schema; layer; layer = innerOf(layer)) {
      if (test(layer)) {
        out.push([...path]);
        return;
      }
    }
    const node = unwrap(schema);
    if (onPath.has(node)) return;
    onPath.add(node);
    const def = defOf(node);
    if (def.type === "object") for (const [key, child] of Object.entries(def.shape ?? {})) visit2(child, [...path, key]);
    else if (def.type === "array" && def.element) visit2(def.element, [...path, "*"]);
    else if (def.type === "union") for (const option of def.options ?? []) visit2(option, path);
    onPath.delete(node);
  };
  visit2(root, []);
  return [...new Map(out.map((p) => [p.join("."), p])).values()];
}

// server/config/secrets.ts
var MAX_SECRET_FILE_BYTES = 64 * 1024;
var PRESENT = "https://secret.invalid/resolved-by-the-service";
var presentSecrets = {
  env: new Proxy({}, { get: (_target, key) => typeof key === "string" ? PRESENT : void 0, has: () => true }),
  readFile: () => PRESENT
};
var SECRET_PATHS = fieldPaths(configSchema, isSecretField).map((p) => p.join("."));
var SECRET_SEGMENTS = SECRET_PATHS.map((p) => p.split("."));

// server/config/incremental.ts
var TOP_KEY = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:(?:[ \t]+(.*))?$/;
var ROUTES_KEY = /^routes[ \t]*:[ \t]*(?:#.*)?$/;
var ITEMIZED = /* @__PURE__ */ new Set(["receivers", "inhibit_rules"]);
function splitSections(text) {
  if (text.includes("&") || text.includes("	") || text.includes("\r")) return null;
  const found = [];
  const seen = /* @__PURE__ */ new Set();
  let last;
  for (let pos = 0; pos < text.length; ) {
    const eol = lineEnd(text, pos);
    const c = text.charCodeAt(pos);
    if (pos === eol || c === HASH) {
    } else if (c === SPACE) {
      if (!last && !isBlankOrComment(text, pos, eol)) return null;
    } else if (c === DASH && last && !last.inline && !text.startsWith("---", pos)) {
    } else {
      const m = TOP_KEY.exec(text.slice(pos, eol));
      if (!m || seen.has(m[1])) return null;
      seen.add(m[1]);
      const rest = (m[2] ?? "").trim();
      if (last) last.end = pos - 1;
      last = { key: m[1], start: pos, body: Math.min(eol + 1, text.length), end: text.length, inline: rest !== "" && !rest.startsWith("#") };
      found.push(last);
    }
    pos = last ? nextShallowLine(text, 0, eol + 1, text.length) : eol + 1;
  }
  return found.map((s) => {
    const items = !s.inline && ITEMIZED.has(s.key) ? splitItems(text, s.body, s.end) : null;
    if (items) return { key: s.key, text: null, items };
    const route = !s.inline && s.key === "route" ? splitRoute(text, s.start, s.body, s.end) : null;
    if (route) return { key: s.key, text: route.head, items: null, children: route.children };
    return { key: s.key, text: text.slice(s.start, s.end), items: null };
  });
}
function splitRoute(text, start, body, end) {
  let pos = body;
  while (pos < end && isBlankOrComment(text, pos, lineEnd(text, pos))) pos = lineEnd(text, pos) + 1;
  if (pos >= end) return null;
  const indent = indentOf(text, pos);
  if (indent === 0) return null;
  for (; pos < end; pos = nextShallowLine(text, indent, lineEnd(text, pos) + 1, end)) {
    const eol = lineEnd(text, pos);
    if (indentOf(text, pos) !== indent || !ROUTES_KEY.test(text.slice(pos + indent, eol))) continue;
    const blockStart = Math.min(eol + 1, end);
    let blockEnd = end;
    for (let q = nextShallowLine(text, indent, blockStart, end); q < end; q = nextShallowLine(text, indent, lineEnd(text, q) + 1, end)) {
      if (!isItemStart(text, q, indent)) {
        blockEnd = q;
        break;
      }
    }
    const children = splitItems(text, blockStart, blockEnd === end ? end : blockEnd - 1);
    if (!children) return null;
    return { head: text.slice(start, blockStart) + text.slice(blockEnd, end), children };
  }
  return null;
}
function splitItems(text, from, to) {
  let pos = from;
  while (pos < to && isBlankOrComment(text, pos, lineEnd(text, pos))) pos = lineEnd(text, pos) + 1;
  if (pos >= to) return null;
  const indent = indentOf(text, pos);
  if (!isItemStart(text, pos, indent)) return null;
  const starts = [pos];
  for (let q = nextShallowLine(text, indent, lineEnd(text, pos) + 1, to); q < to; q = nextShallowLine(text, indent, lineEnd(text, q) + 1, to)) {
    if (!isItemStart(text, q, indent)) return null;
    starts.push(q);
  }
  return starts.map((start, k) => text.slice(start, k + 1 < starts.length ? starts[k + 1] - 1 : to));
}
var SPACE = 32;
var HASH = 35;
var DASH = 45;
var NEWLINE = 10;
var shallowLines = /* @__PURE__ */ new Map();
function nextShallowLine(text, indent, from, to) {
  let re = shallowLines.get(indent);
  if (!re) shallowLines.set(indent, re = new RegExp(`\\n {0,${indent}}(?! )`, "g"));
  re.lastIndex = from - 1;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index + 1;
    if (start >= to) return to;
    const first = text.charCodeAt(m.index + m[0].length);
    if (first === NEWLINE || first === HASH || Number.isNaN(first)) continue;
    return start;
  }
  return to;
}
function lineEnd(text, pos) {
  const eol = text.indexOf("\n", pos);
  return eol === -1 ? text.length : eol;
}
function indentOf(text, pos) {
  let n = 0;
  while (text[pos + n] === " ") n++;
  return n;
}
function isBlankOrComment(text, pos, eol) {
  const first = pos + indentOf(text, pos);
  return first >= eol || text[first] === "#";
}
function isItemStart(text, pos, indent) {
  return indentOf(text, pos) === indent && text[pos + indent] === "-" && isDashEnd(text[pos + indent + 1]);
}
function isDashEnd(after) {
  return after === void 0 || after === " " || after === "\n";
}

// ../../tmp/inc/split.ts
var a = readFileSync("/tmp/inc/a.yaml", "utf8");
var b = readFileSync("/tmp/inc/b.yaml", "utf8");
var t = 0;
var N = 400;
for (let i = 0; i < N + 50; i++) {
  const text = i & 1 ? a : b;
  const t0 = performance.now();
  const s = splitSections(text);
  if (i >= 50) t += performance.now() - t0;
  if (!s) throw new Error("null");
}
console.log("split ms", (t / N).toFixed(3));
var t1 = performance.now();
for (let i = 0; i < 200; i++) {
  let n = 0;
  for (let p = 0; p < a.length; ) {
    const e = a.indexOf("\n", p);
    if (e < 0) break;
    n++;
    p = e + 1;
  }
}
console.log("indexOf lines", ((performance.now() - t1) / 200).toFixed(3));
var t2 = performance.now();
for (let i = 0; i < 200; i++) {
  const re = /\n(?=[^ \n#])/g;
  let n = 0;
  while (re.exec(a)) n++;
}
console.log("regex top", ((performance.now() - t2) / 200).toFixed(3));
