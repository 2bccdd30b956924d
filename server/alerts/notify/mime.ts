// The pieces of a mail message as Go's standard library writes them (Alertmanager's email
// notifier builds its message by hand with these): RFC 2047 Q-encoded header values
// (mime.QEncoding), quoted-printable bodies (mime/quotedprintable), multipart framing
// (mime/multipart), canonical header names (net/textproto), RFC 1123Z dates.
import { randomBytes } from 'node:crypto';

/** textproto.CanonicalMIMEHeaderKey: "message-id" → "Message-Id"; a name with other characters is kept. */
export function canonicalHeaderKey(name: string): string {
  if (!/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(name)) return name;
  return name
    .split('-')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1).toLowerCase() : w))
    .join('-');
}

const MAX_ENCODED_WORD = 75;
const OPEN = '=?utf-8?q?';
const MAX_CONTENT = MAX_ENCODED_WORD - OPEN.length - 2;

/** mime.QEncoding.Encode("utf-8", s): unchanged when printable ASCII, else encoded-words of at most 75 bytes. */
export function qEncodeHeader(s: string): string {
  const bytes = Buffer.from(s, 'utf8');
  if (!bytes.some((b) => (b < 0x20 || b > 0x7e) && b !== 0x09)) return s;
  let out = OPEN;
  let len = 0;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const safe = b >= 0x20 && b <= 0x7e && b !== 0x3d && b !== 0x3f && b !== 0x5f;
    const runeLen = safe ? 1 : utf8Length(b);
    const encLen = safe ? 1 : 3 * runeLen;
    if (len + encLen > MAX_CONTENT) {
      out += '?= ' + OPEN;
      len = 0;
    }
    for (let j = i; j < i + runeLen && j < bytes.length; j++) {
      const x = bytes[j]!;
      if (x === 0x20) out += '_';
      else if (x >= 0x21 && x <= 0x7e && x !== 0x3d && x !== 0x3f && x !== 0x5f) out += String.fromCharCode(x);
      else out += '=' + x.toString(16).toUpperCase().padStart(2, '0');
    }
    len += encLen;
    i += runeLen;
  }
  return out + '?=';
}

function utf8Length(lead: number): number {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

const LINE_MAX = 76;

/** mime/quotedprintable.Writer (text mode): lines of at most 76 bytes, CRLF line ends, trailing blanks encoded. */
export function quotedPrintable(text: string): string {
  const input = Buffer.from(text, 'utf8');
  let out = '';
  let line: number[] = [];
  let cr = false;
  const flush = () => {
    out += Buffer.from(line).toString('latin1');
    line = [];
  };
  const crlf = () => {
    line.push(0x0d, 0x0a);
    flush();
  };
  const softBreak = () => {
    line.push(0x3d);
    crlf();
  };
  const encode = (b: number) => {
    if (LINE_MAX - 1 - line.length < 3) softBreak();
    line.push(0x3d, HEX.charCodeAt(b >> 4), HEX.charCodeAt(b & 0x0f));
  };
  const checkLastByte = () => {
    const last = line[line.length - 1];
    if (last === 0x20 || last === 0x09) {
      line.pop();
      encode(last);
    }
  };
  const write = (b: number) => {
    if (b === 0x0a || b === 0x0d) {
      if (cr && b === 0x0a) {
        cr = false;
        return;
      }
      if (b === 0x0d) cr = true;
      checkLastByte();
      crlf();
      return;
    }
    if (line.length === LINE_MAX - 1) softBreak();
    line.push(b);
    cr = false;
  };
  for (const b of input) {
    const plain = (b >= 0x21 && b <= 0x7e && b !== 0x3d) || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
    if (plain) write(b);
    else encode(b);
  }
  checkLastByte();
  flush();
  return out;
}

const HEX = '0123456789ABCDEF';

/** multipart.Writer's random boundary: 30 random bytes in hex. */
export function randomBoundary(): string {
  return randomBytes(30).toString('hex');
}

/** A multipart body as multipart.Writer writes it: parts with their headers sorted, then the closing delimiter. */
export function multipartBody(boundary: string, parts: { headers: Record<string, string>; body: string }[]): string {
  let out = '';
  parts.forEach((p, i) => {
    out += (i === 0 ? '' : '\r\n') + `--${boundary}\r\n`;
    for (const k of Object.keys(p.headers).sort()) out += `${k}: ${p.headers[k]}\r\n`;
    out += '\r\n' + p.body;
  });
  return out + `\r\n--${boundary}--\r\n`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** time.RFC1123Z in the local time zone: "Mon, 02 Jan 2006 15:04:05 -0700". */
export function rfc1123z(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getDay()]}, ${p(d.getDate())} ${MONTHS[d.getMonth()]} ${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${sign}${p(Math.floor(abs / 60))}${p(abs % 60)}`;
}
