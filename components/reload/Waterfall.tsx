// One row per phase: its bar placed where it ran within the whole reload, its duration and
// outcome in text (the bar only repeats what the text says).
import { formatMs, stepTone } from './verdict';
import { layoutWaterfall, type PhaseStep } from './waterfall';
import styles from './Waterfall.module.css';

export function Waterfall({ steps, showErrors = false, label = 'Reload phases' }: { steps: readonly PhaseStep[]; showErrors?: boolean; label?: string }) {
  const bars = layoutWaterfall(steps);
  return (
    <ol className={styles.waterfall} aria-label={label}>
      {bars.map((bar) => (
        <li key={bar.name} className={styles.row} data-testid={`phase-${bar.name}`} data-state={bar.state}>
          <span className={styles.name}>{bar.name}</span>
          <span className={styles.track} aria-hidden="true">
            <span className={`${styles.bar} tone-bg-${stepTone(bar.state)} ${bar.state === 'running' ? styles.running : ''}`} style={{ left: `${bar.offsetPct}%`, width: `${bar.widthPct}%` }} />
          </span>
          <span className={styles.duration}>{bar.state === 'pending' || bar.state === 'running' ? '' : formatMs(bar.duration_ms)}</span>
          <span className={`${styles.state} tone-text-${stepTone(bar.state)}`}>{bar.state.replace('_', ' ')}</span>
          {showErrors && bar.error ? <pre className={`${styles.error} error-full`}>{bar.error}</pre> : null}
        </li>
      ))}
    </ol>
  );
}
