// Signal handling from the first instruction of the process (DESIGN §10). Node's default
// for SIGHUP, SIGTERM and SIGINT is to die, and a process spends its first ~100 ms loading
// modules and its first reload reading the config: a SIGHUP in that window (systemd's
// ExecReload, a deploy script, the console in pid mode) used to kill it. dist/cli.js
// installs this router before it loads anything else (server/cli.ts) and signals that
// arrive before the service can act are held, then replayed once it started: a HUP during
// start-up is a reload after start-up, a TERM a graceful stop after it.
//
// This module must stay tiny and import nothing: it is evaluated before the rest.
export type RoutedSignal = 'SIGHUP' | 'SIGTERM' | 'SIGINT';
// SIGHUP last: once it is caught (visible in /proc/<pid>/status SigCgt — Node itself
// catches SIGINT and SIGTERM from its own start), all three are.
const SIGNALS: readonly RoutedSignal[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

export class SignalRouter {
  private held: RoutedSignal[] = [];
  private target: ((signal: RoutedSignal, held: boolean) => void) | null = null;
  private installedAt: number | null = null;
  private readonly onSignal = (signal: RoutedSignal) => {
    if (this.target) return this.target(signal, false);
    // One of each is enough: ten HUPs during start-up still mean one reload after it.
    if (!this.held.includes(signal)) this.held.push(signal);
  };

  install(): void {
    if (this.installedAt !== null) return;
    for (const s of SIGNALS) process.on(s, this.onSignal);
    this.installedAt = performance.now();
  }

  /** Milliseconds after the process started at which the handlers were in place. */
  get installedAfterMs(): number | null {
    return this.installedAt === null ? null : Math.round(this.installedAt);
  }

  /** Sends signals to `target` from now on, first the ones held since install(). */
  route(target: (signal: RoutedSignal, held: boolean) => void): void {
    this.target = target;
    for (const s of this.held.splice(0)) target(s, true);
  }

  /**
   * For commands that are not the service: Node's default behaviour back (Ctrl-C stops
   * `hotconf validate`), and a signal that came meanwhile raised again so it takes effect.
   */
  release(): void {
    for (const s of SIGNALS) process.off(s, this.onSignal);
    this.installedAt = null;
    this.target = null;
    for (const s of this.held.splice(0)) process.kill(process.pid, s);
  }
}

export const signals = new SignalRouter();
