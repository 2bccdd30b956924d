// Alertmanager's identity of an alert and of a group: the fingerprint of a label set, as
// Prometheus' model computes it — FNV-1a (64 bit) over the labels sorted by name, each name
// and value followed by the separator byte 0xff, printed as 16 hex digits. The same labels
// give the same fingerprint here and in Alertmanager (webhook payloads carry it).
//
// It runs for every posted alert, so the 64-bit arithmetic is done in two 32-bit halves with
// plain numbers (BigInt per byte was a third of ingest's CPU). The FNV prime is 2^40 + 0x1b3,
// so h × prime mod 2^64 = h × 0x1b3 + (h << 40): the low half times 0x1b3 stays below 2^41
// (exact in a double), and the shift moves the low half's bottom 24 bits into the high half.
import type { Labels } from '../labels';

const SEPARATOR = 0xff;
const encoder = new TextEncoder();

export function fingerprint(labels: Labels): string {
  const h = { hi: 0xcbf29ce4, lo: 0x84222325 };
  for (const name of Object.keys(labels).sort()) {
    addString(h, name);
    addByte(h, SEPARATOR);
    addString(h, labels[name]!);
    addByte(h, SEPARATOR);
  }
  return hex8(h.hi) + hex8(h.lo);
}

interface Hash {
  hi: number;
  lo: number;
}

function addByte(h: Hash, byte: number): void {
  const lo = (h.lo ^ byte) >>> 0;
  const low = lo * 0x1b3;
  const carry = Math.floor(low / 0x1_0000_0000);
  h.lo = low >>> 0;
  h.hi = (Math.imul(h.hi, 0x1b3) + (lo << 8) + carry) >>> 0;
}

/** The string's UTF-8 bytes: read straight from the code units while they are ASCII (label
 *  names always are, values nearly always), through the encoder otherwise. */
function addString(h: Hash, s: string): void {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) {
      for (const b of encoder.encode(s)) addByte(h, b);
      return;
    }
  }
  for (let i = 0; i < s.length; i++) addByte(h, s.charCodeAt(i));
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}
