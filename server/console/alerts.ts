// The Alerts page's reads: pages of the service's alert history (alerts and delivery
// attempts), passed through with only the history API's own parameters — the service checks
// their values and answers a 400 naming the bad one, which the console relays as it is.
import type { AlertHistoryPage, NotificationHistoryPage } from '../contract/history';
import type { ConsoleContext } from './context';
import { HttpError } from './errors';

const ALERT_PARAMS = ['filter', 'receiver', 'status', 'commit', 'from', 'to', 'limit', 'cursor'];
const NOTIFICATION_PARAMS = [...ALERT_PARAMS, 'integration'];

export async function listAlerts(ctx: ConsoleContext, query: URLSearchParams): Promise<AlertHistoryPage> {
  return ctx.admin.historyAlerts(only(query, ALERT_PARAMS));
}

export async function listNotifications(ctx: ConsoleContext, query: URLSearchParams): Promise<NotificationHistoryPage> {
  return ctx.admin.historyNotifications(only(query, NOTIFICATION_PARAMS));
}

function only(query: URLSearchParams, known: readonly string[]): URLSearchParams {
  const out = new URLSearchParams();
  for (const [name, value] of query) {
    if (!known.includes(name)) throw new HttpError(400, 'bad_parameter', `${name.slice(0, 40)}: unknown parameter: this call takes ${known.join(', ')}`, { details: { parameter: name.slice(0, 40) } });
    out.append(name, value);
  }
  return out;
}
