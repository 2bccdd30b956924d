import type { Tone } from '../reload/verdict';

/** A short coloured label; the text carries the meaning, the colour only repeats it. */
export function Badge({ tone, children, testId }: { tone: Tone; children: React.ReactNode; testId?: string }) {
  return (
    <span className={`badge tone-${tone}`} data-testid={testId}>
      {children}
    </span>
  );
}
