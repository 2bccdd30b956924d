// Component `receivers` (receivers): notifier clients for every receiver, swapped whole.
// The replaced set is released in the background once its sends in flight finished (at
// most timeoutMs, then it is closed anyway and that is logged): a slow webhook must not
// hold up the reload queue. close() waits for every such release.
import type { Config } from '../config/schema';
import { buildReceivers, type BuildOptions, type ReceiverSet } from '../alerts/notifiers';
import type { ReloadContext } from './types';
import { SwapReloader, type SwapOptions } from './swap';

export interface ReceiversOptions extends SwapOptions {
  build?: BuildOptions;
}

export class ReceiversReloader extends SwapReloader<ReceiverSet> {
  readonly name = 'receivers';
  // Notifiers read their defaults from `global` and render with the `templates` files.
  readonly sections = ['receivers', 'global', 'templates'] as const;
  readonly critical = true;
  private readonly buildOptions: BuildOptions;
  private readonly releases = new Set<Promise<void>>();

  constructor(opts: ReceiversOptions = {}) {
    super(2_000, opts);
    this.buildOptions = { ...opts.build, reuse: new WeakMap() };
  }

  /** Releases of replaced sets still waiting for their sends. */
  get draining(): number {
    return this.releases.size;
  }

  protected build(next: Config, ctx: ReloadContext): ReceiverSet {
    // The template files come with the reload (the load phase read them); without them the
    // notifiers would render with Alertmanager's default templates only.
    return buildReceivers(next.receivers, { ...this.buildOptions, global: next.global, templateFiles: ctx.templateFiles ?? [] });
  }

  protected check(set: ReceiverSet): void {
    if (set.size === 0) throw new Error('no receivers are live: the config must define at least one');
    for (const client of set.values()) {
      if (client.closed) throw new Error(`receiver "${client.name}" is closed: it was released by an earlier reload`);
    }
  }

  protected override release(set: ReceiverSet, ctx: ReloadContext): void {
    const inFlight = set.inFlight.size;
    const done = set.drainAndClose(this.timeoutMs).then((idle) => {
      if (!idle) ctx.log.warn('closed replaced receivers with sends still in flight', { in_flight: set.inFlight.size, waited_ms: this.timeoutMs });
      else if (inFlight > 0) ctx.log.debug('replaced receivers finished their sends', { in_flight: inFlight });
    });
    this.releases.add(done);
    void done.finally(() => this.releases.delete(done));
  }

  override async close(ctx: ReloadContext): Promise<void> {
    await super.close(ctx);
    await Promise.all(this.releases);
  }
}
