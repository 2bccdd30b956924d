// Splits a Go text/template source into tokens, with Go 1.19's rules:
// `{{- ` / ` -}}` trim the adjacent text's white space (the marker needs a space,
// so `{{-3}}` is the number -3); `{{/* */}}` comments vanish; newlines may
// appear inside actions. A lexical error becomes the last token, so the parser
// reports it only when it gets there, as Go does.

import { isPrint, quote } from './strconv';

export type TokenType =
  | 'error' | 'eof' | 'text' | 'leftDelim' | 'rightDelim' | 'space'
  | 'bool' | 'char' | 'charConstant' | 'complex' | 'number' | 'string' | 'rawString'
  | 'field' | 'identifier' | 'variable' | 'assign' | 'declare' | 'pipe' | 'leftParen' | 'rightParen'
  // keywords
  | 'block' | 'break' | 'continue' | 'define' | 'dot' | 'else' | 'end' | 'if' | 'nil' | 'range' | 'template' | 'with';

export interface Token {
  type: TokenType;
  /** Offset of the token in the source (UTF-16 code units). */
  pos: number;
  /** The token's text; for 'error' the message. */
  val: string;
}

const KEYWORDS: ReadonlyMap<string, TokenType> = new Map<string, TokenType>([
  ['.', 'dot'], ['block', 'block'], ['break', 'break'], ['continue', 'continue'], ['define', 'define'],
  ['else', 'else'], ['end', 'end'], ['if', 'if'], ['nil', 'nil'], ['range', 'range'],
  ['template', 'template'], ['with', 'with'],
]);

const KEYWORD_TYPES: ReadonlySet<TokenType> = new Set(KEYWORDS.values());

export function isKeyword(type: TokenType): boolean {
  return KEYWORD_TYPES.has(type);
}

const LEFT = '{{';
const RIGHT = '}}';

// Go's template space: only these four, for trimming and inside actions alike.
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlphaNumeric = (c: string | undefined): boolean => c !== undefined && (c === '_' || /^[\p{L}\p{Nd}]$/u.test(c));
const hasLeftTrim = (s: string, at: number): boolean => s[at] === '-' && isSpace(s[at + 1]);
const hasRightTrim = (s: string, at: number): boolean => isSpace(s[at]) && s[at + 1] === '-';

export function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let start = 0;
  let parenDepth = 0;

  const emit = (type: TokenType): void => {
    tokens.push({ type, pos: start, val: input.slice(start, pos) });
    start = pos;
  };
  const fail = (message: string): Token[] => {
    tokens.push({ type: 'error', pos: start, val: message });
    return tokens;
  };
  // The code point at `at`, whole (an astral character is one rune to Go).
  const runeAt = (at: number): string | undefined => {
    const cp = input.codePointAt(at);
    return cp === undefined ? undefined : String.fromCodePoint(cp);
  };
  const atRightDelim = (): { delim: boolean; trim: boolean } => {
    if (input.startsWith(RIGHT, pos)) return { delim: true, trim: false };
    if (hasRightTrim(input, pos) && input.startsWith(RIGHT, pos + 2)) return { delim: true, trim: true };
    return { delim: false, trim: false };
  };
  // Identifiers, fields and variables must end at something that can follow them.
  const atTerminator = (): boolean => {
    const c = input[pos];
    return c === undefined || isSpace(c) || '.,|:()'.includes(c) || c === RIGHT[0];
  };
  const skipSpaces = (): void => {
    while (isSpace(input[pos])) pos++;
  };

  for (;;) {
    // Text up to the next action.
    const open = input.indexOf(LEFT, pos);
    if (open === -1) {
      pos = input.length;
      if (pos > start) emit('text');
      emit('eof');
      return tokens;
    }
    pos = open;
    const trim = hasLeftTrim(input, open + LEFT.length);
    let textEnd = pos;
    if (trim) while (textEnd > start && isSpace(input[textEnd - 1])) textEnd--;
    if (textEnd > start) tokens.push({ type: 'text', pos: start, val: input.slice(start, textEnd) });
    start = pos;

    // The left delimiter, or a comment.
    pos += LEFT.length;
    const afterMarker = trim ? 2 : 0;
    if (input.startsWith('/*', pos + afterMarker)) {
      pos += afterMarker;
      const close = input.indexOf('*/', pos + 2);
      if (close === -1) return fail('unclosed comment');
      pos = close + 2;
      const r = atRightDelim();
      if (!r.delim) return fail('comment ends before closing delimiter');
      pos += (r.trim ? 2 : 0) + RIGHT.length;
      if (r.trim) skipSpaces();
      start = pos;
      continue;
    }
    emit('leftDelim');
    pos += afterMarker;
    start = pos;
    parenDepth = 0;

    // Inside the action, up to the right delimiter.
    for (;;) {
      const r = atRightDelim();
      if (r.delim) {
        if (parenDepth !== 0) return fail('unclosed left paren');
        if (r.trim) pos += 2;
        start = pos;
        pos += RIGHT.length;
        emit('rightDelim');
        if (r.trim) skipSpaces();
        start = pos;
        break;
      }
      const c = runeAt(pos);
      if (c === undefined) return fail('unclosed action');
      if (isSpace(c)) {
        // A run of spaces; but " -}}" belongs to the delimiter.
        let n = 0;
        while (isSpace(input[pos])) {
          pos++;
          n++;
        }
        if (hasRightTrim(input, pos - 1) && input.startsWith(RIGHT, pos + 1)) {
          pos--;
          if (n === 1) continue;
        }
        emit('space');
        continue;
      }
      pos += c.length;
      switch (c) {
        case '=':
          emit('assign');
          continue;
        case ':':
          if (input[pos] !== '=') return fail('expected :=');
          pos++;
          emit('declare');
          continue;
        case '|':
          emit('pipe');
          continue;
        case '"':
          if (!scanQuoted('"')) return fail('unterminated quoted string');
          emit('string');
          continue;
        case '`': {
          const close = input.indexOf('`', pos);
          if (close === -1) return fail('unterminated raw quoted string');
          pos = close + 1;
          emit('rawString');
          continue;
        }
        case "'":
          if (!scanQuoted("'")) return fail('unterminated character constant');
          emit('charConstant');
          continue;
        case '$':
        case '.': {
          // "." followed by a digit starts a number.
          if (c === '.' && input[pos] !== undefined && input[pos]! >= '0' && input[pos]! <= '9') {
            pos--;
            if (!scanNumberToken()) return tokens;
            continue;
          }
          if (atTerminator()) {
            emit(c === '$' ? 'variable' : 'dot');
            continue;
          }
          let bad: string | undefined;
          for (;;) {
            const d = runeAt(pos);
            if (!isAlphaNumeric(d)) {
              bad = d;
              break;
            }
            pos += d!.length;
          }
          if (!atTerminator()) return fail(`bad character ${unicodeName(bad!)}`);
          emit(c === '$' ? 'variable' : 'field');
          continue;
        }
        case '(':
          emit('leftParen');
          parenDepth++;
          continue;
        case ')':
          emit('rightParen');
          parenDepth--;
          if (parenDepth < 0) return fail(`unexpected right paren ${unicodeName(c)}`);
          continue;
      }
      if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
        pos -= c.length;
        if (!scanNumberToken()) return tokens;
        continue;
      }
      if (isAlphaNumeric(c)) {
        let d = runeAt(pos);
        while (isAlphaNumeric(d)) {
          pos += d!.length;
          d = runeAt(pos);
        }
        if (!atTerminator()) return fail(`bad character ${unicodeName(d!)}`);
        const word = input.slice(start, pos);
        const keyword = KEYWORDS.get(word);
        emit(keyword ?? (word === 'true' || word === 'false' ? 'bool' : 'identifier'));
        continue;
      }
      if (c.length === 1 && c >= ' ' && c <= '~') {
        emit('char');
        continue;
      }
      return fail(`unrecognized character in action: ${unicodeName(c)}`);
    }
  }

  // A quoted string or character constant, the opening quote consumed. A
  // backslash escapes anything but a newline; syntax is checked by the parser.
  function scanQuoted(quote: string): boolean {
    for (;;) {
      const c = input[pos++];
      if (c === '\\') {
        const e = input[pos++];
        if (e !== undefined && e !== '\n') continue;
        return false;
      }
      if (c === undefined || c === '\n') return false;
      if (c === quote) return true;
    }
  }

  // A number, loosely: like Go's lexer it accepts some malformed text
  // ("089", "1e") and leaves the verdict to the parser.
  function scanNumberToken(): boolean {
    let ok = scanNumber();
    let type: TokenType = 'number';
    if (ok && (input[pos] === '+' || input[pos] === '-')) {
      // Complex: 1+2i, no spaces, and it must end in 'i'.
      ok = scanNumber() && input[pos - 1] === 'i';
      type = 'complex';
    }
    if (!ok) {
      fail(`bad number syntax: ${quote(input.slice(start, pos))}`);
      return false;
    }
    emit(type);
    return true;
  }

  function scanNumber(): boolean {
    const accept = (valid: string): boolean => {
      if (input[pos] !== undefined && valid.includes(input[pos]!)) {
        pos++;
        return true;
      }
      return false;
    };
    const acceptRun = (valid: string): void => {
      while (accept(valid));
    };
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    // The number must not run into a letter.
    const next = runeAt(pos);
    if (isAlphaNumeric(next)) {
      pos += next!.length;
      return false;
    }
    return true;
  }
}

/** Go's `%#U`: `U+0023 '#'`. */
export function unicodeName(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const hex = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return isPrint(c) ? `${hex} '${c}'` : hex;
}
