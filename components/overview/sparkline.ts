// Sparkline geometry for recent reload durations: one bar per reload, oldest on the left,
// height on a square-root scale so a 2 s rollback does not flatten every 5 ms reload.
import type { ReloadRecord } from '../../server/contract/reload';
import { verdictOf, type Tone } from '../reload/verdict';

export interface SparkBar {
  id: number;
  x: number;
  y: number;
  width: number;
  height: number;
  tone: Tone;
  /** Tooltip / accessible text. */
  title: string;
}

export interface SparkBox {
  width: number;
  height: number;
  /** Gap between bars, in the same units. */
  gap: number;
  /** Widest a bar's slot gets, so a handful of reloads do not become slabs. */
  maxSlot?: number;
}

const MIN_BAR_HEIGHT = 1.5;

/** `records` newest first (as the history API returns them). */
export function sparklineBars(records: readonly Pick<ReloadRecord, 'id' | 'status' | 'duration_ms' | 'trigger'>[], box: SparkBox): SparkBar[] {
  if (records.length === 0) return [];
  const oldestFirst = [...records].reverse();
  const max = Math.max(...oldestFirst.map((r) => Math.sqrt(Math.max(0, r.duration_ms))));
  const slot = Math.min(box.width / oldestFirst.length, box.maxSlot ?? Infinity);
  const width = Math.max(1, slot - box.gap);
  return oldestFirst.map((r, i) => {
    const scaled = max > 0 ? (Math.sqrt(Math.max(0, r.duration_ms)) / max) * box.height : 0;
    const height = Math.max(MIN_BAR_HEIGHT, scaled);
    const verdict = verdictOf(r.status);
    return {
      id: r.id,
      x: round(i * slot),
      y: round(box.height - height),
      width: round(width),
      height: round(height),
      tone: verdict.tone,
      title: `#${r.id} ${r.trigger}: ${verdict.label}, ${r.duration_ms} ms`,
    };
  });
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
