// The time intervals of `config.original` (config-original.ts), as Alertmanager's
// timeinterval package marshals them with yaml.v2.
import { Flow } from './go-yaml';
import { type Obj, Kept, omitEmpty } from './go-values';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A range as Alertmanager's timeinterval package writes it: `begin:end`, or one value. */
function range(text: unknown, read: (s: string) => number, show: (n: number) => string): string {
  const [a, b = a] = String(text).toLowerCase().split(/:(?=[^:]*$)/) as [string, string?];
  const begin = read(a.trim());
  const end = read(b!.trim());
  return begin === end ? show(begin) : `${show(begin)}:${show(end)}`;
}

const weekday = (s: string) => WEEKDAYS.indexOf(s);
const month = (s: string) => (MONTHS.includes(s) ? MONTHS.indexOf(s) + 1 : Number(s));
const clock = (t: unknown) => {
  const m = /^(\d+):(\d+)$/.exec(String(t));
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]!.padStart(2, '0')}` : String(t);
};

/**
 * The named intervals, with yaml.v2's flow quirk: its `flow` flag, set by a spec's
 * `location` field (tagged flow, but a string consumes no flow), stays set until the next
 * mapping or sequence it writes — the next spec, or the next named interval, then comes
 * out in flow style.
 */
export function timeIntervals(list: Obj[] | undefined): unknown[] | undefined {
  if (!list) return undefined;
  let leak = false;
  const consume = <T extends object>(value: T): T | Flow => {
    const flowed = leak ? new Flow(omitEmpty(value) as Obj) : value;
    leak = false;
    return flowed;
  };
  return list.map((named) => {
    const entry: Obj = { name: named.name };
    const specs = (named.time_intervals as Obj[] | undefined) ?? [];
    const out = consume(entry);
    // The struct field resets the flag before the list is written.
    leak = false;
    entry.time_intervals = new Kept(
      specs.map((spec) => {
        const value: Obj = {
          times: (spec.times as Obj[] | undefined)?.map((t) => ({ start_time: new Kept(clock(t.start_time)), end_time: new Kept(clock(t.end_time)) })),
        };
        const flowed = consume(value);
        if ((spec.weekdays as unknown[] | undefined)?.length) value.weekdays = new Flow((spec.weekdays as string[]).map((w) => range(w, weekday, (n) => WEEKDAYS[n]!)));
        if ((spec.days_of_month as unknown[] | undefined)?.length) value.days_of_month = new Flow((spec.days_of_month as string[]).map((d) => range(d, Number, String)));
        if ((spec.months as unknown[] | undefined)?.length) value.months = new Flow((spec.months as string[]).map((m) => range(m, month, String)));
        if ((spec.years as unknown[] | undefined)?.length) value.years = new Flow((spec.years as string[]).map((y) => range(y, Number, String)));
        if (spec.location !== undefined) {
          value.location = spec.location === '' ? 'UTC' : spec.location;
          leak = true;
        }
        return flowed instanceof Flow ? new Flow(omitEmpty(value) as Obj) : value;
      }),
    );
    return out instanceof Flow ? new Flow(omitEmpty(entry) as Obj) : entry;
  });
}
