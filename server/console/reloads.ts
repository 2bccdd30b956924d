// Reload records straight from the service, for pages that show reloads rather than commits:
// the reload view of a finished reload and the overview's sparkline.
import type { ReloadRecord } from '../contract/reload';
import type { ReloadHistoryPage } from '../contract/status';
import type { ConsoleContext } from './context';
import { HttpError } from './errors';
import { queryInt, wholeNumber } from './request';

const MAX_LIMIT = 200;

export async function listReloads(ctx: ConsoleContext, query: URLSearchParams): Promise<ReloadHistoryPage> {
  const limit = queryInt(query, 'limit', 1, MAX_LIMIT);
  const before = queryInt(query, 'before', 1, Number.MAX_SAFE_INTEGER);
  return ctx.admin.history({ limit, before });
}

export async function reloadById(ctx: ConsoleContext, idText: string): Promise<ReloadRecord> {
  const id = wholeNumber(idText, 'the reload id', 1, Number.MAX_SAFE_INTEGER - 1);
  // The service pages by "older than": the record with id N is the first one before N + 1.
  const { records } = await ctx.admin.history({ limit: 1, before: id + 1 });
  const record = records[0];
  if (!record || record.id !== id) throw new HttpError(404, 'not_found', `no reload with id ${id}: it may not have started yet, or it is older than the service keeps`);
  return record;
}
