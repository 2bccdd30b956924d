import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdminClient } from '../../../server/console/admin-client';
import { HttpError } from '../../../server/console/errors';
import { freePort } from '../../../server/console/start';
import { record, sendJson, startFakeAdmin, type FakeAdmin } from './fake-admin';

let admin: FakeAdmin;
let client: AdminClient;

beforeEach(async () => {
  admin = await startFakeAdmin();
  client = new AdminClient({ baseUrl: `${admin.url}/`, token: 'tok-5ecret-value' });
});
afterEach(() => admin.close());

async function failure(p: Promise<unknown>): Promise<HttpError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HttpError);
  return err as HttpError;
}

describe('AdminClient', () => {
  it('sends the bearer token with every read (status, schema, history, events)', async () => {
    admin.route('GET /api/v2/config/status', (_req, res) => sendJson(res, 200, { version: 3, commit: 'abc', dirty: false }));
    admin.route('GET /api/v2/config/schema', (_req, res) => sendJson(res, 200, {}));
    admin.route('GET /api/v2/config/reload/history', (_req, res) => sendJson(res, 200, { records: [], next_before: null }));
    expect(await client.status()).toMatchObject({ version: 3, commit: 'abc' });
    await client.schema();
    await client.history({ limit: 1 });
    const stream = await client.events();
    await stream.body?.cancel();
    expect(admin.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
      ['/api/v2/config/status', 'Bearer tok-5ecret-value'],
      ['/api/v2/config/schema', 'Bearer tok-5ecret-value'],
      ['/api/v2/config/reload/history', 'Bearer tok-5ecret-value'],
      ['/api/v2/config/reload/events', 'Bearer tok-5ecret-value'],
    ]);
  });

  it('posts a plan as text/yaml with the bearer token', async () => {
    admin.route('POST /api/v2/config/plan', (_req, res) => sendJson(res, 200, { valid: true, errors: [], changes: [], components: [], warnings: [], restart_required: [], summary: 'no change' }));
    const plan = await client.plan('log: { level: debug }\n');
    expect(plan.summary).toBe('no change');
    const seen = admin.requests[0];
    expect(seen?.headers.authorization).toBe('Bearer tok-5ecret-value');
    expect(seen?.headers['content-type']).toBe('text/yaml');
    expect(seen?.body).toBe('log: { level: debug }\n');
    // Without being asked, the console never asks the service for a plan's detail.
    expect(seen?.query.has('detail')).toBe(false);
  });

  it('asks for a detailed plan (secrets resolved, preflight checks run) only when told to', async () => {
    admin.route('POST /api/v2/config/plan', (_req, res) => sendJson(res, 200, { valid: true, errors: [], changes: [], components: [], warnings: [], restart_required: [], summary: 'no change' }));
    await client.plan('x: 1', { detail: true });
    await client.plan('x: 1', { detail: false });
    expect(admin.requests.map((r) => r.query.get('detail'))).toEqual(['1', null]);
  });

  it('asks for a reload expecting a commit and returns the record of a successful reload', async () => {
    admin.route('POST /-/reload', (_req, res) => sendJson(res, 200, record({ id: 4, commit: 'c0ffee1' })));
    const r = await client.reload({ expectCommit: 'c0ffee1' });
    expect(r).toMatchObject({ id: 4, status: 'success' });
    expect(JSON.parse(admin.requests[0]?.body ?? '')).toEqual({ expect_commit: 'c0ffee1' });
    expect(admin.requests[0]?.headers.authorization).toBe('Bearer tok-5ecret-value');
  });

  it('returns the record of a reload that ran and failed (422 or 500), as an outcome', async () => {
    admin.route('POST /-/reload', (_req, res) => sendJson(res, 500, { error: { code: 'rolled_back', message: 'storage failed', details: { record: record({ id: 9, status: 'rolled_back', rolled_back: true }) } } }));
    expect(await client.reload()).toMatchObject({ id: 9, status: 'rolled_back' });
    admin.route('POST /-/reload', (_req, res) => sendJson(res, 422, { error: { code: 'validation_failed', message: 'bad', details: { record: record({ id: 10, status: 'validation_failed' }) } } }));
    expect(await client.reload()).toMatchObject({ id: 10, status: 'validation_failed' });
  });

  it('turns a commit mismatch into a 409 that keeps the service details', async () => {
    admin.route('POST /-/reload', (_req, res) => sendJson(res, 409, { error: { code: 'commit_mismatch', message: 'file is at 1234567', details: { expected: 'aaaaaaa', commit: '1234567', dirty: false } } }));
    const err = await failure(client.reload({ expectCommit: 'aaaaaaa' }));
    expect(err.status).toBe(409);
    expect(err.code).toBe('commit_mismatch');
    expect(err.details).toEqual({ expected: 'aaaaaaa', commit: '1234567', dirty: false });
  });

  it('explains a refused token without echoing it', async () => {
    admin.route('POST /api/v2/config/plan', (_req, res) => sendJson(res, 401, { error: { code: 'unauthorized', message: 'bad token' } }));
    const err = await failure(client.plan('x: 1'));
    expect(err.status).toBe(502);
    expect(err.code).toBe('service_auth');
    expect(err.message).toMatch(/HOTCONF_ADMIN_TOKEN must equal the service's token/);
    expect(err.message).not.toContain('tok-5ecret-value');
  });

  it('reports other service errors as a bad gateway carrying the service message', async () => {
    admin.route('GET /api/v2/config/schema', (_req, res) => sendJson(res, 500, { error: { code: 'boom', message: 'schema generation failed' } }));
    const err = await failure(client.schema());
    expect([err.status, err.code]).toEqual([502, 'boom']);
    expect(err.message).toMatch(/answered \/api\/v2\/config\/schema with 500: schema generation failed/);
  });

  it('says the service is unreachable, and how to fix it, when nothing listens', async () => {
    const port = await freePort();
    const down = new AdminClient({ baseUrl: `http://127.0.0.1:${port}`, token: 't' });
    const err = await failure(down.status());
    expect(err.status).toBe(502);
    expect(err.code).toBe('service_unreachable');
    expect(err.message).toContain(`service unreachable at http://127.0.0.1:${port}: is \`hotconf serve\` running?`);
  });

  it('gives up on a service that does not answer within the timeout', async () => {
    admin.route('GET /api/v2/config/status', () => {
      // Never answers.
    });
    const slow = new AdminClient({ baseUrl: admin.url, token: 't', timeoutMs: 200 });
    const err = await failure(slow.status());
    expect([err.status, err.code]).toEqual([504, 'service_timeout']);
  });

  it('pages reload history with limit and before', async () => {
    admin.route('GET /api/v2/config/reload/history', (req, res) => sendJson(res, 200, { records: [record({ id: Number(req.query.get('before')) - 1 })], next_before: null }));
    const page = await client.history({ limit: 5, before: 42 });
    expect(page.records[0]?.id).toBe(41);
    expect(admin.requests[0]?.query.get('limit')).toBe('5');
  });

  it('opens the event stream with Last-Event-ID and leaves it open for the caller', async () => {
    const res = await client.events({ lastEventId: '12' });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(admin.requests[0]?.headers['last-event-id']).toBe('12');
    await admin.waitForStreams(1);
    await res.body?.cancel();
  });
});
