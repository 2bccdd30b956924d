// Receiver kinds the config accepts but hotconf cannot deliver to yet (SNS, WeChat). Their
// notifiers fail every attempt, and each attempt is recorded as failed — but an operator
// should learn that before an alert needs it: the plan and the service status name every
// receiver that holds one.
import type { Receiver } from '../config/schema';

const NOT_DELIVERED = [
  ['sns_configs', 'SNS'],
  ['wechat_configs', 'WeChat'],
] as const;

/** One line per receiver that holds a kind hotconf cannot deliver to; [] when none does. */
export function undeliverableReceivers(receivers: readonly Receiver[] | undefined): string[] {
  const out: string[] = [];
  (receivers ?? []).forEach((r, i) => {
    const kinds = NOT_DELIVERED.filter(([key]) => (r[key]?.length ?? 0) > 0).map(([, name]) => name);
    if (kinds.length === 0) return;
    out.push(`receiver "${r.name}" (receivers.${i}) has ${kinds.join(' and ')} configs, which hotconf cannot deliver to yet: every notification to them is recorded as failed`);
  });
  return out;
}
