// The console's alert history calls: only the history API's own parameters pass, with the
// admin token; the service's 400 comes back as it is; History pages carry each commit's
// alert activity, and say so when the service cannot give it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAlerts, listNotifications } from '../../../server/console/alerts';
import { listHistory } from '../../../server/console/history';
import { HttpError } from '../../../server/http/errors';
import { sendJson } from './fake-admin';
import { type Harness, TOKEN, harness, rejection } from './fixtures';

let h: Harness;
beforeEach(async () => (h = await harness()));
afterEach(async () => h.close());

describe('console alert history', () => {
  it('passes the history parameters to the service with the admin token', async () => {
    h.admin.route('GET /api/v2/history/alerts', (_req, res) => sendJson(res, 200, { alerts: [], next_cursor: null }));
    h.admin.route('GET /api/v2/history/notifications', (_req, res) => sendJson(res, 200, { notifications: [], next_cursor: null }));
    await listAlerts(h.ctx, new URLSearchParams([['filter', 'team="db"'], ['filter', 'severity!="info"'], ['receiver', 'pager'], ['limit', '50']]));
    await listNotifications(h.ctx, new URLSearchParams({ integration: 'webhook/0', status: 'failed' }));
    const [alerts, notifications] = h.admin.requests;
    expect(alerts!.query.getAll('filter')).toEqual(['team="db"', 'severity!="info"']);
    expect(alerts!.query.get('receiver')).toBe('pager');
    expect(alerts!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(Object.fromEntries(notifications!.query)).toEqual({ integration: 'webhook/0', status: 'failed' });
  });

  it('refuses an unknown parameter without asking the service, and relays the service\'s 400', async () => {
    const err = (await rejection(listAlerts(h.ctx, new URLSearchParams({ token: 'x' })))) as HttpError;
    expect(err).toMatchObject({ status: 400, code: 'bad_parameter' });
    expect(err.message).toMatch(/^token: unknown parameter: this call takes filter, receiver/);
    expect(h.admin.requests).toEqual([]);
    h.admin.route('GET /api/v2/history/alerts', (_req, res) => sendJson(res, 400, { error: { code: 'bad_parameter', message: 'filter: "x" is not a label matcher', details: { parameter: 'filter' } } }));
    const relayed = (await rejection(listAlerts(h.ctx, new URLSearchParams({ filter: 'x' })))) as HttpError;
    expect(relayed).toMatchObject({ status: 400, code: 'bad_parameter', message: 'filter: "x" is not a label matcher' });
  });

  it('gives each commit of a History page its alerts routed and failed deliveries', async () => {
    h.admin.route('GET /api/v2/config/reload/history', (_req, res) => sendJson(res, 200, { records: [], next_before: null }));
    h.admin.route('GET /api/v2/history/commits', (req, res) => sendJson(res, 200, { commits: req.query.getAll('commit').map((commit) => ({ commit, alerts: 12, failed_deliveries: 1 })) }));
    const page = await listHistory(h.ctx);
    expect(page.commits).toMatchObject([{ sha: h.initial, activity: { alerts: 12, failed_deliveries: 1 } }]);
    expect(page.activity_error).toBeUndefined();
  });

  it('lists commits without activity, and says why, when the alert history cannot be read', async () => {
    h.admin.route('GET /api/v2/config/reload/history', (_req, res) => sendJson(res, 200, { records: [], next_before: null }));
    h.admin.route('GET /api/v2/history/commits', (_req, res) => sendJson(res, 503, { error: { code: 'not_ready', message: 'the alert history is not open yet: the service is starting' } }));
    const page = await listHistory(h.ctx);
    expect(page.commits[0]!.activity).toBeUndefined();
    expect(page.activity_error).toMatchObject({ code: 'not_ready', message: expect.stringContaining('not open yet') });
  });
});
