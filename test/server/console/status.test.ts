import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toHttpError } from '../../../server/console/errors';
import { consoleStatus, driftOf } from '../../../server/console/status';
import { sendJson } from './fake-admin';
import { AUTHOR, harness, rejection, type Harness } from './fixtures';

describe('driftOf', () => {
  it('is none when the service runs HEAD, behind when it runs another commit, dirty after a hand edit', () => {
    expect(driftOf({ commit: 'abc', dirty: false }, 'abc')).toBe('none');
    expect(driftOf({ commit: 'old', dirty: false }, 'abc')).toBe('behind');
    expect(driftOf({ commit: null, dirty: false }, 'abc')).toBe('behind');
    expect(driftOf({ commit: 'abc', dirty: true }, 'abc')).toBe('dirty');
  });
});

describe('consoleStatus (GET /api/status)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(() => h.close());

  it('adds HEAD, the drift and the committing user to the service status', async () => {
    h.admin.route('GET /api/v2/config/status', (_req, res) => sendJson(res, 200, { version: 2, status: 'success', commit: 'f'.repeat(40), dirty: false, ready: true }));
    const status = await consoleStatus(h.ctx, AUTHOR);
    expect(status).toMatchObject({ version: 2, ready: true, commit: 'f'.repeat(40), head_commit: h.initial, drift: 'behind', user: `${AUTHOR.name} <${AUTHOR.email}>` });
  });

  it('is a 502 saying the service is unreachable when it is down', async () => {
    await h.admin.close();
    const err = toHttpError(await rejection(consoleStatus(h.ctx, AUTHOR)));
    expect([err.status, err.code]).toEqual([502, 'service_unreachable']);
  });
});
