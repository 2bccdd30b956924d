// Component `logger` (log.*): swaps the LogHub's level and format atomically, so every
// logger made from the hub — including the ones the rest of this reload uses — follows.
import type { Config } from '../config/schema';
import type { LogHub, LogSettings } from '../log';
import { SwapReloader, type SwapOptions } from './swap';

export class LoggerReloader extends SwapReloader<LogSettings> {
  readonly name = 'logger';
  readonly sections = ['log'] as const;
  readonly critical = false;
  /** What the hub ran on before the first activate: a first-start rollback restores it. */
  private readonly initial: LogSettings;

  constructor(
    private readonly hub: LogHub,
    opts: SwapOptions = {},
  ) {
    super(2_000, opts);
    this.initial = hub.current;
  }

  protected build(next: Config): LogSettings {
    return { level: next.log.level, format: next.log.format };
  }

  protected override onSwap(value: LogSettings | null): void {
    this.hub.swap(value ?? this.initial);
  }

  protected check(value: LogSettings): void {
    const live = this.hub.current;
    if (live.level !== value.level || live.format !== value.format) {
      throw new Error(`log settings are ${live.level}/${live.format}, expected ${value.level}/${value.format}: something else swapped the log hub`);
    }
  }
}
