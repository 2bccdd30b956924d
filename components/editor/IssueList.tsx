// The live check's issues as a list next to the editor: the same text as the markers, for
// keyboard and screen-reader users, each one a button that puts the cursor on the spot.
import type { ConfigIssue } from '../../server/contract/config';

export function IssueList({ issues, onJump, checking }: { issues: readonly ConfigIssue[]; onJump: (issue: ConfigIssue) => void; checking: boolean }) {
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
            <li key={i} data-line={issue.line ?? 1} data-path={issue.path} data-code={issue.code}>
              <button type="button" className="link-button" onClick={() => onJump(issue)}>
                <span className="issue-where">
                  line {issue.line ?? 1}:{issue.column ?? 1}
                </span>
              </button>{' '}
              {issue.path ? <code>{issue.path}</code> : null} {issue.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
