// Durations of recent reloads as bars, coloured by outcome; each bar links to its reload.
import type { ReloadRecord } from '../../server/contract/reload';
import { formatMs } from '../reload/verdict';
import { sparklineBars } from './sparkline';

const BOX = { width: 320, height: 48, gap: 2, maxSlot: 14 };

export function ReloadSparkline({ records }: { records: readonly ReloadRecord[] }) {
  const bars = sparklineBars(records, BOX);
  const failed = records.filter((r) => r.status !== 'success' && r.status !== 'noop').length;
  const max = Math.max(...records.map((r) => r.duration_ms));
  return (
    <figure className="sparkline" data-testid="sparkline">
      <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-label={`${records.length} recent reloads, ${failed} not applied, longest ${formatMs(max)}`} preserveAspectRatio="none">
        {bars.map((b) => (
          // An SVG <a>: next/link renders an HTML anchor, which has no meaning inside <svg>.
          <a key={b.id} href={`/reloads/${b.id}`}>
            <rect x={b.x} y={b.y} width={b.width} height={b.height} className={`tone-fill-${b.tone}`}>
              <title>{b.title}</title>
            </rect>
          </a>
        ))}
      </svg>
      <figcaption className="muted">
        Oldest left, newest right; height = duration (square-root scale), longest {formatMs(max)}. {failed} of {records.length} not applied.
      </figcaption>
    </figure>
  );
}
