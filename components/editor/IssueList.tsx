// The live check's issues as a list next to the editor: the same text as the markers, for
// keyboard and screen-reader users, each one a button that puts the cursor on the spot.
// Warnings (what loads but is ignored) follow the problems; they never block Apply.
import type { ConfigIssue } from '../../server/contract/config';

export interface IssueListProps {
  issues: readonly ConfigIssue[];
  warnings?: readonly ConfigIssue[];
  onJump: (issue: ConfigIssue) => void;
  checking: boolean;
}

export function IssueList({ issues, warnings = [], onJump, checking }: IssueListProps) {
  return (
    <section aria-labelledby="draft-issues-title" className="issues">
      <h2 id="draft-issues-title">
        Problems <span className="count" data-testid="issue-count">{issues.length}</span>
        {checking ? <span className="muted"> checking…</span> : null}
      </h2>
      {issues.length === 0 ? (
        <p className="muted" data-testid="draft-valid">
          No problems: the draft passes the same check the service runs.
        </p>
      ) : (
        <ul className="issue-list" data-testid="draft-issues">
          {issues.map((issue, i) => (
            <IssueItem key={i} issue={issue} onJump={onJump} />
          ))}
        </ul>
      )}
      {warnings.length > 0 ? (
        <ul className="issue-list" data-testid="draft-warnings">
          {warnings.map((issue, i) => (
            <IssueItem key={i} issue={issue} onJump={onJump} warning />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function IssueItem({ issue, onJump, warning = false }: { issue: ConfigIssue; onJump: (issue: ConfigIssue) => void; warning?: boolean }) {
  return (
    <li data-line={issue.line ?? 1} data-path={issue.path} data-code={issue.code} className={warning ? 'warning-note' : undefined}>
      <button type="button" className="link-button" onClick={() => onJump(issue)}>
        <span className="issue-where">
          line {issue.line ?? 1}:{issue.column ?? 1}
        </span>
      </button>{' '}
      {warning ? <strong>warning: </strong> : null}
      {issue.path ? <code>{issue.path}</code> : null} {issue.message}
    </li>
  );
}
