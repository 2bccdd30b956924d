'use client';
// One commit: its diff against its parent and the Restore action.
import { useCommit, useHistory } from '../hooks/queries';
import { ErrorNote } from '../ui/ErrorNote';
import { Sha } from '../ui/Sha';
import { RestoreDialog } from './RestoreDialog';
import { UnifiedDiff } from './UnifiedDiff';

export function CommitDetail({ sha }: { sha: string | null }) {
  const history = useHistory();
  const headSha = history.data?.pages[0]?.commits[0]?.sha ?? null;
  const target = sha ?? headSha;
  const commit = useCommit(target);
  if (!target) return null;
  const summary = history.data?.pages.flatMap((p) => p.commits).find((c) => c.sha === target);
  return (
    <section className="card stack-sm" aria-labelledby="commit-title" data-testid="commit-detail" data-sha={target}>
      <h2 id="commit-title">
        {summary?.subject ?? 'Commit'} <Sha sha={target} />
      </h2>
      {commit.error ? <ErrorNote error={commit.error} title="Cannot read this commit" /> : null}
      {commit.data ? (
        <>
          <p className="muted">
            {commit.data.parent ? (
              <>
                Changes against its parent <Sha sha={commit.data.parent} />:
              </>
            ) : (
              'The first commit: the whole file.'
            )}
          </p>
          <UnifiedDiff diff={commit.data.diff} label={`Diff of commit ${target.slice(0, 7)}`} testId="commit-diff" />
          {target === headSha ? (
            <p className="muted">This is HEAD: nothing to restore.</p>
          ) : (
            <RestoreDialog sha={target} subject={summary?.subject ?? ''} content={commit.data.content} />
          )}
        </>
      ) : commit.isPending ? (
        <p className="muted" role="status">Loading…</p>
      ) : null}
    </section>
  );
}
