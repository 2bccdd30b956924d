// Whether an instant falls in a named time interval (Alertmanager's timeinterval package):
// an interval holds if any of its specs does; a spec holds when every field it sets holds —
// times of day [start, end), weekdays, days of the month (negative ones count from the end of
// the month, clamped to it), months and years, all read on the wall clock of its location
// (UTC when none is set).
import type { Config } from '../../config/schema';

type Spec = NonNullable<NonNullable<Config['time_intervals'][number]['time_intervals']>[number]>;

export type IntervalSet = ReadonlyMap<string, (at: number) => boolean>;

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Every named interval of the config (time_intervals and the older mute_time_intervals). */
export function compileTimeIntervals(config: Pick<Config, 'time_intervals' | 'mute_time_intervals'>): IntervalSet {
  const out = new Map<string, (at: number) => boolean>();
  for (const t of [...config.mute_time_intervals, ...config.time_intervals]) {
    const specs = (t.time_intervals ?? []).map(compileSpec);
    out.set(t.name ?? '', (at) => specs.some((holds) => holds(at)));
  }
  return out;
}

/** Whether `at` is in any of the named intervals (a name not defined holds nowhere). */
export function inIntervals(intervals: IntervalSet, names: readonly string[], at: number): boolean {
  return names.some((name) => intervals.get(name)?.(at) ?? false);
}

interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  weekday: number; // 0 = sunday
  minute: number; // minutes into the day
  daysInMonth: number;
}

function compileSpec(spec: Spec): (at: number) => boolean {
  const times = spec.times?.map((t) => [clock(t.start_time ?? ''), clock(t.end_time ?? '')] as const);
  const weekdays = spec.weekdays?.map((r) => range(r, (s) => WEEKDAYS.indexOf(s)));
  const days = spec.days_of_month?.map((r) => range(r, Number));
  const months = spec.months?.map((r) => range(r, (s) => (MONTHS.includes(s) ? MONTHS.indexOf(s) + 1 : Number(s))));
  const years = spec.years?.map((r) => range(r, Number));
  const zone = spec.location && spec.location !== 'Local' ? spec.location : 'UTC';
  const read = wallClockIn(zone);
  return (at) => {
    const t = read(at);
    if (times && !times.some(([start, end]) => t.minute >= start && t.minute < end)) return false;
    if (days && !days.some(([b, e]) => inDays(t, b, e))) return false;
    if (months && !months.some(([b, e]) => t.month >= b && t.month <= e)) return false;
    if (weekdays && !weekdays.some(([b, e]) => t.weekday >= b && t.weekday <= e)) return false;
    if (years && !years.some(([b, e]) => t.year >= b && t.year <= e)) return false;
    return true;
  };
}

/** A day-of-month range on this month's calendar: negative days from the end, clamped. */
function inDays(t: WallClock, begin: number, end: number): boolean {
  const b = begin < 0 ? t.daysInMonth + begin + 1 : begin;
  const e = end < 0 ? t.daysInMonth + end + 1 : end;
  if (b > t.daysInMonth) return false;
  const clamp = (n: number) => Math.max(-t.daysInMonth, Math.min(n, t.daysInMonth));
  return t.day >= clamp(b) && t.day <= clamp(e);
}

function range(text: string, member: (s: string) => number): [number, number] {
  const [a, b = a] = text.toLowerCase().split(':') as [string, string?];
  return [member(a), member(b!)];
}

function clock(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function wallClockIn(zone: string): (at: number) => WallClock {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short', hour: 'numeric', minute: 'numeric' });
  return (at) => {
    const parts = Object.fromEntries(format.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
    const year = Number(parts.year);
    const month = Number(parts.month);
    return {
      year,
      month,
      day: Number(parts.day),
      weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday!),
      minute: Number(parts.hour) * 60 + Number(parts.minute),
      daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
    };
  };
}
