// Terms: what the history index (table alert_terms) is keyed by. Every equality a filter
// can ask for — one label pair, one receiver, the status, the commit — is hashed to a
// 53-bit integer, so the index holds fixed-size keys whatever the label values weigh. A
// hash can collide; the query re-checks every filter on the rows it returns, so a
// collision costs a wasted row, never a wrong one.
import type { Labels } from '../labels';

/** Commits are indexed by their first 7 hex digits: a filter may give any prefix that long. */
export const COMMIT_TERM_DIGITS = 7;

export const labelTerm = (name: string, value: string): number => hash53(`l\u0000${name}\u0000${value}`);
export const receiverTerm = (receiver: string): number => hash53(`r\u0000${receiver}`);
export const statusTerm = (status: string): number => hash53(`s\u0000${status}`);
export const commitTerm = (sha: string): number => hash53(`c\u0000${sha.slice(0, COMMIT_TERM_DIGITS)}`);

export interface Termed {
  labels: Labels;
  receivers: readonly string[];
  status: string;
  commit: string | null;
}

/** Every term one stored alert is found by (no duplicates: the index's key is unique). */
export function termsOf(a: Termed): number[] {
  const terms = new Set<number>();
  for (const name of Object.keys(a.labels)) terms.add(labelTerm(name, a.labels[name]!));
  for (const r of a.receivers) terms.add(receiverTerm(r));
  terms.add(statusTerm(a.status));
  if (a.commit && a.commit.length >= COMMIT_TERM_DIGITS) terms.add(commitTerm(a.commit));
  return [...terms];
}

/** Two 32-bit FNV-1a passes with different seeds, joined into a safe integer (2^53). */
function hash53(text: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}
