// What a reload's status means to an operator, in words and a tone the badges colour by.
import type { ReloadStatus, StepStatus } from '../../server/contract/reload';

export type Tone = 'ok' | 'neutral' | 'bad' | 'warn' | 'running';

export interface Verdict {
  label: string;
  tone: Tone;
  /** One sentence: what happened to the running service. */
  meaning: string;
  /** Whether the commit's content is what the service now runs. */
  applied: boolean;
}

const VERDICTS: Record<ReloadStatus, Verdict> = {
  success: { label: 'applied', tone: 'ok', meaning: 'The service now runs this configuration.', applied: true },
  noop: { label: 'no change', tone: 'neutral', meaning: 'The configuration was already running: nothing reloaded.', applied: true },
  load_failed: { label: 'rejected', tone: 'bad', meaning: 'The file could not be read or parsed; the service kept its previous configuration.', applied: false },
  validation_failed: { label: 'rejected', tone: 'bad', meaning: 'The configuration is invalid; the service kept its previous configuration.', applied: false },
  apply_failed: { label: 'rejected', tone: 'bad', meaning: 'A component could not be prepared; nothing was switched and the service kept its previous configuration.', applied: false },
  rolled_back: { label: 'rolled back', tone: 'warn', meaning: 'A component failed after the switch; the service went back to its previous configuration.', applied: false },
  rollback_failed: { label: 'rollback failed', tone: 'bad', meaning: 'The rollback itself failed: the service is degraded (not ready) and needs attention.', applied: false },
  interrupted: { label: 'interrupted', tone: 'bad', meaning: 'The service stopped while this reload ran.', applied: false },
  in_progress: { label: 'in progress', tone: 'running', meaning: 'The service is reloading.', applied: false },
};

export function verdictOf(status: ReloadStatus): Verdict {
  return VERDICTS[status];
}

export type StepState = StepStatus | 'running' | 'pending';

const STEP_TONES: Record<StepState, Tone> = {
  success: 'ok',
  skipped: 'neutral',
  failed: 'bad',
  timeout: 'bad',
  rolled_back: 'warn',
  rollback_failed: 'bad',
  running: 'running',
  pending: 'neutral',
};

export function stepTone(state: StepState): Tone {
  return STEP_TONES[state];
}

/** "12 ms", "0.42 ms", "1.25 s": enough precision to compare phases that take milliseconds. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1_000).toFixed(2)} s`;
}
