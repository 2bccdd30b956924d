// Go/Prometheus-style durations ("30s", "5m", "720h", "1h30m", "250ms"), as Alertmanager
// configs write them. Parsed to milliseconds; the config keeps the string so a diff and a
// round trip show exactly what the operator wrote.

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

// Units must appear largest first, each at most once, like Prometheus' model.ParseDuration.
const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const ORDER = ['y', 'w', 'd', 'h', 'm', 's', 'ms'] as const;

/** Milliseconds for a duration string, or null when it is not one. "0" and "0s" are 0. */
export function parseDuration(text: string): number | null {
  if (text === '0') return 0;
  if (text === '') return null;
  const m = DURATION_RE.exec(text);
  if (!m) return null;
  let total = 0;
  ORDER.forEach((unit, i) => {
    const n = m[i + 1];
    if (n !== undefined) total += Number(n) * UNIT_MS[unit]!;
  });
  return Number.isSafeInteger(total) ? total : null;
}

export const DURATION_HINT = 'a duration such as 500ms, 30s, 5m, 1h30m or 720h (units y w d h m s ms, largest first)';

const GO_UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const GO_PART = /(\d*(?:\.\d*)?)(ns|us|µs|μs|ms|s|m|h)/y;

/**
 * Milliseconds for a Go `time.ParseDuration` string ("1m", "1.5h", "-30s", "1h30m"), or null.
 * A few Alertmanager fields (Pushover's retry and expire) use Go's format rather than
 * Prometheus': fractions and a sign are allowed, days and weeks are not.
 */
export function parseGoDuration(text: string): number | null {
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s[0] === '-' ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return null;
  let total = 0;
  GO_PART.lastIndex = 0;
  while (GO_PART.lastIndex < s.length) {
    const start = GO_PART.lastIndex;
    const m = GO_PART.exec(s);
    if (!m || m.index !== start || m[1] === '' || m[1] === '.') return null;
    total += Number(m[1]) * GO_UNIT_MS[m[2]!]!;
  }
  return sign * total;
}
