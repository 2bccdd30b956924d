// Reconcile (server/console/reconcile.ts): when the console reloads the service onto HEAD by
// itself, and when it leaves it alone. The rules first, as a table on plain facts; then the
// whole look-and-reload against a real repository and a fake service.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planReconcile, reconcile, type ReconcileFacts } from '../../../server/console/reconcile';
import type { ReloadRecord } from '../../../server/contract/reload';
import { record, sendJson } from './fake-admin';
import { AUTHOR, CONFIG_A, CONFIG_B, harness, type Harness } from './fixtures';

const HEAD = 'h'.repeat(40);
const OLD = 'o'.repeat(40);

function facts(over: { service?: { commit: string | null; dirty: boolean }; onDisk?: string | null; newest?: Pick<ReloadRecord, 'commit' | 'dirty' | 'status'> | null }): ReconcileFacts {
  return {
    head: { commit: HEAD, content: 'head bytes' },
    onDisk: over.onDisk === undefined ? 'head bytes' : over.onDisk,
    service: over.service ?? { commit: OLD, dirty: false },
    newest: async () => over.newest ?? null,
  };
}

describe('planReconcile: the rules', () => {
  it('leaves a service that runs HEAD alone', async () => {
    expect(await planReconcile(facts({ service: { commit: HEAD, dirty: false } }))).toEqual({ action: 'none', state: 'in_step' });
  });

  it('reloads a service on an older commit when the file is HEAD and no reload of HEAD ran', async () => {
    expect(await planReconcile(facts({ newest: { commit: OLD, dirty: false, status: 'success' } }))).toMatchObject({ action: 'reload' });
  });

  it('reloads a service that runs a dirty file once the file is back to HEAD (a rolled-back write it loaded)', async () => {
    expect(await planReconcile(facts({ service: { commit: HEAD, dirty: true } }))).toMatchObject({ action: 'reload' });
    expect(await planReconcile(facts({ service: { commit: HEAD, dirty: true } }), 'rolled_back')).toMatchObject({ action: 'reload' });
  });

  it('never reloads while the file on disk is not HEAD: a hand edit, or a commit being written', async () => {
    for (const service of [{ commit: OLD, dirty: false }, { commit: HEAD, dirty: true }]) {
      expect(await planReconcile(facts({ service, onDisk: 'edited by hand' }))).toEqual({ action: 'none', state: 'file_differs' });
    }
    expect(await planReconcile(facts({ onDisk: null }))).toEqual({ action: 'none', state: 'file_differs' });
  });

  it('does not retry HEAD when its newest reload was of HEAD and failed: the service already judged it', async () => {
    for (const status of ['validation_failed', 'rolled_back', 'load_failed'] as const) {
      expect(await planReconcile(facts({ newest: { commit: HEAD, dirty: false, status } }))).toEqual({ action: 'none', state: 'rejected' });
    }
    // A reload the service did not finish (it died) is no verdict: load it again.
    expect(await planReconcile(facts({ newest: { commit: HEAD, dirty: false, status: 'interrupted' } }))).toMatchObject({ action: 'reload' });
  });

  it('after a failed commit attempt, only puts back bytes the service loaded: a service behind HEAD is another console’s to reload', async () => {
    expect(await planReconcile(facts({}), 'rolled_back')).toEqual({ action: 'none', state: 'behind' });
  });
});

describe('reconcile against a repository and a service', () => {
  let h: Harness;
  let service: { commit: string | null; dirty: boolean };
  let newest: ReloadRecord[];

  beforeEach(async () => {
    h = await harness();
    service = { commit: h.initial, dirty: false };
    newest = [];
    h.admin.route('GET /api/v2/config/status', (_req, res) => sendJson(res, 200, { ...service, status: 'success', in_progress: false }));
    h.admin.route('GET /api/v2/config/reload/history', (_req, res) => sendJson(res, 200, { records: newest, next_before: null }));
  });
  afterEach(() => h.close());

  async function landCommit(): Promise<string> {
    const repo = await h.ctx.repo();
    return (await repo.commit({ content: CONFIG_B, message: 'landed, never loaded', baseCommit: h.initial, author: AUTHOR })).commit;
  }

  it('reloads the service onto a commit that landed but was never loaded, expecting exactly that commit', async () => {
    const head = await landCommit();
    const outcome = await reconcile(h.ctx);
    expect(outcome).toMatchObject({ state: 'reloaded', head, running: { commit: head, dirty: false }, record: { commit: head } });
    expect(h.reloads()).toEqual([{ expect_commit: head }]);
  });

  it('does nothing when the service runs HEAD', async () => {
    expect(await reconcile(h.ctx)).toMatchObject({ state: 'in_step', head: h.initial, record: null });
    expect(h.reloads()).toEqual([]);
  });

  it('leaves a hand-edited file alone, even with HEAD unloaded', async () => {
    await landCommit();
    await writeFile(join(h.dir, 'repo', 'config.yaml'), CONFIG_A + '# by hand\n');
    expect(await reconcile(h.ctx)).toMatchObject({ state: 'file_differs' });
    expect(h.reloads()).toEqual([]);
  });

  it('does not reload HEAD again after the service rejected it', async () => {
    const head = await landCommit();
    newest = [record({ id: 3, commit: head, status: 'validation_failed' })];
    expect(await reconcile(h.ctx)).toMatchObject({ state: 'rejected', head });
    expect(h.reloads()).toEqual([]);
  });

  it('looks again when HEAD moves between its look and its reload (409), and loads the newer HEAD', async () => {
    const first = await landCommit();
    let second = '';
    h.admin.route('POST /-/reload', async (req, res) => {
      const expect_commit = (JSON.parse(req.body) as { expect_commit: string }).expect_commit;
      if (expect_commit === first) {
        const repo = await h.ctx.repo();
        second = (await repo.commit({ content: CONFIG_A, message: 'another console', baseCommit: first, author: AUTHOR })).commit;
        return sendJson(res, 409, { error: { code: 'commit_mismatch', message: 'moved', details: { expected: first, commit: second, dirty: false } } });
      }
      sendJson(res, 200, record({ id: 9, commit: expect_commit }));
    });
    const outcome = await reconcile(h.ctx);
    expect(outcome).toMatchObject({ state: 'reloaded', head: second, record: { id: 9, commit: second } });
    expect(h.reloads()).toEqual([{ expect_commit: first }, { expect_commit: second }]);
  });

  it('reports a service it cannot ask as failed, without throwing', async () => {
    await h.admin.close();
    const outcome = await reconcile(h.ctx);
    expect(outcome).toMatchObject({ state: 'failed', error: { code: 'service_unreachable' } });
  });
});
