// Whether Apply may run, and if not, the one reason shown next to the button. The gate is
// the config core's check (in the editor's worker, and the service's plan for what only the
// service can know: whether a secret reference resolves, …), never Monaco's own markers.
import type { Plan } from '../hooks/api';
import type { ConfigIssue } from '../../server/contract/config';
import { countConflictMarkers } from './merge';

export interface GateInput {
  content: string;
  /** The content the edit started from (HEAD when it was loaded). */
  baseContent: string;
  message: string;
  issues: readonly ConfigIssue[];
  /** The service's plan of this content, when it has answered. */
  plan: Plan | null;
}

const MAX_REASON = 110;

/** Null when Apply may run; otherwise why not, in one line. */
export function applyBlocker(input: GateInput): string | null {
  const conflicts = countConflictMarkers(input.content);
  if (conflicts > 0) return `${plural(conflicts, 'unresolved conflict')}: edit the <<<<<<< … >>>>>>> blocks into the text you want`;
  if (input.issues.length > 0) return errorsReason(input.issues.length, input.issues[0]!);
  const planErrors = input.plan ? blockingPlanErrors(input.plan) : [];
  if (planErrors.length > 0) return errorsReason(planErrors.length, planErrors[0]!, 'the service found ');
  if (input.content === input.baseContent) return 'No changes to apply: edit the configuration first';
  if (input.message.trim() === '') return 'Write a commit message: it becomes the history entry';
  return null;
}

/**
 * The plan's errors that make Apply pointless: the config does not load or validate where it
 * runs (an unset ${env:…}, say). A failed preflight does not block: the service may be right
 * or wrong about a resource it probes, and a reload that fails keeps the running config
 * (rejected or rolled back), so the operator may apply and watch it.
 */
export function blockingPlanErrors(plan: Plan): Plan['errors'] {
  return plan.errors.filter((e) => e.code !== PREFLIGHT_FAILED);
}

const PREFLIGHT_FAILED = 'preflight_failed';

function errorsReason(count: number, first: { path: string; message: string }, prefix = ''): string {
  const where = first.path ? `${first.path}: ` : '';
  return truncate(`${prefix}${plural(count, 'error')}: ${where}${first.message}`);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function truncate(text: string): string {
  return text.length <= MAX_REASON ? text : `${text.slice(0, MAX_REASON - 1)}…`;
}
