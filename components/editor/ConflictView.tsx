'use client';
// The three-way view after a stale-base Apply (or when an old draft is brought forward):
// base, theirs (the new HEAD) and mine side by side, each change against the base marked,
// while the merged text, conflict markers and all, sits in the editor to be finished there.
import { useEffect, useMemo, useRef } from 'react';
import type { HeadConfig } from '../hooks/api';
import { markSides, type SideMarks } from './merge';
import { splitLines } from '../ui/line-diff';
import { Sha } from '../ui/Sha';
import styles from './ConflictView.module.css';

export interface ConflictState {
  /** What the edit started from. */
  base: HeadConfig;
  /** HEAD now: the apply's new base. */
  theirs: HeadConfig;
  /** The operator's text before the merge (kept whole: nothing typed is lost). */
  mine: string;
  /** Conflict blocks the merge left. */
  conflicts: number;
  why: 'stale_base' | 'old_draft';
}

export interface ConflictViewProps {
  conflict: ConflictState;
  /** Conflict blocks still in the editor. */
  remaining: number;
  onReplace: (text: string) => void;
  onRemerge: () => void;
  onDismiss: () => void;
}

export function ConflictView({ conflict, remaining, onReplace, onRemerge, onDismiss }: ConflictViewProps) {
  const { base, theirs, mine } = conflict;
  const sides = useMemo(() => markSides(base.content, theirs.content, mine), [base.content, theirs.content, mine]);
  return (
    <section className={styles.conflict} aria-labelledby="conflict-title" data-testid="conflict-view" data-remaining={remaining}>
      <h2 id="conflict-title">{conflict.why === 'stale_base' ? 'Someone else committed while you were editing' : 'Your earlier draft, brought up to date'}</h2>
      <p>
        HEAD moved from <Sha sha={base.commit} /> to <Sha sha={theirs.commit} />. Your edit was merged with theirs line by line:{' '}
        {conflict.conflicts === 0 ? (
          <strong>no conflicts</strong>
        ) : (
          <strong>
            {conflict.conflicts} conflict{conflict.conflicts === 1 ? '' : 's'}
          </strong>
        )}
        {conflict.conflicts > 0 ? ' where both changed the same lines' : ''}. The merged text is in the editor;{' '}
        {remaining > 0 ? (
          <strong data-testid="conflicts-remaining">
            {remaining} conflict block{remaining === 1 ? '' : 's'} left: keep the lines you want between <code>&lt;&lt;&lt;&lt;&lt;&lt;&lt;</code> and <code>&gt;&gt;&gt;&gt;&gt;&gt;&gt;</code> and delete the markers
          </strong>
        ) : (
          <span data-testid="conflicts-remaining">review it</span>
        )}
        , then Apply: it will be based on <Sha sha={theirs.commit} />.
      </p>
      <div className="toolbar">
        <button type="button" className="button" onClick={onRemerge}>
          Merge again from mine
        </button>
        <button type="button" className="button" onClick={() => onReplace(theirs.content)}>
          Take theirs (drop my edit)
        </button>
        <button type="button" className="button" onClick={() => onReplace(mine)}>
          Take mine (undo their change)
        </button>
        <button type="button" className="button" onClick={onDismiss}>
          Hide this panel
        </button>
      </div>
      <div className={styles.panes}>
        <Pane title="Base" sha={base.commit} text={base.content} marks={sides.base} testId="conflict-base" />
        <Pane title="Theirs (HEAD)" sha={theirs.commit} text={theirs.content} marks={sides.theirs} testId="conflict-theirs" />
        <Pane title="Mine" sha={null} text={mine} marks={sides.mine} testId="conflict-mine" />
      </div>
    </section>
  );
}

function Pane({ title, sha, text, marks, testId }: { title: string; sha: string | null; text: string; marks: SideMarks; testId: string }) {
  const lines = splitLines(text);
  const list = useRef<HTMLOListElement>(null);
  // Open each pane where its side differs, not at line 1 of a long file.
  useEffect(() => {
    const item = list.current?.children[marks.first] as HTMLElement | undefined;
    if (list.current && item) list.current.scrollTop = Math.max(0, item.offsetTop - 48);
  }, [marks.first]);
  return (
    <section className={styles.pane} aria-label={title} data-testid={testId}>
      <h3>
        {title} {sha ? <Sha sha={sha} /> : <span className="muted">your edit</span>}
        <span className="muted">
          {' '}
          · {marks.lines.size} line{marks.lines.size === 1 ? '' : 's'} {title === 'Base' ? 'replaced' : 'changed'}
        </span>
      </h3>
      <ol ref={list} className={styles.code} tabIndex={0} aria-label={`${title} text`}>
        {lines.map((line, i) => (
          <li key={i} className={marks.lines.has(i) ? (title === 'Base' ? styles.replaced : styles.changed) : undefined}>
            {line || ' '}
          </li>
        ))}
      </ol>
    </section>
  );
}
