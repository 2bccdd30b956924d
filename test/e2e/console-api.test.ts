// The console's own API against the real service, for the paths the unit tests can only
// fake: a real SIGHUP in pid mode, and real reload events relayed by the proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSse, type SseMessage } from '../../server/console/sse';
import { startStack, type Stack } from './support/stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ signal: 'pid' });
});
afterAll(() => stack?.stop());

async function getJson<T>(path: string): Promise<T> {
  const res = await stack.api(path);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

async function apply(content: string, message: string, base: string): Promise<Response> {
  return stack.api('/api/config', {
    method: 'POST',
    body: JSON.stringify({ content, message, base_commit: base }),
  });
}

/** Reads events from the console's /api/events until `stop` says so. */
async function collect(res: Response, stop: (m: SseMessage) => boolean): Promise<SseMessage[]> {
  const seen: SseMessage[] = [];
  for await (const m of readSse(res.body!)) {
    seen.push(m);
    if (stop(m)) break;
  }
  return seen;
}

describe('the console API on a real service, signalling by SIGHUP (pid mode)', () => {
  it('applies a change by SIGHUP to the service pid and answers with the reload of that commit', async () => {
    const head = await getJson<{ content: string; commit: string }>('/api/config');
    const events = await stack.api('/api/events', { headers: { Accept: 'text/event-stream' } });
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);

    const res = await apply(head.content.replace('level: info', 'level: debug'), 'Debug logs, via SIGHUP', head.commit);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { commit: string; reload: { trigger: string; commit: string; status: string; changes: Array<{ path: string }> } };
    expect(body.reload).toMatchObject({ trigger: 'sighup', commit: body.commit, status: 'success' });
    expect(body.reload.changes.map((c) => c.path)).toEqual(['log.level']);

    // The same reload arrived through the proxy, every phase of it.
    const seen = await collect(events, (m) => m.event === 'reload.finished');
    expect(seen[0]?.event).toBe('reload.started');
    expect(seen.filter((m) => m.event === 'phase.finished').map((m) => (JSON.parse(m.data) as { phase: string }).phase)).toEqual(['load', 'validate', 'diff', 'apply', 'reload', 'health']);
    const finished = JSON.parse(seen.at(-1)!.data) as { record: { commit: string } };
    expect(finished.record.commit).toBe(body.commit);

    const status = await getJson<{ commit: string; head_commit: string; drift: string }>('/api/status');
    expect(status).toMatchObject({ commit: body.commit, head_commit: body.commit, drift: 'none' });
  });

  it('resumes the event stream after a given Last-Event-ID without losing events', async () => {
    const first = await stack.api('/api/events', { headers: { Accept: 'text/event-stream', 'Last-Event-ID': '0' } });
    const replayed = await collect(first, (m) => m.event === 'reload.finished');
    const ids = replayed.map((m) => Number(m.id));
    expect(ids.length).toBeGreaterThan(1);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const middle = ids[Math.floor(ids.length / 2)]!;
    const resumed = await stack.api(`/api/events?lastEventId=${middle}`, { headers: { Accept: 'text/event-stream' } });
    const rest = await collect(resumed, (m) => m.event === 'reload.finished');
    expect(Number(rest[0]?.id)).toBe(middle + 1);
  });

  it('refuses an invalid config with 422 and located errors, and commits nothing', async () => {
    const head = await getJson<{ content: string; commit: string }>('/api/config');
    const res = await apply(head.content.replace('receiver: platform-slack', 'receiver: nobody'), 'broken', head.commit);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: Array<{ path: string; line: number; code: string }> };
    expect(body.errors).toEqual([expect.objectContaining({ path: 'route.routes.1.receiver', code: 'unknown_receiver' })]);
    expect(body.errors[0]?.line).toBeGreaterThan(1);
    expect((await getJson<{ commit: string }>('/api/config')).commit).toBe(head.commit);
  });
});
