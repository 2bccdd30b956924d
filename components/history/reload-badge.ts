// The outcome of a commit's reload, as History shows it: whether the commit ever ran.
import type { ReloadRecord } from '../../server/contract/reload';
import { verdictOf, type Tone } from '../reload/verdict';

export interface CommitOutcome {
  label: string;
  tone: Tone;
  applied: boolean | null;
}

export function commitOutcome(reload: Pick<ReloadRecord, 'status'> | null | undefined): CommitOutcome {
  if (!reload) return { label: 'not loaded', tone: 'neutral', applied: null };
  const verdict = verdictOf(reload.status);
  if (verdict.applied) return { label: verdict.label, tone: verdict.tone, applied: true };
  if (reload.status === 'in_progress') return { label: verdict.label, tone: verdict.tone, applied: null };
  return { label: `not applied: ${verdict.label}`, tone: verdict.tone, applied: false };
}
