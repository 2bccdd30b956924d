// Drift: whether the config the service runs is what git HEAD holds. It is not when the file
// was edited by hand and reloaded (dirty), when a commit landed but was never loaded (the
// console reconciles that, but a commit pushed by other means may wait), or when the service
// started on its last good config because the file did not load. An operator wants to know
// when that lasts, so the service asks git on a timer — cheap: the provenance lookup hashes
// the running bytes once and starts a git process only when HEAD moved — and exports
//   hotconf_config_drift  1 = running config differs from HEAD, 0 = same (or no git to ask)
// for the HotconfConfigDrift alert rule (deploy/prometheus/hotconf-rules.yml).
import { Gauge, type Registry } from 'prom-client';
import type { Logger } from '../log';
import type { GuardedProvenance } from './provenance-guard';
import type { RunningConfig } from './run';

export interface DriftWatchOptions {
  running(): RunningConfig | null;
  provenance: { lookup(bytes: string): Promise<GuardedProvenance> };
  registry: Registry;
  log: Logger;
  intervalMs: number;
}

export const DEFAULT_DRIFT_CHECK_MS = 30_000;

/** Starts checking; returns the function that stops it. */
export function watchDrift(opts: DriftWatchOptions): () => void {
  const gauge = new Gauge({ name: 'hotconf_config_drift', help: 'Whether the running config differs from the config file at git HEAD (1) or not (0; also when git cannot be asked).', registers: [opts.registry] });
  gauge.set(0);
  let drifted = false;
  let checking = false;

  async function check(): Promise<void> {
    const running = opts.running();
    if (checking || !running) return;
    checking = true;
    try {
      const found = await opts.provenance.lookup(running.text);
      const now = found.provenance === 'git' && found.dirty;
      if (now !== drifted) opts.log.info(now ? 'the running config differs from git HEAD' : 'the running config is git HEAD again', { head: found.commit, running_commit: running.commit });
      drifted = now;
      gauge.set(now ? 1 : 0);
    } finally {
      checking = false;
    }
  }

  void check();
  const timer = setInterval(() => void check(), opts.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
