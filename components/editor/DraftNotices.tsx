// Notes above the editor about where the text came from: a draft restored from this
// browser, HEAD having moved since the edit started, drafts left on older commits.
import { Sha } from '../ui/Sha';
import { Time } from '../ui/Time';
import { ErrorNote } from '../ui/ErrorNote';
import type { Draft } from './drafts';

export interface OldDraft {
  base: string;
  draft: Draft;
}

export interface DraftNoticesProps {
  restored: Draft | null;
  dirty: boolean;
  /** HEAD's commit when it is no longer the edit's base (and no merge is showing). */
  headMoved: string | null;
  oldDrafts: readonly OldDraft[];
  onRecover: (entry: OldDraft) => void;
  onDiscard: (entry: OldDraft) => void;
  recoverError: unknown;
}

export function DraftNotices({ restored, dirty, headMoved, oldDrafts, onRecover, onDiscard, recoverError }: DraftNoticesProps) {
  return (
    <>
      {restored && dirty ? (
        <p className="info-note" data-testid="draft-restored">
          Restored your unapplied draft (saved <Time iso={new Date(restored.savedAt).toISOString()} />).
        </p>
      ) : null}
      {headMoved ? (
        <p className="warning-note" data-testid="head-moved">
          HEAD moved to <Sha sha={headMoved} /> since you started: Apply will show both changes and merge them.
        </p>
      ) : null}
      {oldDrafts.map((entry) => (
        <div key={entry.base} className="info-note" data-testid="old-draft">
          You have an unapplied draft based on the older commit <Sha sha={entry.base} /> (saved <Time iso={new Date(entry.draft.savedAt).toISOString()} />).{' '}
          <button type="button" className="button" onClick={() => onRecover(entry)} disabled={dirty}>
            Merge it into HEAD
          </button>{' '}
          <button type="button" className="button" onClick={() => onDiscard(entry)}>
            Discard it
          </button>
          {dirty ? <span className="muted"> (merging needs an unedited editor)</span> : null}
        </div>
      ))}
      <ErrorNote error={recoverError} title="The old draft could not be merged" />
    </>
  );
}
