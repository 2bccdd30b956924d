/** A commit sha shown short, the full one on hover and for screen readers. */
export function Sha({ sha, testId }: { sha: string | null | undefined; testId?: string }) {
  if (!sha) return <span className="muted">none</span>;
  return (
    <code className="sha" title={sha} data-testid={testId} data-sha={sha}>
      {sha.slice(0, 7)}
    </code>
  );
}
