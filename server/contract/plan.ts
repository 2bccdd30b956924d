// `POST /api/v2/config/plan` (admin API) and `POST /api/config/plan` (console): a dry run of
// load → validate → diff plus each affected component's preflight check.
import type { ChangeRecord, ConfigIssue } from './config';
import type { RoutingImpact } from './history';

export interface PlanComponent {
  name: string;
  critical: boolean;
  /** `skipped`: a plan without detail runs no preflight (server/reload/plan.ts). */
  preflight: 'ok' | 'failed' | 'skipped';
  error?: string;
}

export interface Plan {
  valid: boolean;
  errors: ConfigIssue[];
  warnings: string[];
  changes: ChangeRecord[];
  components: PlanComponent[];
  /** Paths whose change needs a process restart. Every field reloads live today; kept for the contract. */
  restart_required: string[];
  summary: string;
  /** A valid draft that changes routing (route, time intervals, inhibit rules): the last
   *  alerts of the history replayed through it (alerts/routing-impact.ts). */
  impact?: RoutingImpact;
}
