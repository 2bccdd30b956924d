// The live receivers' notifiers as the pipeline's integrations: one per configured
// integration, keyed `<kind>/<index within its kind>` (stable across reloads while the
// config keeps it in place, so the notification log still knows what it was told). Each
// attempt is counted in the receiver set's in-flight count (a reload releases old notifiers
// only after their sends finished), bounded by the notifier's timeout, and its failure is
// retryable or final as the notifier says.
import type { ReceiverSet } from '../notifiers';
import type { NotifyAlert } from '../notify/types';
import { NotifyError } from '../notify/types';
import { resolvedAt, type Alert } from './alert';
import { DeliveryError, type Integration, type Notification } from './pipeline';

export function integrationsOf(set: ReceiverSet | null, receiver: string): Integration[] {
  const client = set?.get(receiver);
  if (!client) return [];
  const perKind = new Map<string, number>();
  return client.notifiers.map((notifier) => {
    const index = perKind.get(notifier.kind) ?? 0;
    perKind.set(notifier.kind, index + 1);
    return {
      key: `${notifier.kind}/${index}`,
      sendResolved: notifier.sendResolved,
      send: (n: Notification) =>
        set!.inFlight.track(async () => {
          // A plain timer, cleared when the attempt ends (not AbortSignal.timeout: its signal
          // and timer stayed alive until the timeout passed; notify/http.ts says what that cost).
          const controller = new AbortController();
          const timer = setTimeout(() => controller.abort(), notifier.timeoutMs);
          try {
            await notifier.notify({ receiver: n.receiver, groupKey: n.groupKey, groupLabels: n.groupLabels, alerts: n.alerts.map((a) => notifyAlert(a, n.now)) }, { signal: controller.signal });
          } catch (err) {
            const retryable = !(err instanceof NotifyError) || err.retryable;
            throw new DeliveryError(`${notifier.label}: ${(err as Error).message}`, retryable);
          } finally {
            clearTimeout(timer);
          }
        }),
    };
  });
}

/** An alert as notifiers render it: firing ones carry no end (sent as Go's zero time), as
 *  in Alertmanager's flush. */
export function notifyAlert(a: Alert, now: number): NotifyAlert {
  const resolved = resolvedAt(a, now);
  return {
    status: resolved ? 'resolved' : 'firing',
    labels: a.labels,
    annotations: a.annotations,
    startsAt: new Date(a.startsAt).toISOString(),
    endsAt: resolved ? new Date(a.endsAt).toISOString() : null,
    generatorURL: a.generatorURL,
    fingerprint: a.fingerprint,
  };
}
