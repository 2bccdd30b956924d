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
