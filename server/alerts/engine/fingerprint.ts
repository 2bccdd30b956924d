// Alertmanager's identity of an alert and of a group: the fingerprint of a label set, as
// Prometheus' model computes it — FNV-1a (64 bit) over the labels sorted by name, each name
// and value followed by the separator byte 0xff, printed as 16 hex digits. The same labels
// give the same fingerprint here and in Alertmanager (webhook payloads carry it).
import type { Labels } from '../labels';

const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;
const SEPARATOR = 0xff;
const encoder = new TextEncoder();

export function fingerprint(labels: Labels): string {
  let h = OFFSET;
  const add = (byte: number) => {
    h = ((h ^ BigInt(byte)) * PRIME) & MASK;
  };
  for (const name of Object.keys(labels).sort()) {
    for (const b of encoder.encode(name)) add(b);
    add(SEPARATOR);
    for (const b of encoder.encode(labels[name]!)) add(b);
    add(SEPARATOR);
  }
  return h.toString(16).padStart(16, '0');
}
