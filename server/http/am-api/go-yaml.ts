// YAML as Go's gopkg.in/yaml.v2 (v2.4, what Alertmanager 0.25 marshals its config with)
// writes it, for config-original.ts: `amtool config show` prints Alertmanager's text as is,
// so hotconf's must be the same bytes. What yaml.v2 does, and is done here:
// - block mappings; a sequence under a key is not indented (`key:\n- item`); an empty
//   mapping or sequence is `{}` / `[]`; a sequence marked flow is `[a, b]`, a mapping
//   marked flow `{a: b}` (Alertmanager's time intervals);
// - a string that would read back as something else (a number, `yes`, `null`, `1:30`, '')
//   is double-quoted; one that cannot be plain (a leading indicator, `: `, ` #`, `...`) is
//   single-quoted; one with a character libyaml does not print (controls, a tab, anything
//   beyond U+FFFD such as emoji) is double-quoted with its escapes (`\U0001F525`); one
//   with a line break is a literal block (`|-`);
// - plain and quoted scalars longer than 80 columns are folded at spaces, as yaml.v2 v2.4's
//   emitter does by default.
// Maps are written in the order given: the caller sorts Go maps by key, as Go does.

/** A mapping or sequence yaml.v2 writes in flow style (a `flow` struct tag). */
export class Flow {
  constructor(readonly value: readonly unknown[] | Readonly<Record<string, unknown>>) {}
}

const WIDTH = 80;

export function goYaml(doc: Record<string, unknown>): string {
  return mapping(doc, 0).join('\n') + '\n';
}

function mapping(map: Readonly<Record<string, unknown>>, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const [key, value] of Object.entries(map)) {
    const k = `${pad}${scalar(key, false)}:`;
    if (Array.isArray(value)) {
      if (value.length === 0) lines.push(`${k} []`);
      else lines.push(k, ...sequence(value, indent));
    } else if (value instanceof Flow) {
      lines.push(k + flow(value.value, indent, k.length));
    } else if (value !== null && typeof value === 'object') {
      if (Object.keys(value).length === 0) lines.push(`${k} {}`);
      else lines.push(k, ...mapping(value as Record<string, unknown>, indent + 2));
    } else if (typeof value === 'string' && value.includes('\n') && !hasSpecial(value)) {
      lines.push(`${k} ${literalHeader(value)}`, ...literalBody(value, indent + 2));
    } else {
      lines.push(fold(`${k} `, value, indent + 2));
    }
  }
  return lines;
}

function sequence(items: readonly unknown[], indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const item of items) {
    if (item instanceof Flow) lines.push(`${pad}-${flow(item.value, indent, indent + 1)}`);
    else if (Array.isArray(item)) {
      if (item.length === 0) lines.push(`${pad}- []`);
      else lines.push(...asItem(sequence(item, indent + 2), indent));
    } else if (item !== null && typeof item === 'object') {
      if (Object.keys(item).length === 0) lines.push(`${pad}- {}`);
      else lines.push(...asItem(mapping(item as Record<string, unknown>, indent + 2), indent));
    } else if (typeof item === 'string' && item.includes('\n') && !hasSpecial(item)) {
      lines.push(`${pad}- ${literalHeader(item)}`, ...literalBody(item, indent + 2));
    } else {
      lines.push(fold(`${pad}- `, item, indent + 2));
    }
  }
  return lines;
}

/** The first line of a nested block starts with `- ` in place of its indentation. */
function asItem(lines: string[], indent: number): string[] {
  return [`${' '.repeat(indent)}- ${lines[0]!.slice(indent + 2)}`, ...lines.slice(1)];
}

/** A flow collection as libyaml writes it: `[a, b]`, `{k: v}`; an item or key that would
 *  start past column 80 goes on a new line, indented two more per flow level. */
function flow(value: readonly unknown[] | Readonly<Record<string, unknown>>, indent: number, column: number): string {
  const w = { out: '', column, whitespace: false };
  const put = (text: string) => {
    w.out += text;
    w.column += text.length;
  };
  /** libyaml's write_indicator: `[` and `{` leave the writer at whitespace, the rest do not. */
  const indicator = (text: string, needWhitespace: boolean, isWhitespace = false) => {
    if (needWhitespace && !w.whitespace) put(' ');
    put(text);
    w.whitespace = isWhitespace;
  };
  const breakLine = (at: number) => {
    w.out += `\n${' '.repeat(at)}`;
    w.column = at;
    w.whitespace = true;
  };
  const node = (v: unknown, at: number): void => {
    const inner = v instanceof Flow ? v.value : v;
    if (Array.isArray(inner)) {
      indicator('[', true, true);
      inner.forEach((item, i) => {
        if (i > 0) indicator(',', false);
        if (w.column > WIDTH) breakLine(at + 2);
        node(item, at + 2);
      });
      indicator(']', false);
    } else if (inner !== null && typeof inner === 'object') {
      indicator('{', true, true);
      Object.entries(inner).forEach(([k, item], i) => {
        if (i > 0) indicator(',', false);
        if (w.column > WIDTH) breakLine(at + 2);
        indicator(scalar(k, true), true);
        indicator(':', false);
        node(item, at + 2);
      });
      indicator('}', false);
    } else {
      indicator(scalar(inner, true), true);
    }
  };
  node(value, indent);
  return w.out;
}

function literalHeader(s: string): string {
  const trailing = /\n*$/.exec(s)![0].length;
  return trailing === 0 ? '|-' : trailing === 1 ? '|' : '|+';
}

function literalBody(s: string, indent: number): string[] {
  const body = s.endsWith('\n') ? s.slice(0, s.length - 1) : s;
  return body.split('\n').map((line) => (line === '' ? '' : ' '.repeat(indent) + line));
}

/** `prefix` then the scalar; past column 80 it is folded at a space onto a new line
 *  indented by `indent` (libyaml's write_plain/single/double_quoted_scalar with breaks). */
function fold(prefix: string, value: unknown, indent: number): string {
  const text = scalar(value, false);
  if (typeof value !== 'string' || prefix.length + text.length <= WIDTH) return prefix + text;
  const quote = text[0] === "'" || text[0] === '"' ? text[0] : '';
  const first = quote ? 1 : 0;
  const last = quote ? text.length - 2 : text.length - 1;
  let out = prefix;
  let column = prefix.length;
  let spaces = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === ' ' && i >= first && i <= last) {
      const inside = !quote || (i !== first && i !== last);
      const nextSpace = text[i + 1] === ' ';
      if (!spaces && column > WIDTH && inside && (quote === '"' || !nextSpace)) {
        out += `\n${' '.repeat(indent)}`;
        column = indent;
        if (quote === '"' && nextSpace) {
          out += '\\';
          column++;
        }
      } else {
        out += ch;
        column++;
      }
      spaces = true;
      continue;
    }
    out += ch;
    column++;
    spaces = false;
  }
  return out;
}

/** A scalar as yaml.v2 writes it. */
export function scalar(value: unknown, inFlow: boolean): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  const s = String(value);
  if (s.includes('\n') || hasSpecial(s) || readsAsOtherThanString(s)) return doubleQuoted(s);
  // What is left can always be single-quoted (line breaks and unprintables went above).
  return plainAllowed(s, inFlow) ? s : `'${s.replace(/'/g, "''")}'`;
}

/** libyaml's IS_PRINTABLE (yaml.v2 emits Unicode as is, but only the printable part). */
function printable(c: number): boolean {
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}

function hasSpecial(s: string): boolean {
  for (const ch of s) if (!printable(ch.codePointAt(0)!)) return true;
  return false;
}

const BOOL_OR_NULL = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF', '~', 'null', 'Null', 'NULL', '']);
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const SPECIAL_FLOAT = /^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$/;
const TIMESTAMP = /^\d{4}-\d\d?-\d\d?([Tt ]|$)/;

/** yaml.v2's resolve(): the strings a plain scalar would not read back as a string. */
function readsAsOtherThanString(s: string): boolean {
  if (BOOL_OR_NULL.has(s) || FLOAT.test(s) || BASE60.test(s) || SPECIAL_FLOAT.test(s)) return true;
  const plain = s.replace(/_/g, '');
  if (/^[-+]?(0b[01]+|0x[0-9a-fA-F]+|0o?[0-7]+|[0-9]+)$/.test(plain)) return true;
  return TIMESTAMP.test(s) && !Number.isNaN(Date.parse(s.replace(' ', 'T')));
}

/** libyaml's analysis of a scalar: may it be written plain here? */
function plainAllowed(s: string, inFlow: boolean): boolean {
  let flowIndicators = false;
  let blockIndicators = false;
  if (s.startsWith('---') || s.startsWith('...')) flowIndicators = blockIndicators = true;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const followedBySpace = i + 1 >= s.length || s[i + 1] === ' ';
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) flowIndicators = blockIndicators = true;
      if (ch === '?' || ch === ':') {
        flowIndicators = true;
        if (followedBySpace) blockIndicators = true;
      }
      if (ch === '-' && followedBySpace) flowIndicators = blockIndicators = true;
    } else {
      if (',?[]{}'.includes(ch)) flowIndicators = true;
      if (ch === ':') {
        flowIndicators = true;
        if (followedBySpace) blockIndicators = true;
      }
      if (ch === '#' && s[i - 1] === ' ') flowIndicators = blockIndicators = true;
    }
  }
  const edgeSpace = s.startsWith(' ') || s.endsWith(' ');
  return !edgeSpace && !(inFlow ? flowIndicators : blockIndicators);
}

const ESCAPES: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 27: '\\e', 34: '\\"', 92: '\\\\', 0x85: '\\N', 0xa0: '\\_', 0x2028: '\\L', 0x2029: '\\P' };

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const esc = ESCAPES[c];
    if (esc) out += esc;
    else if (printable(c)) out += ch;
    else if (c <= 0xff) out += `\\x${hex(c, 2)}`;
    else if (c <= 0xffff) out += `\\u${hex(c, 4)}`;
    else out += `\\U${hex(c, 8)}`;
  }
  return out + '"';
}

function hex(n: number, width: number): string {
  return n.toString(16).toUpperCase().padStart(width, '0');
}
