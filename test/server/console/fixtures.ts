// A console wired to a real temp git repository and a fake admin API, for flow tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleContext, type ConsoleContext } from '../../../server/console/context';
import type { ConsoleSettings, SignalMode } from '../../../server/console/settings';
import { initConfigRepo } from '../../../server/git/repo';
import { record, sendJson, startFakeAdmin, type FakeAdmin } from './fake-admin';

export const CONFIG_A = `route:
  receiver: default
receivers:
  - name: default
    webhook_configs:
      - url: http://127.0.0.1:9999/hook
`;

export const CONFIG_B = `${CONFIG_A}log:
  level: debug
`;

/** Valid, with a route naming a receiver that exists. */
export const CONFIG_C = `route:
  receiver: default
  routes:
    - matchers: ['severity="critical"']
      receiver: pager
receivers:
  - name: default
    webhook_configs:
      - url: http://127.0.0.1:9999/hook
  - name: pager
    webhook_configs:
      - url: \${env:HOTCONF_TEST_UNSET_PAGER_URL}
`;

/** Line 4 names a receiver that does not exist. */
export const CONFIG_UNKNOWN_RECEIVER = `route:
  receiver: default
  routes:
    - receiver: nobody
receivers:
  - name: default
    webhook_configs:
      - url: http://127.0.0.1:9999/hook
`;

export const TOKEN = 'test-admin-token-77';
export const AUTHOR = { name: 'Ada Tester', email: 'ada@example.org' };

export interface Harness {
  dir: string;
  initial: string;
  admin: FakeAdmin;
  ctx: ConsoleContext;
  /** The bodies of every POST /-/reload the console sent. */
  reloads(): Array<{ expect_commit?: string }>;
  close(): Promise<void>;
}

/**
 * A repo holding CONFIG_A, and a fake service whose POST /-/reload succeeds with a record
 * of the expected commit (tests re-route it to fail).
 */
export async function harness(signal: SignalMode = { mode: 'api' }): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'hotconf-console-'));
  const repoDir = join(dir, 'repo');
  const { commit: initial } = await initConfigRepo(repoDir, CONFIG_A);
  let nextId = 1;
  const admin = await startFakeAdmin({
    'POST /-/reload': (req, res) => {
      const body = req.body ? (JSON.parse(req.body) as { expect_commit?: string }) : {};
      sendJson(res, 200, record({ id: nextId++, commit: body.expect_commit ?? initial }));
    },
  });
  const settings: ConsoleSettings = { repoDir, serviceUrl: admin.url, adminToken: TOKEN, signal, remote: undefined };
  // The shared event stream closes as soon as nobody listens: tests count open streams.
  const ctx = createConsoleContext(settings, { eventLingerMs: 0 });
  return {
    dir,
    initial,
    admin,
    ctx,
    reloads: () => admin.requests.filter((r) => r.method === 'POST' && r.path === '/-/reload').map((r) => (r.body ? JSON.parse(r.body) : {}) as { expect_commit?: string }),
    async close() {
      ctx.events.close();
      await admin.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    (v) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(v)}`);
    },
    (err: unknown) => err,
  );
}
