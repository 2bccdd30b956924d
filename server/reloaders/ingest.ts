// Component `ingest` (webhook.*): the gate in front of the ingest API (body limit, auth,
// rate limit). Request handlers read `current` once per request.
import type { Config } from '../config/schema';
import { IngestGate } from '../alerts/ingest-gate';
import { SwapReloader, type SwapOptions } from './swap';

export class IngestReloader extends SwapReloader<IngestGate> {
  readonly name = 'ingest';
  readonly sections = ['webhook'] as const;
  readonly critical = false;

  constructor(opts: SwapOptions = {}) {
    super(2_000, opts);
  }

  protected build(next: Config): IngestGate {
    return new IngestGate(next.webhook);
  }

  protected check(gate: IngestGate): void {
    gate.check();
  }
}
