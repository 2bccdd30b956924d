// What every console flow needs, wired once per process from the environment: the settings,
// the admin client and the shared repository. Flows take a ConsoleContext argument so tests
// hand them one pointed at a temp repo and a fake service.
import type { ReconcileOutcome, ReconcileReason } from '../contract/console';
import type { ConfigRepo } from '../git/repo';
import { AdminClient } from './admin-client';
import { EventHub } from './event-hub';
import { sharedRepo } from './repo';
import { inspectProcess, type InspectProcess } from './service-pid';
import { parseSettings, type ConsoleSettings, type Env } from './settings';

export interface ConsoleContext {
  settings: ConsoleSettings;
  admin: AdminClient;
  /** The one upstream reload event stream, shared by every browser (./event-hub). */
  events: EventHub;
  /** The same for the alert history's events (the Alerts page). */
  alertEvents: EventHub;
  repo(): Promise<ConfigRepo>;
  /** Runs `fn` after every earlier write flow of this context has finished (see apply.ts). */
  serialize<T>(fn: () => Promise<T>): Promise<T>;
  /** Sends SIGHUP in pid mode; injectable so tests need no real process. */
  kill(pid: number, signal: NodeJS.Signals): void;
  /** What the pid in the pid file is, checked before every SIGHUP (./service-pid). */
  inspect: InspectProcess;
  /** The newest reconcile of this process (./reconciler), for GET /api/status. */
  lastReconcile: (ReconcileOutcome & { reason: ReconcileReason }) | null;
}

export function createConsoleContext(settings: ConsoleSettings, opts: { admin?: AdminClient; eventLingerMs?: number } = {}): ConsoleContext {
  let tail: Promise<unknown> = Promise.resolve();
  const admin = opts.admin ?? new AdminClient({ baseUrl: settings.serviceUrl, token: settings.adminToken });
  return {
    settings,
    admin,
    events: new EventHub(admin, opts.eventLingerMs !== undefined ? { lingerMs: opts.eventLingerMs } : {}),
    alertEvents: new EventHub({ events: (o) => admin.alertEvents(o) }, opts.eventLingerMs !== undefined ? { lingerMs: opts.eventLingerMs } : {}),
    repo: () => sharedRepo(settings.repoDir, settings.remote),
    serialize<T>(fn: () => Promise<T>): Promise<T> {
      const run = tail.then(fn, fn);
      tail = run.catch(() => {});
      return run;
    },
    kill: (pid, signal) => process.kill(pid, signal),
    inspect: inspectProcess,
    lastReconcile: null,
  };
}

const KEY = Symbol.for('hotconf.console.context');

/** The process's context, from process.env; a SettingsError if the env is wrong (retried next call). */
export function consoleContext(env: Env = process.env): ConsoleContext {
  const g = globalThis as { [KEY]?: ConsoleContext };
  g[KEY] ??= createConsoleContext(parseSettings(env));
  return g[KEY];
}
