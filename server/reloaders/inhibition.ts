// Component `inhibition` (inhibit_rules): the compiled rule set, swapped whole.
import type { Config } from '../config/schema';
import { buildInhibitor, type Inhibitor } from '../alerts/inhibitor';
import { SwapReloader, type SwapOptions } from './swap';

export class InhibitionReloader extends SwapReloader<Inhibitor> {
  readonly name = 'inhibition';
  readonly sections = ['inhibit_rules'] as const;
  readonly critical = false;

  constructor(opts: SwapOptions = {}) {
    super(2_000, opts);
  }

  protected build(next: Config): Inhibitor {
    return buildInhibitor(next.inhibit_rules);
  }

  protected check(inhibitor: Inhibitor): void {
    // Evaluate once: a rule set that throws on an alert would mute nothing, silently.
    inhibitor.isInhibited({ alertname: 'hotconf_health_probe' }, [{ alertname: 'hotconf_health_probe' }]);
  }
}
