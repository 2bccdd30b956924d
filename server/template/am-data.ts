// Alertmanager 0.25's template data (template.Data and its parts), with the
// methods its templates call: KV.SortedPairs/Names/Values/Remove,
// Pairs.Names/Values, Alerts.Firing/Resolved. Each class names its Go type, so
// %T and error messages read as Alertmanager's would ("template.KV").

import { withSignature } from './builtins';
import { GO_TYPE, typedSlice, ZERO_VALUE } from './values';

export class Pair {
  static readonly [GO_TYPE] = 'template.Pair';
  constructor(
    public Name: string,
    public Value: string,
  ) {}
}

export class Pairs extends Array<Pair> {
  static readonly [GO_TYPE] = 'template.Pairs';
  // map/filter/slice give plain arrays, not Pairs.
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
  Names(): string[] {
    return typedSlice('string', this.map((p) => p.Name));
  }
  Values(): string[] {
    return typedSlice('string', this.map((p) => p.Value));
  }
}

/** A label or annotation set: a Go map[string]string (a missing key reads as "" under missingkey=zero). */
export class KV extends Map<string, string> {
  static readonly [GO_TYPE] = 'template.KV';
  static readonly [ZERO_VALUE] = '';

  static of(record: Record<string, string> | undefined): KV {
    return new KV(Object.entries(record ?? {}));
  }

  /** Pairs sorted by name, except that "alertname" comes first. */
  SortedPairs(): Pairs {
    const names = [...this.keys()].filter((k) => k !== 'alertname').sort(byCodePoint);
    if (this.has('alertname')) names.unshift('alertname');
    return Pairs.from(names.map((k) => new Pair(k, this.get(k)!))) as Pairs;
  }
  Names(): string[] {
    return this.SortedPairs().Names();
  }
  Values(): string[] {
    return this.SortedPairs().Values();
  }
  /** A copy without the given names. */
  Remove(names: string[]): KV {
    return new KV([...this].filter(([k]) => !names.includes(k)));
  }
}
withSignature(KV.prototype.SortedPairs, []);
withSignature(KV.prototype.Names, []);
withSignature(KV.prototype.Values, []);
withSignature(KV.prototype.Remove, ['[]string']);
withSignature(Pairs.prototype.Names, []);
withSignature(Pairs.prototype.Values, []);

function byCodePoint(a: string, b: string): number {
  const [x, y] = [[...a], [...b]];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

export class Alert {
  static readonly [GO_TYPE] = 'template.Alert';
  constructor(
    public Status: string,
    public Labels: KV,
    public Annotations: KV,
    public StartsAt: Date,
    public EndsAt: Date,
    public GeneratorURL: string,
    public Fingerprint: string,
  ) {}
}

export class Alerts extends Array<Alert> {
  static readonly [GO_TYPE] = 'template.Alerts';
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
  /** The firing alerts, as a []Alert (not Alerts: Go's method returns the plain slice). */
  Firing(): Alert[] {
    return typedSlice('template.Alert', this.filter((a) => a.Status === 'firing'));
  }
  Resolved(): Alert[] {
    return typedSlice('template.Alert', this.filter((a) => a.Status === 'resolved'));
  }
}
withSignature(Alerts.prototype.Firing, []);
withSignature(Alerts.prototype.Resolved, []);

export class Data {
  static readonly [GO_TYPE] = 'template.Data';
  constructor(
    public Receiver: string,
    public Status: string,
    public Alerts: Alerts,
    public GroupLabels: KV,
    public CommonLabels: KV,
    public CommonAnnotations: KV,
    public ExternalURL: string,
  ) {}
}

/** An alert as Alertmanager's webhook sends it (its JSON field names). */
export interface WebhookAlert {
  status: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
  fingerprint?: string;
}

/** A notification as Alertmanager's webhook sends it: template.Data's JSON form. */
export interface WebhookData {
  receiver: string;
  status: string;
  alerts: WebhookAlert[];
  groupLabels?: Record<string, string>;
  commonLabels?: Record<string, string>;
  commonAnnotations?: Record<string, string>;
  externalURL?: string;
}

// Go's zero time.Time, which Alertmanager sends for an unset EndsAt.
const ZERO_TIME = '0001-01-01T00:00:00Z';

/** Template data from the webhook JSON form. Times keep millisecond precision (a JavaScript Date's). */
export function templateData(d: WebhookData): Data {
  const alerts = Alerts.from(
    d.alerts.map(
      (a) =>
        new Alert(
          a.status, KV.of(a.labels), KV.of(a.annotations), new Date(a.startsAt ?? ZERO_TIME), new Date(a.endsAt ?? ZERO_TIME),
          a.generatorURL ?? '', a.fingerprint ?? '',
        ),
    ),
  ) as Alerts;
  return new Data(
    d.receiver, d.status, alerts, KV.of(d.groupLabels), KV.of(d.commonLabels), KV.of(d.commonAnnotations), d.externalURL ?? '',
  );
}
