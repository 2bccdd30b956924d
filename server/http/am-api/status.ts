// GET /api/v2/status as Alertmanager 0.25 answers it: the running config as its own would
// read (config-original.ts), versionInfo (every field the spec requires, filled with what
// is true of hotconf: its version, and the Node.js it runs on where Alertmanager names its
// Go), the time the service started, and cluster status "disabled" (hotconf does not gossip).
import type { RunningConfig } from '../../reload/run';
import { REVISION, VERSION } from '../../version';
import { HttpError } from '../errors';
import type { RequestContext } from '../router';
import { configOriginal } from './config-original';
import { sendAm } from './respond';

export interface StatusDeps {
  /** The running config (null before the first reload). */
  running(): Pick<RunningConfig, 'config' | 'text'> | null;
  /** The config file's directory: relative paths in it are shown joined to it, as
   *  Alertmanager shows them. */
  configDir: string;
}

const STARTED = new Date().toISOString();

/** Rendered once per running config: every GET between two reloads answers the same text. */
const rendered = new WeakMap<object, string>();

export function getStatus({ res }: RequestContext, deps: StatusDeps): void {
  const running = deps.running();
  if (!running) throw new HttpError(503, 'not_ready', 'the service is starting: no config is running yet');
  let original = rendered.get(running);
  if (original === undefined) rendered.set(running, (original = configOriginal(running.config, running.text, deps.configDir)));
  sendAm(res, 200, {
    cluster: { peers: [], status: 'disabled' },
    config: { original },
    uptime: STARTED,
    versionInfo: {
      branch: 'unknown',
      buildDate: 'unknown',
      buildUser: 'unknown',
      goVersion: `none (hotconf runs on Node.js ${process.version})`,
      revision: REVISION,
      version: VERSION,
    },
  });
}
