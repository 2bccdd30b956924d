// Line diffs, computed in the browser: the restore dialog's "what will change", the
// three-way merge of the conflict view (merge.ts) and the plan's side notes all need one.
// Myers' O(ND) algorithm: config edits touch a few lines of a long file, so D stays small.

export type DiffKind = 'equal' | 'delete' | 'insert';

export interface DiffOp {
  kind: DiffKind;
  text: string;
  /** Index of the line in `a` (equal, delete), else null. */
  aIndex: number | null;
  /** Index of the line in `b` (equal, insert), else null. */
  bIndex: number | null;
}

/**
 * Past this many edits the exact diff costs O(D²) memory for little use (the files are
 * unrelated): the differing middle is reported as one delete-all + insert-all block.
 */
const MAX_EDITS = 2_000;

/** Splits text into lines; a trailing newline does not make an extra empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The edit script turning `a` into `b`, in order; deletions come before insertions. */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: DiffOp[] = [];
  for (let i = 0; i < start; i++) ops.push(equal(a, i, i));
  ops.push(...diffMiddle(a, b, start, endA, start, endB));
  for (let i = 0; i < a.length - endA; i++) ops.push(equal(a, endA + i, endB + i));
  return ops;
}

function equal(a: readonly string[], ai: number, bi: number): DiffOp {
  return { kind: 'equal', text: a[ai]!, aIndex: ai, bIndex: bi };
}

function diffMiddle(a: readonly string[], b: readonly string[], a0: number, a1: number, b0: number, b1: number): DiffOp[] {
  const n = a1 - a0;
  const m = b1 - b0;
  if (n === 0 && m === 0) return [];
  const trace = forwardTrace(a, b, a0, n, b0, m);
  if (!trace) return replaceAll(a, b, a0, a1, b0, b1);
  return backtrack(a, b, a0, n, b0, m, trace);
}

/**
 * Myers' forward pass. trace[d] is a snapshot of V before step d, restricted to the
 * diagonals k ∈ [-(d+1), d+1] that step d reads (index k + d + 1). Null past MAX_EDITS.
 */
function forwardTrace(a: readonly string[], b: readonly string[], a0: number, n: number, b0: number, m: number): Int32Array[] | null {
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, MAX_EDITS); d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return trace;
    }
  }
  return null;
}

function backtrack(a: readonly string[], b: readonly string[], a0: number, n: number, b0: number, m: number, trace: Int32Array[]): DiffOp[] {
  const reversed: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const snap = trace[d]!;
    const at = (k: number) => snap[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      reversed.push(equal(a, a0 + x, b0 + y));
    }
    if (d > 0) {
      if (down) reversed.push({ kind: 'insert', text: b[b0 + prevY]!, aIndex: null, bIndex: b0 + prevY });
      else reversed.push({ kind: 'delete', text: a[a0 + prevX]!, aIndex: a0 + prevX, bIndex: null });
    }
    x = prevX;
    y = prevY;
  }
  return reversed.reverse();
}

function replaceAll(a: readonly string[], b: readonly string[], a0: number, a1: number, b0: number, b1: number): DiffOp[] {
  const ops: DiffOp[] = [];
  for (let i = a0; i < a1; i++) ops.push({ kind: 'delete', text: a[i]!, aIndex: i, bIndex: null });
  for (let j = b0; j < b1; j++) ops.push({ kind: 'insert', text: b[j]!, aIndex: null, bIndex: j });
  return ops;
}

// ---------------------------------------------------------------- unified hunks

export interface HunkLine {
  kind: DiffKind;
  text: string;
}

export interface Hunk {
  /** 1-based first line in `a` (0 when the hunk's side is empty, as in `diff -u`). */
  aStart: number;
  aLength: number;
  bStart: number;
  bLength: number;
  lines: HunkLine[];
}

/** Groups a diff into `diff -u` hunks with `context` unchanged lines around each change. */
export function unifiedHunks(a: readonly string[], b: readonly string[], context = 3): Hunk[] {
  const ops = diffLines(a, b);
  const changed = ops.flatMap((op, i) => (op.kind === 'equal' ? [] : [i]));
  const hunks: Hunk[] = [];
  let i = 0;
  while (i < changed.length) {
    const first = changed[i]!;
    let last = first;
    // Changes closer than two contexts apart share a hunk, as diff -u does.
    while (i + 1 < changed.length && changed[i + 1]! - last <= 2 * context + 1) last = changed[++i]!;
    i++;
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length, last + context + 1);
    hunks.push(toHunk(ops.slice(from, to), ops, from));
  }
  return hunks;
}

function toHunk(slice: DiffOp[], all: DiffOp[], from: number): Hunk {
  // Position of the hunk on each side = number of lines of that side before it.
  const before = all.slice(0, from);
  const aBefore = before.filter((op) => op.kind !== 'insert').length;
  const bBefore = before.filter((op) => op.kind !== 'delete').length;
  const aLength = slice.filter((op) => op.kind !== 'insert').length;
  const bLength = slice.filter((op) => op.kind !== 'delete').length;
  return {
    aStart: aLength === 0 ? aBefore : aBefore + 1,
    aLength,
    bStart: bLength === 0 ? bBefore : bBefore + 1,
    bLength,
    lines: slice.map((op) => ({ kind: op.kind, text: op.text })),
  };
}

/** The `diff -u` text of a → b (no file header lines); '' when they are equal. */
export function formatUnified(a: string, b: string, context = 3): string {
  const sign: Record<DiffKind, string> = { equal: ' ', delete: '-', insert: '+' };
  return unifiedHunks(splitLines(a), splitLines(b), context)
    .map((h) => [`@@ -${h.aStart},${h.aLength} +${h.bStart},${h.bLength} @@`, ...h.lines.map((l) => sign[l.kind] + l.text)].join('\n'))
    .join('\n');
}

/** Counts of added and removed lines, for a compact "+3 −1" summary. */
export function diffStat(a: string, b: string): { added: number; removed: number } {
  const ops = diffLines(splitLines(a), splitLines(b));
  return { added: ops.filter((o) => o.kind === 'insert').length, removed: ops.filter((o) => o.kind === 'delete').length };
}
