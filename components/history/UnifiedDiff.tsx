// A unified diff as text, each line coloured by kind (and marked for screen readers, since
// colour alone does not say "added").
import { classifyDiff, type DiffLineKind } from './diff-lines';
import styles from './UnifiedDiff.module.css';

const SPOKEN: Partial<Record<DiffLineKind, string>> = { add: 'added: ', del: 'removed: ' };

export function UnifiedDiff({ diff, label, testId }: { diff: string; label: string; testId?: string }) {
  const lines = classifyDiff(diff);
  if (lines.length === 0) return <p className="muted" data-testid={testId}>No differences.</p>;
  return (
    <pre className={styles.diff} aria-label={label} tabIndex={0} data-testid={testId}>
      {lines.map((line, i) => (
        <span key={i} className={styles[line.kind]}>
          {SPOKEN[line.kind] ? <span className="visually-hidden">{SPOKEN[line.kind]}</span> : null}
          {line.text}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}
