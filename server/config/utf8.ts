// config.yaml is UTF-8 (YAML 1.2, and Alertmanager's yaml.v2 refuses other bytes). Decoding
// with replacement characters would quietly turn a stray Latin-1 byte into U+FFFD and load
// a config that differs from the file; so bytes are decoded strictly, and the first byte
// that is not UTF-8 is named with its line and column. Pure (TextDecoder), like the rest of
// the config core.
import { configError, issueAt } from './errors';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of config.yaml's bytes; throws a located ConfigError ('load_failed') when they
 *  are not UTF-8. */
export function decodeConfigBytes(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    const bad = firstInvalidByte(bytes);
    const lineStart = bytes.lastIndexOf(0x0a, bad - 1) + 1;
    let line = 1;
    for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
    const column = strict.decode(bytes.subarray(lineStart, bad)).length + 1;
    const hex = bytes[bad]!.toString(16).padStart(2, '0');
    const message = `config.yaml is not UTF-8: byte 0x${hex} here does not start or continue a UTF-8 character (was the file saved as Latin-1 or UTF-16?): save it as UTF-8`;
    throw configError('load_failed', 'config.yaml is not UTF-8', [issueAt({ line, column, end_line: line, end_column: column + 1 }, '', 'bad_encoding', message)]);
  }
}

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence. */
function firstInvalidByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (n === 0 || i + n > bytes.length) return i;
    if (n > 1 && !wellFormed(bytes, i, n)) return i;
    i += n;
  }
  return bytes.length;
}

function wellFormed(bytes: Uint8Array, i: number, n: number): boolean {
  const b0 = bytes[i]!;
  const b1 = bytes[i + 1]!;
  // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
  const low = b0 === 0xe0 ? 0xa0 : b0 === 0xf0 ? 0x90 : 0x80;
  const high = b0 === 0xed ? 0x9f : b0 === 0xf4 ? 0x8f : 0xbf;
  if (b1 < low || b1 > high) return false;
  for (let k = 2; k < n; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return false;
  return true;
}
