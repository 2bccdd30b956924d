// JSON as Go's encoding/json Encoder writes it (Go 1.19), so request bodies are the bytes
// Alertmanager sends: struct fields in declaration order (a plain object's key order here),
// map keys sorted bytewise (pass a Map, or wrap a record with goMap), HTML-safe escaping of
// < > & and U+2028/U+2029, \u00XX in lower-case hex for other control characters (\n \r \t
// keep their short forms), invalid UTF-16 as U+FFFD, and the Encoder's trailing newline.

/** A Go map[string]…: encoded with its keys sorted as Go sorts them. */
export function goMap<V>(record: Readonly<Record<string, V>>): Map<string, V> {
  return new Map(Object.entries(record));
}

export function goJson(value: unknown): string {
  return encode(value) + '\n';
}

function encode(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`json: unsupported value: ${v}`);
    return String(v);
  }
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return '[' + v.map(encode).join(',') + ']';
  if (v instanceof Map) {
    const keys = [...v.keys()].map(String).sort(byUtf8);
    return '{' + keys.map((k) => quote(k) + ':' + encode(v.get(k))).join(',') + '}';
  }
  if (typeof v === 'object') {
    return '{' + Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => quote(k) + ':' + encode(x)).join(',') + '}';
  }
  throw new Error(`json: unsupported type: ${typeof v}`);
}

/** Go sorts map keys by their UTF-8 bytes. UTF-16 code units sort the same way below
 *  U+D800 (every label name and nearly every value): only past it are the bytes compared. */
const byUtf8 = (a: string, b: string): number =>
  BEYOND_BMP_ORDER.test(a) || BEYOND_BMP_ORDER.test(b) ? Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')) : a < b ? -1 : a > b ? 1 : 0;
const BEYOND_BMP_ORDER = /[\ud800-\uffff]/;

/** Characters quote() writes otherwise than as themselves. A fixed character class: linear. */
const NEEDS_ESCAPE = /["\\<>&\u0000-\u001f\u2028\u2029\ud800-\udfff]/;

function quote(s: string): string {
  // Most strings (label names and values, URLs) need no escape: one scan, one concatenation,
  // instead of a string grown by a character at a time (~20 KB of garbage per notification).
  if (!NEEDS_ESCAPE.test(s)) return '"' + s + '"';
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
      } else {
        out += '\\ufffd';
      }
      continue;
    }
    switch (c) {
      case 0x22: out += '\\"'; break;
      case 0x5c: out += '\\\\'; break;
      case 0x0a: out += '\\n'; break;
      case 0x0d: out += '\\r'; break;
      case 0x09: out += '\\t'; break;
      case 0x3c: out += '\\u003c'; break;
      case 0x3e: out += '\\u003e'; break;
      case 0x26: out += '\\u0026'; break;
      case 0x2028: out += '\\u2028'; break;
      case 0x2029: out += '\\u2029'; break;
      default:
        out += c < 0x20 ? '\\u00' + c.toString(16).padStart(2, '0') : s[i]!;
    }
  }
  return out + '"';
}
