// Commit message and Apply. The button stays focusable when it cannot run (aria-disabled)
// so keyboard users reach it and hear why, which is also written next to it.
import type { FormEvent } from 'react';

export interface ApplyBarProps {
  message: string;
  onMessage: (message: string) => void;
  blocker: string | null;
  pending: boolean;
  baseCommit: string;
  onApply: () => void;
}

export function ApplyBar({ message, onMessage, blocker, pending, baseCommit, onApply }: ApplyBarProps) {
  const disabled = blocker !== null || pending;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!disabled) onApply();
  };
  return (
    <form className="apply-bar" onSubmit={submit} aria-labelledby="apply-title">
      <h2 id="apply-title" className="visually-hidden">
        Commit and apply
      </h2>
      <label htmlFor="commit-message">Commit message</label>
      <textarea id="commit-message" name="message" rows={2} required value={message} onChange={(e) => onMessage(e.target.value)} placeholder="What does this change do, and why?" />
      <div className="apply-row">
        <button type="submit" className="button primary" aria-disabled={disabled} aria-describedby="apply-reason" data-testid="apply">
          {pending ? 'Applying…' : 'Apply'}
        </button>
        <span id="apply-reason" className={blocker ? 'apply-reason blocked' : 'apply-reason'} data-testid="apply-reason" role="status">
          {pending ? 'Committing and reloading the service…' : (blocker ?? `Commits on top of ${baseCommit.slice(0, 7)}, then reloads the service.`)}
        </span>
      </div>
    </form>
  );
}
