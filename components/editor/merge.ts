// Line-based three-way merge for the conflict view: when someone else committed while the
// operator was editing, merge base→theirs and base→mine; where both sides changed the same
// lines, leave git-style conflict markers for the operator to resolve in the editor.
// (Khanna–Kunal–Pierce diff3: stable chunks are base lines both sides kept unchanged.)
import { diffLines, splitLines, type DiffOp } from '../ui/line-diff';

export const MARK_THEIRS = '<<<<<<<';
export const MARK_BASE = '|||||||';
export const MARK_SPLIT = '=======';
export const MARK_MINE = '>>>>>>>';

export interface MergeLabels {
  theirs: string;
  base: string;
  mine: string;
}

export interface MergeResult {
  text: string;
  /** Number of conflict blocks left in `text`. */
  conflicts: number;
}

const DEFAULT_LABELS: MergeLabels = { theirs: 'theirs (HEAD)', base: 'base', mine: 'mine (your edit)' };

/**
 * Merges `mine` and `theirs`, both edited from `base`. Lines are split on '\n' so the
 * merge keeps the texts' own trailing newline. Conflict blocks show theirs, the base and
 * mine (diff3 style) so the operator sees what both sides started from.
 */
export function merge3(base: string, theirs: string, mine: string, labels: MergeLabels = DEFAULT_LABELS): MergeResult {
  const o = base.split('\n');
  const a = theirs.split('\n');
  const b = mine.split('\n');
  const matchA = matches(o, a);
  const matchB = matches(o, b);
  const out: string[] = [];
  let conflicts = 0;
  let i = 0;
  let ai = 0;
  let bi = 0;

  while (i < o.length || ai < a.length || bi < b.length) {
    let k = 0;
    while (i + k < o.length && matchA[i + k] === ai + k && matchB[i + k] === bi + k) k++;
    if (k > 0) {
      out.push(...o.slice(i, i + k));
      i += k;
      ai += k;
      bi += k;
      continue;
    }
    // The next base line both sides kept closes the unstable chunk.
    let j = i;
    while (j < o.length && (matchA[j] === undefined || matchB[j] === undefined)) j++;
    const aEnd = j < o.length ? matchA[j]! : a.length;
    const bEnd = j < o.length ? matchB[j]! : b.length;
    const chunk = resolve(o.slice(i, j), a.slice(ai, aEnd), b.slice(bi, bEnd));
    if (chunk) out.push(...chunk);
    else {
      conflicts++;
      out.push(`${MARK_THEIRS} ${labels.theirs}`, ...a.slice(ai, aEnd), `${MARK_BASE} ${labels.base}`, ...o.slice(i, j), MARK_SPLIT, ...b.slice(bi, bEnd), `${MARK_MINE} ${labels.mine}`);
    }
    i = j;
    ai = aEnd;
    bi = bEnd;
  }
  return { text: out.join('\n'), conflicts };
}

/** For each base line kept by the other side, its index there (a monotonic matching). */
function matches(base: string[], other: string[]): (number | undefined)[] {
  const map: (number | undefined)[] = new Array(base.length);
  for (const op of diffLines(base, other)) if (op.kind === 'equal') map[op.aIndex!] = op.bIndex!;
  return map;
}

/** An unstable chunk merges cleanly when at most one side changed it, or both the same way. */
function resolve(base: string[], theirs: string[], mine: string[]): string[] | null {
  if (same(theirs, base)) return mine;
  if (same(mine, base)) return theirs;
  if (same(theirs, mine)) return theirs;
  return null;
}

function same(x: string[], y: string[]): boolean {
  return x.length === y.length && x.every((line, i) => line === y[i]);
}

/** Conflict blocks still present in an edited text (a block starts with <<<<<<< at line start). */
export function countConflictMarkers(text: string): number {
  return text.split('\n').filter((line) => line.startsWith(`${MARK_THEIRS} `) || line === MARK_THEIRS).length;
}

/** Lines one side of the three-way view marks, and where the view opens. */
export interface SideMarks {
  /** 0-based line indexes. */
  lines: Set<number>;
  /** The first marked line (-1 when none): the pane scrolls there. */
  first: number;
}

/**
 * What the three-way view highlights: the lines theirs and mine added or changed (in their
 * own texts) and the base lines either side replaced or deleted (in the base).
 */
export function markSides(base: string, theirs: string, mine: string): { base: SideMarks; theirs: SideMarks; mine: SideMarks } {
  const baseLines = splitLines(base);
  const theirOps = diffLines(baseLines, splitLines(theirs));
  const myOps = diffLines(baseLines, splitLines(mine));
  const inserted = (ops: DiffOp[]) => new Set(ops.flatMap((op) => (op.kind === 'insert' ? [op.bIndex!] : [])));
  const deleted = new Set([...theirOps, ...myOps].flatMap((op) => (op.kind === 'delete' ? [op.aIndex!] : [])));
  const marks = (lines: Set<number>): SideMarks => ({ lines, first: lines.size > 0 ? Math.min(...lines) : -1 });
  return { base: marks(deleted), theirs: marks(inserted(theirOps)), mine: marks(inserted(myOps)) };
}
