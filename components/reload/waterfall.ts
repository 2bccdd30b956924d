// Phase waterfall geometry. Phases run one after another, so each bar starts where the
// previous ended; widths are shares of the whole reload. Pure, so it is tested directly.
import { PHASES, type PhaseName } from '../../server/contract/reload';
import type { StepState } from './verdict';

export interface PhaseStep {
  name: PhaseName;
  state: StepState;
  duration_ms: number;
  error?: string;
}

export interface WaterfallBar extends PhaseStep {
  /** Left edge, percent of the track. */
  offsetPct: number;
  /** Width, percent of the track (the CSS gives a bar a minimum visible width). */
  widthPct: number;
}

export function layoutWaterfall(steps: readonly PhaseStep[]): WaterfallBar[] {
  const total = steps.reduce((sum, s) => sum + Math.max(0, s.duration_ms), 0);
  let offset = 0;
  return steps.map((step) => {
    const share = total > 0 ? (Math.max(0, step.duration_ms) / total) * 100 : 0;
    const bar = { ...step, offsetPct: round(offset), widthPct: round(share) };
    offset += share;
    return bar;
  });
}

/** All six phases in pipeline order; the ones a reload never reached are 'pending'. */
export function withAllPhases(steps: readonly PhaseStep[]): PhaseStep[] {
  return PHASES.map((name) => steps.find((s) => s.name === name) ?? { name, state: 'pending', duration_ms: 0 });
}

function round(pct: number): number {
  return Math.round(pct * 100) / 100;
}
