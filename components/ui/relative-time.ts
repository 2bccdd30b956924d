// "3 minutes ago" for a timestamp, relative to `now` (pure: the caller owns the clock).

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

export function relativeTime(iso: string, now: number): string {
  const delta = new Date(iso).getTime() - now;
  if (!Number.isFinite(delta)) return iso;
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const [unit, ms] = UNITS.find(([, size]) => Math.abs(delta) >= size) ?? ['second', 1_000];
  return format.format(Math.round(delta / ms), unit);
}

/** "2025-01-01 12:00:00 UTC": the exact time, shown on hover. */
export function exactTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}
