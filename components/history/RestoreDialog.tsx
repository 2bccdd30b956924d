'use client';
// Restore = a new commit whose config.yaml equals this commit's (history is never
// rewritten). The confirm shows exactly what the restore changes against HEAD.
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { api } from '../hooks/api';
import { queryKeys, useRestore } from '../hooks/queries';
import { ErrorNote } from '../ui/ErrorNote';
import { formatUnified } from '../ui/line-diff';
import { Sha } from '../ui/Sha';
import { UnifiedDiff } from './UnifiedDiff';

export function RestoreDialog({ sha, subject, content }: { sha: string; subject: string; content: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const restore = useRestore();
  // HEAD read fresh when the dialog opens: the diff must be against what is there now.
  const head = useQuery({ queryKey: queryKeys.head, queryFn: api.headConfig, enabled: open, staleTime: 0 });

  const show = () => {
    restore.reset();
    setOpen(true);
    dialog.current?.showModal();
  };
  const close = () => {
    setOpen(false);
    dialog.current?.close();
  };
  const confirm = () =>
    restore.mutate(sha, {
      onSuccess: (result) => {
        // A no-op restore committed nothing: say so here instead of leaving the page.
        if (result.noop) return;
        close();
        router.push(`/reloads/${result.reload.id}`);
      },
    });

  const diff = head.data ? formatUnified(head.data.content, content) : null;
  return (
    <>
      <button type="button" className="button primary" onClick={show} data-testid="restore">
        Restore this version…
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby="restore-title" onClose={() => setOpen(false)} data-testid="restore-dialog">
        <h2 id="restore-title">
          Restore config.yaml to <Sha sha={sha} />?
        </h2>
        <p>
          This makes a new commit, <q>Revert config to {sha.slice(0, 7)}: {subject}</q>, then reloads the service. Earlier commits stay in the history. It changes HEAD
          {head.data ? (
            <>
              {' '}
              (<Sha sha={head.data.commit} />)
            </>
          ) : null}{' '}
          like this:
        </p>
        {head.error ? <ErrorNote error={head.error} title="Cannot read HEAD" /> : null}
        {diff === null ? <p className="muted">Loading HEAD…</p> : <UnifiedDiff diff={diff} label="Changes the restore makes to HEAD" testId="restore-diff" />}
        {restore.data?.noop ? <p className="info-note">HEAD already has this content: nothing was committed.</p> : null}
        <ErrorNote error={restore.error} title="Restore failed" />
        <div className="toolbar">
          <button type="button" className="button primary" onClick={confirm} disabled={restore.isPending || diff === null} data-testid="restore-confirm">
            {restore.isPending ? 'Restoring…' : 'Restore and reload'}
          </button>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
        </div>
      </dialog>
    </>
  );
}
